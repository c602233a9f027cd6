import fc from 'fast-check';
import { Contract } from 'fabric-contract-api';
import { ErrorCodes } from '../../../../model/src/errors';
import { FakeClientIdentity } from '../../../support';
import { clerks } from './token-world';
import { at, json, quotationTerms, TradeWorld } from './trade-world';

/**
 * DESIGN §5 over random sequences of trade operations: after every step,
 *  1. per currency, parties + escrows + margins = minted - redeemed, and no account is negative;
 *  2. an order settles, refunds or defaults at most once, and its escrow holds
 *     exactly its escrow amount while open and nothing once final;
 *  5. a rejected step writes nothing and emits nothing, with a known error code.
 */

const FINAL = ['SETTLED', 'CANCELLED', 'REFUNDED', 'SPLIT', 'DEFAULTED'];
const OPEN_WITH_ESCROW = ['FUNDED', 'SHIPPED', 'DELIVERED', 'DISPUTED'];
const CLOSING_ACTIONS = ['SETTLE', 'CANCEL', 'RESOLVE', 'DEFAULT'];

type Op =
  | { kind: 'open'; quantity: number; unitPrice: number; bearer: 'DEBT' | 'CRED' | 'SHAR'; cross: boolean }
  | { kind: 'progress'; order: number }
  | { kind: 'fund' | 'ship' | 'deliver' | 'settle' | 'cancel' | 'dispute' | 'default' | 'claim' | 'reaccept'; order: number }
  | { kind: 'resolve'; order: number; outcome: 'RELEASE' | 'REFUND' | 'SPLIT'; share: number }
  | { kind: 'advance'; hours: number };

/** An index into the orders opened so far (taken modulo their number). */
const order = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('open' as const), quantity: fc.integer({ min: 1, max: 50 }), unitPrice: fc.integer({ min: 1, max: 200000 }), bearer: fc.constantFrom('DEBT' as const, 'CRED' as const, 'SHAR' as const), cross: fc.boolean() }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('progress' as const), order }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constantFrom('fund' as const, 'ship' as const, 'deliver' as const, 'settle' as const, 'cancel' as const, 'dispute' as const, 'default' as const, 'claim' as const, 'reaccept' as const), order }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), order, outcome: fc.constantFrom('RELEASE' as const, 'REFUND' as const, 'SPLIT' as const), share: fc.integer({ min: 1, max: 99 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 120 }) }) },
);

let base: TradeWorld;

beforeAll(async () => {
  base = await TradeWorld.create();
});

interface Trade {
  quotationId: string;
  orderId: string;
  amount: bigint;
}

async function step(w: TradeWorld, trades: Trade[], next: Op): Promise<void> {
  if (next.kind === 'advance') {
    w.setTime(new Date(Date.parse(w.clock) + next.hours * 3600_000).toISOString());
    await w.postRate();
    return;
  }
  if (next.kind === 'open') {
    const terms = quotationTerms({
      lineItems: [{ description: 'goods', hsCode: '940520', quantity: String(next.quantity), unitPrice: String(next.unitPrice) }],
      validUntil: new Date(Date.parse(w.clock) + 3600_000).toISOString(),
      shipBy: new Date(Date.parse(w.clock) + 3 * 86400_000).toISOString(),
      deliveryDate: new Date(Date.parse(w.clock) + 20 * 86400_000).toISOString(),
      chargeBearer: next.bearer,
      ...(next.cross ? {} : { settlementCurrency: 'USD', fx: undefined }),
    });
    const created = await propose(w, w.quotation, 'createQuotation', [json(terms)], w.user('CNEXP'));
    if (created) {
      const quotationId = JSON.parse(created).quotationId as string;
      const accepted = await propose(w, w.quotation, 'acceptQuotation', [quotationId], w.user('USIMP'));
      if (accepted) {
        const { order: opened } = JSON.parse(accepted);
        trades.push({ quotationId, orderId: opened.orderId, amount: BigInt(opened.amount) });
      }
    }
    return;
  }
  if (trades.length === 0) {
    return;
  }
  const trade = trades[next.order % trades.length];
  const id = trade.orderId;
  const buyer = w.user('USIMP');
  const seller = w.user('CNEXP');
  if (next.kind === 'progress') {
    const status = (await w.orderOf(id)).status as string;
    const natural: Record<string, Op['kind']> = { CREATED: 'fund', FUNDED: 'ship', SHIPPED: 'deliver', DELIVERED: 'settle', DISPUTED: 'resolve' };
    if (natural[status] === undefined) {
      return;
    }
    const kind = natural[status];
    return step(w, trades, kind === 'resolve' ? { kind, order: next.order, outcome: 'SPLIT', share: 50 } : ({ kind, order: next.order } as Op));
  }
  switch (next.kind) {
    case 'fund':
      await propose(w, w.order, 'fund', [id], buyer);
      break;
    case 'ship':
      await propose(w, w.order, 'ship', [json({ orderId: id, carrier: 'C', trackingNumber: 'T', documentHashes: ['c'.repeat(64)] })], seller);
      break;
    case 'deliver':
      await propose(w, w.order, 'confirmDelivery', [json({ orderId: id })], buyer);
      break;
    case 'settle':
      await propose(w, w.order, 'settle', [id], seller);
      break;
    case 'cancel':
      await propose(w, w.order, 'cancel', [json({ orderId: id, reason: 'r' })], buyer);
      break;
    case 'dispute':
      await propose(w, w.order, 'dispute', [json({ orderId: id, reason: 'r' })], seller);
      break;
    case 'default':
      await propose(w, w.order, 'markDefault', [id], buyer);
      break;
    case 'claim':
      await propose(w, w.margin, 'claimMargin', [json({ orderId: id, amount: '1' })], clerks.CH);
      break;
    case 'reaccept':
      await propose(w, w.quotation, 'acceptQuotation', [trade.quotationId], buyer);
      break;
    case 'resolve': {
      const sellerAmount = next.outcome === 'SPLIT' ? { sellerAmount: String((trade.amount * BigInt(next.share)) / 100n) } : {};
      await propose(w, w.order, 'resolveDispute', [json({ orderId: id, outcome: next.outcome, resolution: 'r', ...sellerAmount })], clerks.CH);
      break;
    }
  }
}

