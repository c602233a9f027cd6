import { Context } from 'fabric-contract-api';
import { Member, Proposal, Vote } from '@xborder/model/consortium';
import type { Page } from '@xborder/model/paging';
import { recordKind } from './records';
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

/** The member that issues `currency`, as recorded at admission (whether it is still active is the caller's question). */
export async function getCurrencyIssuer(ctx: Context, currency: string): Promise<string | undefined> {
  return (await readJson<{ mspId: string }>(ctx, ctx.stub.createCompositeKey(CURRENCY_ISSUER, [currency])))?.mspId;
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

export const {
  get: getProposal,
  require: requireProposal,
  put: putProposal,
} = recordKind<Proposal>(PROPOSAL, (proposal) => proposal.proposalId, (proposalId) => `proposal ${proposalId} does not exist`);

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

function memberKey(ctx: Context, mspId: string): string {
  return ctx.stub.createCompositeKey(MEMBER, [mspId]);
}

function bootstrapKey(ctx: Context): string {
  return ctx.stub.createCompositeKey(CONSORTIUM, ['bootstrap']);
}

function voteKey(ctx: Context, proposalId: string, mspId: string): string {
  return ctx.stub.createCompositeKey(VOTE, [proposalId, mspId]);
}

function lockKey(ctx: Context, subject: string): string {
  return ctx.stub.createCompositeKey(LOCK, [subject]);
}
