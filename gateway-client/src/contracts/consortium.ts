import type { Member, MemberInput, MemberRole, Proposal, ProposalStatus, VoteChoice } from '@xborder/model/consortium';
import type { BootstrapResult, ProposalWithVotes, VoteResult } from '@xborder/model/results';
import { encodeArgument, type WithOptional } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type Page, type Paged, paged } from '../paging.js';

/** A member as given at bootstrap or admission; `issuerOf` and `shareKycWithClearing` default to none and false. */
export type MemberRequest = WithOptional<MemberInput, 'issuerOf' | 'shareKycWithClearing'>;

/** The initial membership. */
export interface BootstrapRequest {
  members: MemberRequest[];
}

/** A proposal to admit, suspend or reinstate a member; open for `validForSeconds` (default 7 days). */
export type ProposalRequest =
  | { action: 'ADMIT'; member: MemberRequest; reason: string; validForSeconds?: number }
  | { action: 'SUSPEND' | 'REINSTATE'; mspId: string; reason: string; validForSeconds?: number };

export type { BootstrapResult, ProposalWithVotes, VoteResult };

/**
 * Consortium membership and governance (chaincode contract `Consortium`).
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
 * const members = await client.consortium.listMembers();
 * const issuers = await client.consortium.listMembers('ISSUER');
 */
export interface Consortium {
  /**
   * Sets the initial membership, once; as an admin (role=admin) of a listed organisation. CONSORTIUM_ALREADY_BOOTSTRAPPED after that.
   *
   * @returns The members as stored, who bootstrapped and when, and the transaction id.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input (refused before sending), a member listed twice, a
   *   currency with two issuers or no CLEARING member; UNAUTHORIZED when the caller is not an admin of a listed
   *   organisation; CONSORTIUM_ALREADY_BOOTSTRAPPED when the membership is already set.
   */
  bootstrap(request: BootstrapRequest): Promise<BootstrapResult>;
  /**
   * Opens a proposal; its id is the proposing transaction's id. As an admin of an active member.
   *
   * @returns The proposal, OPEN, with its electorate (the members active now) and the YES votes it needs.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; UNAUTHORIZED when the
   *   caller is not an admin, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when its organisation is not an active member;
   *   ALREADY_EXISTS when the organisation to admit is a member or one of its currencies already has an issuer;
   *   NOT_FOUND when the organisation to suspend or reinstate is not a member; INVALID_STATE when it is not ACTIVE
   *   (suspend) or not SUSPENDED (reinstate), when it is the last active CLEARING member, or while another open
   *   proposal concerns the same organisation or currency.
   */
  propose(request: ProposalRequest): Promise<Proposal>;
  /**
   * Casts the caller organisation's vote; the deciding vote executes the proposal.
   *
   * @returns The tally so far, the proposal after this vote (EXECUTED or REJECTED when it decided) and the vote.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed proposal id or choice; UNAUTHORIZED when the caller is
   *   not an admin or its organisation is not in the proposal's electorate, or UNAUTHORIZED or MEMBER_NOT_ACTIVE when
   *   it is not an active member; NOT_FOUND when the proposal does not exist; PROPOSAL_CLOSED when it is executed,
   *   rejected or expired; ALREADY_VOTED when the organisation has voted on it. The deciding vote may also get the
   *   ALREADY_EXISTS, NOT_FOUND or INVALID_STATE of {@link Consortium.propose} when the proposal no longer applies.
   */
  vote(proposalId: string, choice: VoteChoice): Promise<VoteResult>;
  /**
   * Records that an open proposal's window has passed. As any identity of an active member.
   *
   * @returns The proposal, EXPIRED.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed proposal id; UNAUTHORIZED or MEMBER_NOT_ACTIVE when
   *   the caller's organisation is not an active member; NOT_FOUND when the proposal does not exist;
   *   PROPOSAL_CLOSED when it is already closed; INVALID_STATE while its window is still open.
   */
  expireProposal(proposalId: string): Promise<Proposal>;
  /**
   * A member; NOT_FOUND when the organisation is not one.
   *
   * @returns The member: status, roles, currencies issued.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed MSP id; NOT_FOUND when the organisation is not a member.
   */
  getMember(mspId: string): Promise<Member>;
  /**
   * The members, ordered by MSP id; with `role`, only the active members with that role. Empty before bootstrap.
   *
   * @returns Active and suspended members, or the active ones with the role (possibly none).
   * @throws {ChaincodeError} INVALID_ARGUMENT for a role other than ISSUER, LIQUIDITY or CLEARING.
   */
  listMembers(role?: MemberRole): Promise<Member[]>;
  /**
   * A proposal and the votes cast on it.
   *
   * @returns The proposal with its status as of now (an OPEN one past its window reads EXPIRED) and its votes.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed proposal id; NOT_FOUND when it does not exist.
   */
  getProposal(proposalId: string): Promise<ProposalWithVotes>;
  /**
   * Proposals by proposal id, optionally only those with a status.
   *
   * @returns The proposals, each with its status as of now, a page at a time (see {@link Paged}): a page of one
   *   status may hold fewer records than its size, or none.
   * @throws {ChaincodeError} INVALID_ARGUMENT for an unknown status.
   */
  listProposals(status?: ProposalStatus): Paged<Proposal>;
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

  listMembers(role?: MemberRole): Promise<Member[]> {
    if (role === undefined) {
      return this.#calls.query('listMembers');
    }
    return this.#calls.query('membersWithRole', [role]);
  }

  getProposal(proposalId: string): Promise<ProposalWithVotes> {
    return this.#calls.query('getProposal', [proposalId]);
  }

  listProposals(status?: ProposalStatus): Paged<Proposal> {
    return paged((size, bookmark) => this.#calls.query<Page<Proposal>>('listProposals', [status ?? '', size, bookmark]), (proposal) => proposal);
  }
}
