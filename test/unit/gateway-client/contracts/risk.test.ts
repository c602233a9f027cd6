import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { RiskImpl } from '../../../../gateway-client/src/contracts/risk';
import { FakeContract, newInvoker } from '../fakes';

function riskOn(ledger: FakeContract): RiskImpl {
  return new RiskImpl(new ContractCalls(newInvoker(ledger), 'Risk'));
}

describe('Risk', () => {
  it('sets limits with amounts as decimal strings and leaves absent limits out', async () => {
    const ledger = new FakeContract({ endorse: async () => '{"partyId":"USIMP","currency":"USD","singleOrderMax":"50000000","setBy":"ClearingHouseMSP","setAt":"t","txId":"tx1"}' });
    const limit = await riskOn(ledger).setLimit({ partyId: 'USIMP', currency: 'USD', singleOrderMax: 50_000_000n, velocityAlertPerDay: 5 });
    expect(ledger.proposals[0]).toMatchObject({ name: 'Risk:setLimit', arguments: ['{"partyId":"USIMP","currency":"USD","singleOrderMax":"50000000","velocityAlertPerDay":5}'] });
    expect(limit.singleOrderMax).toBe(50_000_000n);
    expect(limit).not.toHaveProperty('dailyOutflowMax');
  });

  it('reads a party without limits and a daily outflow', async () => {
    const ledger = new FakeContract({
      evaluate: async (txId) => (txId === 'tx1' ? '{"partyId":"USIMP","currency":"USD"}' : '{"partyId":"USIMP","currency":"USD","day":"2026-03-01","amount":"10005000","payments":1}'),
    });
    const risk = riskOn(ledger);
    expect(await risk.getLimit('USIMP', 'USD')).toEqual({ partyId: 'USIMP', currency: 'USD' });
    expect(await risk.getDailyOutflow('USIMP', 'USD', '2026-03-01')).toEqual({ partyId: 'USIMP', currency: 'USD', day: '2026-03-01', amount: 10_005_000n, payments: 1 });
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Risk:getLimit', ['USIMP', 'USD']],
      ['Risk:getDailyOutflow', ['USIMP', 'USD', '2026-03-01']],
    ]);
  });
});
