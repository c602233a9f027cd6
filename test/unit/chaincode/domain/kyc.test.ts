import { createHash } from 'node:crypto';
import {
  MAX_IDENTITIES_PER_PARTY,
  bindIdentity,
  checkEligible,
  effectiveKycStatus,
  expireKyc,
  kycCollections,
  kycDataHash,
  liftSanction,
  newParty,
  rejectKyc,
  resubmitKyc,
  revokeKyc,
  setSanction,
  unbindIdentity,
  verifyKyc,
  withEffectiveStatus,
} from '../../../../chaincode/src/domain/kyc';
import { KycData, Party } from '../../../../model/src/party';
import { errorOf } from '../expect-error';

const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';
const EXPIRY = '2027-01-01T00:00:00.000Z';
const SUBMITTER = 'x509::/CN=onboarding-clerk::/CN=ca.cnbank';
const OFFICER = 'x509::/CN=kyc-officer::/CN=ca.cnbank';
const TRADER = 'x509::/CN=bright-lamp-trader::/CN=ca.cnbank';

const data: KycData = {
  legalName: 'Shenzhen Bright Lamp Manufacturing Co., Ltd.',
  registrationNumber: '91440300MA5F0XXXXX',
  address: '1 Keji Road, Shenzhen',
  beneficialOwners: [{ name: 'Li Wei', ownershipPercent: '100' }],
  documentHashes: ['b'.repeat(64)],
};

const pending: Party = newParty(
  { partyId: 'P1', name: 'Bright Lamp', country: 'CN', roles: ['TRADER'], level: 'STANDARD', riskRating: 'HIGH' },
  { mspId: 'CNBankMSP', at: AT, dataHash: 'h1', collections: ['kyc_CNBankMSP'], submittedBy: SUBMITTER },
);
const verified = verifyKyc(pending, { level: 'ENHANCED', riskRating: 'LOW', expiresAt: EXPIRY }, { verifier: OFFICER, at: LATER });

describe('kycDataHash', () => {
  it('is sha256 over canonical JSON of the data and the hex salt', () => {
    const salt = '00'.repeat(16);
    const expected = createHash('sha256')
      .update(
        '{"kyc":{"address":"1 Keji Road, Shenzhen","beneficialOwners":[{"name":"Li Wei","ownershipPercent":"100"}],' +
          `"documentHashes":["${'b'.repeat(64)}"],"legalName":"Shenzhen Bright Lamp Manufacturing Co., Ltd.","registrationNumber":"91440300MA5F0XXXXX"},` +
          `"salt":"${salt}"}`,
      )
      .digest('hex');
    expect(kycDataHash(data, salt)).toBe(expected);
  });

  it('does not depend on field order and changes with the salt', () => {
    const reordered = { documentHashes: data.documentHashes, beneficialOwners: data.beneficialOwners, address: data.address, registrationNumber: data.registrationNumber, legalName: data.legalName };
    expect(kycDataHash(reordered, 'aa'.repeat(16))).toBe(kycDataHash(data, 'aa'.repeat(16)));
    expect(kycDataHash(data, 'aa'.repeat(16))).not.toBe(kycDataHash(data, 'bb'.repeat(16)));
  });
});

describe('kycCollections', () => {
  it('is the onboarding collection, plus the clearing houses when shared', () => {
    expect(kycCollections('CNBankMSP', false, ['ClearingHouseMSP'])).toEqual(['kyc_CNBankMSP']);
    expect(kycCollections('CNBankMSP', true, ['ClearingHouseMSP'])).toEqual(['kyc_CNBankMSP', 'kyc_ClearingHouseMSP']);
    expect(kycCollections('ClearingHouseMSP', true, ['ClearingHouseMSP'])).toEqual(['kyc_ClearingHouseMSP']);
  });
});

describe('newParty', () => {
  it('starts PENDING, unsanctioned, without identities', () => {
    expect(pending).toEqual({
      partyId: 'P1',
      name: 'Bright Lamp',
      mspId: 'CNBankMSP',
      country: 'CN',
      roles: ['TRADER'],
      identities: [],
      kyc: { status: 'PENDING', level: 'STANDARD', riskRating: 'HIGH', dataHash: 'h1', collections: ['kyc_CNBankMSP'], submittedAt: AT, submittedBy: SUBMITTER },
      sanctioned: false,
      createdAt: AT,
      updatedAt: AT,
    });
  });
});

