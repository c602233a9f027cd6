import {
  COUNTRY_CODES,
  parseKycData,
  parseRegisterPartyInput,
  parseSalt,
  parseVerifyKycInput,
  rejectPersonalData,
} from '../../../../model/src/party';
import { errorOf } from '../expect-error';

const HASH = 'a'.repeat(64);
const kyc = {
  legalName: 'Shenzhen Bright Lamp Manufacturing Co., Ltd.',
  registrationNumber: '91440300MA5F0XXXXX',
  address: '1 Keji Road, Nanshan, Shenzhen',
  beneficialOwners: [
    { name: 'Li Wei', ownershipPercent: '60' },
    { name: 'Zhang Min', ownershipPercent: '33.3333' },
  ],
  documentHashes: [HASH],
};

function bytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

describe('parseRegisterPartyInput', () => {
  it('parses a party with defaults for level and rating', () => {
    expect(parseRegisterPartyInput(JSON.stringify({ partyId: 'P-1', name: 'Bright Lamp', country: 'CN', roles: ['LOGISTICS', 'TRADER'] }))).toEqual({
      partyId: 'P-1',
      name: 'Bright Lamp',
      country: 'CN',
      roles: ['TRADER', 'LOGISTICS'],
      level: 'STANDARD',
      riskRating: 'HIGH',
    });
  });

  it('takes an intended level and initial rating', () => {
    const input = parseRegisterPartyInput(JSON.stringify({ partyId: 'P', name: 'N', country: 'US', roles: ['TRADER'], level: 'ENHANCED', riskRating: 'MEDIUM' }));
    expect(input).toMatchObject({ level: 'ENHANCED', riskRating: 'MEDIUM' });
  });

  const base = { partyId: 'P', name: 'N', country: 'US', roles: ['TRADER'] };
  it.each([
    [{ ...base, country: 'us' }, 'INVALID_ARGUMENT: party.country must be an ISO 3166-1 alpha-2 code of two capital letters'],
    [{ ...base, country: 'USA' }, 'INVALID_ARGUMENT: party.country must be at most 2 characters'],
    [{ ...base, country: 'XK' }, 'INVALID_ARGUMENT: party.country is not an assigned ISO 3166-1 alpha-2 country code'],
    [{ ...base, country: 'UK' }, 'INVALID_ARGUMENT: party.country is not an assigned ISO 3166-1 alpha-2 country code'],
    [{ ...base, roles: ['BANK'] }, 'INVALID_ARGUMENT: party.roles[0] must be one of TRADER, LIQUIDITY_PROVIDER, LOGISTICS'],
    [{ ...base, partyId: 'a/b' }, 'INVALID_ARGUMENT: party.partyId must be a party id (letters, digits, dot, underscore, dash)'],
    [{ ...base, level: 'BASIC' }, 'INVALID_ARGUMENT: party.level must be one of SIMPLIFIED, STANDARD, ENHANCED'],
    [{ ...base, mspId: 'USBankMSP' }, 'INVALID_ARGUMENT: party has unknown field(s) mspId; allowed: partyId, name, country, roles, level, riskRating'],
    [{ partyId: 'P', country: 'US', roles: ['TRADER'] }, 'INVALID_ARGUMENT: party.name is required'],
  ])('rejects %j', (input, message) => {
    expect(errorOf(() => parseRegisterPartyInput(JSON.stringify(input)))).toBe(message);
  });

  it.each(['legalName', 'registrationNumber', 'address', 'beneficialOwners', 'documentHashes', 'kyc', 'salt'])(
    'refuses personal field %s in the public argument without echoing it',
    (field) => {
      const message = errorOf(() => parseRegisterPartyInput(JSON.stringify({ ...base, [field]: kyc.legalName })));
      expect(message).toBe(`PERSONAL_DATA_NOT_ALLOWED: party carries personal field '${field}': send KYC data as transient 'kyc' and 'salt'`);
      expect(message).not.toContain(kyc.legalName);
    },
  );

  it('finds personal fields at any depth', () => {
    expect(errorOf(() => rejectPersonalData({ a: [{ b: { legalName: 'x' } }] }, 'arg'))).toMatch(/^PERSONAL_DATA_NOT_ALLOWED: arg carries personal field 'legalName'/);
    expect(errorOf(() => rejectPersonalData({ a: [1, 'legalName', null] }, 'arg'))).toBe('no error');
  });
});

