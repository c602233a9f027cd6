import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { Member, MemberInput, Proposal, ProposalInput, ProposalStatus, Vote } from '@xborder/model/consortium';

/**
 * Rules of consortium membership and governance. Pure functions: the contract
 * reads the ledger, calls these, and writes what they return.
 */

/** Checks a complete initial membership: distinct members, one issuer per currency, a clearing house. */
export function validateMembership(members: readonly MemberInput[]): void {
  const seen = new Set<string>();
  const issuers = new Map<string, string>();
  for (const member of members) {
    if (seen.has(member.mspId)) {
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `member ${member.mspId} is listed twice`);
    }
    seen.add(member.mspId);
    for (const currency of member.issuerOf) {
      const other = issuers.get(currency);
      if (other !== undefined) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `currency ${currency} has two issuers: ${other} and ${member.mspId}`);
      }
      issuers.set(currency, member.mspId);
    }
  }
  if (!members.some((member) => member.roles.includes('CLEARING'))) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'the membership needs at least one member with role CLEARING');
  }
}

/**
 * Bootstrap is open to an admin of an organisation in the initial membership:
 * an outsider cannot seed a consortium it is not part of, and the endorsement
 * policy makes the other organisations' peers sign the same membership.
 */
export function checkBootstrapCaller(callerMspId: string, callerIsAdmin: boolean, members: readonly MemberInput[]): void {
  if (!callerIsAdmin) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, 'bootstrap needs an admin identity (attribute role=admin)');
  }
  if (!members.some((member) => member.mspId === callerMspId)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `caller organisation ${callerMspId} is not in the initial membership`);
  }
}

export function newMember(input: MemberInput, at: string): Member {
  return { ...input, roles: [...input.roles], issuerOf: [...input.issuerOf], status: 'ACTIVE', admittedAt: at, updatedAt: at };
}

/** YES votes needed out of an electorate of `size`: more than half. */
export function strictMajority(size: number): number {
  return Math.floor(size / 2) + 1;
}

/** What a proposal does, whether still an input or already stored. */
export type ProposalSubject = Pick<Proposal, 'action' | 'mspId' | 'member'>;

export function proposalSubject(input: ProposalInput): ProposalSubject {
  return input.action === 'ADMIT'
    ? { action: input.action, mspId: input.member.mspId, member: input.member }
    : { action: input.action, mspId: input.mspId };
}

/**
 * Checks that a proposal can take effect against the current members. Run at
 * creation (so members do not vote on something impossible) and again by the
 * executing vote, because proposals about different organisations can
 * interact (suspending two clearing members in parallel).
 */
export function checkProposalApplies(subject: ProposalSubject, members: readonly Member[]): void {
  const target = members.find((member) => member.mspId === subject.mspId);
  if (subject.action === 'ADMIT') {
    if (target) {
      throw new XborderError(ErrorCodes.ALREADY_EXISTS, `organisation ${subject.mspId} is already a member (${target.status})`);
    }
    for (const currency of admittedMember(subject).issuerOf) {
      const issuer = members.find((member) => member.issuerOf.includes(currency));
      if (issuer) {
        throw new XborderError(ErrorCodes.ALREADY_EXISTS, `currency ${currency} is already issued by ${issuer.mspId}`);
      }
    }
    return;
  }
  if (!target) {
    throw new XborderError(ErrorCodes.NOT_FOUND, `organisation ${subject.mspId} is not a member`);
  }
  if (subject.action === 'SUSPEND') {
    if (target.status !== 'ACTIVE') {
      throw new XborderError(ErrorCodes.INVALID_STATE, `member ${subject.mspId} is already ${target.status}`);
    }
    const clearing = members.filter((member) => member.status === 'ACTIVE' && member.roles.includes('CLEARING'));
    if (clearing.length === 1 && clearing[0].mspId === subject.mspId) {
      // Without an active clearing house nobody could arbitrate, set sanctions or run settlement.
      throw new XborderError(ErrorCodes.INVALID_STATE, `member ${subject.mspId} is the last active CLEARING member`);
    }
    return;
  }
  if (target.status !== 'SUSPENDED') {
    throw new XborderError(ErrorCodes.INVALID_STATE, `member ${subject.mspId} is ${target.status}, not SUSPENDED`);
  }
}

export interface ProposalOrigin {
  proposalId: string;
  proposedBy: string;
  at: string;
  members: readonly Member[];
}

