import type { Page } from '../../../../model/src/paging';
import { PartyContract } from '../../../../chaincode/src/contracts/party';
import { kycDataHash } from '../../../../chaincode/src/domain/kyc';
import { Party, PrivateKycRecord } from '../../../../model/src/party';
import { FakeLedger, networkCollections, ProposalOptions } from '../../../support';
import { bootstrappedLedger, expectRejected, ids, lastEvent, parse, passProposal } from './fixtures';

const party = new PartyContract();

const LEGAL_NAME = 'Shenzhen Bright Lamp Manufacturing Co., Ltd.';
const REGISTRATION = '91440300MA5F0XQ12K';
const ADDRESS = '88 Keji South Road, Nanshan District';
const OWNER = 'Li Weiming';
const KYC = {
  legalName: LEGAL_NAME,
  registrationNumber: REGISTRATION,
  address: ADDRESS,
  beneficialOwners: [
    { name: OWNER, ownershipPercent: '75' },
    { name: 'Chen Jing', ownershipPercent: '25' },
  ],
  documentHashes: ['c'.repeat(64), 'd'.repeat(64)],
};
const SALT = Buffer.alloc(32, 7);
const SALT_HEX = SALT.toString('hex');
const HASH = kycDataHash(KYC, SALT_HEX);
const PERSONAL = [LEGAL_NAME, REGISTRATION, ADDRESS, OWNER, 'Chen Jing', SALT_HEX];

const publicPart = (partyId = 'P1', extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ partyId, name: 'Bright Lamp', country: 'CN', roles: ['TRADER'], ...extra });
const transient = (kyc: unknown = KYC, salt: Buffer = SALT): ProposalOptions['transient'] => ({ kyc: JSON.stringify(kyc), salt });
const EXPIRY = '2027-01-01T00:00:00Z';
const verification = (extra: Record<string, unknown> = {}): string => JSON.stringify({ level: 'STANDARD', riskRating: 'LOW', expiresAt: EXPIRY, ...extra });
const kycKey = (partyId: string): string => `\u0000kyc\u0000${partyId}\u0000`;
const partyKey = (partyId: string): string => `\u0000party\u0000${partyId}\u0000`;

async function register(ledger: FakeLedger, partyId = 'P1', as = ids.cnClerk): Promise<Party> {
  return parse<Party>(await ledger.submit(party, 'registerParty', [publicPart(partyId)], { as, transient: transient() }));
}

async function verified(ledger: FakeLedger, partyId = 'P1'): Promise<Party> {
  await register(ledger, partyId);
  return parse<Party>(await ledger.submit(party, 'verifyKyc', [partyId, verification()], { as: ids.cnOfficer }));
}

async function read(ledger: FakeLedger, partyId = 'P1'): Promise<Party> {
  return parse<Party>(await ledger.evaluate(party, 'getParty', [partyId], { as: ids.usAdmin }));
}