describe('verification', () => {
  it('verifies a pending record', () => {
    expect(verified.kyc).toMatchObject({ status: 'VERIFIED', level: 'ENHANCED', riskRating: 'LOW', verifier: OFFICER, verifiedAt: LATER, expiresAt: EXPIRY });
    expect(verified.updatedAt).toBe(LATER);
  });

  it.each([
    ['expiry not after the transaction time', { expiresAt: LATER }, OFFICER, `INVALID_ARGUMENT: verification.expiresAt must be after the transaction time ${LATER}`],
    ['expiry beyond the maximum', { expiresAt: '2031-12-31T00:00:00.000Z' }, OFFICER, 'INVALID_ARGUMENT: verification.expiresAt must be at most 1830 days ahead (2031-02-05T00:00:00.000Z)'],
    ['the submitter verifying', {}, SUBMITTER, "UNAUTHORIZED: the verifier must be neither the submitter of party P1's data nor one of its identities"],
  ])('rejects %s', (_case, change, verifier, message) => {
    expect(errorOf(() => verifyKyc(pending, { level: 'STANDARD', riskRating: 'LOW', expiresAt: EXPIRY, ...change }, { verifier, at: LATER }))).toBe(message);
  });

  it("rejects one of the party's own identities verifying", () => {
    const bound = bindIdentity(pending, TRADER, AT);
    expect(errorOf(() => verifyKyc(bound, { level: 'STANDARD', riskRating: 'LOW', expiresAt: EXPIRY }, { verifier: TRADER, at: LATER }))).toMatch(/^UNAUTHORIZED/);
  });

  it('verifies only PENDING records', () => {
    expect(errorOf(() => verifyKyc(verified, { level: 'STANDARD', riskRating: 'LOW', expiresAt: EXPIRY }, { verifier: OFFICER, at: LATER }))).toBe(
      'INVALID_STATE: cannot verify KYC of party P1: it is VERIFIED, not PENDING',
    );
  });

  it('rejects PENDING only', () => {
    const rejected = rejectKyc(pending, 'documents unreadable', { verifier: OFFICER, at: LATER });
    expect(rejected.kyc).toMatchObject({ status: 'REJECTED', closedBy: OFFICER, closedAt: LATER, reason: 'documents unreadable' });
    expect(errorOf(() => rejectKyc(rejected, 'again', { verifier: OFFICER, at: LATER }))).toBe('INVALID_STATE: cannot reject KYC of party P1: it is REJECTED, not PENDING');
  });

  it('revokes VERIFIED only, and not once expired', () => {
    const revoked = revokeKyc(verified, 'adverse media', { verifier: OFFICER, at: LATER });
    expect(revoked.kyc).toMatchObject({ status: 'REVOKED', verifier: OFFICER, closedBy: OFFICER, reason: 'adverse media' });
    expect(errorOf(() => revokeKyc(pending, 'x', { verifier: OFFICER, at: LATER }))).toBe('INVALID_STATE: cannot revoke KYC of party P1: it is PENDING, not VERIFIED');
    expect(errorOf(() => revokeKyc(verified, 'x', { verifier: OFFICER, at: EXPIRY }))).toBe('INVALID_STATE: cannot revoke KYC of party P1: it is EXPIRED, not VERIFIED');
  });
});

describe('expiry', () => {
  it('derives EXPIRED at expiresAt without changing the record', () => {
    expect(effectiveKycStatus(verified, '2026-12-31T23:59:59.999Z')).toBe('VERIFIED');
    expect(effectiveKycStatus(verified, EXPIRY)).toBe('EXPIRED');
    expect(withEffectiveStatus(verified, EXPIRY).kyc.status).toBe('EXPIRED');
    expect(verified.kyc.status).toBe('VERIFIED');
    expect(effectiveKycStatus(pending, '2099-01-01T00:00:00.000Z')).toBe('PENDING');
  });

  it('persists EXPIRED only for a VERIFIED record past its expiry', () => {
    expect(expireKyc(verified, EXPIRY).kyc).toMatchObject({ status: 'EXPIRED', closedAt: EXPIRY });
    expect(errorOf(() => expireKyc(verified, LATER))).toBe(`INVALID_STATE: party P1 KYC is VERIFIED until ${EXPIRY}: nothing to expire`);
    expect(errorOf(() => expireKyc(pending, EXPIRY))).toBe('INVALID_STATE: party P1 KYC is PENDING: nothing to expire');
  });
});