const KNOWN = new Set<string>(Object.values(ErrorCodes));

/** Endorses; commits on success, checks a rejection wrote nothing. Returns the result or undefined. */
async function propose(w: TradeWorld, contract: Contract, fn: string, args: string[], as: FakeClientIdentity): Promise<string | undefined> {
  const sim = await w.ledger.simulate(contract, fn, args, { as });
  if (sim.error) {
    expect(KNOWN.has(sim.error.message.split(':')[0])).toBe(true);
    expect(sim.writes.size).toBe(0);
    expect(sim.event).toBeUndefined();
    return undefined;
  }
  expect(w.ledger.commit(sim)).toEqual(['VALID']);
  return sim.result;
}

/** Balances of every account straight from world state: base rows plus inflow rows. */
function accountBalances(w: TradeWorld): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  for (const key of w.ledger.stateKeys()) {
    const [, type, currency, account] = key.split('\u0000');
    if (type !== 'token-balance' && type !== 'token-inflow') {
      continue;
    }
    const value = JSON.parse((w.ledger.getState(key) as Buffer).toString('utf8'));
    const amount = BigInt(type === 'token-balance' ? value.balance : value.amount);
    expect(amount >= 0n).toBe(true);
    balances.set(`${currency} ${account}`, (balances.get(`${currency} ${account}`) ?? 0n) + amount);
  }
  return balances;
}

async function checkInvariants(w: TradeWorld, trades: Trade[]): Promise<void> {
  for (const currency of ['USD', 'CNY']) {
    expect(await w.tokens.supplyCheck(currency)).toMatchObject({ consistent: true });
  }
  const balances = accountBalances(w);
  for (const balance of balances.values()) {
    expect(balance >= 0n).toBe(true);
  }
  for (const trade of trades) {
    const current = await w.orderOf(trade.orderId);
    const history = await w.query<{ action: string }[]>(w.order, 'getOrderHistory', [trade.orderId]);
    expect(history.filter((entry) => CLOSING_ACTIONS.includes(entry.action)).length).toBe(FINAL.includes(current.status as string) ? 1 : 0);
    const payments = await w.query<{ kind: string }[]>(w.order, 'getOrderPayments', [trade.orderId]);
    const outs = payments.filter((payment) => payment.kind === 'SETTLEMENT' || payment.kind === 'ESCROW_REFUND');
    expect(outs.length).toBeLessThanOrEqual(1);
    expect(payments.filter((payment) => payment.kind === 'ESCROW_FUND').length).toBeLessThanOrEqual(1);
    const escrow = balances.get(`USD escrow:${trade.orderId}`) ?? 0n;
    expect(escrow).toBe(OPEN_WITH_ESCROW.includes(current.status as string) ? BigInt(current.escrowAmount as string) : 0n);
  }
  const quotations = new Set(trades.map((trade) => trade.quotationId));
  expect(quotations.size).toBe(trades.length);
}

describe('trade invariants over random operation sequences', () => {
  it('hold after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 40 }), async (ops) => {
        const w = base.fork();
        const trades: Trade[] = [];
        for (const next of ops) {
          await step(w, trades, next);
          await checkInvariants(w, trades);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('hold when competing closings of one order are endorsed together', async () => {
    const w = base.fork();
    const orderId = await w.openOrder({ settlementCurrency: 'USD', fx: undefined });
    await w.fund(orderId);
    w.setTime(at(10));
    const refund = await w.ledger.simulate(w.order, 'markDefault', [orderId], { as: w.user('USIMP') });
    const dispute = await w.ledger.simulate(w.order, 'dispute', [json({ orderId, reason: 'r' })], { as: w.user('CNEXP') });
    const again = await w.ledger.simulate(w.order, 'markDefault', [orderId], { as: clerks.CH });
    expect(w.ledger.commit(refund, dispute, again)).toEqual(['VALID', 'MVCC_READ_CONFLICT', 'MVCC_READ_CONFLICT']);
    await checkInvariants(w, [{ quotationId: 'q', orderId, amount: 10000000n }]);
  });
});
