import { ErrorCodes, XborderError } from './errors';
import { checkString } from './fields';
import { isoTime, jsonArgument, list, object, oneOf, refine, Shape, text, withDefault } from './schema';

export const PARTY_ROLES = ['TRADER', 'LIQUIDITY_PROVIDER', 'LOGISTICS'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * KYC status. PENDING -> VERIFIED | REJECTED; VERIFIED -> REVOKED. EXPIRED is
 * what a VERIFIED record reads as once `expiresAt` has passed, with or without
 * a write (Party:expireKyc persists it).
 */
export const KYC_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED', 'EXPIRED', 'REVOKED'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

/** Due-diligence depth: simplified, standard (CDD) or enhanced (EDD). */
export const KYC_LEVELS = ['SIMPLIFIED', 'STANDARD', 'ENHANCED'] as const;
export type KycLevel = (typeof KYC_LEVELS)[number];

export const RISK_RATINGS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

/** The public KYC record: status and dates, and a salted hash standing in for the personal data. */
export interface KycRecord {
  status: KycStatus;
  level: KycLevel;
  riskRating: RiskRating;
  /** sha256 (hex) of canonicalJson({ kyc: KycData, salt: <salt hex> }); see domain/kyc kycDataHash. */
  dataHash: string;
  /** Private data collections holding the personal data, e.g. kyc_CNBankMSP. */
  collections: string[];
  submittedAt: string;
  /** Client identity (x509 id) that submitted the current data. */
  submittedBy: string;
  /** Client identity that verified the current data. */
  verifier?: string;
  verifiedAt?: string;
  expiresAt?: string;
  /** Client identity that rejected or revoked. */
  closedBy?: string;
  /** When the record was rejected, revoked or persisted as expired. */
  closedAt?: string;
  /** Why it was rejected or revoked. Public text: verifiers must not put personal data here. */
  reason?: string;
}

export interface Sanction {
  reason: string;
  /** MSP id of the clearing house that set it. */
  by: string;
  at: string;
}

/** A company on the ledger, onboarded by one member organisation (`mspId`). */
export interface Party {
  partyId: string;
  /** Company display name. The legal name and everything personal stay in the private collection. */
  name: string;
  mspId: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  roles: PartyRole[];
  /** Client identities (x509 ids, of `mspId`) that act for the party, sorted. */
  identities: string[];
  kyc: KycRecord;
  sanctioned: boolean;
  sanction?: Sanction;
  createdAt: string;
  updatedAt: string;
}

/** Personal KYC data: only ever in transient data and private collections. */
export interface KycData {
  legalName: string;
  registrationNumber: string;
  address: string;
  beneficialOwners: BeneficialOwner[];
  /** sha256 (hex) of the documents inspected; the documents stay off-chain. */
  documentHashes: string[];
}

export interface BeneficialOwner {
  name: string;
  /** Decimal string with up to 4 decimals, greater than 0 and at most 100 ("25", "33.3333"). */
  ownershipPercent: string;
}

/** What the private collections hold for a party. */
export interface PrivateKycRecord {
  partyId: string;
  kyc: KycData;
  /** The salt as hex; with `kyc` it reproduces the public `dataHash`. */
  salt: string;
  dataHash: string;
  submittedAt: string;
}

export interface RegisterPartyInput {
  partyId: string;
  name: string;
  country: string;
  roles: PartyRole[];
  /** Level the onboarding org intends to apply; the verifier sets the final one. Default STANDARD. */
  level: KycLevel;
  /** Initial rating until verification. Default HIGH: an unverified party is treated as high risk. */
  riskRating: RiskRating;
}

export interface VerifyKycInput {
  level: KycLevel;
  riskRating: RiskRating;
  expiresAt: string;
}

/** Transient map keys that carry KYC data. */
export const TRANSIENT_KYC = 'kyc';
export const TRANSIENT_SALT = 'salt';
/** A salt of 16 to 64 bytes: enough entropy that the public hash cannot be brute-forced from guessed data. */
export const MIN_SALT_BYTES = 16;
export const MAX_SALT_BYTES = 64;

/** ISO 3166-1 alpha-2 officially assigned codes (249). Reserved codes such as EU, UK or XK are not countries here. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Party ids: letters, digits, dot, underscore, dash; they appear in keys of other contracts. */
export const PARTY_ID = { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, expected: 'a party id (letters, digits, dot, underscore, dash)' };
/** Fabric client identity ids as ClientIdentity.getID() returns them. */
export const IDENTITY_ID = { max: 1024, pattern: /^x509::.+::.+$/, expected: 'an x509 identity id (x509::<subject>::<issuer>)' };
export const REASON = { max: 500 };
const COUNTRY = { max: 2, pattern: /^[A-Z]{2}$/, expected: 'an ISO 3166-1 alpha-2 code of two capital letters' };
const SHA256_HEX = { max: 64, pattern: /^[0-9a-f]{64}$/, expected: 'a lowercase hex sha256' };
const PERCENT = /^(0|[1-9][0-9]{0,2})(\.[0-9]{1,4})?$/;
const PERCENT_SCALE = 10_000n;

/**
 * Field names of personal data. If one shows up in an ordinary argument, at
 * any depth, the transaction is refused with PERSONAL_DATA_NOT_ALLOWED before
 * anything else looks at it: ordinary arguments are recorded in the block.
 */
export const PERSONAL_FIELDS: readonly string[] = [
  'kyc',
  'salt',
  'legalName',
  'registrationNumber',
  'address',
  'beneficialOwners',
  'documentHashes',
];

const REGISTER_PARTY = jsonArgument(
  'party',
  object({
    partyId: text(PARTY_ID),
    name: text({ max: 200 }),
    country: country(),
    roles: refine(list(oneOf(PARTY_ROLES), { min: 1, max: PARTY_ROLES.length, distinct: true }), 'kept in canonical order', sortedRoles),
    level: withDefault(oneOf(KYC_LEVELS), 'STANDARD'),
    riskRating: withDefault(oneOf(RISK_RATINGS), 'HIGH'),
  }),
  rejectPersonalData,
);
const VERIFY_KYC = jsonArgument(
  'verification',
  object({ level: oneOf(KYC_LEVELS), riskRating: oneOf(RISK_RATINGS), expiresAt: isoTime() }),
  rejectPersonalData,
);
const BENEFICIAL_OWNER = object({ name: text({ max: 200 }), ownershipPercent: percent() });
/** The transient `kyc` value: personal data, written only to the onboarding bank's private collection. */
const KYC_DATA = jsonArgument(
  'kyc',
  refine(
    object({
      legalName: text({ max: 200 }),
      registrationNumber: text({ max: 64 }),
      address: text({ max: 500 }),
      beneficialOwners: list(BENEFICIAL_OWNER, { min: 1, max: 50 }),
      documentHashes: list(text(SHA256_HEX), { min: 1, max: 100, distinct: true }),
    }),
    'ownership of the beneficial owners adds up to at most 100 percent',
    (kyc, path): KycData => {
      const total = kyc.beneficialOwners.reduce((sum, owner) => sum + scaledPercent(owner.ownershipPercent), 0n);
      if (total > 100n * PERCENT_SCALE) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path}.beneficialOwners ownership adds up to more than 100 percent`);
      }
      return kyc;
    },
  ),
);

/** The JSON arguments of the Party contract (and the transient KYC data), for the published contract API. */
export const PARTY_ARGUMENTS = { REGISTER_PARTY, VERIFY_KYC, KYC_DATA };

/** Parses registerParty's public argument: `{partyId, name, country, roles, level?, riskRating?}`. */
export const parseRegisterPartyInput: (json: unknown) => RegisterPartyInput = REGISTER_PARTY.parse;

/** Parses verifyKyc's argument: `{level, riskRating, expiresAt}`. */
export const parseVerifyKycInput: (json: unknown) => VerifyKycInput = VERIFY_KYC.parse;

/** Parses the transient `kyc` value. Messages name fields, never values. */
export function parseKycData(bytes: Uint8Array | undefined): KycData {
  if (!bytes || bytes.length === 0) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `transient data must carry '${TRANSIENT_KYC}'`);
  }
  return KYC_DATA.parse(Buffer.from(bytes).toString('utf8'));
}

/** Parses the transient `salt`: raw bytes, returned as hex. */
export function parseSalt(bytes: Uint8Array | undefined): string {
  if (!bytes || bytes.length < MIN_SALT_BYTES || bytes.length > MAX_SALT_BYTES) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `transient '${TRANSIENT_SALT}' must hold ${MIN_SALT_BYTES} to ${MAX_SALT_BYTES} random bytes`);
  }
  return Buffer.from(bytes).toString('hex');
}

/** Throws PERSONAL_DATA_NOT_ALLOWED when a personal field name appears anywhere in `value`. */
export function rejectPersonalData(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item) => rejectPersonalData(item, path));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      if (PERSONAL_FIELDS.includes(key)) {
        throw new XborderError(
          ErrorCodes.PERSONAL_DATA_NOT_ALLOWED,
          `${path} carries personal field '${key}': send KYC data as transient '${TRANSIENT_KYC}' and '${TRANSIENT_SALT}'`,
        );
      }
      rejectPersonalData(field, path);
    }
  }
}

/** An assigned ISO 3166-1 alpha-2 code. */
function country(): Shape<string> {
  const codes = [...COUNTRY_CODES].sort();
  return {
    read: (value, path) => {
      const code = checkString(value, path, COUNTRY);
      if (!COUNTRY_CODES.has(code)) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path} is not an assigned ISO 3166-1 alpha-2 country code`);
      }
      return code;
    },
    schema: { type: 'string', enum: codes, description: COUNTRY.expected },
  };
}

/** A share above 0 and at most 100 percent, as a decimal string with up to 4 decimals. */
function percent(): Shape<string> {
  const rule = { max: 8, pattern: PERCENT, expected: 'a decimal string above 0 and at most 100 with up to 4 decimals' };
  return refine(text(rule), 'above 0 and at most 100', (value, path) => {
    if (scaledPercent(value) === 0n || scaledPercent(value) > 100n * PERCENT_SCALE) {
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path} must be a decimal string above 0 and at most 100 with up to 4 decimals`);
    }
    return value;
  });
}

/** A percentage as an integer count of 1/10000 percent, so sums are exact. */
function scaledPercent(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * PERCENT_SCALE + BigInt(fraction.padEnd(4, '0'));
}

function sortedRoles(roles: PartyRole[]): PartyRole[] {
  return PARTY_ROLES.filter((role) => roles.includes(role));
}
