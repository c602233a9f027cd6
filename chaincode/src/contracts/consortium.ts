import { Context, Info, Transaction } from 'fabric-contract-api';
import { pageOf, XborderContract } from './base';
import {
  applyProposal,
  checkBootstrapCaller,
  checkProposalApplies,
  checkVoter,
  closeProposal,
  effectiveProposalStatus,
  newMember,
  newProposal,
  proposalLocks,
  proposalSubject,
  requireOpenProposal,
  tallyVotes,
  validateMembership,
  withEffectiveStatus,
} from '../domain/consortium';
import * as ledger from '../ledger/members';
import { callerIsAdmin, requireCallerAdmin, requireCallerMember } from '../guards/members';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { txTime } from '../ledger/time';
import { MEMBER_ROLES, Proposal, VOTE_CHOICES, Vote, parseBootstrapInput, parseProposalInput } from '@xborder/model/consortium';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { checkOneOf } from '@xborder/model/fields';


const EXECUTED_EVENTS = { ADMIT: 'MemberAdmitted', SUSPEND: 'MemberSuspended', REINSTATE: 'MemberReinstated' } as const;

/**
 * Consortium membership and governance: the initial membership set once by
 * `bootstrap`, then admission, suspension and reinstatement of members by
 * proposal and a strict majority of the members active at proposal time.
 */
@Info({ title: 'Consortium', description: 'Member organisations, their roles, and governance by proposal and vote' })
export class ConsortiumContract extends XborderContract.named('Consortium') {
  /**
   * Sets the initial membership, once. `initJson`:
   * `{"members":[{"mspId","name","roles":["ISSUER"|"LIQUIDITY"|"CLEARING"],"issuerOf"?:["USD"],"shareKycWithClearing"?:true}]}`.
   * Caller: an admin (role=admin) of an organisation listed in it.
   */
  @Transaction()
  async bootstrap(ctx: Context, initJson: string): Promise<string> {
    const input = parseBootstrapInput(initJson);
    validateMembership(input.members);
    const callerMspId = ctx.clientIdentity.getMSPID();
    checkBootstrapCaller(callerMspId, callerIsAdmin(ctx), input.members);
    const existing = await ledger.getBootstrapRecord(ctx);
    if (existing) {
      throw new XborderError(ErrorCodes.CONSORTIUM_ALREADY_BOOTSTRAPPED, `bootstrapped by ${existing.bootstrappedBy} at ${existing.bootstrappedAt}`);
    }
    const at = txTime(ctx);
    const members = input.members.map((member) => newMember(member, at)).sort((a, b) => (a.mspId < b.mspId ? -1 : 1));
    for (const member of members) {
      await ledger.putMember(ctx, member);
      for (const currency of member.issuerOf) {
        await ledger.putCurrencyIssuer(ctx, currency, member.mspId);
      }
    }
    const record = { members: members.map((member) => member.mspId), bootstrappedBy: callerMspId, bootstrappedAt: at, txId: ctx.stub.getTxID() };
    await ledger.putBootstrapRecord(ctx, record);
    ctx.stub.setEvent('ConsortiumBootstrapped', toBytes(record));
    return canonicalJson({ ...record, members });
  }

