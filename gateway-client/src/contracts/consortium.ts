import type { Member, MemberInput, MemberRole, Proposal, ProposalStatus, Vote, VoteChoice } from '@xborder/model/consortium';
import type { VoteEvent } from '../event-types.js';
import { encodeArgument, type WithOptional } from '../codec.js';
import type { ContractCalls } from './calls.js';

/** A member as given at bootstrap or admission; `issuerOf` and `shareKycWithClearing` default to none and false. */
export type MemberRequest = WithOptional<MemberInput, 'issuerOf' | 'shareKycWithClearing'>;

/** The initial membership. */
export interface BootstrapRequest {
  members: MemberRequest[];
}

/** The result of bootstrap: the members as stored. */
export interface BootstrapResult {
  members: Member[];
  bootstrappedBy: string;
  bootstrappedAt: string;
  txId: string;
}

/** A proposal to admit, suspend or reinstate a member; open for `validForSeconds` (default 7 days). */
export type ProposalRequest =
  | { action: 'ADMIT'; member: MemberRequest; reason: string; validForSeconds?: number }
  | { action: 'SUSPEND' | 'REINSTATE'; mspId: string; reason: string; validForSeconds?: number };

/** What a vote did: the tally so far, the proposal's status after it, and the vote as stored. */
export type VoteResult = VoteEvent & { proposal: Proposal; vote: Vote };

/** A proposal with its votes so far. */
export type ProposalWithVotes = Proposal & { votes: Vote[] };

/**
 * Consortium membership and governance (chaincode contract `Consortium`).
 *
 * @example
 * const members = await client.consortium.listMembers();
 * const usd = await client.consortium.membersWithRole('ISSUER');
 */
export interface Consortium {
  /** Sets the initial membership, once; as an admin (role=admin) of a listed organisation. CONSORTIUM_ALREADY_BOOTSTRAPPED after that. */
  bootstrap(request: BootstrapRequest): Promise<BootstrapResult>;
  /** Opens a proposal; its id is the proposing transaction's id. As an admin of an active member. */
  propose(request: ProposalRequest): Promise<Proposal>;
  /** Casts the caller organisation's vote; the deciding vote executes the proposal. */
  vote(proposalId: string, choice: VoteChoice): Promise<VoteResult>;
  /** Records that an open proposal's window has passed. */
  expireProposal(proposalId: string): Promise<Proposal>;
  /** A member; NOT_FOUND when the organisation is not one. */
  getMember(mspId: string): Promise<Member>;
  /** All members, ordered by MSP id; empty before bootstrap. */
  listMembers(): Promise<Member[]>;
  /** The active members with a role, ordered by MSP id. */
  membersWithRole(role: MemberRole): Promise<Member[]>;
  getProposal(proposalId: string): Promise<ProposalWithVotes>;
  /** Proposals oldest first, optionally only those with a status. */
  listProposals(status?: ProposalStatus): Promise<Proposal[]>;
}

export class ConsortiumImpl implements Consortium {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  bootstrap(request: BootstrapRequest): Promise<BootstrapResult> {
    return this.#calls.write('bootstrap', [encodeArgument(request)]);
  }

  propose(request: ProposalRequest): Promise<Proposal> {
    return this.#calls.write('propose', [encodeArgument(request)]);
  }

  vote(proposalId: string, choice: VoteChoice): Promise<VoteResult> {
    return this.#calls.write('vote', [proposalId, choice]);
  }

  expireProposal(proposalId: string): Promise<Proposal> {
    return this.#calls.write('expireProposal', [proposalId]);
  }

  getMember(mspId: string): Promise<Member> {
    return this.#calls.query('getMember', [mspId]);
  }

  listMembers(): Promise<Member[]> {
    return this.#calls.query('listMembers');
  }

  membersWithRole(role: MemberRole): Promise<Member[]> {
    return this.#calls.query('membersWithRole', [role]);
  }

  getProposal(proposalId: string): Promise<ProposalWithVotes> {
    return this.#calls.query('getProposal', [proposalId]);
  }

  listProposals(status?: ProposalStatus): Promise<Proposal[]> {
    return this.#calls.query('listProposals', [status ?? '']);
  }
}
