import { networkScript, networkStatus } from './network';

/**
 * Integration tests need the real network. Bring it up (building Fabric on first
 * use) unless it already runs, and remember whether we started it so that the
 * teardown leaves a developer's own network as it found it.
 */
export default async function globalSetup(): Promise<void> {
  const status = await networkStatus();
  const wasRunning = status.nodes.every((n) => n.running) && status.chaincode !== null;
  process.env.XBORDER_TEST_STARTED_NETWORK = wasRunning ? '' : 'yes';
  await networkScript('up');
}
