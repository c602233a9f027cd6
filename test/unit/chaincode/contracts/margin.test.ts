import { ErrorCodes } from '../../../../model/src/errors';
import { lastEvent } from './fixtures';
import { admins, clerks } from './token-world';
import { at, json, PARAMETERS, TradeWorld } from './trade-world';

let base: TradeWorld;

beforeAll(async () => {
  base = await TradeWorld.create();
});

const move = (partyId: string, amount: string, currency = 'USD'): string => json({ partyId, currency, amount });

describe('Margin:postMargin and withdrawMargin', () => {
  it('moves tokens into margin:<party> and back, keeping supply', async () => {
    const w = base.fork();
    const posted = JSON.parse(await w.ledger.submit(w.margin, 'postMargin', [move('USIMP', '1000')], { as: w.user('USIMP') }));
    expect(posted).toMatchObject({ partyId: 'USIMP', currency: 'USD', amount: '1000' });
    expect(lastEvent(w.ledger).name).toBe('MarginPosted');
    expect(await w.query(w.margin, 'getMarginPosition', ['USIMP', 'USD'])).toMatchObject({ held: '1000', required: '0', free: '1000', riskRating: 'LOW', marginBps: 500 });
    const withdrawn = JSON.parse(await w.ledger.submit(w.margin, 'withdrawMargin', [move('USIMP', '400')], { as: w.user('USIMP') }));
    expect(withdrawn).toMatchObject({ amount: '400', required: '0' });
    expect(lastEvent(w.ledger).name).toBe('MarginWithdrawn');
    expect(await w.balance('USIMP', 'USD')).toBe(50000000n - 600n);
    expect((await w.tokens.supplyCheck('USD')).consistent).toBe(true);
  });

  it('releases margin as exposure closes: only the part above the requirement is free', async () => {
    const w = base.fork();
    const orderId = await w.openOrder();
    expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ openAmount: '10000000', openOrders: 1, required: '500000', free: '1500000', shortfall: '0' });
    await w.expectRejected(w.margin, 'withdrawMargin', [move('CNEXP', '1500001')], w.user('CNEXP'), ErrorCodes.MARGIN_INSUFFICIENT);
    await w.ledger.submit(w.order, 'cancel', [json({ orderId, reason: 'r' })], { as: w.user('CNEXP') });
    await w.ledger.submit(w.margin, 'withdrawMargin', [move('CNEXP', '2000000')], { as: w.user('CNEXP') });
  });

  it.each([
    ['malformed JSON', 'post', '{', 'USIMP', ErrorCodes.INVALID_ARGUMENT],
    ['a zero amount', 'post', move('USIMP', '0'), 'USIMP', ErrorCodes.INVALID_AMOUNT],
    ['another party as caller', 'post', move('USIMP', '1'), 'CNEXP', ErrorCodes.UNAUTHORIZED],
    ['an unknown currency', 'post', move('USIMP', '1', 'ABC'), 'USIMP', ErrorCodes.UNKNOWN_CURRENCY],
    ['more than the balance', 'post', move('USIMP', '50000001'), 'USIMP', ErrorCodes.INSUFFICIENT_FUNDS],
    ['a withdrawal by another party', 'withdraw', move('CNEXP', '1'), 'USIMP', ErrorCodes.UNAUTHORIZED],
    ['a withdrawal above the margin held', 'withdraw', move('CNEXP', '2000001'), 'CNEXP', ErrorCodes.MARGIN_INSUFFICIENT],
  ])('rejects %s', async (_name, fn, arg, caller, code) => {
    const w = base.fork();
    await w.expectRejected(w.margin, fn === 'post' ? 'postMargin' : 'withdrawMargin', [arg], w.user(caller), code);
  });
});

describe('Margin:claimMargin', () => {
  async function defaulted(): Promise<{ w: TradeWorld; orderId: string }> {
    const w = base.fork();
    const orderId = await w.openOrder();
    await w.fund(orderId);
    w.setTime(at(10));
    await w.ledger.submit(w.order, 'markDefault', [orderId], { as: w.user('USIMP') });
    return { w, orderId };
  }

  it('waives a claim with amount 0, releasing the reservation without moving tokens', async () => {
    const { w, orderId } = await defaulted();
    const decided = JSON.parse(await w.ledger.submit(w.margin, 'claimMargin', [json({ orderId, amount: '0' })], { as: clerks.CH }));
    expect(decided).toMatchObject({ status: 'DECIDED', claimedAmount: '0' });
    expect(lastEvent(w.ledger)).toMatchObject({ name: 'MarginClaimDecided' });
    expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ held: '2000000', claimsReserved: '0' });
    expect(await w.query(w.margin, 'getMarginClaim', [orderId])).toEqual(decided);
  });

  it.each([
    ['a party as claimant', { amount: '1' }, 'party', ErrorCodes.UNAUTHORIZED],
    ['more than the claim maximum', { amount: '500001' }, 'ch', ErrorCodes.INVALID_AMOUNT],
    ['a negative amount', { amount: '-1' }, 'ch', ErrorCodes.INVALID_AMOUNT],
    ['an order without a claim', { orderId: 'ORD-20260301-0000000000000000', amount: '1' }, 'ch', ErrorCodes.NOT_FOUND],
  ])('rejects %s', async (_name, extra, caller, code) => {
    const { w, orderId } = await defaulted();
    await w.expectRejected(w.margin, 'claimMargin', [json({ orderId, ...extra })], caller === 'ch' ? clerks.CH : w.user('USIMP'), code);
  });

  it('rejects a claim above the margin the seller holds, and one for a sanctioned beneficiary', async () => {
    const { w, orderId } = await defaulted();
    const w2 = base.fork();
    const order2 = await w2.openOrder();
    await w2.fund(order2);
    // Raised to 100% before the default, the order reserves its whole amount, more than the 2,000,000 posted.
    await w2.ledger.submit(w2.clearing, 'setTradeParameters', [json({ ...PARAMETERS, marginBps: { LOW: 10000, MEDIUM: 10000, HIGH: 10000 } })], { as: admins.CH });
    w2.setTime(at(10));
    const { claim } = JSON.parse(await w2.ledger.submit(w2.order, 'markDefault', [order2], { as: w2.user('USIMP') }));
    expect(claim.maxAmount).toBe('10000000');
    await w2.expectRejected(w2.margin, 'claimMargin', [json({ orderId: order2, amount: '2000001' })], clerks.CH, ErrorCodes.MARGIN_INSUFFICIENT);

    await w.ledger.submit(w.tokens.party, 'setSanction', ['USIMP', 'listed'], { as: clerks.CH });
    await w.expectRejected(w.margin, 'claimMargin', [json({ orderId, amount: '1' })], clerks.CH, ErrorCodes.PARTY_SANCTIONED);
  });
});
