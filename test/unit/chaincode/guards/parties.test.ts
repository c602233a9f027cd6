import { Context, Contract, Transaction } from 'fabric-contract-api';
import { PartyContract } from '../../../../chaincode/src/contracts/party';
import { canonicalJson } from '../../../../model/src/canonical';
import { getParty } from '../../../../chaincode/src/ledger/parties';
import { requireCallerParty, requireEligibleParty } from '../../../../chaincode/src/guards/parties';
import { FakeLedger } from '../../../support';
import { bootstrappedLedger, expectRejected, ids, passProposal } from '../contracts/fixtures';

/** Exposes the cross-module helpers as queries, so they run against the fake ledger's stub. */
class PartiesProbe extends Contract {
  constructor() {
    super('PartiesProbe');
  }

  @Transaction(false)
  async party(ctx: Context, partyId: string): Promise<string> {
    return canonicalJson((await getParty(ctx, partyId)) ?? null);
  }

  @Transaction(false)
  async eligible(ctx: Context, partyId: string): Promise<string> {
    return (await requireEligibleParty(ctx, partyId)).partyId;
  }

  @Transaction(false)
  async caller(ctx: Context, partyId: string): Promise<string> {
    return (await requireCallerParty(ctx, partyId)).partyId;
  }
}

const probe = new PartiesProbe();
const parties = new PartyContract();
const KYC = {
  legalName: 'Osaka Precision Tools K.K.',
  registrationNumber: '1200-01-123456',
  address: '2-1 Umeda, Kita-ku',
  beneficialOwners: [{ name: 'Sato Kenji', ownershipPercent: '100' }],
  documentHashes: ['e'.repeat(64)],
};
const transient = { kyc: JSON.stringify(KYC), salt: Buffer.alloc(16, 1) };

async function verifiedParty(): Promise<FakeLedger> {
  const ledger = await bootstrappedLedger();
  await ledger.submit(parties, 'registerParty', [JSON.stringify({ partyId: 'P1', name: 'Osaka Tools', country: 'JP', roles: ['TRADER'] })], { as: ids.cnClerk, transient });
  await ledger.submit(parties, 'bindIdentity', ['P1', ids.trader.getID()], { as: ids.cnAdmin });
  await ledger.submit(parties, 'verifyKyc', ['P1', JSON.stringify({ level: 'STANDARD', riskRating: 'MEDIUM', expiresAt: '2026-06-01T00:00:00Z' })], { as: ids.cnOfficer });
  return ledger;
}

describe('guards/parties', () => {
  it('getParty returns the record or undefined', async () => {
    const ledger = await verifiedParty();
    expect(JSON.parse(await ledger.evaluate(probe, 'party', ['P1'], { as: ids.usAdmin }))).toMatchObject({ partyId: 'P1', mspId: 'CNBankMSP' });
    expect(await ledger.evaluate(probe, 'party', ['P9'], { as: ids.usAdmin })).toBe('null');
  });

  it('requireEligibleParty accepts a verified, current, unsanctioned party only', async () => {
    const ledger = await verifiedParty();
    expect(await ledger.evaluate(probe, 'eligible', ['P1'], { as: ids.usAdmin })).toBe('P1');
    await expectRejected(ledger, probe, 'eligible', ['P9'], { as: ids.usAdmin }, 'NOT_FOUND: party P9 does not exist');

    await ledger.submit(parties, 'setSanction', ['P1', 'list match'], { as: ids.chAdmin });
    await expectRejected(ledger, probe, 'eligible', ['P1'], { as: ids.usAdmin }, 'PARTY_SANCTIONED: party P1 is under sanctions');
    await ledger.submit(parties, 'liftSanction', ['P1', 'cleared'], { as: ids.chAdmin });

    ledger.setTime('2026-06-01T00:00:00Z');
    await expectRejected(ledger, probe, 'eligible', ['P1'], { as: ids.usAdmin }, 'KYC_EXPIRED: party P1 KYC expired at 2026-06-01T00:00:00.000Z');

    await ledger.submit(parties, 'registerParty', [JSON.stringify({ partyId: 'P2', name: 'New Co', country: 'JP', roles: ['TRADER'] })], { as: ids.cnClerk, transient });
    await expectRejected(ledger, probe, 'eligible', ['P2'], { as: ids.usAdmin }, 'KYC_NOT_VERIFIED: party P2 KYC is PENDING');
  });

  it('requireCallerParty accepts only a bound identity of the party organisation while it is active', async () => {
    const ledger = await verifiedParty();
    expect(await ledger.evaluate(probe, 'caller', ['P1'], { as: ids.trader })).toBe('P1');
    const notBound = "UNAUTHORIZED: the caller's identity is not bound to party P1";
    await expectRejected(ledger, probe, 'caller', ['P1'], { as: ids.cnAdmin }, notBound);
    await expectRejected(ledger, probe, 'caller', ['P1'], { as: ids.usAdmin }, notBound);
    await expectRejected(ledger, probe, 'caller', ['P9'], { as: ids.trader }, 'NOT_FOUND');
    await passProposal(ledger, JSON.stringify({ action: 'SUSPEND', mspId: 'CNBankMSP', reason: 'audit' }), [ids.usAdmin, ids.jpAdmin, ids.chAdmin]);
    await expectRejected(ledger, probe, 'caller', ['P1'], { as: ids.trader }, 'MEMBER_NOT_ACTIVE: member CNBankMSP is SUSPENDED');
  });
});
