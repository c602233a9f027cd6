import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { ClearingImpl } from '../../../../gateway-client/src/contracts/clearing';
import { FakeContract, newInvoker } from '../fakes';

function clearingOn(ledger: FakeContract): ClearingImpl {
  return new ClearingImpl(new ContractCalls(newInvoker(ledger), 'Clearing'));
}

const run = JSON.stringify({
  runId: 'tx1',
  cutoff: '2026-03-06T00:00:00.000Z',
  obligations: 1,
  gross: [{ currency: 'USD', amount: '9995000' }],
  positions: [
    { currency: 'USD', mspId: 'CNBankMSP', receivable: '9995000', payable: '0', net: '9995000' },
    { currency: 'USD', mspId: 'USBankMSP', receivable: '0', payable: '9995000', net: '-9995000' },
  ],
  runBy: 'ClearingHouseMSP',
  runAt: '2026-03-06T00:00:00.000Z',
});

describe('Clearing', () => {
  it('sets and reads trade parameters', async () => {
    const parameters = { platformFeeBps: 10, feeCollector: 'FEES', marginBps: { LOW: 500, MEDIUM: 1000, HIGH: 2000 } };
    const ledger = new FakeContract({ endorse: async () => JSON.stringify({ ...parameters, txId: 'tx1' }), evaluate: async () => JSON.stringify(parameters) });
    const clearing = clearingOn(ledger);
    expect(await clearing.setTradeParameters(parameters)).toMatchObject({ txId: 'tx1' });
    expect(await clearing.getTradeParameters()).toEqual(parameters);
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Clearing:setTradeParameters', [JSON.stringify(parameters)]],
      ['Clearing:getTradeParameters', []],
    ]);
    expect(ledger.submitted).toEqual(['tx1']);
  });

  it('runs netting with a cutoff and returns positions as bigint, negative for a member that owes', async () => {
    const ledger = new FakeContract({ endorse: async () => run });
    const netting = await clearingOn(ledger).runNetting({ cutoff: '2026-03-06T00:00:00Z' });
    expect(ledger.proposals[0]).toMatchObject({ name: 'Clearing:runNetting', arguments: ['{"cutoff":"2026-03-06T00:00:00Z"}'] });
    expect(netting.gross).toEqual([{ currency: 'USD', amount: 9_995_000n }]);
    expect(netting.positions.map((p) => [p.mspId, p.net])).toEqual([
      ['CNBankMSP', 9_995_000n],
      ['USBankMSP', -9_995_000n],
    ]);
  });

  it('evaluates runs and pending obligations', async () => {
    const obligation = { currency: 'USD', payer: 'USBankMSP', payee: 'CNBankMSP', amount: '9995000', orderId: 'O', at: 't', txId: 'tx0', leg: 0 };
    const answers = [run, `{"bookmark":"","records":[${run}]}`, JSON.stringify({ bookmark: '', records: [obligation] })];
    const ledger = new FakeContract({ evaluate: async () => answers.shift() ?? '' });
    const clearing = clearingOn(ledger);
    expect((await clearing.getNettingRun('tx1')).positions[0].receivable).toBe(9_995_000n);
    expect(await clearing.listNettingRuns().all()).toHaveLength(1);
    expect((await clearing.listPendingObligations().all())[0].amount).toBe(9_995_000n);
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Clearing:getNettingRun', ['tx1']],
      ['Clearing:listNettingRuns', ['', '']],
      ['Clearing:listPendingObligations', ['', '']],
    ]);
  });
});