describe('Party:registerParty', () => {
  it('stores the public record with a salted hash and the personal data only in the private collections', async () => {
    const ledger = await bootstrappedLedger();
    const result = await register(ledger);
    expect(result).toEqual({
      partyId: 'P1',
      name: 'Bright Lamp',
      mspId: 'CNBankMSP',
      country: 'CN',
      roles: ['TRADER'],
      identities: [],
      kyc: {
        status: 'PENDING',
        level: 'STANDARD',
        riskRating: 'HIGH',
        dataHash: HASH,
        collections: ['kyc_CNBankMSP', 'kyc_ClearingHouseMSP'],
        submittedAt: '2026-01-01T00:00:00.000Z',
        submittedBy: ids.cnClerk.getID(),
      },
      sanctioned: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(parse(ledger.getState(partyKey('P1'))?.toString() ?? '')).toEqual(result);
    const expected: PrivateKycRecord = { partyId: 'P1', kyc: KYC, salt: SALT_HEX, dataHash: HASH, submittedAt: '2026-01-01T00:00:00.000Z' };
    // CN Bank shares KYC with the clearing house (shareKycWithClearing in its member record).
    for (const collection of ['kyc_CNBankMSP', 'kyc_ClearingHouseMSP']) {
      expect(parse(ledger.privateData(collection, kycKey('P1'))?.toString() ?? '')).toEqual(expected);
    }
    expect(lastEvent(ledger)).toEqual({
      name: 'PartyRegistered',
      payload: { partyId: 'P1', mspId: 'CNBankMSP', kycStatus: 'PENDING', level: 'STANDARD', riskRating: 'HIGH', dataHash: HASH, sanctioned: false, country: 'CN', roles: ['TRADER'] },
    });
    for (const value of PERSONAL) {
      expect(ledger.publicOccurrences(value)).toEqual([]);
    }
  });

  it("keeps a non-sharing member's data in its own collection only", async () => {
    const ledger = await bootstrappedLedger();
    const result = await register(ledger, 'U1', ids.usOfficer);
    expect(result.kyc.collections).toEqual(['kyc_USBankMSP']);
    expect(ledger.privateData('kyc_USBankMSP', kycKey('U1'))).toBeDefined();
    expect(ledger.privateData('kyc_ClearingHouseMSP', kycKey('U1'))).toBeUndefined();
  });

  it('rejects personal data in the public argument, without echoing it', async () => {
    const ledger = await bootstrappedLedger();
    for (const [field, value] of [
      ['legalName', LEGAL_NAME],
      ['address', ADDRESS],
      ['kyc', KYC],
    ] as const) {
      await expectRejected(ledger, party, 'registerParty', [publicPart('P1', { [field]: value })], { as: ids.cnClerk, transient: transient() }, 'PERSONAL_DATA_NOT_ALLOWED');
    }
    for (const value of PERSONAL) {
      expect(ledger.publicOccurrences(value)).toEqual([]);
    }
  });

  it.each([
    ['malformed JSON', '{"partyId":', transient(), 'INVALID_ARGUMENT: party is not valid JSON'],
    ['an unknown field', publicPart('P1', { vip: true }), transient(), 'INVALID_ARGUMENT: party has unknown field(s) vip; allowed: partyId, name, country, roles, level, riskRating'],
    ['a missing field', JSON.stringify({ partyId: 'P1', name: 'N', roles: ['TRADER'] }), transient(), 'INVALID_ARGUMENT: party.country is required'],
    ['a malformed country', publicPart('P1', { country: 'China' }), transient(), 'INVALID_ARGUMENT: party.country must be at most 2 characters'],
    ['an unassigned country', publicPart('P1', { country: 'ZZ' }), transient(), 'INVALID_ARGUMENT: party.country is not an assigned ISO 3166-1 alpha-2 country code'],
    ['an unknown role', publicPart('P1', { roles: ['BROKER'] }), transient(), 'INVALID_ARGUMENT: party.roles[0] must be one of TRADER, LIQUIDITY_PROVIDER, LOGISTICS'],
    ['no transient data', publicPart(), {}, "INVALID_ARGUMENT: transient data must carry 'kyc'"],
    ['no salt', publicPart(), { kyc: JSON.stringify(KYC) }, "INVALID_ARGUMENT: transient 'salt' must hold 16 to 64 random bytes"],
    ['a short salt', publicPart(), transient(KYC, Buffer.alloc(8)), "INVALID_ARGUMENT: transient 'salt' must hold 16 to 64 random bytes"],
    ['malformed KYC JSON', publicPart(), { kyc: '{', salt: SALT }, 'INVALID_ARGUMENT: kyc is not valid JSON'],
    ['an unknown KYC field', publicPart(), transient({ ...KYC, passportNo: 'E12345678' }), 'INVALID_ARGUMENT: kyc has unknown field(s) passportNo; allowed: legalName, registrationNumber, address, beneficialOwners, documentHashes'],
    ['a missing KYC field', publicPart(), transient({ ...KYC, address: undefined }), 'INVALID_ARGUMENT: kyc.address is required'],
    ['an unknown transient key', publicPart(), { ...transient(), extra: 'x' }, 'INVALID_ARGUMENT: unknown transient key(s) extra; expected kyc and salt'],
  ])('rejects %s with no write', async (_case, json, data, message) => {
    const ledger = await bootstrappedLedger();
    await expectRejected(ledger, party, 'registerParty', [json], { as: ids.cnClerk, transient: data }, message);
    for (const value of PERSONAL) {
      expect(ledger.publicOccurrences(value)).toEqual([]);
    }
  });

  it('rejects an existing party id, whichever organisation asks', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await expectRejected(ledger, party, 'registerParty', [publicPart()], { as: ids.usOfficer, transient: transient() }, 'ALREADY_EXISTS: party P1 already exists');
  });

  it('needs an identity of an active member', async () => {
    await expectRejected(new FakeLedger(), party, 'registerParty', [publicPart()], { as: ids.cnClerk, transient: transient() }, 'CONSORTIUM_NOT_BOOTSTRAPPED');
    const ledger = await bootstrappedLedger();
    await expectRejected(ledger, party, 'registerParty', [publicPart()], { as: ids.sgAdmin, transient: transient() }, 'UNAUTHORIZED: caller organisation SGBankMSP is not a consortium member');
    await passProposal(ledger, JSON.stringify({ action: 'SUSPEND', mspId: 'CNBankMSP', reason: 'audit' }), [ids.usAdmin, ids.jpAdmin, ids.chAdmin]);
    await expectRejected(ledger, party, 'registerParty', [publicPart()], { as: ids.cnClerk, transient: transient() }, 'MEMBER_NOT_ACTIVE: caller organisation CNBankMSP is SUSPENDED');
  });

  it('registers different parties endorsed on the same snapshot without conflict', async () => {
    const ledger = await bootstrappedLedger();
    const a = await ledger.simulate(party, 'registerParty', [publicPart('P1')], { as: ids.cnClerk, transient: transient() });
    const b = await ledger.simulate(party, 'registerParty', [publicPart('P2')], { as: ids.cnClerk, transient: transient() });
    expect(ledger.commit(a, b)).toEqual(['VALID', 'VALID']);
  });
});

describe('Party identity binding', () => {
  it('binds and unbinds identities of the same organisation, one event each', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    const bound = parse<Party>(await ledger.submit(party, 'bindIdentity', ['P1', ids.trader.getID()], { as: ids.cnAdmin }));
    expect(bound.identities).toEqual([ids.trader.getID()]);
    expect(lastEvent(ledger)).toEqual({ name: 'IdentityBound', payload: { partyId: 'P1', mspId: 'CNBankMSP', identity: ids.trader.getID() } });
    const unbound = parse<Party>(await ledger.submit(party, 'unbindIdentity', ['P1', ids.trader.getID()], { as: ids.cnAdmin }));
    expect(unbound.identities).toEqual([]);
    expect(lastEvent(ledger).name).toBe('IdentityUnbound');
    // Unbinding frees the identity for another party.
    await register(ledger, 'P2');
    await ledger.submit(party, 'bindIdentity', ['P2', ids.trader.getID()], { as: ids.cnAdmin });
  });

  it('rejects wrong callers, bad ids and double bindings with no write', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await register(ledger, 'P2');
    const trader = ids.trader.getID();
    await ledger.submit(party, 'bindIdentity', ['P1', trader], { as: ids.cnAdmin });
    await expectRejected(ledger, party, 'bindIdentity', ['P1', ids.cnClerk.getID()], { as: ids.cnClerk }, 'UNAUTHORIZED: this transaction needs an organisation admin identity (attribute role=admin)');
    await expectRejected(ledger, party, 'bindIdentity', ['P1', ids.cnClerk.getID()], { as: ids.usAdmin }, 'UNAUTHORIZED: party P1 belongs to CNBankMSP, not USBankMSP');
    await expectRejected(ledger, party, 'bindIdentity', ['P1', 'alice'], { as: ids.cnAdmin }, 'INVALID_ARGUMENT: identity must be an x509 identity id (x509::<subject>::<issuer>)');
    await expectRejected(ledger, party, 'bindIdentity', ['P9', trader], { as: ids.cnAdmin }, 'NOT_FOUND: party P9 does not exist');
    await expectRejected(ledger, party, 'bindIdentity', ['P1', trader], { as: ids.cnAdmin }, 'ALREADY_EXISTS: the identity is already bound to party P1');
    await expectRejected(ledger, party, 'bindIdentity', ['P2', trader], { as: ids.cnAdmin }, 'ALREADY_EXISTS: the identity is already bound to party P1');
    await expectRejected(ledger, party, 'unbindIdentity', ['P2', trader], { as: ids.cnAdmin }, 'NOT_FOUND: the identity is not bound to party P2');
    await expectRejected(ledger, party, 'unbindIdentity', ['P1', trader], { as: ids.usAdmin }, 'UNAUTHORIZED');
    await expectRejected(ledger, party, 'unbindIdentity', ['bad id', trader], { as: ids.cnAdmin }, 'INVALID_ARGUMENT');
  });
});

