import { randomBytes } from 'node:crypto';
import {
  type KycData,
  type Party,
  type PrivateKycRecord,
  type RegisterPartyInput,
  TRANSIENT_KYC,
  TRANSIENT_SALT,
  type VerifyKycInput,
} from '@xborder/model/party';
import type { PartyHistoryEntry } from '@xborder/model/results';
import { encodeArgument, type WithOptional } from '../codec.js';
import type { InvokeOptions } from '../invoker.js';
import type { ContractCalls } from './calls.js';
import { type Page, type Paged, paged } from '../paging.js';

/** A party to register; `level` defaults to STANDARD and `riskRating` to HIGH until verification. */
export type RegisterPartyRequest = WithOptional<RegisterPartyInput, 'level' | 'riskRating'>;

/** Options for calls that carry personal KYC data. */
export interface KycDataOptions {
  /**
   * The salt hashed with the data (16 to 64 bytes). Default: 32 fresh random
   * bytes. It is stored with the data in the private collection.
   */
  salt?: Uint8Array;
}

export type { PartyHistoryEntry };

/**
 * Parties and their KYC (chaincode contract `Party`). Personal data goes only
 * as transient data, and only to peers of the caller's organisation and of
 * the clearing house: the members of the `kyc_<mspId>` collections.
 *
 * Errors: the chaincode refuses with a {@link ChaincodeError}, whose codes
 * each method lists. "Not an active member" below means UNAUTHORIZED for an
 * organisation outside the consortium (CONSORTIUM_NOT_BOOTSTRAPPED before
 * bootstrap) and MEMBER_NOT_ACTIVE for a suspended one. Every write may also
 * fail with {@link CommitFailedError}, {@link CommitUnknownError},
 * {@link TransportError} or {@link ConsistencyTimeoutError}, and every query
 * with TransportError or ConsistencyTimeoutError; any other refusal by the
 * gateway is a {@link GatewayRequestError}.
 *
 * @example
 * const party = await client.parties.register(
 *   { partyId: 'ACME-JP', name: 'Acme KK', country: 'JP', roles: ['TRADER'] },
 *   { legalName: 'Acme Kabushiki Kaisha', registrationNumber: '0100-01-000001', address: '1-1 Marunouchi, Tokyo',
 *     beneficialOwners: [{ name: 'Taro Yamada', ownershipPercent: '100' }], documentHashes: [sha256Hex] },
 * );
 * await verifier.parties.verifyKyc('ACME-JP', { level: 'STANDARD', riskRating: 'LOW', expiresAt: '2027-01-01T00:00:00Z' });
 */
