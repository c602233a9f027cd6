import { exposureShardOf } from '../../../../chaincode/src/domain/margin';
import { firstPart } from '../../../../chaincode/src/domain/token';
import { ErrorCodes } from '../../../../model/src/errors';
import { at, json, TradeWorld } from './trade-world';

/**
 * The order path under concurrency: transactions of many trades endorsed on
 * one snapshot and validated in one block, as they are when 32 trades run at
 * once through one liquidity provider. What may conflict is only what a rule
 * needs to see whole.
 */

const LP_PARTS = 8;

let base: TradeWorld;

beforeAll(async () => {
  base = await TradeWorld.create();
  // Enough CNY that each of LP1's parts covers one settlement (710,000.00 CNY).
  await base.tokens.mint('CNY', 'LP1', '1500000000', 'SEED-LP1-MORE');
  await base.ledger.submit(base.tokens.token, 'consolidate', [json({ partyId: 'LP1', currency: 'CNY', parts: LP_PARTS })], { as: base.user('LP1') });
});

/** Delivered orders of CNEXP to USIMP, each kept in a different shard of CNEXP's exposure. */
async function deliveredOrders(w: TradeWorld, count: number): Promise<string[]> {
  const orders: string[] = [];
  // CNEXP's margin carries four open orders at a time.
  for (let attempt = 0; attempt < 4 && orders.length < count; attempt++) {
    const orderId = await w.openOrder();
    if (orders.some((other) => exposureShardOf(other) === exposureShardOf(orderId))) {
      continue;
    }
    await w.fund(orderId);
    await w.ship(orderId);
    await w.deliver(orderId);
    orders.push(orderId);
  }
  expect(orders).toHaveLength(count);
  return orders;
}

describe('settlements through one liquidity provider', () => {
  it('commit together in one block when they start on different parts of its reserves', async () => {
    const w = base.fork();
    const orders = await deliveredOrders(w, 3);
    const txIds = ['settle-a', 'settle-b', 'settle-c'];
    expect(new Set(txIds.map((txId) => firstPart(LP_PARTS, txId))).size).toBe(3);
    const lpBefore = await w.balance('LP1', 'CNY');
    const sims = [];
    for (const [index, orderId] of orders.entries()) {
      sims.push(await w.ledger.simulate(w.order, 'settle', [orderId], { as: w.user('CNEXP'), txId: txIds[index] }));
    }
    expect(sims.map((sim) => sim.error)).toEqual([undefined, undefined, undefined]);
    expect(w.ledger.commit(...sims)).toEqual(['VALID', 'VALID', 'VALID']);
    // 100,000.00 USD less the seller's 50.00 USD share of the 10 bps fee, at LP1's bid of 7.1: 709,645.00 CNY each.
    expect(lpBefore - (await w.balance('LP1', 'CNY'))).toBe(3n * 70_964_500n);
    for (const orderId of orders) {
      expect(await w.orderOf(orderId)).toMatchObject({ status: 'SETTLED' });
    }
    expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ openOrders: 0, openAmount: '0' });
    expect(await w.tokens.supplyCheck('CNY')).toMatchObject({ consistent: true });
    expect(await w.tokens.supplyCheck('USD')).toMatchObject({ consistent: true });
  });

  it('are not invalidated by a rate the provider posts for later, only by one that would change their rate', async () => {
    const w = base.fork();
    const [first, second] = await deliveredOrders(w, 2);
    const now = at(0, 1);
    w.setTime(now);
    const settleFirst = await w.ledger.simulate(w.order, 'settle', [first], { as: w.user('CNEXP') });
    const later = { base: 'USD', quote: 'CNY', bid: '7.0', ask: '7.3', validFrom: at(0, 2), validUntil: at(1, 2), provider: 'LP1' };
    const postLater = await w.ledger.simulate(w.tokens.fx, 'postRate', [json(later)], { as: w.user('LP1') });
    expect(w.ledger.commit(postLater, settleFirst)).toEqual(['VALID', 'VALID']);
    expect((await w.orderOf(first)).status).toBe('SETTLED');

    const settleSecond = await w.ledger.simulate(w.order, 'settle', [second], { as: w.user('CNEXP') });
    const inForce = { ...later, validFrom: now, validUntil: at(1, 1) };
    const postNow = await w.ledger.simulate(w.tokens.fx, 'postRate', [json(inForce)], { as: w.user('LP1') });
    expect(postNow.error).toBeUndefined();
    // The new posting starts by the settlement's time: had it been seen, the settlement would have used it.
    expect(w.ledger.commit(postNow, settleSecond)).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
    const { settlement } = await w.settle(second);
    expect(settlement).toMatchObject({ exchangeRate: { rate: '7' } });
  });
});

describe('acceptances of one seller', () => {
  it('see its whole exposure, so concurrent ones can never take more than its margin carries', async () => {
    const w = base.fork();
    // 2,000,000 of margin at 5% carries four orders of 10,000,000; three are open.
    for (let open = 0; open < 3; open++) {
      await w.openOrder();
    }
    const quotations = [(await w.createQuotation()).quotationId, (await w.createQuotation()).quotationId];
    const sims = [];
    for (const quotationId of quotations) {
      sims.push(await w.ledger.simulate(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') }));
    }
    expect(sims.map((sim) => sim.error)).toEqual([undefined, undefined]);
    expect(w.ledger.commit(...sims)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
    await w.expectRejected(w.quotation, 'acceptQuotation', [quotations[1]], w.user('USIMP'), ErrorCodes.MARGIN_INSUFFICIENT);
    expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ openOrders: 4, required: '2000000', shortfall: '0' });
  });
});