  /**
   * Opens a proposal (id = this transaction's id). `proposalJson`:
   * `{"action":"ADMIT","member":{...},"reason","validForSeconds"?}` or
   * `{"action":"SUSPEND"|"REINSTATE","mspId","reason","validForSeconds"?}`.
   * Caller: an admin of an active member. The proposer's own vote is cast with `vote`.
   */
  @Transaction()
  async propose(ctx: Context, proposalJson: string): Promise<string> {
    const input = parseProposalInput(proposalJson);
    const caller = await requireCallerAdmin(ctx);
    const at = txTime(ctx);
    const members = await ledger.listMembers(ctx);
    const subject = proposalSubject(input);
    checkProposalApplies(subject, members);
    const locks = proposalLocks(subject);
    for (const lock of locks) {
      const holderId = await ledger.getLockHolder(ctx, lock);
      const holder = holderId === undefined ? undefined : await ledger.getProposal(ctx, holderId);
      if (holder && effectiveProposalStatus(holder, at) === 'OPEN') {
        throw new XborderError(ErrorCodes.INVALID_STATE, `proposal ${holder.proposalId} about ${lock} is still open until ${holder.expiresAt}`);
      }
    }
    const proposal = newProposal(input, { proposalId: ctx.stub.getTxID(), proposedBy: caller.mspId, at, members });
    await ledger.putProposal(ctx, proposal);
    for (const lock of locks) {
      await ledger.putLock(ctx, lock, proposal.proposalId);
    }
    ctx.stub.setEvent('ProposalCreated', toBytes(proposalEvent(proposal)));
    return canonicalJson(proposal);
  }

  /**
   * Casts the caller organisation's vote (`YES` or `NO`) on a proposal.
   * Caller: an admin of an ACTIVE member that was in the proposal's electorate.
   *
   * Each vote is its own key, and the vote that reaches the majority executes
   * the proposal in the same transaction. To know whether it is that vote, the
   * transaction must read every vote cast so far (one range scan over the
   * proposal's vote keys). Fabric validates that scan at commit: if another
   * vote on the same proposal committed after this one was endorsed, this one
   * fails with PHANTOM_READ_CONFLICT and the client resubmits it (it then sees
   * the other vote). We accept that: votes are rare and a retry is cheap,
   * while the alternative (votes that never read each other, executed by a
   * separate tally transaction) would leave a decided proposal unexecuted until
   * someone remembers to tally it. Per-voter keys still mean votes on different
   * proposals never conflict, no vote rewrites the proposal until it closes,
   * and each vote has its own history.
   */
  @Transaction()
  async vote(ctx: Context, proposalId: string, choice: string): Promise<string> {
    const voteChoice = checkOneOf(choice, 'choice', VOTE_CHOICES);
    const caller = await requireCallerAdmin(ctx);
    const at = txTime(ctx);
    const proposal = await ledger.requireProposal(ctx, proposalId);
    requireOpenProposal(proposal, at);
    checkVoter(proposal, caller.mspId);
    if (await ledger.getVote(ctx, proposalId, caller.mspId)) {
      throw new XborderError(ErrorCodes.ALREADY_VOTED, `member ${caller.mspId} has already voted on proposal ${proposalId}`);
    }
    const vote: Vote = { proposalId, mspId: caller.mspId, choice: voteChoice, voter: ctx.clientIdentity.getID(), votedAt: at };
    const tally = tallyVotes(proposal, [...(await ledger.listVotes(ctx, proposalId)), vote]);

    let result: Proposal = proposal;
    let eventName = 'VoteCast';
    if (tally.outcome === 'EXECUTED') {
      const members = await ledger.listMembers(ctx);
      checkProposalApplies(proposal, members);
      const member = applyProposal(proposal, members.find((m) => m.mspId === proposal.mspId), at);
      await ledger.putMember(ctx, member);
      if (proposal.action === 'ADMIT') {
        for (const currency of member.issuerOf) {
          await ledger.putCurrencyIssuer(ctx, currency, member.mspId);
        }
      }
      result = closeProposal(proposal, 'EXECUTED', at, tally);
      eventName = EXECUTED_EVENTS[proposal.action];
    } else if (tally.outcome === 'REJECTED') {
      result = closeProposal(proposal, 'REJECTED', at, tally);
      eventName = 'ProposalRejected';
    }
    if (result !== proposal) {
      await ledger.putProposal(ctx, result);
      // While the proposal was open nobody else could take its locks, so they are still ours.
      for (const lock of proposalLocks(proposal)) {
        await ledger.deleteLock(ctx, lock);
      }
    }
    await ledger.putVote(ctx, vote);
    const outcome = { proposalId, action: proposal.action, mspId: proposal.mspId, voter: caller.mspId, choice: voteChoice, yes: tally.yes, no: tally.no, status: result.status };
    ctx.stub.setEvent(eventName, toBytes(outcome));
    return canonicalJson({ ...outcome, proposal: result, vote });
  }