export function newProposal(input: ProposalInput, origin: ProposalOrigin): Proposal {
  const electorate = origin.members
    .filter((member) => member.status === 'ACTIVE')
    .map((member) => member.mspId)
    .sort();
  const expiresAt = new Date(Date.parse(origin.at) + input.validForSeconds * 1000).toISOString();
  return {
    proposalId: origin.proposalId,
    ...proposalSubject(input),
    reason: input.reason,
    proposedBy: origin.proposedBy,
    proposedAt: origin.at,
    expiresAt,
    electorate,
    threshold: strictMajority(electorate.length),
    status: 'OPEN',
  };
}

/**
 * Lock names a proposal holds while open: its target organisation and, for an
 * admission, the currencies it would issue. Two open proposals never touch the
 * same organisation or currency, so an executed one cannot be undone or
 * contradicted by another that was voted on in parallel.
 */
export function proposalLocks(subject: ProposalSubject): string[] {
  return [`member:${subject.mspId}`, ...(subject.member?.issuerOf ?? []).map((currency) => `currency:${currency}`)];
}

/** The status as of `now`: an OPEN proposal whose window has passed counts as EXPIRED. */
export function effectiveProposalStatus(proposal: Proposal, now: string): ProposalStatus {
  return proposal.status === 'OPEN' && proposal.expiresAt <= now ? 'EXPIRED' : proposal.status;
}

export function withEffectiveStatus(proposal: Proposal, now: string): Proposal {
  return { ...proposal, status: effectiveProposalStatus(proposal, now) };
}

export function requireOpenProposal(proposal: Proposal, now: string): void {
  const status = effectiveProposalStatus(proposal, now);
  if (status !== 'OPEN') {
    throw new XborderError(ErrorCodes.PROPOSAL_CLOSED, `proposal ${proposal.proposalId} is ${status}`);
  }
}

/** Only members that were active at creation vote; `mspId` must also be active now (checked by the caller). */
export function checkVoter(proposal: Proposal, mspId: string): void {
  if (!proposal.electorate.includes(mspId)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `member ${mspId} was not active when proposal ${proposal.proposalId} was made`);
  }
}

export interface Tally {
  yes: number;
  no: number;
  /** OPEN while undecided; EXECUTED at a YES majority; REJECTED once a YES majority is out of reach. */
  outcome: 'OPEN' | 'EXECUTED' | 'REJECTED';
}

/**
 * Counts votes of the electorate. A proposal is rejected as soon as YES can
 * no longer reach the threshold even if every remaining member votes YES; a
 * NO majority is one such case, and with an even electorate a tie is another.
 */
export function tallyVotes(proposal: Proposal, votes: readonly Vote[]): Tally {
  const counted = votes.filter((vote) => proposal.electorate.includes(vote.mspId));
  const yes = counted.filter((vote) => vote.choice === 'YES').length;
  const no = counted.length - yes;
  if (yes >= proposal.threshold) {
    return { yes, no, outcome: 'EXECUTED' };
  }
  if (proposal.electorate.length - no < proposal.threshold) {
    return { yes, no, outcome: 'REJECTED' };
  }
  return { yes, no, outcome: 'OPEN' };
}

/** The member record after an executed proposal. */
export function applyProposal(subject: ProposalSubject, target: Member | undefined, at: string): Member {
  if (subject.action === 'ADMIT') {
    return newMember(admittedMember(subject), at);
  }
  if (!target) {
    throw new XborderError(ErrorCodes.NOT_FOUND, `organisation ${subject.mspId} is not a member`);
  }
  return { ...target, status: subject.action === 'SUSPEND' ? 'SUSPENDED' : 'ACTIVE', updatedAt: at };
}

function admittedMember(subject: ProposalSubject): MemberInput {
  if (!subject.member) {
    // Only a hand-edited or corrupted record gets here: parseProposalInput always sets it.
    throw new XborderError(ErrorCodes.INVALID_STATE, `ADMIT proposal for ${subject.mspId} has no member record`);
  }
  return subject.member;
}

export function closeProposal(proposal: Proposal, status: Exclude<ProposalStatus, 'OPEN'>, at: string, tally?: Tally): Proposal {
  return { ...proposal, status, closedAt: at, ...(tally ? { yes: tally.yes, no: tally.no } : {}) };
}
