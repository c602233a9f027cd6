import { Contract } from 'fabric-contract-api';
import { FakeClientIdentity } from '../../../support';
import { admins, BANKS, clerks, issuers, START, TokenWorld } from './token-world';

/**
 * DESIGN invariant 6: every endorser computes the same bytes. Each
 * transaction runs on two equal forks of one ledger; the write sets, the
 * response and the event must match byte for byte.
 */

const json = (value: unknown): string => JSON.stringify(value);

let base: TokenWorld;
let quoteId: string;

beforeAll(async () => {
  base = await TokenWorld.create();
  await base.addParty('ALICE', BANKS.CN);
  await base.addParty('BOB', BANKS.US);
  await base.addParty('LP1', BANKS.CN, { roles: ['LIQUIDITY_PROVIDER'] });
  for (let index = 0; index < 3; index += 1) {
    await base.mint('CNY', 'ALICE', '100', `SEED-${index}`);
    await base.mint('USD', 'BOB', '100', `SEED-${index}`);
  }
  await base.ledger.submit(base.token, 'freeze', [json({ partyId: 'BOB', currency: 'JPY', reason: 'review' })], { as: admins.CH });
  const rate = { base: 'USD', quote: 'CNY', bid: '7.1', ask: '7.2', validFrom: START, validUntil: '2026-03-01T01:00:00Z', provider: 'LP1' };
  await base.ledger.submit(base.fx, 'postRate', [json(rate)], { as: base.user('LP1') });
  const lock = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'BUY', amount: '333', expiresAt: '2026-03-01T00:10:00Z' };
  quoteId = (JSON.parse(await base.ledger.submit(base.fx, 'lockQuote', [json(lock)], { as: base.user('LP1') })) as { quoteId: string }).quoteId;
});

type Pick = (w: TokenWorld) => Contract;
const token: Pick = (w) => w.token;
const fx: Pick = (w) => w.fx;

const cases: [string, Pick, string, () => string[], () => FakeClientIdentity][] = [
  ['registerCurrency', token, 'registerCurrency', () => [json({ code: 'KES', name: 'Kenyan shilling', minorUnits: 2 })], () => admins.CH],
  ['mint', token, 'mint', () => [json({ currency: 'CNY', to: 'ALICE', amount: '5', depositRef: 'NEW' })], () => issuers.CNY],
  ['a replayed mint', token, 'mint', () => [json({ currency: 'CNY', to: 'ALICE', amount: '100', depositRef: 'SEED-0' })], () => issuers.CNY],
  ['redeem', token, 'redeem', () => [json({ currency: 'USD', from: 'BOB', amount: '150', withdrawalRef: 'W1' })], () => base.user('BOB')],
  [
    'a transfer folding inflows',
    token,
    'transfer',
    () => [json({ currency: 'CNY', from: 'ALICE', to: 'BOB', amount: '250', reference: 'INV-1', idempotencyKey: 'k1' })],
    () => base.user('ALICE'),
  ],
  ['freeze', token, 'freeze', () => [json({ partyId: 'ALICE', currency: 'CNY', reason: 'review' })], () => issuers.CNY],
  ['unfreeze', token, 'unfreeze', () => [json({ partyId: 'BOB', currency: 'JPY', reason: 'cleared' })], () => admins.CH],
  ['consolidate', token, 'consolidate', () => [json({ partyId: 'ALICE', currency: 'CNY' })], () => base.user('ALICE')],
  ['a rejection', token, 'transfer', () => [json({ currency: 'CNY', from: 'ALICE', to: 'BOB', amount: '301', reference: 'r' })], () => base.user('ALICE')],
  ['balanceOf', token, 'balanceOf', () => ['ALICE', 'CNY'], () => clerks.CH],
  ['supplyCheck', token, 'supplyCheck', () => ['CNY'], () => clerks.CH],
  ['accountHistory', token, 'accountHistory', () => ['BOB', 'USD', '', ''], () => clerks.CH],
  ['listCurrencies', token, 'listCurrencies', () => [], () => clerks.CH],
  [
    'postRate',
    fx,
    'postRate',
    () => [json({ base: 'EUR', quote: 'JPY', bid: '160.123', ask: '160.5', validFrom: START, validUntil: '2026-03-01T12:00:00Z', provider: 'LP1' })],
    () => base.user('LP1'),
  ],
  ['a reference rate', fx, 'postRate', () => [json({ base: 'USD', quote: 'CNY', bid: '7.15', ask: '7.15', validFrom: START, validUntil: '2026-03-01T12:00:00Z' })], () => clerks.CH],
  [
    'lockQuote',
    fx,
    'lockQuote',
    () => [json({ provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: '12345', rate: '7.12', expiresAt: '2026-03-01T00:05:00Z' })],
    () => base.user('LP1'),
  ],
  ['cancelQuote', fx, 'cancelQuote', () => [json({ quoteId })], () => base.user('LP1')],
  ['currentRate', fx, 'currentRate', () => ['USD', 'CNY', ''], () => clerks.CH],
  ['rateHistory', fx, 'rateHistory', () => ['USD', 'CNY', '', ''], () => clerks.CH],
  ['getFirmQuote', fx, 'getFirmQuote', () => [quoteId], () => clerks.CH],
];

describe('determinism', () => {
  it.each(cases)('%s gives identical bytes on two equal forks', async (name, pick, fn, args, as) => {
    const [one, two] = [base.fork(), base.fork()];
    const a = await one.ledger.simulate(pick(one), fn, args(), { as: as() });
    const b = await two.ledger.simulate(pick(two), fn, args(), { as: as() });
    expect(a.txId).toBe(b.txId);
    expect(b.result).toBe(a.result);
    expect(b.error?.message).toBe(a.error?.message);
    expect([...b.writes.entries()]).toEqual([...a.writes.entries()]);
    expect(b.event?.name).toBe(a.event?.name);
    expect(Buffer.from(b.event?.payload ?? []).equals(Buffer.from(a.event?.payload ?? []))).toBe(true);
    expect(a.error?.message.split(':')[0]).toBe(name === 'a rejection' ? 'INSUFFICIENT_FUNDS' : undefined);
  });
});