describe('parseVerifyKycInput', () => {
  it('normalises the expiry', () => {
    expect(parseVerifyKycInput('{"level":"STANDARD","riskRating":"LOW","expiresAt":"2027-01-01T00:00:00Z"}')).toEqual({
      level: 'STANDARD',
      riskRating: 'LOW',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
  });
  it.each([
    ['{"level":"STANDARD","riskRating":"NONE","expiresAt":"2027-01-01T00:00:00Z"}', 'INVALID_ARGUMENT: verification.riskRating must be one of LOW, MEDIUM, HIGH'],
    ['{"level":"STANDARD","riskRating":"LOW","expiresAt":"tomorrow"}', 'INVALID_ARGUMENT: verification.expiresAt must be an ISO 8601 UTC time such as 2026-03-01T00:00:00Z'],
    ['{"level":"STANDARD","riskRating":"LOW"}', 'INVALID_ARGUMENT: verification.expiresAt is required'],
    ['{"level":"STANDARD","riskRating":"LOW","expiresAt":"2027-01-01T00:00:00Z","address":"x"}', "PERSONAL_DATA_NOT_ALLOWED: verification carries personal field 'address': send KYC data as transient 'kyc' and 'salt'"],
  ])('rejects %s', (json, message) => {
    expect(errorOf(() => parseVerifyKycInput(json))).toBe(message);
  });
});

describe('parseKycData', () => {
  it('accepts complete data', () => {
    expect(parseKycData(bytes(kyc))).toEqual(kyc);
  });

  it('accepts ownership adding up to exactly 100 percent', () => {
    const owners = [
      { name: 'A', ownershipPercent: '66.6667' },
      { name: 'B', ownershipPercent: '33.3333' },
    ];
    expect(parseKycData(bytes({ ...kyc, beneficialOwners: owners })).beneficialOwners).toEqual(owners);
  });

  it.each([
    [undefined, "INVALID_ARGUMENT: transient data must carry 'kyc'"],
    [Buffer.alloc(0), "INVALID_ARGUMENT: transient data must carry 'kyc'"],
    [Buffer.from('{'), 'INVALID_ARGUMENT: kyc is not valid JSON'],
    [bytes({ ...kyc, passport: 'E1234' }), 'INVALID_ARGUMENT: kyc has unknown field(s) passport; allowed: legalName, registrationNumber, address, beneficialOwners, documentHashes'],
    [bytes({ ...kyc, legalName: undefined }), 'INVALID_ARGUMENT: kyc.legalName is required'],
    [bytes({ ...kyc, beneficialOwners: [] }), 'INVALID_ARGUMENT: kyc.beneficialOwners must have 1 to 50 items'],
    [bytes({ ...kyc, documentHashes: ['ABC'] }), 'INVALID_ARGUMENT: kyc.documentHashes[0] must be a lowercase hex sha256'],
    [bytes({ ...kyc, documentHashes: [HASH, HASH] }), 'INVALID_ARGUMENT: kyc.documentHashes must not repeat an item'],
    [bytes({ ...kyc, beneficialOwners: [{ name: 'A', ownershipPercent: '0' }] }), 'INVALID_ARGUMENT: kyc.beneficialOwners[0].ownershipPercent must be a decimal string above 0 and at most 100 with up to 4 decimals'],
    [bytes({ ...kyc, beneficialOwners: [{ name: 'A', ownershipPercent: '100.0001' }] }), 'INVALID_ARGUMENT: kyc.beneficialOwners[0].ownershipPercent must be a decimal string above 0 and at most 100 with up to 4 decimals'],
    [bytes({ ...kyc, beneficialOwners: [{ name: 'A', ownershipPercent: '1e1' }] }), 'INVALID_ARGUMENT: kyc.beneficialOwners[0].ownershipPercent must be a decimal string above 0 and at most 100 with up to 4 decimals'],
    [bytes({ ...kyc, beneficialOwners: [{ name: 'A', ownershipPercent: '12.34567' }] }), 'INVALID_ARGUMENT: kyc.beneficialOwners[0].ownershipPercent must be a decimal string above 0 and at most 100 with up to 4 decimals'],
    [bytes({ ...kyc, beneficialOwners: [{ name: 'A', ownershipPercent: 50 }] }), 'INVALID_ARGUMENT: kyc.beneficialOwners[0].ownershipPercent must be a string'],
    [bytes({ ...kyc, beneficialOwners: [{ name: 'A', ownershipPercent: '60' }, { name: 'B', ownershipPercent: '40.0001' }] }), 'INVALID_ARGUMENT: kyc.beneficialOwners ownership adds up to more than 100 percent'],
  ])('rejects malformed data (%#) without echoing it', (value, message) => {
    const error = errorOf(() => parseKycData(value));
    expect(error).toBe(message);
    expect(error).not.toContain(kyc.legalName);
  });
});

describe('parseSalt', () => {
  it('returns the salt as hex', () => {
    expect(parseSalt(Buffer.alloc(16, 0xab))).toBe('ab'.repeat(16));
  });
  it.each([undefined, Buffer.alloc(15), Buffer.alloc(65)])('rejects a salt of the wrong size (%#)', (value) => {
    expect(errorOf(() => parseSalt(value))).toBe("INVALID_ARGUMENT: transient 'salt' must hold 16 to 64 random bytes");
  });
});

describe('COUNTRY_CODES', () => {
  it('holds the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    for (const code of ['CN', 'US', 'JP', 'DE', 'SS', 'BQ', 'AX']) {
      expect(COUNTRY_CODES.has(code)).toBe(true);
    }
  });
});
