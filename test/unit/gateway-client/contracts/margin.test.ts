import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { MarginImpl } from '../../../../gateway-client/src/contracts/margin';
import { FakeContract, newInvoker } from '../fakes';
import { claimJson, ORDER_ID } from './trade-records';

function marginOn(ledger: FakeContract): MarginImpl {
  return new MarginImpl(new ContractCalls(newInvoker(ledger), 'Margin'));
}

describe('Margin', () => {
  it('posts and withdraws with the amount as a decimal string, and returns bigint', async () => {
    const ledger = new FakeContract({ endorse: async () => '{"partyId":"CNEXP","currency":"USD","amount":"2000000","required":"500000","at":"t","txId":"tx1"}' });
    const margin = marginOn(ledger);
    await margin.post({ partyId: 'CNEXP', currency: 'USD', amount: 2_000_000n });
    const withdrawn = await margin.withdraw({ partyId: 'CNEXP', currency: 'USD', amount: 2_000_000n });
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Margin:postMargin', ['{"partyId":"CNEXP","currency":"USD","amount":"2000000"}']],
      ['Margin:withdrawMargin', ['{"partyId":"CNEXP","currency":"USD","amount":"2000000"}']],
    ]);
    expect(withdrawn).toMatchObject({ amount: 2_000_000n, required: 500_000n });
  });

  it('decides a claim, a waiver being a zero amount', async () => {
    const ledger = new FakeContract({ endorse: async () => JSON.stringify({ ...JSON.parse(claimJson), status: 'DECIDED', claimedAmount: '0' }) });
    const decided = await marginOn(ledger).claim({ orderId: ORDER_ID, amount: 0n });
    expect(ledger.proposals[0]).toMatchObject({ name: 'Margin:claimMargin', arguments: [`{"orderId":"${ORDER_ID}","amount":"0"}`] });
    expect(decided).toMatchObject({ status: 'DECIDED', maxAmount: 500_000n, claimedAmount: 0n });
  });

  it('evaluates positions and claims', async () => {
    const position = '{"partyId":"CNEXP","currency":"USD","held":"2000000","openAmount":"0","openOrders":0,"claimsReserved":"500000","riskRating":"LOW","marginBps":500,"required":"500000","free":"1500000","shortfall":"0"}';
    const ledger = new FakeContract({ evaluate: async (txId) => (txId === 'tx1' ? position : claimJson) });
    const margin = marginOn(ledger);
    expect(await margin.getPosition('CNEXP', 'USD')).toEqual({
      partyId: 'CNEXP',
      currency: 'USD',
      held: 2_000_000n,
      openAmount: 0n,
      openOrders: 0,
      claimsReserved: 500_000n,
      riskRating: 'LOW',
      marginBps: 500,
      required: 500_000n,
      free: 1_500_000n,
      shortfall: 0n,
    });
    expect((await margin.getClaim(ORDER_ID)).maxAmount).toBe(500_000n);
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Margin:getMarginPosition', ['CNEXP', 'USD']],
      ['Margin:getMarginClaim', [ORDER_ID]],
    ]);
    expect(ledger.submitted).toEqual([]);
  });
});
