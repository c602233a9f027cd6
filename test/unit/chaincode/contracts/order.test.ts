import type { Page } from '../../../../model/src/paging';
import { ErrorCodes } from '../../../../model/src/errors';
import { lastEvent } from './fixtures';
import { clerks } from './token-world';
import { at, HASH, json, TradeWorld } from './trade-world';

let base: TradeWorld;
let baseOrder: string;

beforeAll(async () => {
  base = await TradeWorld.create();
  baseOrder = await base.openOrder();
});

/** A fork of the base world with its order advanced to `stage`. */
async function orderAt(stage: 'CREATED' | 'FUNDED' | 'SHIPPED' | 'DELIVERED'): Promise<{ w: TradeWorld; orderId: string }> {
  const w = base.fork();
  const orderId = baseOrder;
  if (stage === 'CREATED') {
    return { w, orderId };
  }
  w.setTime(at(1));
  await w.fund(orderId);
  if (stage === 'FUNDED') {
    return { w, orderId };
  }
  w.setTime(at(2));
  await w.ship(orderId);
  if (stage === 'SHIPPED') {
    return { w, orderId };
  }
  w.setTime(at(4));
  await w.deliver(orderId);
  await w.postRate();
  return { w, orderId };
}

const shipment = (orderId: string, extra: Record<string, unknown> = {}): string =>
  json({ orderId, carrier: 'COSCO', trackingNumber: 'COSU1', documentHashes: [HASH], ...extra });