describe('Party KYC decisions', () => {
  it('verifies a pending record', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    ledger.setTime('2026-01-05T00:00:00Z');
    const result = parse<Party>(await ledger.submit(party, 'verifyKyc', ['P1', verification({ level: 'ENHANCED' })], { as: ids.cnOfficer }));
    expect(result.kyc).toMatchObject({
      status: 'VERIFIED',
      level: 'ENHANCED',
      riskRating: 'LOW',
      verifier: ids.cnOfficer.getID(),
      verifiedAt: '2026-01-05T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    expect(lastEvent(ledger)).toEqual({
      name: 'KycVerified',
      payload: {
        partyId: 'P1',
        mspId: 'CNBankMSP',
        kycStatus: 'VERIFIED',
        level: 'ENHANCED',
        riskRating: 'LOW',
        dataHash: HASH,
        expiresAt: '2027-01-01T00:00:00.000Z',
        sanctioned: false,
        verifier: ids.cnOfficer.getID(),
      },
    });
  });

  it('rejects wrong verifiers, bad input and wrong states with no write', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    const needVerifier = 'UNAUTHORIZED: KYC decisions need an identity with attribute kyc.verifier=true';
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification()], { as: ids.cnClerk }, needVerifier);
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification()], { as: ids.cnAdmin }, needVerifier);
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification()], { as: ids.usOfficer }, 'UNAUTHORIZED: party P1 belongs to CNBankMSP, not USBankMSP');
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification()], { as: ids.chOfficer }, 'UNAUTHORIZED: party P1 belongs to CNBankMSP, not ClearingHouseMSP');
    await expectRejected(ledger, party, 'verifyKyc', ['P1', '{'], { as: ids.cnOfficer }, 'INVALID_ARGUMENT: verification is not valid JSON');
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification({ note: 'ok' })], { as: ids.cnOfficer }, 'INVALID_ARGUMENT: verification has unknown field(s) note; allowed: level, riskRating, expiresAt');
    await expectRejected(ledger, party, 'verifyKyc', ['P1', JSON.stringify({ level: 'STANDARD', riskRating: 'LOW' })], { as: ids.cnOfficer }, 'INVALID_ARGUMENT: verification.expiresAt is required');
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification({ expiresAt: '2025-12-31T00:00:00Z' })], { as: ids.cnOfficer }, 'INVALID_ARGUMENT: verification.expiresAt must be after the transaction time 2026-01-01T00:00:00.000Z');
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification({ legalName: LEGAL_NAME })], { as: ids.cnOfficer }, 'PERSONAL_DATA_NOT_ALLOWED');
    await expectRejected(ledger, party, 'verifyKyc', ['P9', verification()], { as: ids.cnOfficer }, 'NOT_FOUND: party P9 does not exist');
    await ledger.submit(party, 'verifyKyc', ['P1', verification()], { as: ids.cnOfficer });
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification()], { as: ids.cnOfficer }, 'INVALID_STATE: cannot verify KYC of party P1: it is VERIFIED, not PENDING');
  });

  it('keeps four eyes: the submitter cannot verify its own submission', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger, 'P1', ids.cnOfficer);
    await expectRejected(ledger, party, 'verifyKyc', ['P1', verification()], { as: ids.cnOfficer }, "UNAUTHORIZED: the verifier must be neither the submitter of party P1's data nor one of its identities");
  });

  it('rejects a pending record and revokes a verified one', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    const rejected = parse<Party>(await ledger.submit(party, 'rejectKyc', ['P1', 'registry extract missing'], { as: ids.cnOfficer }));
    expect(rejected.kyc).toMatchObject({ status: 'REJECTED', reason: 'registry extract missing', closedBy: ids.cnOfficer.getID() });
    expect(lastEvent(ledger)).toMatchObject({ name: 'KycRejected', payload: { partyId: 'P1', kycStatus: 'REJECTED', reason: 'registry extract missing', by: ids.cnOfficer.getID() } });
    await expectRejected(ledger, party, 'rejectKyc', ['P1', 'again'], { as: ids.cnOfficer }, 'INVALID_STATE: cannot reject KYC of party P1: it is REJECTED, not PENDING');
    await expectRejected(ledger, party, 'revokeKyc', ['P1', 'x'], { as: ids.cnOfficer }, 'INVALID_STATE: cannot revoke KYC of party P1: it is REJECTED, not VERIFIED');

    await verified(ledger, 'P2');
    await expectRejected(ledger, party, 'revokeKyc', ['P2', 'adverse media'], { as: ids.cnClerk }, 'UNAUTHORIZED');
    await expectRejected(ledger, party, 'revokeKyc', ['P2', ''], { as: ids.cnOfficer }, 'INVALID_ARGUMENT: reason must be non-empty without leading or trailing spaces');
    await expectRejected(ledger, party, 'revokeKyc', ['P2', 'x'.repeat(501)], { as: ids.cnOfficer }, 'INVALID_ARGUMENT: reason must be at most 500 characters');
    await expectRejected(ledger, party, 'rejectKyc', ['P2', 'x'], { as: ids.usOfficer }, 'UNAUTHORIZED');
    const revoked = parse<Party>(await ledger.submit(party, 'revokeKyc', ['P2', 'adverse media'], { as: ids.cnOfficer }));
    expect(revoked.kyc).toMatchObject({ status: 'REVOKED', verifier: ids.cnOfficer.getID(), reason: 'adverse media' });
    expect(lastEvent(ledger).name).toBe('KycRevoked');
  });
});

