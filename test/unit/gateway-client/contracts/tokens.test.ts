import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { TokensImpl } from '../../../../gateway-client/src/contracts/tokens';
import { FakeContract, newInvoker } from '../fakes';

function tokensOn(ledger: FakeContract): TokensImpl {
  return new TokensImpl(new ContractCalls(newInvoker(ledger), 'Token'));
}

const transferRecord = '{"amount":"150000","at":"2026-03-01T00:00:00Z","currency":"JPY","from":"A","idempotencyKey":"k1","reference":"INV-9","to":"B","txId":"tx1"}';

describe('Tokens', () => {
  it('submits a transfer as one JSON argument with the amount as a decimal string, and returns bigint', async () => {
    const ledger = new FakeContract({ endorse: async () => transferRecord });
    const result = await tokensOn(ledger).transfer({ currency: 'JPY', from: 'A', to: 'B', amount: 150_000n, reference: 'INV-9', idempotencyKey: 'k1' });
    expect(ledger.proposals[0].name).toBe('Token:transfer');
    expect(JSON.parse(ledger.proposals[0].arguments[0] as string)).toEqual({ currency: 'JPY', from: 'A', to: 'B', amount: '150000', reference: 'INV-9', idempotencyKey: 'k1' });
    expect(result.amount).toBe(150_000n);
    expect(ledger.submitted).toEqual(['tx1']);
  });

  it('gives a transfer without an idempotency key one key, kept across its retries', async () => {
    let statuses = [11, 0];
    const ledger = new FakeContract({ endorse: async () => transferRecord, status: async () => statuses.shift() ?? 0 });
    await tokensOn(ledger).transfer({ currency: 'JPY', from: 'A', to: 'B', amount: 1n, reference: 'r' });
    const keys = ledger.proposals.map((p) => JSON.parse(p.arguments[0] as string).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
    expect(keys[1]).toBe(keys[0]);

    statuses = [0];
    await tokensOn(ledger).transfer({ currency: 'JPY', from: 'A', to: 'B', amount: 1n, reference: 'r' });
    expect(JSON.parse(ledger.proposals[2].arguments[0] as string).idempotencyKey).not.toBe(keys[0]);
  });

  it('submits mints with their deposit reference', async () => {
    const ledger = new FakeContract({ endorse: async () => '{"amount":"12500","currency":"USD","depositRef":"DEP-1"}' });
    const minted = await tokensOn(ledger).mint({ currency: 'USD', to: 'P1', amount: 12_500n, depositRef: 'DEP-1' });
    expect(ledger.proposals[0].arguments).toEqual(['{"currency":"USD","to":"P1","amount":"12500","depositRef":"DEP-1"}']);
    expect(minted.amount).toBe(12_500n);
  });

  it('evaluates queries with plain string arguments and converts amounts', async () => {
    const ledger = new FakeContract({
      evaluate: async () => '{"account":"party:P1","balance":"9223372036854775807","currency":"USD","frozen":false,"parts":4,"pendingInflows":2}',
    });
    const balance = await tokensOn(ledger).getBalance('P1', 'USD');
    expect(ledger.proposals[0]).toMatchObject({ name: 'Token:balanceOf', arguments: ['P1', 'USD'] });
    expect(ledger.submitted).toEqual([]);
    expect(balance).toEqual({ account: 'party:P1', balance: 9_223_372_036_854_775_807n, currency: 'USD', frozen: false, parts: 4, pendingInflows: 2 });
  });

  it('converts every line of an account history', async () => {
    const ledger = new FakeContract({ evaluate: async () => '{"bookmark":"","records":[{"amount":"5","direction":"CREDIT"},{"amount":"2","direction":"DEBIT"}]}' });
    const lines = await tokensOn(ledger).listMovements('P1', 'USD').all();
    expect(lines.map((line) => line.amount)).toEqual([5n, 2n]);
  });
});