describe('Order:fund', () => {
  it('moves the escrow amount from the buyer into escrow:<orderId> and emits OrderFunded', async () => {
    const { w, orderId } = await orderAt('CREATED');
    w.setTime(at(1));
    const result = await w.fund(orderId);
    expect(result).toMatchObject({ order: { status: 'FUNDED', fundedAt: at(1) }, alerts: [] });
    expect(await w.query(w.tokens.token, 'supplyCheck', ['USD'])).toMatchObject({ consistent: true });
    expect(lastEvent(w.ledger)).toMatchObject({ name: 'OrderFunded', payload: { orderId, action: 'FUND', from: 'CREATED', status: 'FUNDED', by: 'USIMP', escrowAmount: '10005000' } });
  });

  it.each([
    ['a malformed order id', 'ORD-1', 'USIMP', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown order', 'ORD-20260301-0000000000000000', 'USIMP', ErrorCodes.NOT_FOUND],
    ['the seller as caller', undefined, 'CNEXP', ErrorCodes.UNAUTHORIZED],
  ])('rejects %s', async (_name, id, caller, code) => {
    const { w, orderId } = await orderAt('CREATED');
    await w.expectRejected(w.order, 'fund', [id ?? orderId], w.user(caller), code);
  });

  it('rejects funding twice, after the fund-by date, without the money, and for a sanctioned buyer', async () => {
    const funded = await orderAt('FUNDED');
    await funded.w.expectRejected(funded.w.order, 'fund', [funded.orderId], funded.w.user('USIMP'), ErrorCodes.INVALID_STATE);

    const late = await orderAt('CREATED');
    late.w.setTime(at(3, 1));
    await late.w.expectRejected(late.w.order, 'fund', [late.orderId], late.w.user('USIMP'), ErrorCodes.DEADLINE_PASSED);

    const poor = await orderAt('CREATED');
    await poor.w.tokens.transfer('USD', 'USIMP', 'FEES', '49999999');
    await poor.w.expectRejected(poor.w.order, 'fund', [poor.orderId], poor.w.user('USIMP'), ErrorCodes.INSUFFICIENT_FUNDS);

    const sanctioned = await orderAt('CREATED');
    await sanctioned.w.ledger.submit(sanctioned.w.tokens.party, 'setSanction', ['USIMP', 'listed'], { as: clerks.CH });
    await sanctioned.w.expectRejected(sanctioned.w.order, 'fund', [sanctioned.orderId], sanctioned.w.user('USIMP'), ErrorCodes.PARTY_SANCTIONED);
  });
});

describe('Order:ship', () => {
  it('lets the seller ship a funded order before the ship-by date', async () => {
    const { w, orderId } = await orderAt('FUNDED');
    const shipped = await w.ship(orderId);
    expect(shipped).toMatchObject({ status: 'SHIPPED', shipment: { carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [HASH], shippedBy: 'CNEXP' } });
    expect(lastEvent(w.ledger).name).toBe('OrderShipped');
  });

  it.each([
    ['malformed JSON', '{', 'CNEXP', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', 'extra', 'CNEXP', ErrorCodes.INVALID_ARGUMENT],
    ['a document hash that is not sha256 hex', 'hash', 'CNEXP', ErrorCodes.INVALID_ARGUMENT],
    ['the buyer as caller', '', 'USIMP', ErrorCodes.UNAUTHORIZED],
    ['the liquidity provider as caller', '', 'LP1', ErrorCodes.UNAUTHORIZED],
  ])('rejects %s', async (_name, variant, caller, code) => {
    const { w, orderId } = await orderAt('FUNDED');
    const arg = variant === '{' ? '{' : variant === 'extra' ? shipment(orderId, { vessel: 'X' }) : variant === 'hash' ? shipment(orderId, { documentHashes: ['ABC'] }) : shipment(orderId);
    await w.expectRejected(w.order, 'ship', [arg], w.user(caller), code);
  });

  it('rejects shipping an unfunded order', async () => {
    const { w, orderId } = await orderAt('CREATED');
    await w.expectRejected(w.order, 'ship', [shipment(orderId)], w.user('CNEXP'), ErrorCodes.INVALID_STATE);
  });
});

describe('Order:confirmDelivery', () => {
  it('lets the buyer confirm, starting the settlement deadline', async () => {
    const { w, orderId } = await orderAt('SHIPPED');
    w.setTime(at(4));
    expect(await w.deliver(orderId)).toMatchObject({ status: 'DELIVERED', delivery: { confirmedBy: 'USIMP', deliveredAt: at(4) }, settlementDeadline: at(6) });
  });

  it('lets the logistics party confirm only with a proof of delivery', async () => {
    const { w, orderId } = await orderAt('SHIPPED');
    await w.expectRejected(w.order, 'confirmDelivery', [json({ orderId })], w.user('SHIPCO'), ErrorCodes.INVALID_ARGUMENT);
    expect(await w.deliver(orderId, w.user('SHIPCO'), HASH)).toMatchObject({ delivery: { confirmedBy: 'SHIPCO', proofHash: HASH } });
  });

  it('rejects the seller as caller and an order not shipped', async () => {
    const shipped = await orderAt('SHIPPED');
    await shipped.w.expectRejected(shipped.w.order, 'confirmDelivery', [json({ orderId: shipped.orderId })], shipped.w.user('CNEXP'), ErrorCodes.UNAUTHORIZED);
    const funded = await orderAt('FUNDED');
    await funded.w.expectRejected(funded.w.order, 'confirmDelivery', [json({ orderId: funded.orderId })], funded.w.user('USIMP'), ErrorCodes.INVALID_STATE);
  });
});

describe('Order:settle', () => {
  it('converts at the posted bid when there is no firm quote, and settles at most once', async () => {
    const { w, orderId } = await orderAt('DELIVERED');
    const { settlement } = await w.settle(orderId, clerks.CH);
    // 9,995,000 USD minor units at the bid 7.1 = 70,964,500 CNY; at the mid 7.15 it would be 71,464,250.
    expect(settlement).toMatchObject({
      settledAmount: '70964500',
      exchangeRate: { unitCurrency: 'USD', quotedCurrency: 'CNY', rate: '7.1', source: 'POSTED_RATE', provider: 'LP1' },
      charges: expect.arrayContaining([{ type: 'FX_SPREAD', amount: '499750', currency: 'CNY', bearer: 'CRED' }]),
      deadlineMet: true,
    });
    expect(lastEvent(w.ledger)).toMatchObject({ name: 'OrderSettled', payload: { status: 'SETTLED', by: 'ClearingHouseMSP', settlement } });
    await w.expectRejected(w.order, 'settle', [orderId], w.user('CNEXP'), ErrorCodes.INVALID_STATE);
    await w.expectRejected(w.order, 'dispute', [json({ orderId, reason: 'late' })], w.user('USIMP'), ErrorCodes.INVALID_STATE);
  });

  it('uses a CNY/USD posting at its ask when the provider quotes the pair that way round, and records a missed deadline', async () => {
    const { w, orderId } = await orderAt('DELIVERED');
    w.setTime(at(9));
    const rate = { base: 'CNY', quote: 'USD', bid: '0.138', ask: '0.14', validFrom: at(9), validUntil: at(9, 12), provider: 'LP1' };
    await w.ledger.submit(w.tokens.fx, 'postRate', [json(rate)], { as: w.user('LP1') });
    const { settlement } = await w.settle(orderId, w.user('USIMP'));
    // 9,995,000 / 0.14 = 71,392,857.14 -> rounded down (towards the provider).
    expect(settlement).toMatchObject({ settledAmount: '71392857', exchangeRate: { unitCurrency: 'CNY', quotedCurrency: 'USD', rate: '0.14' }, deadlineMet: false, settlementDeadline: at(6) });
  });

  it('settles a same-currency order without a liquidity provider, and with the buyer bearing the fee (DEBT)', async () => {
    const w = base.fork();
    const orderId = await w.openOrder({ settlementCurrency: 'USD', fx: undefined, chargeBearer: 'DEBT' });
    await w.fund(orderId);
    await w.ship(orderId);
    await w.deliver(orderId);
    const { settlement } = await w.settle(orderId);
    expect(settlement).toMatchObject({ settledAmount: '10000000', settledCurrency: 'USD', charges: [{ type: 'PLATFORM_FEE', amount: '10000', currency: 'USD', bearer: 'DEBT' }] });
    expect(settlement.exchangeRate).toBeUndefined();
    expect(await w.balance('CNEXP', 'USD')).toBe(3000000n + 10000000n);
  });

  it('falls back to the posted rate when the firm quote has expired', async () => {
    const w = base.fork();
    const lock = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: '9995000', rate: '7.12', expiresAt: at(0, 12) };
    const quoteId = JSON.parse(await w.ledger.submit(w.tokens.fx, 'lockQuote', [json(lock)], { as: w.user('LP1') })).quoteId;
    const orderId = await w.openOrder({ fx: { provider: 'LP1', firmQuoteId: quoteId } });
    await w.fund(orderId);
    await w.ship(orderId);
    w.setTime(at(1));
    await w.deliver(orderId);
    await w.postRate('7.05', '7.25');
    const { settlement } = await w.settle(orderId);
    expect(settlement).toMatchObject({ settledAmount: '70464750', exchangeRate: { source: 'POSTED_RATE', rate: '7.05' } });
  });

  it.each([
    ['an outsider', 'outsider', ErrorCodes.UNAUTHORIZED],
    ['no rate of the provider in force', 'no-rate', ErrorCodes.RATE_NOT_FOUND],
    ['a provider short of CNY', 'short', ErrorCodes.LIQUIDITY_INSUFFICIENT],
    ['a sanctioned provider', 'sanctioned', ErrorCodes.PARTY_SANCTIONED],
  ])('rejects %s', async (_name, variant, code) => {
    const { w, orderId } = await orderAt('DELIVERED');
    let as = w.user('CNEXP');
    if (variant === 'outsider') {
      as = w.user('LP1');
    } else if (variant === 'no-rate') {
      w.setTime(at(8));
    } else if (variant === 'short') {
      await w.tokens.transfer('CNY', 'LP1', 'CNEXP', '430000000');
    } else {
      await w.ledger.submit(w.tokens.party, 'setSanction', ['LP1', 'listed'], { as: clerks.CH });
    }
    await w.expectRejected(w.order, 'settle', [orderId], as, code);
  });

  it('rejects settling an order not delivered', async () => {
    const { w, orderId } = await orderAt('SHIPPED');
    await w.expectRejected(w.order, 'settle', [orderId], w.user('CNEXP'), ErrorCodes.INVALID_STATE);
  });
});

describe('Order:cancel', () => {
  it('lets buyer or seller cancel before funding and frees the seller exposure', async () => {
    for (const party of ['USIMP', 'CNEXP']) {
      const { w, orderId } = await orderAt('CREATED');
      const cancelled = JSON.parse(await w.ledger.submit(w.order, 'cancel', [json({ orderId, reason: 'changed plans' })], { as: w.user(party) }));
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'changed plans', closedAt: expect.any(String) });
      expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ openAmount: '0', openOrders: 0 });
      expect(lastEvent(w.ledger)).toMatchObject({ name: 'OrderCancelled', payload: { by: party, reason: 'changed plans' } });
    }
  });

  it('rejects cancelling after funding, by an outsider, and without a reason', async () => {
    const funded = await orderAt('FUNDED');
    await funded.w.expectRejected(funded.w.order, 'cancel', [json({ orderId: funded.orderId, reason: 'r' })], funded.w.user('USIMP'), ErrorCodes.INVALID_STATE);
    const created = await orderAt('CREATED');
    await created.w.expectRejected(created.w.order, 'cancel', [json({ orderId: created.orderId, reason: 'r' })], created.w.user('LP1'), ErrorCodes.UNAUTHORIZED);
    await created.w.expectRejected(created.w.order, 'cancel', [json({ orderId: created.orderId })], created.w.user('USIMP'), ErrorCodes.INVALID_ARGUMENT);
  });
});