describe('Party KYC expiry', () => {
  it('counts a verified record as EXPIRED after expiresAt without any write', async () => {
    const ledger = await bootstrappedLedger();
    await verified(ledger);
    ledger.setTime('2026-12-31T23:59:59.999Z');
    expect((await read(ledger)).kyc.status).toBe('VERIFIED');
    ledger.setTime('2027-01-01T00:00:00Z');
    const before = ledger.snapshot();
    expect((await read(ledger)).kyc.status).toBe('EXPIRED');
    const listed = parse<Page<Party>>(await ledger.evaluate(party, 'listParties', ['', '', ''], { as: ids.usAdmin })).records;
    expect(listed.map((p) => p.kyc.status)).toEqual(['EXPIRED']);
    expect(ledger.snapshot()).toEqual(before);
    // The stored record still says VERIFIED: nothing was written.
    expect(parse<Party>(ledger.getState(partyKey('P1'))?.toString() ?? '').kyc.status).toBe('VERIFIED');
    await expectRejected(ledger, party, 'revokeKyc', ['P1', 'x'], { as: ids.cnOfficer }, 'INVALID_STATE: cannot revoke KYC of party P1: it is EXPIRED, not VERIFIED');
  });

  it('persists the expiry with expireKyc, once', async () => {
    const ledger = await bootstrappedLedger();
    await verified(ledger);
    await expectRejected(ledger, party, 'expireKyc', ['P1'], { as: ids.usAdmin }, 'INVALID_STATE: party P1 KYC is VERIFIED until 2027-01-01T00:00:00.000Z: nothing to expire');
    ledger.setTime('2027-01-02T00:00:00Z');
    await expectRejected(ledger, party, 'expireKyc', ['P1'], { as: ids.sgAdmin }, 'UNAUTHORIZED');
    const expired = parse<Party>(await ledger.submit(party, 'expireKyc', ['P1'], { as: ids.usAdmin }));
    expect(expired.kyc).toMatchObject({ status: 'EXPIRED', closedAt: '2027-01-02T00:00:00.000Z' });
    expect(lastEvent(ledger)).toMatchObject({ name: 'KycExpired', payload: { partyId: 'P1', kycStatus: 'EXPIRED' } });
    await expectRejected(ledger, party, 'expireKyc', ['P1'], { as: ids.usAdmin }, 'INVALID_STATE: party P1 KYC is EXPIRED: nothing to expire');
    await expectRejected(ledger, party, 'expireKyc', ['P9'], { as: ids.usAdmin }, 'NOT_FOUND');
  });
});

