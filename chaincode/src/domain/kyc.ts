import { createHash } from 'node:crypto';
import { canonicalJson } from '@xborder/model/canonical';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { KycData, KycStatus, Party, RegisterPartyInput, VerifyKycInput } from '@xborder/model/party';

/**
 * Rules of parties and their KYC records. Pure functions over the public
 * record; personal data enters only through `kycDataHash`.
 */

/** Longest KYC validity a verifier may grant; beyond it a periodic review is due anyway. */
export const MAX_KYC_VALIDITY_DAYS = 5 * 366;
/** The identities list is read by every transaction a party makes, so it stays short. */
export const MAX_IDENTITIES_PER_PARTY = 50;

/**
 * The public commitment to a party's personal data: sha256 (hex) over
 * canonicalJson({ kyc, salt }) with the salt as hex. Same input, same hash on
 * every endorser and in any client that wants to check a record.
 */
export function kycDataHash(kyc: KycData, saltHex: string): string {
  return createHash('sha256').update(canonicalJson({ kyc, salt: saltHex }), 'utf8').digest('hex');
}

/** Collection names holding the personal data a member onboards. */
export function kycCollections(onboardingMspId: string, shareWithClearing: boolean, clearingMspIds: readonly string[]): string[] {
  const collections = new Set([kycCollection(onboardingMspId)]);
  if (shareWithClearing) {
    clearingMspIds.forEach((mspId) => collections.add(kycCollection(mspId)));
  }
  return [...collections].sort();
}

export function kycCollection(mspId: string): string {
  return `kyc_${mspId}`;
}

/** The status as of `now`: a VERIFIED record whose expiry has passed counts as EXPIRED. */
export function effectiveKycStatus(party: Party, now: string): KycStatus {
  const { status, expiresAt } = party.kyc;
  return status === 'VERIFIED' && expiresAt !== undefined && expiresAt <= now ? 'EXPIRED' : status;
}

/** The party as it reads at `now`, with the effective KYC status. */
export function withEffectiveStatus(party: Party, now: string): Party {
  return { ...party, kyc: { ...party.kyc, status: effectiveKycStatus(party, now) } };
}

export interface Submission {
  mspId: string;
  at: string;
  dataHash: string;
  collections: string[];
  submittedBy: string;
}

export function newParty(input: RegisterPartyInput, submission: Submission): Party {
  return {
    partyId: input.partyId,
    name: input.name,
    mspId: submission.mspId,
    country: input.country,
    roles: [...input.roles],
    identities: [],
    kyc: {
      status: 'PENDING',
      level: input.level,
      riskRating: input.riskRating,
      dataHash: submission.dataHash,
      collections: [...submission.collections],
      submittedAt: submission.at,
      submittedBy: submission.submittedBy,
    },
    sanctioned: false,
    createdAt: submission.at,
    updatedAt: submission.at,
  };
}

/**
 * New KYC data replaces the old and puts the record back to PENDING. Allowed
 * unless the record is VERIFIED and current: a verified party would otherwise
 * swap its data under a verification that did not see it.
 */
export function resubmitKyc(party: Party, submission: Submission): Party {
  const status = effectiveKycStatus(party, submission.at);
  if (status === 'VERIFIED') {
    throw new XborderError(ErrorCodes.INVALID_STATE, `party ${party.partyId} is VERIFIED: revoke before submitting new data`);
  }
  return {
    ...party,
    kyc: {
      status: 'PENDING',
      level: party.kyc.level,
      riskRating: party.kyc.riskRating,
      dataHash: submission.dataHash,
      collections: [...submission.collections],
      submittedAt: submission.at,
      submittedBy: submission.submittedBy,
    },
    updatedAt: submission.at,
  };
}

export interface Decision {
  /** Client identity (x509 id) deciding. */
  verifier: string;
  at: string;
}

/**
 * PENDING -> VERIFIED. Four eyes: the identity that submitted the data, or
 * one acting for the party itself, cannot verify it.
 */
export function verifyKyc(party: Party, input: VerifyKycInput, decision: Decision): Party {
  requireStatus(party, decision.at, 'PENDING', 'verify');
  checkIndependent(party, decision.verifier);
  if (input.expiresAt <= decision.at) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `verification.expiresAt must be after the transaction time ${decision.at}`);
  }
  const latest = new Date(Date.parse(decision.at) + MAX_KYC_VALIDITY_DAYS * 86_400_000).toISOString();
  if (input.expiresAt > latest) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `verification.expiresAt must be at most ${MAX_KYC_VALIDITY_DAYS} days ahead (${latest})`);
  }
  return {
    ...party,
    kyc: { ...party.kyc, status: 'VERIFIED', level: input.level, riskRating: input.riskRating, verifier: decision.verifier, verifiedAt: decision.at, expiresAt: input.expiresAt },
    updatedAt: decision.at,
  };
}

