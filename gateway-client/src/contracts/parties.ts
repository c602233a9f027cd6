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
import { encodeArgument, type WithOptional } from '../codec.js';
import type { InvokeOptions } from '../invoker.js';
import type { ContractCalls } from './calls.js';

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

/** One committed version of a party's public record. */
export interface PartyHistoryEntry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  party: Party;
}

/**
 * Parties and their KYC (chaincode contract `Party`). Personal data goes only
 * as transient data, and only to peers of the caller's organisation and of
 * the clearing house: the members of the `kyc_<mspId>` collections.
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
  /** Registers a party of the caller's organisation, PENDING, with its personal data in the private collection. */
  register(party: RegisterPartyRequest, kyc: KycData, options?: KycDataOptions): Promise<Party>;
  /** Replaces the personal data and puts the record back to PENDING. */
  updateKycData(partyId: string, kyc: KycData, options?: KycDataOptions): Promise<Party>;
  /** Binds a client identity (its x509 id, see {@link XborderClient.identityId}) to the party. As an org admin. */
  bindIdentity(partyId: string, identityId: string): Promise<Party>;
  unbindIdentity(partyId: string, identityId: string): Promise<Party>;
  /** PENDING -> VERIFIED; as a KYC verifier (kyc.verifier=true) of the onboarding organisation. */
  verifyKyc(partyId: string, verification: VerifyKycInput): Promise<Party>;
  rejectKyc(partyId: string, reason: string): Promise<Party>;
  revokeKyc(partyId: string, reason: string): Promise<Party>;
  /** Persists EXPIRED on a verified record past its expiry. */
  expireKyc(partyId: string): Promise<Party>;
  /** Flags the party under sanctions; as the clearing house. */
  setSanction(partyId: string, reason: string): Promise<Party>;
  liftSanction(partyId: string, reason: string): Promise<Party>;
  /** Whether data held off-chain matches the public hash; evaluated in the caller's organisation only. */
  proveKycData(partyId: string, kyc: KycData, salt: Uint8Array): Promise<{ partyId: string; matches: boolean }>;
  /** The public record; NOT_FOUND when absent. */
  get(partyId: string): Promise<Party>;
  /** Public records ordered by party id, of one organisation or of all. */
  list(mspId?: string): Promise<Party[]>;
  /** Every committed version of the public record, newest first. */
  kycHistory(partyId: string): Promise<PartyHistoryEntry[]>;
  /**
   * The personal data from the caller organisation's collection. Always
   * evaluated on the caller's own organisation, never submitted: a submitted
   * transaction would put the data in a block.
   */
  readKycData(partyId: string): Promise<PrivateKycRecord>;
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

  list(mspId?: string): Promise<Party[]> {
    return this.#calls.query('listParties', [mspId ?? '']);
  }

  kycHistory(partyId: string): Promise<PartyHistoryEntry[]> {
    return this.#calls.query('getKycHistory', [partyId]);
  }

  readKycData(partyId: string): Promise<PrivateKycRecord> {
    return this.#calls.query('readKycData', [partyId], { endorsingOrganizations: [this.#ownMspId] });
  }

  async #withKyc(kyc: KycData, salt: Uint8Array): Promise<InvokeOptions> {
    return { transientData: kycTransient(kyc, salt), endorsingOrganizations: await this.#kycEndorsers() };
  }
}

function kycTransient(kyc: KycData, salt: Uint8Array): Record<string, Uint8Array> {
  return { [TRANSIENT_KYC]: new TextEncoder().encode(encodeArgument(kyc)), [TRANSIENT_SALT]: salt };
}