describe('Party:updateKycData', () => {
  const NEW_KYC = { ...KYC, address: '1 Harbour Road, Wan Chai' };

  it('replaces the data of a rejected record and puts it back to PENDING', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await ledger.submit(party, 'rejectKyc', ['P1', 'address outdated'], { as: ids.cnOfficer });
    ledger.setTime('2026-01-10T00:00:00Z');
    const updated = parse<Party>(await ledger.submit(party, 'updateKycData', ['P1'], { as: ids.cnClerk, transient: transient(NEW_KYC) }));
    expect(updated.kyc).toEqual({
      status: 'PENDING',
      level: 'STANDARD',
      riskRating: 'HIGH',
      dataHash: kycDataHash(NEW_KYC, SALT_HEX),
      collections: ['kyc_CNBankMSP', 'kyc_ClearingHouseMSP'],
      submittedAt: '2026-01-10T00:00:00.000Z',
      submittedBy: ids.cnClerk.getID(),
    });
    expect(parse<PrivateKycRecord>(ledger.privateData('kyc_CNBankMSP', kycKey('P1'))?.toString() ?? '').kyc.address).toBe(NEW_KYC.address);
    expect(lastEvent(ledger)).toMatchObject({ name: 'KycDataSubmitted', payload: { partyId: 'P1', kycStatus: 'PENDING', previousStatus: 'REJECTED' } });
    expect(ledger.publicOccurrences(NEW_KYC.address)).toEqual([]);
  });

  it('accepts new data once a verification has expired', async () => {
    const ledger = await bootstrappedLedger();
    await verified(ledger);
    await expectRejected(ledger, party, 'updateKycData', ['P1'], { as: ids.cnClerk, transient: transient(NEW_KYC) }, 'INVALID_STATE: party P1 is VERIFIED: revoke before submitting new data');
    ledger.setTime('2027-06-01T00:00:00Z');
    const updated = parse<Party>(await ledger.submit(party, 'updateKycData', ['P1'], { as: ids.cnClerk, transient: transient(NEW_KYC) }));
    expect(updated.kyc.status).toBe('PENDING');
    expect(updated.kyc).not.toHaveProperty('verifier');
  });

  it('rejects other organisations and missing data with no write', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await expectRejected(ledger, party, 'updateKycData', ['P1'], { as: ids.usOfficer, transient: transient(NEW_KYC) }, 'UNAUTHORIZED: party P1 belongs to CNBankMSP, not USBankMSP');
    await expectRejected(ledger, party, 'updateKycData', ['P1'], { as: ids.cnClerk }, "INVALID_ARGUMENT: transient data must carry 'kyc'");
    await expectRejected(ledger, party, 'updateKycData', ['P9'], { as: ids.cnClerk, transient: transient(NEW_KYC) }, 'NOT_FOUND');
  });

  it('removes the data from a clearing collection that is no longer entitled to it', async () => {
    // Admitting a clearing house takes a chaincode definition with its collection too.
    const clearing2 = { name: 'kyc_Clearing2MSP', members: ['Clearing2MSP'], memberOnlyRead: true, memberOnlyWrite: false };
    const ledger = await bootstrappedLedger({ collections: [...networkCollections(), clearing2] });
    await register(ledger);
    await ledger.submit(party, 'rejectKyc', ['P1', 'stale'], { as: ids.cnOfficer });
    const admit = JSON.stringify({ action: 'ADMIT', member: { mspId: 'Clearing2MSP', name: 'Clearing 2', roles: ['CLEARING'] }, reason: 'successor' });
    await passProposal(ledger, admit);
    await passProposal(ledger, JSON.stringify({ action: 'SUSPEND', mspId: 'ClearingHouseMSP', reason: 'wind-down' }), [ids.cnAdmin, ids.usAdmin, ids.jpAdmin]);
    const updated = parse<Party>(await ledger.submit(party, 'updateKycData', ['P1'], { as: ids.cnClerk, transient: transient(NEW_KYC) }));
    expect(updated.kyc.collections).toEqual(['kyc_CNBankMSP', 'kyc_Clearing2MSP']);
    expect(ledger.privateData('kyc_ClearingHouseMSP', kycKey('P1'))).toBeUndefined();
    expect(ledger.privateData('kyc_Clearing2MSP', kycKey('P1'))).toBeDefined();
  });
});