  /**
   * Records that an OPEN proposal's window has passed and releases its locks.
   * Optional: an expired proposal already reads as EXPIRED and blocks nothing.
   * Caller: any identity of an active member.
   */
  @Transaction()
  async expireProposal(ctx: Context, proposalId: string): Promise<string> {
    await requireCallerMember(ctx);
    const at = txTime(ctx);
    const proposal = await ledger.requireProposal(ctx, proposalId);
    if (proposal.status !== 'OPEN') {
      throw new XborderError(ErrorCodes.PROPOSAL_CLOSED, `proposal ${proposalId} is ${proposal.status}`);
    }
    if (effectiveProposalStatus(proposal, at) === 'OPEN') {
      throw new XborderError(ErrorCodes.INVALID_STATE, `proposal ${proposalId} is open until ${proposal.expiresAt}`);
    }
    const closed = closeProposal(proposal, 'EXPIRED', at, tallyVotes(proposal, await ledger.listVotes(ctx, proposalId)));
    await ledger.putProposal(ctx, closed);
    for (const lock of proposalLocks(proposal)) {
      // After expiry a newer proposal may have taken the lock; leave that one alone.
      if ((await ledger.getLockHolder(ctx, lock)) === proposalId) {
        await ledger.deleteLock(ctx, lock);
      }
    }
    ctx.stub.setEvent('ProposalExpired', toBytes(proposalEvent(closed)));
    return canonicalJson(closed);
  }

  @Transaction(false)
  async getMember(ctx: Context, mspId: string): Promise<string> {
    const member = await ledger.getMember(ctx, mspId);
    if (!member) {
      throw new XborderError(ErrorCodes.NOT_FOUND, `organisation ${mspId} is not a consortium member`);
    }
    return canonicalJson(member);
  }

  /** All members, active and suspended, ordered by MSP id. */
  @Transaction(false)
  async listMembers(ctx: Context): Promise<string> {
    return canonicalJson(await ledger.listMembers(ctx));
  }

  /** The ACTIVE members holding `role` (ISSUER, LIQUIDITY or CLEARING), ordered by MSP id. */
  @Transaction(false)
  async membersWithRole(ctx: Context, role: string): Promise<string> {
    const wanted = checkOneOf(role, 'role', MEMBER_ROLES);
    const members = await ledger.listMembers(ctx);
    return canonicalJson(members.filter((member) => member.status === 'ACTIVE' && member.roles.includes(wanted)));
  }

  /** A proposal with its status as of this transaction's time and the votes cast so far. */
  @Transaction(false)
  async getProposal(ctx: Context, proposalId: string): Promise<string> {
    const proposal = await ledger.requireProposal(ctx, proposalId);
    const votes = await ledger.listVotes(ctx, proposalId);
    return canonicalJson({ ...withEffectiveStatus(proposal, txTime(ctx)), votes });
  }

  /**
   * A page of proposals by proposal id, optionally only those whose effective status is
   * `status` ('' for all): a filtered page holds fewer than `pageSize`, or none.
   */
  @Transaction(false)
  async listProposals(ctx: Context, status: string, pageSize: string, bookmark: string): Promise<string> {
    const at = txTime(ctx);
    const page = await ledger.listProposals(ctx, pageOf(pageSize, bookmark));
    const proposals = page.records.map((proposal) => withEffectiveStatus(proposal, at));
    return canonicalJson({ ...page, records: status === '' ? proposals : proposals.filter((proposal) => proposal.status === status) });
  }
}

function proposalEvent(proposal: Proposal): Record<string, unknown> {
  const { proposalId, action, mspId, proposedBy, expiresAt, threshold, electorate, status, yes, no } = proposal;
  return { proposalId, action, mspId, proposedBy, expiresAt, threshold, electorate, status, yes, no };
}
