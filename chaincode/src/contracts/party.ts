import { Context, Info, Transaction } from 'fabric-contract-api';
import { pageOf, XborderContract } from './base';
import * as kyc from '../domain/kyc';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { listMembers } from '../ledger/members';
import { callerIsAdmin, requireCallerAdmin, requireCallerMember, requireClearingHouse } from '../guards/members';
import * as ledger from '../ledger/parties';
import { txTime } from '../ledger/time';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { Member } from '@xborder/model/consortium';
import { KycData, Party, TRANSIENT_KYC, TRANSIENT_SALT, parseKycData, parseRegisterPartyInput, parseSalt, parseVerifyKycInput } from '@xborder/model/party';

/** The x509 attribute that marks an organisation's KYC officers. */
export const KYC_VERIFIER_ATTRIBUTE = 'kyc.verifier';

/**
 * Parties (companies acting through client identities of a member
 * organisation) and their KYC records. Personal data travels only as
 * transient data (`kyc`, `salt`) into the onboarding organisation's private
 * collection, and the clearing house's when that member shares with it; the
 * public record carries a salted hash of it.
 */
@Info({ title: 'Party', description: 'Parties, identity binding, KYC lifecycle, sanctions' })
export class PartyContract extends XborderContract.named('Party') {
  /**
   * Registers a party of the caller's organisation with status PENDING.
   * `partyJson`: `{"partyId","name","country","roles":["TRADER"|"LIQUIDITY_PROVIDER"|"LOGISTICS"],"level"?,"riskRating"?}`;
   * transient `kyc` (KycData JSON) and `salt` (16-64 random bytes).
   * Caller: any identity of an active member.
   */
  @Transaction()
  async registerParty(ctx: Context, partyJson: string): Promise<string> {
    const input = parseRegisterPartyInput(partyJson);
    const submitted = readKycTransient(ctx);
    const member = await requireCallerMember(ctx);
    if (await ledger.getParty(ctx, input.partyId)) {
      throw new XborderError(ErrorCodes.ALREADY_EXISTS, `party ${input.partyId} already exists`);
    }
    const at = txTime(ctx);
    const collections = await collectionsFor(ctx, member);
    const party = kyc.newParty(input, { mspId: member.mspId, at, dataHash: submitted.dataHash, collections, submittedBy: ctx.clientIdentity.getID() });
    await ledger.putParty(ctx, party);
    await ledger.putPartyIndex(ctx, party);
    await ledger.putKycData(ctx, collections, { partyId: party.partyId, kyc: submitted.data, salt: submitted.salt, dataHash: submitted.dataHash, submittedAt: at });
    emit(ctx, 'PartyRegistered', partyEvent(party, { country: party.country, roles: party.roles }));
    return canonicalJson(party);
  }

  /**
   * Replaces the KYC data (transient `kyc` and `salt`) and puts the record
   * back to PENDING; allowed unless it is VERIFIED and current.
   * Caller: any identity of the onboarding organisation.
   */
  @Transaction()
  async updateKycData(ctx: Context, partyId: string): Promise<string> {
    const submitted = readKycTransient(ctx);
    const member = await requireCallerMember(ctx);
    const party = await ledger.requireParty(ctx, partyId);
    requireOnboardingOrg(party, member.mspId);
    const at = txTime(ctx);
    const collections = await collectionsFor(ctx, member);
    const updated = kyc.resubmitKyc(party, { mspId: member.mspId, at, dataHash: submitted.dataHash, collections, submittedBy: ctx.clientIdentity.getID() });
    await ledger.putParty(ctx, updated);
    await ledger.putKycData(ctx, collections, { partyId, kyc: submitted.data, salt: submitted.salt, dataHash: submitted.dataHash, submittedAt: at });
    // Data must not linger in a collection that is no longer entitled to it (e.g. the clearing house changed).
    await ledger.deleteKycData(ctx, party.kyc.collections.filter((collection) => !collections.includes(collection)), partyId);
    emit(ctx, 'KycDataSubmitted', partyEvent(updated, { previousStatus: kyc.effectiveKycStatus(party, at) }));
    return canonicalJson(updated);
  }

