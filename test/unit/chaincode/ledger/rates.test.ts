import { Context, Contract, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../../../../model/src/canonical';
import { useFirmQuote } from '../../../../chaincode/src/ledger/rates';
import { BANKS, clerks, START, TokenWorld } from '../contracts/token-world';

const json = (value: unknown): string => JSON.stringify(value);

/** Stands in for the settlement contract, which consumes firm quotes through ledger/rates. */
class SettlementProbe extends Contract {
  constructor() {
    super('SettlementProbe');
  }

  @Transaction()
  async settle(ctx: Context, quoteId: string, orderId: string): Promise<string> {
    return canonicalJson(await useFirmQuote(ctx, quoteId, orderId));
  }
}

async function withQuote(): Promise<{ w: TokenWorld; quoteId: string; settle: (orderId: string) => Promise<string> }> {
  const w = await TokenWorld.create();
  await w.addParty('LP1', BANKS.CN, { roles: ['LIQUIDITY_PROVIDER'] });
  const rate = { base: 'USD', quote: 'CNY', bid: '7.1', ask: '7.2', validFrom: START, validUntil: '2026-03-01T01:00:00Z', provider: 'LP1' };
  await w.ledger.submit(w.fx, 'postRate', [json(rate)], { as: w.user('LP1') });
  const lock = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: '10000', expiresAt: '2026-03-01T00:10:00Z' };
  const { quoteId } = JSON.parse(await w.ledger.submit(w.fx, 'lockQuote', [json(lock)], { as: w.user('LP1') })) as { quoteId: string };
  const probe = new SettlementProbe();
  return { w, quoteId, settle: (orderId) => w.ledger.submit(probe, 'settle', [quoteId, orderId], { as: clerks.CH }) };
}

describe('useFirmQuote', () => {
  it('consumes a quote once and records what used it, with no event of its own', async () => {
    const { w, quoteId, settle } = await withQuote();
    const events = w.ledger.events.length;
    const used = JSON.parse(await settle('ORDER-1'));
    expect(used).toMatchObject({ quoteId, status: 'USED', usedAt: START, usedFor: 'ORDER-1', usedTxId: expect.any(String) });
    expect(w.ledger.events.length).toBe(events);
    expect(await w.queryJson(w.fx, 'getFirmQuote', [quoteId])).toEqual(used);
    await expect(settle('ORDER-2')).rejects.toThrow(/^FX_QUOTE_ALREADY_USED: /);
    await expect(w.ledger.submit(w.fx, 'cancelQuote', [json({ quoteId })], { as: w.user('LP1') })).rejects.toThrow(/^FX_QUOTE_ALREADY_USED: /);
  });

  it('lets only one of two concurrent uses commit', async () => {
    const { w, quoteId } = await withQuote();
    const probe = new SettlementProbe();
    const first = await w.ledger.simulate(probe, 'settle', [quoteId, 'ORDER-1'], { as: clerks.CH });
    const second = await w.ledger.simulate(probe, 'settle', [quoteId, 'ORDER-2'], { as: clerks.CH });
    expect(w.ledger.commit(first, second)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
    expect(await w.queryJson(w.fx, 'getFirmQuote', [quoteId])).toMatchObject({ usedFor: 'ORDER-1' });
  });

  it('refuses an expired, a cancelled and an unknown quote', async () => {
    const expired = await withQuote();
    expired.w.ledger.setTime('2026-03-01T00:10:00Z');
    await expect(expired.settle('ORDER-1')).rejects.toThrow(/^FX_QUOTE_EXPIRED: /);

    const cancelled = await withQuote();
    await cancelled.w.ledger.submit(cancelled.w.fx, 'cancelQuote', [json({ quoteId: cancelled.quoteId })], { as: cancelled.w.user('LP1') });
    await expect(cancelled.settle('ORDER-1')).rejects.toThrow(/^INVALID_STATE: /);

    const unknown = await withQuote();
    await expect(unknown.w.ledger.submit(new SettlementProbe(), 'settle', ['tx9999', 'ORDER-1'], { as: clerks.CH })).rejects.toThrow(/^NOT_FOUND: /);
  });
});