export interface Parties {
  /**
   * Registers a party of the caller's organisation, PENDING, with its personal data in the private collection.
   *
   * @returns The public record as stored: KYC PENDING, with the salted hash of the personal data.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party (refused before sending) or malformed KYC data or
   *   salt; PERSONAL_DATA_NOT_ALLOWED when the public argument carries a personal field, refused before sending;
   *   UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active member; ALREADY_EXISTS when
   *   the party id is taken.
   */
  register(party: RegisterPartyRequest, kyc: KycData, options?: KycDataOptions): Promise<Party>;
  /**
   * Replaces the personal data and puts the record back to PENDING. As an identity of the onboarding organisation.
   *
   * @returns The public record, PENDING, with the new hash.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id, KYC data or salt; UNAUTHORIZED or
   *   MEMBER_NOT_ACTIVE when the caller's organisation is not an active member, UNAUTHORIZED when it did not onboard
   *   the party; NOT_FOUND when the party does not exist; INVALID_STATE while its KYC is VERIFIED and unexpired
   *   (revoke it first).
   */
  updateKycData(partyId: string, kyc: KycData, options?: KycDataOptions): Promise<Party>;
  /**
   * Binds a client identity (its x509 id, see {@link XborderClient.identityId}) to the party. As an org admin.
   *
   * @returns The party with the identity added.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party or identity id; UNAUTHORIZED when the caller is
   *   not an admin of the party's organisation, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when its organisation is not an
   *   active member; NOT_FOUND when the party does not exist; ALREADY_EXISTS when the identity is already bound to a
   *   party of the organisation; INVALID_STATE when the party already has 50 identities.
   */
  bindIdentity(partyId: string, identityId: string): Promise<Party>;
  /**
   * Removes a bound identity from the party. As an admin of the party's organisation.
   *
   * @returns The party without the identity.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party or identity id; UNAUTHORIZED when the caller is
   *   not an admin of the party's organisation, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when its organisation is not an
   *   active member; NOT_FOUND when the party does not exist or the identity is not bound to it.
   */
  unbindIdentity(partyId: string, identityId: string): Promise<Party>;
  /**
   * PENDING -> VERIFIED; as a KYC verifier (kyc.verifier=true) of the onboarding organisation.
   *
   * @returns The party, VERIFIED with the level, risk rating and expiry given.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input (refused before sending), or an expiry not after
   *   the transaction time or more than 5 x 366 days ahead; PERSONAL_DATA_NOT_ALLOWED when the verification carries a
   *   personal field, refused before sending; UNAUTHORIZED when the caller is not a KYC verifier of the onboarding
   *   organisation, or submitted the data or acts for the party, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when its
   *   organisation is not an active member; NOT_FOUND when the party does not exist; INVALID_STATE when its KYC is
   *   not PENDING.
   */
  verifyKyc(partyId: string, verification: VerifyKycInput): Promise<Party>;
  /**
   * PENDING -> REJECTED with a public reason; as a KYC verifier of the onboarding organisation.
   *
   * @returns The party, REJECTED.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id or reason; UNAUTHORIZED when the caller is
   *   not a KYC verifier of the onboarding organisation, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when its organisation
   *   is not an active member; NOT_FOUND when the party does not exist; INVALID_STATE when its KYC is not PENDING.
   */
  rejectKyc(partyId: string, reason: string): Promise<Party>;
  /**
   * VERIFIED -> REVOKED with a public reason; as a KYC verifier of the onboarding organisation.
   *
   * @returns The party, REVOKED.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id or reason; UNAUTHORIZED when the caller is
   *   not a KYC verifier of the onboarding organisation, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when its organisation
   *   is not an active member; NOT_FOUND when the party does not exist; INVALID_STATE when its KYC is not VERIFIED
   *   (an expired one included).
   */
  revokeKyc(partyId: string, reason: string): Promise<Party>;
  /**
   * Persists EXPIRED on a verified record past its expiry. As any identity of an active member.
   *
   * @returns The party, EXPIRED.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id; UNAUTHORIZED or MEMBER_NOT_ACTIVE when the
   *   caller's organisation is not an active member; NOT_FOUND when the party does not exist; INVALID_STATE unless
   *   its KYC is VERIFIED and past its expiry.
   */
  expireKyc(partyId: string): Promise<Party>;
  /**
   * Flags the party under sanctions; as the clearing house.
   *
   * @returns The party, sanctioned.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id or reason; UNAUTHORIZED when the caller's
   *   organisation is not an active CLEARING member; NOT_FOUND when the party does not exist; INVALID_STATE when it
   *   is already sanctioned.
   */
  setSanction(partyId: string, reason: string): Promise<Party>;
  /**
   * Lifts the party's sanctions flag; as the clearing house.
   *
   * @returns The party, no longer sanctioned.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id or reason; UNAUTHORIZED when the caller's
   *   organisation is not an active CLEARING member; NOT_FOUND when the party does not exist; INVALID_STATE when it
   *   is not sanctioned.
   */
  liftSanction(partyId: string, reason: string): Promise<Party>;
  /**
   * Whether data held off-chain matches the public hash; evaluated in the caller's organisation only.
   *
   * @returns `matches`: whether the data and salt hash to the party's public `dataHash`.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id, KYC data or salt; UNAUTHORIZED or
   *   MEMBER_NOT_ACTIVE when the caller's organisation is not an active member; NOT_FOUND when the party does not
   *   exist.
   */
  proveKycData(partyId: string, kyc: KycData, salt: Uint8Array): Promise<{ partyId: string; matches: boolean }>;
  /**
   * The public record; NOT_FOUND when absent.
   *
   * @returns The party, its KYC status as of now (a verified record past its expiry reads EXPIRED).
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id; NOT_FOUND when the party does not exist.
   */
  get(partyId: string): Promise<Party>;
  /**
   * Public records ordered by party id, of one organisation or of all.
   *
   * @returns The parties, each with its KYC status as of now, a page at a time (see {@link Paged}).
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed MSP id.
   */
  list(mspId?: string): Paged<Party>;
  /**
   * Every committed version of the public record, newest first.
   *
   * @returns One entry per version: transaction id, time, and the record as written.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id; NOT_FOUND when the party does not exist.
   */
  getKycHistory(partyId: string): Promise<PartyHistoryEntry[]>;
  /**
   * The personal data from the caller organisation's collection. Always
   * evaluated on the caller's own organisation, never submitted: a submitted
   * transaction would put the data in a block. As an admin, a KYC verifier or
   * an identity bound to the party.
   *
   * @returns The personal data, its salt (hex) and hash, and when it was submitted.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id; UNAUTHORIZED or MEMBER_NOT_ACTIVE when the
   *   caller's organisation is not an active member; UNAUTHORIZED when the organisation does not hold the party's
   *   data, or the caller is neither an admin, a KYC verifier nor one of the party's identities; NOT_FOUND when the
   *   party does not exist or its data is not in the organisation's collection.
   */
  getKycData(partyId: string): Promise<PrivateKycRecord>;
}