describe('Order:dispute and resolveDispute', () => {
  it('lets the seller dispute a delivered order, and the clearing house release it as a settlement', async () => {
    const { w, orderId } = await orderAt('DELIVERED');
    const disputed = JSON.parse(await w.ledger.submit(w.order, 'dispute', [json({ orderId, reason: 'buyer withholds settlement' })], { as: w.user('CNEXP') }));
    expect(disputed.dispute).toEqual({ raisedBy: 'CNEXP', reason: 'buyer withholds settlement', evidenceHashes: [], raisedAt: at(4), fromStatus: 'DELIVERED' });
    const { order, settlement } = await w.resolve(orderId, 'RELEASE');
    expect(order).toMatchObject({ status: 'SETTLED', dispute: { outcome: 'RELEASE' } });
    expect(settlement).toMatchObject({ kind: 'RELEASE', settledAmount: '70964500' });
    expect(lastEvent(w.ledger).name).toBe('DisputeResolved');
  });

  it('refunds the whole escrow on REFUND', async () => {
    const { w, orderId } = await orderAt('FUNDED');
    const usd = await w.balance('USIMP', 'USD');
    await w.dispute(orderId);
    const { order, settlement } = await w.resolve(orderId, 'REFUND');
    expect(order.status).toBe('REFUNDED');
    expect(settlement).toBeUndefined();
    expect(await w.balance('USIMP', 'USD')).toBe(usd + 10005000n);
    expect((await w.tokens.supplyCheck('USD')).consistent).toBe(true);
  });

  it.each([
    ['a party as resolver', { outcome: 'REFUND' }, 'party', ErrorCodes.UNAUTHORIZED],
    ['SPLIT without a seller amount', { outcome: 'SPLIT' }, 'ch', ErrorCodes.INVALID_ARGUMENT],
    ['a seller amount on REFUND', { outcome: 'REFUND', sellerAmount: '1' }, 'ch', ErrorCodes.INVALID_ARGUMENT],
    ['a SPLIT of the whole amount', { outcome: 'SPLIT', sellerAmount: '10000000' }, 'ch', ErrorCodes.INVALID_AMOUNT],
    ['a SPLIT above the amount', { outcome: 'SPLIT', sellerAmount: '10000001' }, 'ch', ErrorCodes.INVALID_AMOUNT],
    ['an unknown outcome', { outcome: 'KEEP' }, 'ch', ErrorCodes.INVALID_ARGUMENT],
  ])('rejects %s', async (_name, extra, caller, code) => {
    const { w, orderId } = await orderAt('FUNDED');
    await w.dispute(orderId);
    await w.expectRejected(w.order, 'resolveDispute', [json({ orderId, resolution: 'r', ...extra })], caller === 'ch' ? clerks.CH : w.user('USIMP'), code);
  });

  it('rejects disputing an unfunded order or by an outsider, and resolving an order not disputed', async () => {
    const created = await orderAt('CREATED');
    await created.w.expectRejected(created.w.order, 'dispute', [json({ orderId: created.orderId, reason: 'r' })], created.w.user('USIMP'), ErrorCodes.INVALID_STATE);
    const funded = await orderAt('FUNDED');
    await funded.w.expectRejected(funded.w.order, 'dispute', [json({ orderId: funded.orderId, reason: 'r' })], funded.w.user('SHIPCO'), ErrorCodes.UNAUTHORIZED);
    await funded.w.expectRejected(funded.w.order, 'resolveDispute', [json({ orderId: funded.orderId, outcome: 'REFUND', resolution: 'r' })], clerks.CH, ErrorCodes.INVALID_STATE);
  });
});