describe('Party sanctions', () => {
  it('lets the clearing house set and lift a sanction', async () => {
    const ledger = await bootstrappedLedger();
    await verified(ledger);
    const sanctioned = parse<Party>(await ledger.submit(party, 'setSanction', ['P1', 'UN list match 2026-17'], { as: ids.chOfficer }));
    expect(sanctioned).toMatchObject({ sanctioned: true, sanction: { reason: 'UN list match 2026-17', by: 'ClearingHouseMSP', at: '2026-01-01T00:00:00.000Z' } });
    expect(lastEvent(ledger)).toMatchObject({ name: 'PartySanctioned', payload: { partyId: 'P1', sanctioned: true, reason: 'UN list match 2026-17', by: 'ClearingHouseMSP' } });
    await expectRejected(ledger, party, 'setSanction', ['P1', 'again'], { as: ids.chAdmin }, 'INVALID_STATE: party P1 is already sanctioned since 2026-01-01T00:00:00.000Z');
    const lifted = parse<Party>(await ledger.submit(party, 'liftSanction', ['P1', 'false positive'], { as: ids.chAdmin }));
    expect(lifted.sanctioned).toBe(false);
    expect(lifted).not.toHaveProperty('sanction');
    expect(lastEvent(ledger)).toMatchObject({ name: 'SanctionLifted', payload: { sanctioned: false, reason: 'false positive' } });
    await expectRejected(ledger, party, 'liftSanction', ['P1', 'again'], { as: ids.chAdmin }, 'INVALID_STATE: party P1 is not sanctioned');
  });

  it('rejects anyone but the clearing house, and bad arguments', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await expectRejected(ledger, party, 'setSanction', ['P1', 'x'], { as: ids.cnAdmin }, 'UNAUTHORIZED: caller organisation CNBankMSP is not an active CLEARING member');
    await expectRejected(ledger, party, 'liftSanction', ['P1', 'x'], { as: ids.cnOfficer }, 'UNAUTHORIZED');
    await expectRejected(ledger, party, 'setSanction', ['P1', ' x'], { as: ids.chAdmin }, 'INVALID_ARGUMENT');
    await expectRejected(ledger, party, 'setSanction', ['P9', 'x'], { as: ids.chAdmin }, 'NOT_FOUND');
  });
});

