import { Contract } from 'fabric-contract-api';
import { FakeClientIdentity } from '../../../support';
import { admins, clerks } from './token-world';
import { at, json, PARAMETERS, quotationTerms, TradeWorld } from './trade-world';

/**
 * DESIGN invariant 6 for the trade contracts: each transaction runs on two
 * equal forks; write sets, response and event must match byte for byte.
 */

let base: TradeWorld;
const ids: Record<string, string> = {};

beforeAll(async () => {
  base = await TradeWorld.create();
  const lock = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: '9995000', rate: '7.12', expiresAt: at(7) };
  const quoteId = JSON.parse(await base.ledger.submit(base.tokens.fx, 'lockQuote', [json(lock)], { as: base.user('LP1') })).quoteId;
  await base.postMargin('CNEXP', 'USD', '1000000');
  await base.tokens.mint('USD', 'USIMP', '50000000', 'SEED-2');
  ids.open = (await base.createQuotation()).quotationId;
  ids.created = await base.openOrder();
  ids.funded = await base.openOrder();
  await base.fund(ids.funded);
  ids.disputed = await base.openOrder();
  await base.fund(ids.disputed);
  await base.dispute(ids.disputed);
  ids.delivered = await base.openOrder({ fx: { provider: 'LP1', firmQuoteId: quoteId } });
  await base.fund(ids.delivered);
  await base.ship(ids.delivered);
  await base.deliver(ids.delivered);
  ids.usd = await base.openOrder({ settlementCurrency: 'USD', fx: undefined });
  await base.fund(ids.usd);
  await base.ship(ids.usd);
  await base.deliver(ids.usd);
  await base.settle(ids.usd);
  base.setTime(at(0, 1));
});

type Pick = (w: TradeWorld) => Contract;
const q: Pick = (w) => w.quotation;
const o: Pick = (w) => w.order;
const m: Pick = (w) => w.margin;
const r: Pick = (w) => w.risk;
const c: Pick = (w) => w.clearing;
const user = (partyId: string) => (): FakeClientIdentity => base.user(partyId);
const ch = (): FakeClientIdentity => clerks.CH;

const cases: [string, Pick, string, () => string[], () => FakeClientIdentity, string | undefined][] = [
  ['createQuotation', q, 'createQuotation', () => [json(quotationTerms())], user('CNEXP'), undefined],
  ['acceptQuotation', q, 'acceptQuotation', () => [ids.open], user('USIMP'), undefined],
  ['rejectQuotation', q, 'rejectQuotation', () => [json({ quotationId: ids.open, reason: 'no' })], user('USIMP'), undefined],
  ['fund', o, 'fund', () => [ids.created], user('USIMP'), undefined],
  ['ship', o, 'ship', () => [json({ orderId: ids.funded, carrier: 'C', trackingNumber: 'T', documentHashes: ['d'.repeat(64)] })], user('CNEXP'), undefined],
  ['settle at a firm quote', o, 'settle', () => [ids.delivered], user('CNEXP'), undefined],
  ['cancel', o, 'cancel', () => [json({ orderId: ids.created, reason: 'r' })], user('CNEXP'), undefined],
  ['a split', o, 'resolveDispute', () => [json({ orderId: ids.disputed, outcome: 'SPLIT', sellerAmount: '3333333', resolution: 'r' })], ch, undefined],
  ['postMargin', m, 'postMargin', () => [json({ partyId: 'CNEXP', currency: 'USD', amount: '7' })], user('CNEXP'), undefined],
  ['withdrawMargin', m, 'withdrawMargin', () => [json({ partyId: 'CNEXP', currency: 'USD', amount: '7' })], user('CNEXP'), undefined],
  ['setLimit', r, 'setLimit', () => [json({ partyId: 'USIMP', currency: 'USD', singleOrderMax: '5' })], ch, undefined],
  ['setTradeParameters', c, 'setTradeParameters', () => [json(PARAMETERS)], () => admins.CH, undefined],
  ['runNetting', c, 'runNetting', () => [json({ cutoff: at(0, 1) })], ch, undefined],
  ['a rejection', o, 'settle', () => [ids.funded], user('CNEXP'), 'INVALID_STATE'],
  ['getOrderHistory', o, 'getOrderHistory', () => [ids.delivered], ch, undefined],
  ['getOrderPayments', o, 'getOrderPayments', () => [ids.usd], ch, undefined],
  ['listOrders', o, 'listOrders', () => ['', '', ''], ch, undefined],
  ['getMarginPosition', m, 'getMarginPosition', () => ['CNEXP', 'USD'], ch, undefined],
];

describe('determinism of the trade contracts', () => {
  it.each(cases)('%s gives identical bytes on two equal forks', async (_name, pick, fn, args, as, code) => {
    const [one, two] = [base.fork(), base.fork()];
    const a = await one.ledger.simulate(pick(one), fn, args(), { as: as() });
    const b = await two.ledger.simulate(pick(two), fn, args(), { as: as() });
    expect(a.error?.message.split(':')[0]).toBe(code);
    expect(b.result).toBe(a.result);
    expect(b.error?.message).toBe(a.error?.message);
    expect([...b.writes.entries()]).toEqual([...a.writes.entries()]);
    expect(b.event?.name).toBe(a.event?.name);
    expect(Buffer.from(b.event?.payload ?? []).equals(Buffer.from(a.event?.payload ?? []))).toBe(true);
  });

  it('derives the same order id and UETR from the same quotation on every fork', async () => {
    const [one, two] = [base.fork(), base.fork()];
    const a = JSON.parse(await one.ledger.submit(one.order, 'settle', [ids.delivered], { as: one.user('CNEXP') }));
    const b = JSON.parse(await two.ledger.submit(two.order, 'settle', [ids.delivered], { as: two.user('USIMP') }));
    expect(b.settlement.uetr).toBe(a.settlement.uetr);
    expect(b.order.orderId).toBe(a.order.orderId);
  });
});