describe('Order:markDefault', () => {
  it('lets the clearing house mark a default past the ship-by date', async () => {
    const { w, orderId } = await orderAt('FUNDED');
    w.setTime(at(10));
    const { order } = JSON.parse(await w.ledger.submit(w.order, 'markDefault', [orderId], { as: clerks.CH }));
    expect(order).toMatchObject({ status: 'DEFAULTED', closedAt: at(10) });
    expect(lastEvent(w.ledger)).toMatchObject({ name: 'OrderDefaulted', payload: { by: 'ClearingHouseMSP', refunded: '10005000' } });
  });

  it('rejects the seller as caller, a shipped order and an unfunded one', async () => {
    const funded = await orderAt('FUNDED');
    funded.w.setTime(at(10));
    await funded.w.expectRejected(funded.w.order, 'markDefault', [funded.orderId], funded.w.user('CNEXP'), ErrorCodes.UNAUTHORIZED);
    const shipped = await orderAt('SHIPPED');
    shipped.w.setTime(at(10));
    await shipped.w.expectRejected(shipped.w.order, 'markDefault', [shipped.orderId], shipped.w.user('USIMP'), ErrorCodes.INVALID_STATE);
    const created = await orderAt('CREATED');
    created.w.setTime(at(10));
    await created.w.expectRejected(created.w.order, 'markDefault', [created.orderId], created.w.user('USIMP'), ErrorCodes.INVALID_STATE);
  });
});

