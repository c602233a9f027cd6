import { Context } from 'fabric-contract-api';
import { Member, Proposal, Vote } from '@xborder/model/consortium';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import type { Page } from '@xborder/model/paging';
import { PageRequest, readJson, scanJson, scanJsonPage, writeJson } from './state';

/**
 * Ledger access for consortium membership and governance.
 *
 * Keys (composite, so range scans stay within one kind of record):
 *   member~<mspId>                    Member
 *   currency-issuer~<currency>        { currency, mspId }  (point read for issuerOfCurrency)
 *   consortium~bootstrap              BootstrapRecord      (exists once bootstrapped)
 *   proposal~<proposalId>             Proposal
 *   proposal-vote~<proposalId>~<mspId> Vote                (one key per voter)
 *   proposal-lock~<subject>           { proposalId }       (member:<mspId> or currency:<code>)
 */

const MEMBER = 'member';
const CURRENCY_ISSUER = 'currency-issuer';
const CONSORTIUM = 'consortium';
const PROPOSAL = 'proposal';
const VOTE = 'proposal-vote';
const LOCK = 'proposal-lock';

export interface BootstrapRecord {
  members: string[];
  bootstrappedBy: string;
  bootstrappedAt: string;
  txId: string;
}

export async function getMember(ctx: Context, mspId: string): Promise<Member | undefined> {
  return readJson<Member>(ctx, memberKey(ctx, mspId));
}

/** The member `mspId`, which must be ACTIVE; NOT_FOUND (or CONSORTIUM_NOT_BOOTSTRAPPED) when unknown. */
export async function requireActiveMember(ctx: Context, mspId: string): Promise<Member> {
  const member = await getMember(ctx, mspId);
  if (!member) {
    await requireBootstrapped(ctx);
    throw new XborderError(ErrorCodes.NOT_FOUND, `organisation ${mspId} is not a consortium member`);
  }
  if (member.status !== 'ACTIVE') {
    throw new XborderError(ErrorCodes.MEMBER_NOT_ACTIVE, `member ${mspId} is ${member.status}`);
  }
  return member;
}

/** The caller's organisation, which must be an ACTIVE member with role CLEARING; UNAUTHORIZED otherwise. */
export async function requireClearingHouse(ctx: Context): Promise<Member> {
  const mspId = ctx.clientIdentity.getMSPID();
  const member = await getMember(ctx, mspId);
  if (!member || member.status !== 'ACTIVE' || !member.roles.includes('CLEARING')) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `caller organisation ${mspId} is not an active CLEARING member`);
  }
  return member;
}

/** MSP id of the ACTIVE issuer of `currency`, or undefined: a point read of the currency's issuer key, then of that member. */
export async function issuerOfCurrency(ctx: Context, currency: string): Promise<string | undefined> {
  const entry = await readJson<{ mspId: string }>(ctx, ctx.stub.createCompositeKey(CURRENCY_ISSUER, [currency]));
  if (!entry) {
    return undefined;
  }
  const member = await getMember(ctx, entry.mspId);
  return member && member.status === 'ACTIVE' && member.roles.includes('ISSUER') ? member.mspId : undefined;
}

/**
 * The caller's organisation as an ACTIVE member. A caller from outside the
 * consortium is UNAUTHORIZED (not NOT_FOUND: it asked nothing about a record).
 */
export async function requireCallerMember(ctx: Context): Promise<Member> {
  const mspId = ctx.clientIdentity.getMSPID();
  const member = await getMember(ctx, mspId);
  if (!member) {
    await requireBootstrapped(ctx);
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `caller organisation ${mspId} is not a consortium member`);
  }
  if (member.status !== 'ACTIVE') {
    throw new XborderError(ErrorCodes.MEMBER_NOT_ACTIVE, `caller organisation ${mspId} is ${member.status}`);
  }
  return member;
}

/**
 * Organisation admins carry the x509 attribute `role=admin` (enrolled with
 * `--id.attrs role=admin:ecert` at the organisation's CA). An attribute rather
 * than the certificate's OU, because every member's CA can set it the same way.
 */
export function callerIsAdmin(ctx: Context): boolean {
  return ctx.clientIdentity.getAttributeValue('role') === 'admin';
}

