import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { PartiesImpl } from '../../../../gateway-client/src/contracts/parties';
import type { KycData } from '../../../../model/src/party';
import { FakeContract, newInvoker } from '../fakes';

const kyc: KycData = {
  legalName: 'Acme Kabushiki Kaisha',
  registrationNumber: '0100-01-000001',
  address: '1-1 Marunouchi, Tokyo',
  beneficialOwners: [{ name: 'Taro Yamada', ownershipPercent: '100' }],
  documentHashes: ['a'.repeat(64)],
};

function partiesOn(ledger: FakeContract): PartiesImpl {
  return new PartiesImpl(new ContractCalls(newInvoker(ledger), 'Party'), 'JPBankMSP', async () => ['JPBankMSP', 'ClearingHouseMSP']);
}

describe('Parties', () => {
  it('registers with personal data only in transient data, endorsed only by the collection members', async () => {
    const ledger = new FakeContract({ endorse: async () => '{"partyId":"ACME"}' });
    const salt = new Uint8Array(32).fill(7);
    await partiesOn(ledger).register({ partyId: 'ACME', name: 'Acme KK', country: 'JP', roles: ['TRADER'] }, kyc, { salt });
    const [proposal] = ledger.proposals;
    expect(proposal.name).toBe('Party:registerParty');
    expect(proposal.arguments).toEqual(['{"partyId":"ACME","name":"Acme KK","country":"JP","roles":["TRADER"]}']);
    expect(proposal.arguments.join()).not.toContain('Yamada');
    expect(proposal.endorsingOrganizations).toEqual(['JPBankMSP', 'ClearingHouseMSP']);
    expect(JSON.parse(new TextDecoder().decode(proposal.transientData?.kyc as Uint8Array))).toEqual(kyc);
    expect(proposal.transientData?.salt).toBe(salt);
  });

  it('makes a fresh random salt of 32 bytes when none is given', async () => {
    const ledger = new FakeContract({ endorse: async () => '{}' });
    await partiesOn(ledger).register({ partyId: 'A', name: 'A', country: 'JP', roles: ['TRADER'] }, kyc);
    await partiesOn(ledger).register({ partyId: 'B', name: 'B', country: 'JP', roles: ['TRADER'] }, kyc);
    const [first, second] = ledger.proposals.map((p) => Buffer.from(p.transientData?.salt as Uint8Array).toString('hex'));
    expect(first).toHaveLength(64);
    expect(first).not.toBe(second);
  });

  it('only ever evaluates readKycData, on the caller organisation', async () => {
    const ledger = new FakeContract({ evaluate: async () => '{"partyId":"ACME"}' });
    await partiesOn(ledger).getKycData('ACME');
    expect(ledger.steps.map((s) => s.step)).toEqual(['evaluate']);
    expect(ledger.proposals[0]).toMatchObject({ name: 'Party:readKycData', arguments: ['ACME'], endorsingOrganizations: ['JPBankMSP'] });
  });

  it('sends verification as the party id and one JSON argument', async () => {
    const ledger = new FakeContract({ endorse: async () => '{}' });
    await partiesOn(ledger).verifyKyc('ACME', { level: 'STANDARD', riskRating: 'LOW', expiresAt: '2027-01-01T00:00:00Z' });
    expect(ledger.proposals[0].arguments).toEqual(['ACME', '{"level":"STANDARD","riskRating":"LOW","expiresAt":"2027-01-01T00:00:00Z"}']);
    expect(ledger.proposals[0].endorsingOrganizations).toBeUndefined();
  });
});