/** The organisations allowed to see a caller's KYC data: its own, then the clearing house(s). */
export type KycEndorsers = () => Promise<string[]>;

export class PartiesImpl implements Parties {
  readonly #calls: ContractCalls;
  readonly #ownMspId: string;
  readonly #kycEndorsers: KycEndorsers;

  constructor(calls: ContractCalls, ownMspId: string, kycEndorsers: KycEndorsers) {
    this.#calls = calls;
    this.#ownMspId = ownMspId;
    this.#kycEndorsers = kycEndorsers;
  }

  async register(party: RegisterPartyRequest, kyc: KycData, options: KycDataOptions = {}): Promise<Party> {
    return this.#calls.write('registerParty', [encodeArgument(party)], await this.#withKyc(kyc, options.salt ?? randomBytes(32)));
  }

  async updateKycData(partyId: string, kyc: KycData, options: KycDataOptions = {}): Promise<Party> {
    return this.#calls.write('updateKycData', [partyId], await this.#withKyc(kyc, options.salt ?? randomBytes(32)));
  }

  bindIdentity(partyId: string, identityId: string): Promise<Party> {
    return this.#calls.write('bindIdentity', [partyId, identityId]);
  }

  unbindIdentity(partyId: string, identityId: string): Promise<Party> {
    return this.#calls.write('unbindIdentity', [partyId, identityId]);
  }

  verifyKyc(partyId: string, verification: VerifyKycInput): Promise<Party> {
    return this.#calls.write('verifyKyc', [partyId, encodeArgument(verification)]);
  }

  rejectKyc(partyId: string, reason: string): Promise<Party> {
    return this.#calls.write('rejectKyc', [partyId, reason]);
  }

  revokeKyc(partyId: string, reason: string): Promise<Party> {
    return this.#calls.write('revokeKyc', [partyId, reason]);
  }

  expireKyc(partyId: string): Promise<Party> {
    return this.#calls.write('expireKyc', [partyId]);
  }

  setSanction(partyId: string, reason: string): Promise<Party> {
    return this.#calls.write('setSanction', [partyId, reason]);
  }

  liftSanction(partyId: string, reason: string): Promise<Party> {
    return this.#calls.write('liftSanction', [partyId, reason]);
  }

  proveKycData(partyId: string, kyc: KycData, salt: Uint8Array): Promise<{ partyId: string; matches: boolean }> {
    return this.#calls.query('proveKycData', [partyId], { transientData: kycTransient(kyc, salt), endorsingOrganizations: [this.#ownMspId] });
  }

  get(partyId: string): Promise<Party> {
    return this.#calls.query('getParty', [partyId]);
  }

  list(mspId?: string): Paged<Party> {
    return paged((size, bookmark) => this.#calls.query<Page<Party>>('listParties', [mspId ?? '', size, bookmark]), (party) => party);
  }

  getKycHistory(partyId: string): Promise<PartyHistoryEntry[]> {
    return this.#calls.query('getKycHistory', [partyId]);
  }

  getKycData(partyId: string): Promise<PrivateKycRecord> {
    return this.#calls.query('readKycData', [partyId], { endorsingOrganizations: [this.#ownMspId] });
  }

  async #withKyc(kyc: KycData, salt: Uint8Array): Promise<InvokeOptions> {
    return { transientData: kycTransient(kyc, salt), endorsingOrganizations: await this.#kycEndorsers() };
  }
}

function kycTransient(kyc: KycData, salt: Uint8Array): Record<string, Uint8Array> {
  return { [TRANSIENT_KYC]: new TextEncoder().encode(encodeArgument(kyc)), [TRANSIENT_SALT]: salt };
}