/** An admin identity of an ACTIVE member; returns that member. */
export async function requireCallerAdmin(ctx: Context): Promise<Member> {
  if (!callerIsAdmin(ctx)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, 'this transaction needs an organisation admin identity (attribute role=admin)');
  }
  return requireCallerMember(ctx);
}

/** All members, ordered by MSP id. */
export async function listMembers(ctx: Context): Promise<Member[]> {
  return (await scanJson<Member>(ctx, MEMBER, [])).map((row) => row.value);
}

export async function putMember(ctx: Context, member: Member): Promise<void> {
  await writeJson(ctx, memberKey(ctx, member.mspId), member);
}

export async function putCurrencyIssuer(ctx: Context, currency: string, mspId: string): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(CURRENCY_ISSUER, [currency]), { currency, mspId });
}

export async function getBootstrapRecord(ctx: Context): Promise<BootstrapRecord | undefined> {
  return readJson<BootstrapRecord>(ctx, bootstrapKey(ctx));
}

export async function putBootstrapRecord(ctx: Context, record: BootstrapRecord): Promise<void> {
  await writeJson(ctx, bootstrapKey(ctx), record);
}

export async function getProposal(ctx: Context, proposalId: string): Promise<Proposal | undefined> {
  return readJson<Proposal>(ctx, proposalKey(ctx, proposalId));
}

export async function requireProposal(ctx: Context, proposalId: string): Promise<Proposal> {
  const proposal = await getProposal(ctx, proposalId);
  if (!proposal) {
    throw new XborderError(ErrorCodes.NOT_FOUND, `proposal ${proposalId} does not exist`);
  }
  return proposal;
}

export async function putProposal(ctx: Context, proposal: Proposal): Promise<void> {
  await writeJson(ctx, proposalKey(ctx, proposal.proposalId), proposal);
}

/** A page of proposals, by proposal id. */
export async function listProposals(ctx: Context, request: PageRequest): Promise<Page<Proposal>> {
  const { rows, bookmark } = await scanJsonPage<Proposal>(ctx, PROPOSAL, [], request);
  return { records: rows.map((row) => row.value), bookmark };
}

export async function getVote(ctx: Context, proposalId: string, mspId: string): Promise<Vote | undefined> {
  return readJson<Vote>(ctx, voteKey(ctx, proposalId, mspId));
}

export async function putVote(ctx: Context, vote: Vote): Promise<void> {
  await writeJson(ctx, voteKey(ctx, vote.proposalId, vote.mspId), vote);
}

/** The committed votes on a proposal, ordered by voter MSP id. */
export async function listVotes(ctx: Context, proposalId: string): Promise<Vote[]> {
  return (await scanJson<Vote>(ctx, VOTE, [proposalId])).map((row) => row.value);
}

/** The proposal holding the lock on `subject`, if any (it may since have closed or expired). */
export async function getLockHolder(ctx: Context, subject: string): Promise<string | undefined> {
  return (await readJson<{ proposalId: string }>(ctx, lockKey(ctx, subject)))?.proposalId;
}

export async function putLock(ctx: Context, subject: string, proposalId: string): Promise<void> {
  await writeJson(ctx, lockKey(ctx, subject), { proposalId });
}

export async function deleteLock(ctx: Context, subject: string): Promise<void> {
  await ctx.stub.deleteState(lockKey(ctx, subject));
}

async function requireBootstrapped(ctx: Context): Promise<void> {
  if (!(await getBootstrapRecord(ctx))) {
    throw new XborderError(ErrorCodes.CONSORTIUM_NOT_BOOTSTRAPPED, 'the consortium has no members yet: call Consortium:bootstrap');
  }
}

function memberKey(ctx: Context, mspId: string): string {
  return ctx.stub.createCompositeKey(MEMBER, [mspId]);
}

function bootstrapKey(ctx: Context): string {
  return ctx.stub.createCompositeKey(CONSORTIUM, ['bootstrap']);
}

function proposalKey(ctx: Context, proposalId: string): string {
  return ctx.stub.createCompositeKey(PROPOSAL, [proposalId]);
}

function voteKey(ctx: Context, proposalId: string, mspId: string): string {
  return ctx.stub.createCompositeKey(VOTE, [proposalId, mspId]);
}

function lockKey(ctx: Context, subject: string): string {
  return ctx.stub.createCompositeKey(LOCK, [subject]);
}
