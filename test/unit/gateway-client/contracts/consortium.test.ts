import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { ConsortiumImpl } from '../../../../gateway-client/src/contracts/consortium';
import { FakeContract, newInvoker } from '../fakes';

describe('Consortium', () => {
  it('submits bootstrap as one JSON argument and votes as plain strings', async () => {
    const ledger = new FakeContract({ endorse: async () => '{}' });
    const consortium = new ConsortiumImpl(new ContractCalls(newInvoker(ledger), 'Consortium'));
    await consortium.bootstrap({ members: [{ mspId: 'JPBankMSP', name: 'JP Bank', roles: ['ISSUER'], issuerOf: ['JPY'] }] });
    await consortium.vote('p1', 'YES');
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Consortium:bootstrap', ['{"members":[{"mspId":"JPBankMSP","name":"JP Bank","roles":["ISSUER"],"issuerOf":["JPY"]}]}']],
      ['Consortium:vote', ['p1', 'YES']],
    ]);
  });

  it('lists all proposals with an empty status filter', async () => {
    const ledger = new FakeContract({ evaluate: async () => '{"bookmark":"","records":[]}' });
    expect(await new ConsortiumImpl(new ContractCalls(newInvoker(ledger), 'Consortium')).listProposals().all()).toEqual([]);
    expect(ledger.proposals[0]).toMatchObject({ name: 'Consortium:listProposals', arguments: ['', '', ''] });
    expect(ledger.submitted).toEqual([]);
  });
});
