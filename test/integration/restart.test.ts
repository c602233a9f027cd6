import { connectAs } from './support/clients';
import { networkScript, networkStatus } from './support/network';

const utf8 = new TextDecoder();

// Each cycle is one `down` and one `up`; CI keeps it to 2, a soak test sets more.
const CYCLES = Number(process.env.XBORDER_RESTART_CYCLES ?? 2);
// An `up` after `down` takes well under a minute here, but every readiness step may
// wait up to XBORDER_READY_TIMEOUT (120 s) on a slow machine: allow several per cycle.
const CYCLE_TIMEOUT_MS = 6 * 60 * 1000;

/**
 * `up` after `down` is idempotent however the nodes' start-up races: each `up`
 * restarts every node on the kept ledger without re-creating or redefining
 * anything. Runs in any order among the suites, so it leaves the network running.
 */
describe('network/network.sh down then up, repeatedly', () => {
  it(
    `restarts ${CYCLES} times with every node running, the ledger kept and the chaincode unchanged`,
    async () => {
      expect(Number.isInteger(CYCLES) && CYCLES > 0).toBe(true);
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const before = await networkStatus();
        expect(before.channel.height).toEqual(expect.any(Number));
        expect(before.chaincode).toEqual({ name: 'xborder', version: expect.any(String), sequence: expect.any(Number) });

        await networkScript('down');
        await networkScript('up');

        const after = await networkStatus();
        // One comparison per cycle, carrying the cycle number, so a failure says which restart broke.
        const heightKept = after.channel.height !== null && after.channel.height >= (before.channel.height as number);
        expect({
          cycle,
          stopped: after.nodes.filter((n) => !n.running).map((n) => n.name),
          height: heightKept ? 'same or higher' : `${before.channel.height} before, ${after.channel.height} after`,
          chaincode: after.chaincode,
        }).toEqual({ cycle, stopped: [], height: 'same or higher', chaincode: before.chaincode });
      }
    },
    CYCLES * CYCLE_TIMEOUT_MS,
  );

  it('commits a submission after the restarts, readable through another organisation', async () => {
    const heightBefore = (await networkStatus()).channel.height as number;

    await using cnbank = await connectAs('cnbank');
    const submitted = await (await cnbank.contract.newProposal('Health:heartbeat').endorse()).submit();
    const status = await submitted.getStatus();
    expect(status.successful).toBe(true);
    // It is a new block, after every block the kept ledger had.
    expect(Number(status.blockNumber)).toBeGreaterThanOrEqual(heightBefore);
    const written = JSON.parse(utf8.decode(submitted.getResult())) as { txId: string; mspId: string };

    await using usbank = await connectAs('usbank');
    // USBank's peer may not have committed that block yet: the client waits until it has.
    usbank.consistency.observe(status.blockNumber);
    expect(await usbank.health.getLastHeartbeat('CNBankMSP')).toEqual(written);
  });
});