  /** Binds a client identity (x509 id) of the party's organisation. Caller: an admin of that organisation. */
  @Transaction()
  async bindIdentity(ctx: Context, partyId: string, identity: string): Promise<string> {
    const party = await requireOrgAdminFor(ctx, partyId);
    const boundTo = await ledger.getIdentityBinding(ctx, party.mspId, identity);
    if (boundTo !== undefined) {
      throw new XborderError(ErrorCodes.ALREADY_EXISTS, `the identity is already bound to party ${boundTo}`);
    }
    const at = txTime(ctx);
    const updated = kyc.bindIdentity(party, identity, at);
    await ledger.putParty(ctx, updated);
    await ledger.putIdentityBinding(ctx, party.mspId, identity, partyId);
    emit(ctx, 'IdentityBound', { partyId, mspId: party.mspId, identity });
    return canonicalJson(kyc.withEffectiveStatus(updated, at));
  }

  /** Removes a bound identity. Caller: an admin of the party's organisation. */
  @Transaction()
  async unbindIdentity(ctx: Context, partyId: string, identity: string): Promise<string> {
    const party = await requireOrgAdminFor(ctx, partyId);
    const at = txTime(ctx);
    const updated = kyc.unbindIdentity(party, identity, at);
    await ledger.putParty(ctx, updated);
    await ledger.deleteIdentityBinding(ctx, party.mspId, identity);
    emit(ctx, 'IdentityUnbound', { partyId, mspId: party.mspId, identity });
    return canonicalJson(kyc.withEffectiveStatus(updated, at));
  }

  /**
   * PENDING -> VERIFIED. `verificationJson`: `{"level","riskRating":"LOW"|"MEDIUM"|"HIGH","expiresAt"}`.
   * Caller: an identity of the onboarding organisation with attribute kyc.verifier=true,
   * other than the submitter of the data and the party's own identities.
   */
  @Transaction()
  async verifyKyc(ctx: Context, partyId: string, verificationJson: string): Promise<string> {
    const input = parseVerifyKycInput(verificationJson);
    const party = await requireVerifierFor(ctx, partyId);
    const updated = kyc.verifyKyc(party, input, { verifier: ctx.clientIdentity.getID(), at: txTime(ctx) });
    await ledger.putParty(ctx, updated);
    emit(ctx, 'KycVerified', partyEvent(updated, { verifier: updated.kyc.verifier }));
    return canonicalJson(updated);
  }

  /** PENDING -> REJECTED with a public reason. Caller: a KYC verifier of the onboarding organisation. */
  @Transaction()
  async rejectKyc(ctx: Context, partyId: string, reason: string): Promise<string> {
    return this.close(ctx, partyId, reason, 'KycRejected', kyc.rejectKyc);
  }

  /** VERIFIED -> REVOKED with a public reason. Caller: a KYC verifier of the onboarding organisation. */
  @Transaction()
  async revokeKyc(ctx: Context, partyId: string, reason: string): Promise<string> {
    return this.close(ctx, partyId, reason, 'KycRevoked', kyc.revokeKyc);
  }

  /**
   * Persists EXPIRED on a VERIFIED record past its expiry. Optional: reads
   * already treat it as expired. Caller: any identity of an active member.
   */
  @Transaction()
  async expireKyc(ctx: Context, partyId: string): Promise<string> {
    await requireCallerMember(ctx);
    const party = await ledger.requireParty(ctx, partyId);
    const updated = kyc.expireKyc(party, txTime(ctx));
    await ledger.putParty(ctx, updated);
    emit(ctx, 'KycExpired', partyEvent(updated));
    return canonicalJson(updated);
  }

