import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { FxImpl } from '../../../../gateway-client/src/contracts/fx';
import { FakeContract, newInvoker } from '../fakes';

describe('Fx', () => {
  it('posts rates as decimal strings', async () => {
    const ledger = new FakeContract({ endorse: async () => '{}' });
    const fx = new FxImpl(new ContractCalls(newInvoker(ledger), 'FX'));
    await fx.postRate({ base: 'USD', quote: 'JPY', bid: '149.5', ask: '150.25', validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-03-01T01:00:00Z' });
    expect(ledger.proposals[0].name).toBe('FX:postRate');
    expect(JSON.parse(ledger.proposals[0].arguments[0] as string)).toEqual({
      base: 'USD',
      quote: 'JPY',
      bid: '149.5',
      ask: '150.25',
      validFrom: '2026-03-01T00:00:00Z',
      validUntil: '2026-03-01T01:00:00Z',
    });
  });

  it('asks for the current rate of any source with an empty provider', async () => {
    const ledger = new FakeContract({ evaluate: async () => '{}' });
    await new FxImpl(new ContractCalls(newInvoker(ledger), 'FX')).getCurrentRate('USD', 'JPY');
    expect(ledger.proposals[0].arguments).toEqual(['USD', 'JPY', '']);
  });

  it('returns firm quote amounts as bigint', async () => {
    const ledger = new FakeContract({ endorse: async () => '{"baseAmount":"100000","quoteAmount":"14950000","quoteId":"tx1"}' });
    const quote = await new FxImpl(new ContractCalls(newInvoker(ledger), 'FX')).lockQuote({
      provider: 'LP1',
      base: 'USD',
      quote: 'JPY',
      side: 'SELL',
      amount: 100_000n,
      expiresAt: '2026-03-02T00:00:00Z',
    });
    expect(quote).toMatchObject({ baseAmount: 100_000n, quoteAmount: 14_950_000n });
    expect(JSON.parse(ledger.proposals[0].arguments[0] as string).amount).toBe('100000');
  });
});
