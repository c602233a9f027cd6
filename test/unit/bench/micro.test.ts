import { CASES, renderTable, runMicrobenchmarks } from '../../../bench/micro/harness';
import { TRANSACTIONS } from '../../../model/src/transactions';

/** The transactions `npm run bench:micro` must always time. */
const REQUIRED = [
  'Health:heartbeat',
  'Party:registerParty',
  'Party:verifyKyc',
  'Token:mint',
  'Token:transfer',
  'Token:redeem',
  'Token:balanceOf',
  'Token:supplyCheck',
  'FX:postRate',
  'FX:lockQuote',
  'Quotation:createQuotation',
  'Quotation:acceptQuotation',
  'Order:fund',
  'Order:ship',
  'Order:confirmDelivery',
  'Order:settle',
];

describe('bench:micro harness', () => {
  it('times transactions the chaincode serves, as they are served, each case once', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const micro of CASES) {
      expect({ name: micro.name, kind: TRANSACTIONS[micro.transaction]?.kind }).toEqual({ name: micro.name, kind: micro.kind });
    }
    expect(CASES.map((c) => c.transaction)).toEqual(expect.arrayContaining(REQUIRED));
  });

  it('produces numbers for every case in a couple of iterations, each call held to the published API', async () => {
    const seen: string[] = [];
    // A batch of 2 makes the third operation start again on a fresh fork of the case's world.
    const results = await runMicrobenchmarks(CASES, { iterations: 2, warmup: 1, batch: 2, apiChecks: true, onResult: (r) => seen.push(r.name) });
    expect(results.map((r) => r.name)).toEqual(CASES.map((c) => c.name));
    expect(seen).toEqual(CASES.map((c) => c.name));
    for (const result of results) {
      expect(result.iterations).toBe(2);
      for (const value of [result.opsPerSecond, result.meanUs, result.p50Us, result.p99Us, result.maxUs, result.cpuUs, result.stateKeys]) {
        expect(Number.isFinite(value) && value > 0).toBe(true);
      }
      expect(result.p50Us).toBeLessThanOrEqual(result.p99Us);
    }
    expect(renderTable(results).split('\n')).toHaveLength(CASES.length + 2);
  }, 120_000);

  it('refuses a run without timed operations', async () => {
    await expect(runMicrobenchmarks(CASES, { iterations: 0, warmup: 0 })).rejects.toThrow(/iterations and batch must be positive integers/);
  });
});