describe('Party:proveKycData', () => {
  it('answers whether transient data matches the public hash, writing and echoing nothing', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    const yes = await ledger.simulate(party, 'proveKycData', ['P1'], { as: ids.usAdmin, transient: transient() });
    expect(parse(yes.result ?? '')).toEqual({ partyId: 'P1', matches: true });
    expect(yes.writes.size).toBe(0);
    expect(yes.event).toBeUndefined();
    const otherSalt = await ledger.evaluate(party, 'proveKycData', ['P1'], { as: ids.usAdmin, transient: transient(KYC, Buffer.alloc(32, 8)) });
    expect(parse(otherSalt)).toEqual({ partyId: 'P1', matches: false });
    const otherData = await ledger.evaluate(party, 'proveKycData', ['P1'], { as: ids.usAdmin, transient: transient({ ...KYC, legalName: 'Other Co' }) });
    expect(parse(otherData)).toEqual({ partyId: 'P1', matches: false });
    for (const value of PERSONAL) {
      expect(ledger.publicOccurrences(value)).toEqual([]);
    }
  });

  it('rejects malformed data and non-members', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await expectRejected(ledger, party, 'proveKycData', ['P1'], { as: ids.usAdmin, transient: { kyc: '[]', salt: SALT } }, 'INVALID_ARGUMENT: kyc must be a JSON object');
    await expectRejected(ledger, party, 'proveKycData', ['P1'], { as: ids.sgAdmin, transient: transient() }, 'UNAUTHORIZED');
    await expectRejected(ledger, party, 'proveKycData', ['P9'], { as: ids.usAdmin, transient: transient() }, 'NOT_FOUND');
  });
});

describe('Party queries', () => {
  it('lists parties by id, for all or one organisation', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger, 'P2');
    await register(ledger, 'U1', ids.usOfficer);
    await register(ledger, 'P1');
    const all = parse<Page<Party>>(await ledger.evaluate(party, 'listParties', ['', '', ''], { as: ids.jpAdmin })).records;
    expect(all.map((p) => p.partyId)).toEqual(['P1', 'P2', 'U1']);
    const cn = parse<Page<Party>>(await ledger.evaluate(party, 'listParties', ['CNBankMSP', '', ''], { as: ids.jpAdmin })).records;
    expect(cn.map((p) => p.partyId)).toEqual(['P1', 'P2']);
    expect(parse<Page<Party>>(await ledger.evaluate(party, 'listParties', ['JPBankMSP', '', ''], { as: ids.jpAdmin })).records).toEqual([]);
    await expectRejected(ledger, party, 'listParties', ['not an msp', '', ''], { as: ids.jpAdmin }, 'INVALID_ARGUMENT');
    await expectRejected(ledger, party, 'getParty', ['P9'], { as: ids.jpAdmin }, 'NOT_FOUND: party P9 does not exist');
  });

  it('pages the list with a bookmark, by the full index and by the organisation index alike', async () => {
    const ledger = await bootstrappedLedger();
    for (const id of ['P1', 'P2', 'P3', 'P4', 'P5']) {
      await register(ledger, id);
    }
    for (const mspId of ['', 'CNBankMSP']) {
      const seen: string[] = [];
      let bookmark = '';
      let pages = 0;
      do {
        const page = parse<Page<Party>>(await ledger.evaluate(party, 'listParties', [mspId, '2', bookmark], { as: ids.jpAdmin }));
        expect(page.records.length).toBeLessThanOrEqual(2);
        seen.push(...page.records.map((p) => p.partyId));
        bookmark = page.bookmark;
        pages += 1;
      } while (bookmark !== '');
      expect({ mspId, seen, pages }).toEqual({ mspId, seen: ['P1', 'P2', 'P3', 'P4', 'P5'], pages: 3 });
    }
    await expectRejected(ledger, party, 'listParties', ['', '0', ''], { as: ids.jpAdmin }, 'INVALID_ARGUMENT: pageSize must be "" or a whole number from 1 to 1000');
    // A bookmark must lie in the list's own key range: one from elsewhere would read other records.
    for (const foreign of ['\u0000member\u0000', '\u0000party-org\u0000JPBankMSP\u0000', '\u0000zzz']) {
      await expectRejected(ledger, party, 'listParties', ['CNBankMSP', '2', foreign], { as: ids.jpAdmin }, 'INVALID_ARGUMENT: bookmark is not one this list query answered');
    }
  });

  it('returns the public KYC history newest first', async () => {
    const ledger = await bootstrappedLedger();
    await verified(ledger);
    ledger.setTime('2026-02-01T00:00:00Z');
    await ledger.submit(party, 'setSanction', ['P1', 'watch list'], { as: ids.chAdmin });
    const history = parse<{ txId: string; timestamp: string; isDelete: boolean; party: Party }[]>(await ledger.evaluate(party, 'getKycHistory', ['P1'], { as: ids.chAdmin }));
    expect(history.map((h) => [h.timestamp, h.party.kyc.status, h.party.sanctioned])).toEqual([
      ['2026-02-01T00:00:00.000Z', 'VERIFIED', true],
      ['2026-01-01T00:00:00.000Z', 'VERIFIED', false],
      ['2026-01-01T00:00:00.000Z', 'PENDING', false],
    ]);
    expect(history.every((h) => !h.isDelete && h.txId.startsWith('tx'))).toBe(true);
    await expectRejected(ledger, party, 'getKycHistory', ['P9'], { as: ids.chAdmin }, 'NOT_FOUND');
  });
});