describe('Order queries', () => {
  it('lists orders for the clearing house and for the parties themselves', async () => {
    const { w, orderId } = await orderAt('FUNDED');
    expect((await w.query<Page<{ orderId: string }>>(w.order, 'listOrders', ['', '', ''])).records.map((order) => order.orderId)).toEqual([orderId]);
    expect(await w.query(w.order, 'listOrders', ['SETTLED', '', ''])).toEqual({ records: [], bookmark: '' });
    await expect(w.ledger.evaluate(w.order, 'listOrders', ['', '', ''], { as: w.user('USIMP') })).rejects.toThrow(/^UNAUTHORIZED: /);
    await expect(w.ledger.evaluate(w.order, 'listOrders', ['DONE', '', ''], { as: clerks.CH })).rejects.toThrow(/^INVALID_ARGUMENT: /);
    expect((await w.query<Page<{ orderId: string }>>(w.order, 'listPartyOrders', ['CNEXP', '', ''], w.user('CNEXP'))).records.map((order) => order.orderId)).toEqual([orderId]);
    await expect(w.ledger.evaluate(w.order, 'listPartyOrders', ['CNEXP', '', ''], { as: w.user('USIMP') })).rejects.toThrow(/^UNAUTHORIZED: /);
    await expect(w.ledger.evaluate(w.order, 'getSettlement', [orderId], { as: clerks.CH })).rejects.toThrow(/^NOT_FOUND: /);
    expect(await w.orderOf(orderId)).toMatchObject({ orderId, status: 'FUNDED' });
    await expect(w.ledger.evaluate(w.order, 'getOrder', [orderId], { as: clerks.OUTSIDER })).rejects.toThrow(/^UNAUTHORIZED: /);
  });
});