  /** Flags the party under sanctions. Caller: the clearing house (an active CLEARING member). */
  @Transaction()
  async setSanction(ctx: Context, partyId: string, reason: string): Promise<string> {
    const clearing = await requireClearingHouse(ctx);
    const party = await ledger.requireParty(ctx, partyId);
    const at = txTime(ctx);
    const updated = kyc.setSanction(party, reason, clearing.mspId, at);
    await ledger.putParty(ctx, updated);
    emit(ctx, 'PartySanctioned', partyEvent(updated, { reason, by: clearing.mspId }));
    return canonicalJson(kyc.withEffectiveStatus(updated, at));
  }

  /** Lifts a sanctions flag. Caller: the clearing house. */
  @Transaction()
  async liftSanction(ctx: Context, partyId: string, reason: string): Promise<string> {
    const clearing = await requireClearingHouse(ctx);
    const party = await ledger.requireParty(ctx, partyId);
    const at = txTime(ctx);
    const updated = kyc.liftSanction(party, at);
    await ledger.putParty(ctx, updated);
    emit(ctx, 'SanctionLifted', partyEvent(updated, { reason, by: clearing.mspId }));
    return canonicalJson(kyc.withEffectiveStatus(updated, at));
  }

  /**
   * Checks data held off-chain against the public hash: transient `kyc` and
   * `salt` in, `{"partyId","matches":true|false}` out. Writes nothing and
   * echoes nothing of the data. Caller: any identity of an active member.
   */
  @Transaction(false)
  async proveKycData(ctx: Context, partyId: string): Promise<string> {
    const submitted = readKycTransient(ctx);
    await requireCallerMember(ctx);
    const party = await ledger.requireParty(ctx, partyId);
    return canonicalJson({ partyId, matches: submitted.dataHash === party.kyc.dataHash });
  }

  /** The public record with the KYC status as of the transaction time. */
  @Transaction(false)
  async getParty(ctx: Context, partyId: string): Promise<string> {
    return canonicalJson(kyc.withEffectiveStatus(await ledger.requireParty(ctx, partyId), txTime(ctx)));
  }

  /** A page of public records ordered by party id, of one organisation or ('') of all. */
  @Transaction(false)
  async listParties(ctx: Context, mspId: string, pageSize: string, bookmark: string): Promise<string> {
    const at = txTime(ctx);
    const page = await ledger.listParties(ctx, mspId === '' ? undefined : mspId, pageOf(pageSize, bookmark));
    return canonicalJson({ ...page, records: page.records.map((party) => kyc.withEffectiveStatus(party, at)) });
  }

  /** Every committed version of the public record (KYC and sanctions), newest first. */
  @Transaction(false)
  async getKycHistory(ctx: Context, partyId: string): Promise<string> {
    await ledger.requireParty(ctx, partyId);
    const history = await ledger.partyHistory(ctx, partyId);
    return canonicalJson(history.map(({ txId, timestamp, isDelete, value }) => ({ txId, timestamp, isDelete, party: value })));
  }

  /**
   * The personal data, from the caller organisation's own collection. Caller:
   * an identity of the onboarding organisation (or of the clearing house when
   * shared) that is an admin, a KYC verifier or bound to the party.
   *
   * Evaluate only: a submitted transaction would put the response in a block.
   * The chaincode cannot tell the two apart, so the gateway client exposes
   * this as an evaluation.
   */
  @Transaction(false)
  async readKycData(ctx: Context, partyId: string): Promise<string> {
    const member = await requireCallerMember(ctx);
    const party = await ledger.requireParty(ctx, partyId);
    const collection = kyc.kycCollection(member.mspId);
    if (!party.kyc.collections.includes(collection)) {
      throw new XborderError(ErrorCodes.UNAUTHORIZED, `organisation ${member.mspId} does not hold KYC data of party ${partyId}`);
    }
    const identity = ctx.clientIdentity.getID();
    if (!callerIsAdmin(ctx) && !callerIsVerifier(ctx) && !party.identities.includes(identity)) {
      throw new XborderError(ErrorCodes.UNAUTHORIZED, `reading KYC data of party ${partyId} needs an admin, a KYC verifier or one of its identities`);
    }
    const record = await ledger.getKycData(ctx, collection, partyId);
    if (!record) {
      throw new XborderError(ErrorCodes.NOT_FOUND, `no KYC data of party ${partyId} in ${collection}`);
    }
    return canonicalJson(record);
  }