/** PENDING -> REJECTED. */
export function rejectKyc(party: Party, reason: string, decision: Decision): Party {
  requireStatus(party, decision.at, 'PENDING', 'reject');
  return close(party, 'REJECTED', reason, decision);
}

/** VERIFIED (and not expired) -> REVOKED. */
export function revokeKyc(party: Party, reason: string, decision: Decision): Party {
  requireStatus(party, decision.at, 'VERIFIED', 'revoke');
  return close(party, 'REVOKED', reason, decision);
}

/** Persists the derived EXPIRED status of a VERIFIED record past its expiry. */
export function expireKyc(party: Party, at: string): Party {
  if (party.kyc.status !== 'VERIFIED' || effectiveKycStatus(party, at) !== 'EXPIRED') {
    throw new XborderError(
      ErrorCodes.INVALID_STATE,
      `party ${party.partyId} KYC is ${effectiveKycStatus(party, at)}${party.kyc.status === 'VERIFIED' ? ` until ${party.kyc.expiresAt}` : ''}: nothing to expire`,
    );
  }
  return { ...party, kyc: { ...party.kyc, status: 'EXPIRED', closedAt: at }, updatedAt: at };
}

export function bindIdentity(party: Party, identity: string, at: string): Party {
  if (party.identities.includes(identity)) {
    throw new XborderError(ErrorCodes.ALREADY_EXISTS, `the identity is already bound to party ${party.partyId}`);
  }
  if (party.identities.length >= MAX_IDENTITIES_PER_PARTY) {
    throw new XborderError(ErrorCodes.INVALID_STATE, `party ${party.partyId} already has ${MAX_IDENTITIES_PER_PARTY} identities`);
  }
  return { ...party, identities: [...party.identities, identity].sort(), updatedAt: at };
}

export function unbindIdentity(party: Party, identity: string, at: string): Party {
  if (!party.identities.includes(identity)) {
    throw new XborderError(ErrorCodes.NOT_FOUND, `the identity is not bound to party ${party.partyId}`);
  }
  return { ...party, identities: party.identities.filter((bound) => bound !== identity), updatedAt: at };
}

export function setSanction(party: Party, reason: string, by: string, at: string): Party {
  if (party.sanctioned) {
    throw new XborderError(ErrorCodes.INVALID_STATE, `party ${party.partyId} is already sanctioned since ${party.sanction?.at ?? 'an earlier transaction'}`);
  }
  return { ...party, sanctioned: true, sanction: { reason, by, at }, updatedAt: at };
}

export function liftSanction(party: Party, at: string): Party {
  if (!party.sanctioned) {
    throw new XborderError(ErrorCodes.INVALID_STATE, `party ${party.partyId} is not sanctioned`);
  }
  const lifted: Party = { ...party, sanctioned: false, updatedAt: at };
  delete lifted.sanction;
  return lifted;
}

/**
 * Whether the party may hold or move value at `now`. Sanctions are checked
 * first: they override any KYC state and are the reason a caller most needs to see.
 */
export function checkEligible(party: Party, now: string): void {
  if (party.sanctioned) {
    throw new XborderError(ErrorCodes.PARTY_SANCTIONED, `party ${party.partyId} is under sanctions`);
  }
  const status = effectiveKycStatus(party, now);
  if (status === 'EXPIRED') {
    throw new XborderError(ErrorCodes.KYC_EXPIRED, `party ${party.partyId} KYC expired at ${party.kyc.expiresAt}`);
  }
  if (status !== 'VERIFIED') {
    throw new XborderError(ErrorCodes.KYC_NOT_VERIFIED, `party ${party.partyId} KYC is ${status}`);
  }
}

function requireStatus(party: Party, now: string, expected: KycStatus, action: string): void {
  const status = effectiveKycStatus(party, now);
  if (status !== expected) {
    throw new XborderError(ErrorCodes.INVALID_STATE, `cannot ${action} KYC of party ${party.partyId}: it is ${status}, not ${expected}`);
  }
}

function checkIndependent(party: Party, verifier: string): void {
  if (verifier === party.kyc.submittedBy || party.identities.includes(verifier)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `the verifier must be neither the submitter of party ${party.partyId}'s data nor one of its identities`);
  }
}

function close(party: Party, status: 'REJECTED' | 'REVOKED', reason: string, decision: Decision): Party {
  return { ...party, kyc: { ...party.kyc, status, closedBy: decision.verifier, closedAt: decision.at, reason }, updatedAt: decision.at };
}
