import { networkScript } from './network';

export default async function globalTeardown(): Promise<void> {
  if (process.env.XBORDER_TEST_STARTED_NETWORK === 'yes') {
    await networkScript('down');
  }
}