describe('Party:readKycData', () => {
  it('returns the private record to entitled identities of collection members only', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await register(ledger, 'U1', ids.usOfficer);
    await ledger.submit(party, 'bindIdentity', ['P1', ids.trader.getID()], { as: ids.cnAdmin });
    const expected = { partyId: 'P1', kyc: KYC, salt: SALT_HEX, dataHash: HASH, submittedAt: '2026-01-01T00:00:00.000Z' };
    // Each organisation asks its own peer: only members of a collection hold its values.
    for (const as of [ids.cnOfficer, ids.cnAdmin, ids.trader, ids.chOfficer, ids.chAdmin]) {
      expect(parse(await ledger.evaluate(party, 'readKycData', ['P1'], { as, peerMspId: as.getMSPID() }))).toEqual(expected);
    }
    await expectRejected(ledger, party, 'readKycData', ['P1'], { as: ids.cnClerk }, 'UNAUTHORIZED: reading KYC data of party P1 needs an admin, a KYC verifier or one of its identities');
    await expectRejected(ledger, party, 'readKycData', ['P1'], { as: ids.usOfficer }, 'UNAUTHORIZED: organisation USBankMSP does not hold KYC data of party P1');
    await expectRejected(ledger, party, 'readKycData', ['U1'], { as: ids.chAdmin }, 'UNAUTHORIZED: organisation ClearingHouseMSP does not hold KYC data of party U1');
    await expectRejected(ledger, party, 'readKycData', ['P1'], { as: ids.sgAdmin }, 'UNAUTHORIZED');
    await expectRejected(ledger, party, 'readKycData', ['P9'], { as: ids.cnAdmin }, 'NOT_FOUND');
  });
});

describe('Party privacy and determinism', () => {
  it('never puts personal data in world state, history, responses, errors or events over a full lifecycle', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger);
    await ledger.submit(party, 'bindIdentity', ['P1', ids.trader.getID()], { as: ids.cnAdmin });
    await ledger.submit(party, 'rejectKyc', ['P1', 'unclear ownership'], { as: ids.cnOfficer });
    await ledger.submit(party, 'updateKycData', ['P1'], { as: ids.cnClerk, transient: transient() });
    await ledger.submit(party, 'verifyKyc', ['P1', verification()], { as: ids.cnOfficer });
    await ledger.submit(party, 'setSanction', ['P1', 'list match'], { as: ids.chAdmin });
    await ledger.submit(party, 'liftSanction', ['P1', 'cleared'], { as: ids.chAdmin });
    await ledger.submit(party, 'revokeKyc', ['P1', 'periodic review failed'], { as: ids.cnOfficer });
    await ledger.evaluate(party, 'proveKycData', ['P1'], { as: ids.jpAdmin, transient: transient() });
    await ledger.evaluate(party, 'getKycHistory', ['P1'], { as: ids.jpAdmin });
    await ledger.simulate(party, 'registerParty', [publicPart('P1')], { as: ids.cnClerk, transient: transient() });
    for (const value of PERSONAL) {
      expect(ledger.publicOccurrences(value)).toEqual([]);
    }
    const committed = [...ledger.stateKeys().map((key) => ledger.getState(key)?.toString() ?? ''), ...ledger.events.map((e) => e.payload.toString())].join('\n');
    expect(committed).not.toContain(LEGAL_NAME);
    expect(committed).toContain(HASH);
  });

  it('gives identical writes, events and responses on equal snapshots', async () => {
    const ledger = await bootstrappedLedger();
    await register(ledger, 'P2');
    const runs: [string, string[], ProposalOptions][] = [
      ['registerParty', [publicPart('P1')], { as: ids.cnClerk, transient: transient() }],
      ['verifyKyc', ['P2', verification()], { as: ids.cnOfficer }],
      ['bindIdentity', ['P2', ids.trader.getID()], { as: ids.cnAdmin }],
      ['setSanction', ['P2', 'x'], { as: ids.chAdmin }],
      ['updateKycData', ['P2'], { as: ids.cnClerk, transient: transient() }],
    ];
    for (const [fn, args, options] of runs) {
      const fork = ledger.fork();
      const [x, y] = [await ledger.simulate(party, fn, args, options), await fork.simulate(party, fn, args, options)];
      expect(x.error).toBeUndefined();
      expect(y.writes).toEqual(x.writes);
      expect(y.privateWrites).toEqual(x.privateWrites);
      expect(y.result).toBe(x.result);
      expect(y.event).toEqual(x.event);
    }
  });
});
