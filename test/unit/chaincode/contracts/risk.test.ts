import { firstPart } from '../../../../chaincode/src/domain/token';
import { ErrorCodes } from '../../../../model/src/errors';
import { lastEvent } from './fixtures';
import { clerks } from './token-world';
import { json, TradeWorld } from './trade-world';

let base: TradeWorld;

beforeAll(async () => {
  base = await TradeWorld.create();
});

async function setLimit(w: TradeWorld, limit: Record<string, unknown>): Promise<Record<string, unknown>> {
  return JSON.parse(await w.ledger.submit(w.risk, 'setLimit', [json({ currency: 'USD', ...limit })], { as: clerks.CH }));
}

describe('Risk:setLimit', () => {
  it('records limits set by the clearing house and answers queries', async () => {
    const w = base.fork();
    expect(await w.query(w.risk, 'getLimit', ['USIMP', 'USD'])).toEqual({ partyId: 'USIMP', currency: 'USD' });
    const limit = await setLimit(w, { partyId: 'USIMP', singleOrderMax: '20000000', dailyOutflowMax: '25000000', velocityAlertPerDay: 1 });
    expect(limit).toMatchObject({ partyId: 'USIMP', singleOrderMax: '20000000', dailyOutflowMax: '25000000', velocityAlertPerDay: 1, setBy: 'ClearingHouseMSP' });
    expect(lastEvent(w.ledger)).toEqual({ name: 'RiskLimitSet', payload: limit });
    expect(await w.query(w.risk, 'getLimit', ['USIMP', 'USD'])).toEqual(limit);
  });

  it.each([
    ['a party as caller', { partyId: 'USIMP', singleOrderMax: '1' }, 'party', ErrorCodes.UNAUTHORIZED],
    ['an unknown party', { partyId: 'NOBODY', singleOrderMax: '1' }, 'ch', ErrorCodes.NOT_FOUND],
    ['a zero limit', { partyId: 'USIMP', singleOrderMax: '0' }, 'ch', ErrorCodes.INVALID_AMOUNT],
    ['a single-order limit above the daily limit', { partyId: 'USIMP', singleOrderMax: '2', dailyOutflowMax: '1' }, 'ch', ErrorCodes.INVALID_ARGUMENT],
    ['a velocity threshold of 0', { partyId: 'USIMP', velocityAlertPerDay: 0 }, 'ch', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', { partyId: 'USIMP', weeklyMax: '1' }, 'ch', ErrorCodes.INVALID_ARGUMENT],
  ])('rejects %s', async (_name, limit, caller, code) => {
    const w = base.fork();
    await w.expectRejected(w.risk, 'setLimit', [json({ currency: 'USD', ...limit })], caller === 'ch' ? clerks.CH : w.user('USIMP'), code);
  });
});

describe('risk rules at acceptance and funding', () => {
  it('rejects an order above the buyer or the seller single-order limit, naming the rule', async () => {
    for (const partyId of ['USIMP', 'CNEXP']) {
      const w = base.fork();
      await setLimit(w, { partyId, singleOrderMax: '9999999' });
      const { quotationId } = await w.createQuotation();
      await w.expectRejected(w.quotation, 'acceptQuotation', [quotationId], w.user('USIMP'), ErrorCodes.RISK_LIMIT_EXCEEDED);
      const sim = await w.ledger.simulate(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') });
      expect(sim.error?.message).toMatch(/^RISK_LIMIT_EXCEEDED: single-order limit: /);
    }
  });

  it('counts escrow payments per buyer per day, alerts on velocity and near the limit, and rejects past the daily limit', async () => {
    const w = base.fork();
    await setLimit(w, { partyId: 'USIMP', dailyOutflowMax: '25000000', velocityAlertPerDay: 1 });
    const first = await w.openOrder();
    const second = await w.openOrder();
    const third = await w.openOrder();
    expect((await w.fund(first)).alerts).toEqual([]);
    const { alerts } = await w.fund(second);
    expect(alerts).toEqual([
      { rule: 'VELOCITY_PAYMENTS_PER_DAY', partyId: 'USIMP', currency: 'USD', day: '2026-03-01', value: '2', threshold: '1' },
      { rule: 'DAILY_OUTFLOW_NEAR_LIMIT', partyId: 'USIMP', currency: 'USD', day: '2026-03-01', value: '20010000', threshold: '25000000' },
    ]);
    expect(lastEvent(w.ledger).payload.alerts).toEqual(alerts);
    expect(await w.query(w.risk, 'getDailyOutflow', ['USIMP', 'USD', '2026-03-01'])).toEqual({ partyId: 'USIMP', currency: 'USD', day: '2026-03-01', amount: '20010000', payments: 2 });
    await w.expectRejected(w.order, 'fund', [third], w.user('USIMP'), ErrorCodes.RISK_LIMIT_EXCEEDED);
    const sim = await w.ledger.simulate(w.order, 'fund', [third], { as: w.user('USIMP') });
    expect(sim.error?.message).toMatch(/^RISK_LIMIT_EXCEEDED: daily outflow limit: /);
    // The next UTC day starts a new counter.
    w.setTime('2026-03-02T00:00:00.000Z');
    await w.fund(third);
    expect(await w.query(w.risk, 'getDailyOutflow', ['USIMP', 'USD', '2026-03-01'])).toMatchObject({ payments: 2 });
    await expect(w.ledger.evaluate(w.risk, 'getDailyOutflow', ['USIMP', 'USD', '2026-13-01'], { as: clerks.CH })).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});

describe('fundings of one buyer endorsed at once', () => {
  it('share no key when the buyer has no daily limit: all commit in one block and the day still adds up', async () => {
    const w = base.fork();
    const orders = [await w.openOrder(), await w.openOrder(), await w.openOrder()];
    // A buyer that funds several orders at once spreads its balance so that each part covers a funding;
    // these transaction ids start at different parts, as concurrent transactions' ids almost always do.
    await w.tokens.mint('USD', 'USIMP', '2000000000', 'DEP-SPREAD');
    await w.ledger.submit(w.tokens.token, 'consolidate', [json({ partyId: 'USIMP', currency: 'USD', parts: 64 })], { as: w.user('USIMP') });
    const txIds = ['fund-a', 'fund-b', 'fund-c'];
    expect(new Set(txIds.map((txId) => firstPart(64, txId))).size).toBe(3);
    const sims = [];
    for (const [index, orderId] of orders.entries()) {
      sims.push(await w.ledger.simulate(w.order, 'fund', [orderId], { as: w.user('USIMP'), txId: txIds[index] }));
    }
    expect(w.ledger.commit(...sims)).toEqual(['VALID', 'VALID', 'VALID']);
    expect(await w.query(w.risk, 'getDailyOutflow', ['USIMP', 'USD', '2026-03-01'])).toEqual({ partyId: 'USIMP', currency: 'USD', day: '2026-03-01', amount: '30015000', payments: 3 });
  });

  it('are checked against one exact total under a daily limit: the limit is never overshot', async () => {
    const w = base.fork();
    // Room for two fundings of 10,005,000, not three.
    await setLimit(w, { partyId: 'USIMP', dailyOutflowMax: '25000000' });
    const orders = [await w.openOrder(), await w.openOrder(), await w.openOrder()];
    const sims = [];
    for (const orderId of orders) {
      sims.push(await w.ledger.simulate(w.order, 'fund', [orderId], { as: w.user('USIMP') }));
    }
    // Each was endorsed against a total of 0; only the first commits, the others read a stale total.
    expect(w.ledger.commit(...sims)).toEqual(['VALID', 'MVCC_READ_CONFLICT', 'MVCC_READ_CONFLICT']);
    await w.fund(orders[1]);
    await w.expectRejected(w.order, 'fund', [orders[2]], w.user('USIMP'), ErrorCodes.RISK_LIMIT_EXCEEDED);
    expect(await w.query(w.risk, 'getDailyOutflow', ['USIMP', 'USD', '2026-03-01'])).toMatchObject({ amount: '20010000', payments: 2 });
  });
});