  private async close(
    ctx: Context,
    partyId: string,
    reason: string,
    event: string,
    transition: (party: Party, reason: string, decision: kyc.Decision) => Party,
  ): Promise<string> {
    const party = await requireVerifierFor(ctx, partyId);
    const updated = transition(party, reason, { verifier: ctx.clientIdentity.getID(), at: txTime(ctx) });
    await ledger.putParty(ctx, updated);
    emit(ctx, event, partyEvent(updated, { reason, by: updated.kyc.closedBy }));
    return canonicalJson(updated);
  }
}

interface KycSubmission {
  data: KycData;
  salt: string;
  dataHash: string;
}

/** Reads and validates transient `kyc` and `salt`; any other transient key is refused. */
function readKycTransient(ctx: Context): KycSubmission {
  const transient = ctx.stub.getTransient();
  const unknown = [...transient.keys()].filter((key) => key !== TRANSIENT_KYC && key !== TRANSIENT_SALT).sort();
  if (unknown.length > 0) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `unknown transient key(s) ${unknown.join(', ')}; expected ${TRANSIENT_KYC} and ${TRANSIENT_SALT}`);
  }
  const data = parseKycData(transient.get(TRANSIENT_KYC));
  const salt = parseSalt(transient.get(TRANSIENT_SALT));
  return { data, salt, dataHash: kyc.kycDataHash(data, salt) };
}

/** The onboarding org's collection, plus each active clearing member's when the member shares with it. */
async function collectionsFor(ctx: Context, member: Member): Promise<string[]> {
  const clearing = member.shareKycWithClearing
    ? (await listMembers(ctx)).filter((m) => m.status === 'ACTIVE' && m.roles.includes('CLEARING')).map((m) => m.mspId)
    : [];
  return kyc.kycCollections(member.mspId, member.shareKycWithClearing, clearing);
}

function requireOnboardingOrg(party: Party, mspId: string): void {
  if (party.mspId !== mspId) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `party ${party.partyId} belongs to ${party.mspId}, not ${mspId}`);
  }
}

async function requireOrgAdminFor(ctx: Context, partyId: string): Promise<Party> {
  const member = await requireCallerAdmin(ctx);
  const party = await ledger.requireParty(ctx, partyId);
  requireOnboardingOrg(party, member.mspId);
  return party;
}

/**
 * KYC decisions belong to the onboarding organisation's KYC officers
 * (attribute kyc.verifier=true). Admins are deliberately not enough: running
 * the organisation's identities and judging customers are separate duties.
 */
async function requireVerifierFor(ctx: Context, partyId: string): Promise<Party> {
  if (!callerIsVerifier(ctx)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `KYC decisions need an identity with attribute ${KYC_VERIFIER_ATTRIBUTE}=true`);
  }
  const member = await requireCallerMember(ctx);
  const party = await ledger.requireParty(ctx, partyId);
  requireOnboardingOrg(party, member.mspId);
  return party;
}

function callerIsVerifier(ctx: Context): boolean {
  return ctx.clientIdentity.getAttributeValue(KYC_VERIFIER_ATTRIBUTE) === 'true';
}

function partyEvent(party: Party, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { status, level, riskRating, dataHash, expiresAt } = party.kyc;
  return { partyId: party.partyId, mspId: party.mspId, kycStatus: status, level, riskRating, dataHash, expiresAt, sanctioned: party.sanctioned, ...extra };
}

function emit(ctx: Context, name: string, payload: Record<string, unknown>): void {
  ctx.stub.setEvent(name, toBytes(payload));
}