describe('resubmitKyc', () => {
  const submission = { mspId: 'CNBankMSP', at: EXPIRY, dataHash: 'h2', collections: ['kyc_CNBankMSP'], submittedBy: SUBMITTER };
  it.each([
    ['PENDING', pending],
    ['REJECTED', rejectKyc(pending, 'r', { verifier: OFFICER, at: LATER })],
    ['REVOKED', revokeKyc(verified, 'r', { verifier: OFFICER, at: LATER })],
    ['EXPIRED (derived)', verified],
  ])('puts a %s record back to PENDING with the new hash', (_status, party) => {
    const updated = resubmitKyc(party, submission);
    expect(updated.kyc).toEqual({ status: 'PENDING', level: party.kyc.level, riskRating: party.kyc.riskRating, dataHash: 'h2', collections: ['kyc_CNBankMSP'], submittedAt: EXPIRY, submittedBy: SUBMITTER });
  });

  it('refuses to swap the data of a current VERIFIED record', () => {
    expect(errorOf(() => resubmitKyc(verified, { ...submission, at: LATER }))).toBe('INVALID_STATE: party P1 is VERIFIED: revoke before submitting new data');
  });
});

describe('identities', () => {
  it('binds sorted and unbinds', () => {
    const bound = bindIdentity(bindIdentity(pending, TRADER, LATER), OFFICER, LATER);
    expect(bound.identities).toEqual([OFFICER, TRADER].sort());
    expect(unbindIdentity(bound, TRADER, LATER).identities).toEqual([OFFICER]);
  });

  it('rejects binding twice, unbinding a stranger, and too many identities', () => {
    const bound = bindIdentity(pending, TRADER, LATER);
    expect(errorOf(() => bindIdentity(bound, TRADER, LATER))).toBe('ALREADY_EXISTS: the identity is already bound to party P1');
    expect(errorOf(() => unbindIdentity(pending, TRADER, LATER))).toBe('NOT_FOUND: the identity is not bound to party P1');
    const full = { ...pending, identities: Array.from({ length: MAX_IDENTITIES_PER_PARTY }, (_, i) => `x509::/CN=${i}::/CN=ca`) };
    expect(errorOf(() => bindIdentity(full, TRADER, LATER))).toBe(`INVALID_STATE: party P1 already has ${MAX_IDENTITIES_PER_PARTY} identities`);
  });
});

describe('sanctions and eligibility', () => {
  it('sets and lifts a sanction', () => {
    const sanctioned = setSanction(verified, 'OFAC SDN match', 'ClearingHouseMSP', LATER);
    expect(sanctioned).toMatchObject({ sanctioned: true, sanction: { reason: 'OFAC SDN match', by: 'ClearingHouseMSP', at: LATER } });
    const lifted = liftSanction(sanctioned, LATER);
    expect(lifted.sanctioned).toBe(false);
    expect(lifted).not.toHaveProperty('sanction');
    expect(errorOf(() => setSanction(sanctioned, 'again', 'ClearingHouseMSP', LATER))).toBe(`INVALID_STATE: party P1 is already sanctioned since ${LATER}`);
    expect(errorOf(() => liftSanction(lifted, LATER))).toBe('INVALID_STATE: party P1 is not sanctioned');
  });

  it('allows only verified, current, unsanctioned parties', () => {
    expect(errorOf(() => checkEligible(verified, LATER))).toBe('no error');
    expect(errorOf(() => checkEligible(pending, LATER))).toBe('KYC_NOT_VERIFIED: party P1 KYC is PENDING');
    expect(errorOf(() => checkEligible(verified, EXPIRY))).toBe(`KYC_EXPIRED: party P1 KYC expired at ${EXPIRY}`);
    expect(errorOf(() => checkEligible(setSanction(pending, 'r', 'ClearingHouseMSP', LATER), LATER))).toBe('PARTY_SANCTIONED: party P1 is under sanctions');
    expect(errorOf(() => checkEligible(revokeKyc(verified, 'r', { verifier: OFFICER, at: LATER }), LATER))).toBe('KYC_NOT_VERIFIED: party P1 KYC is REVOKED');
  });
});
