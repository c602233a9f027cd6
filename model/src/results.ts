import type { Member, Proposal, ProposalAction, ProposalStatus, Vote, VoteChoice } from './consortium';
import type { MarginClaim } from './margin';
import type { Order } from './order';
import type { Party } from './party';
import type { Quotation } from './quotation';
import type { RiskAlert, RiskLimit } from './risk';
import type { SettlementRecord } from './settlement';

/**
 * What transactions answer when the answer is more than one stored record:
 * the wire form (amounts as decimal strings), as the chaincode writes it and
 * the contract API publishes it. Records answered on their own are defined
 * with the record (`Order` in order.ts).
 */

/** `Health:ping`: which chaincode answered, from which organisation's peer. */
export interface PingResult {
  chaincode: string;
  version: string;
  /** The MSP id of the peer that answered. */
  mspId: string;
}

/** `Health:version`: the same on every peer. */
export interface VersionResult {
  chaincode: string;
  version: string;
}

/** An organisation's last heartbeat: a write that went through endorsement, ordering and commit. */
export interface Heartbeat {
  mspId: string;
  at: string;
  txId: string;
}

/** `Consortium:bootstrap`: the members as stored. */
export interface BootstrapResult {
  members: Member[];
  bootstrappedBy: string;
  bootstrappedAt: string;
  txId: string;
}

/** A vote and what it decided; also the payload of the vote events. */
export interface VoteOutcome {
  proposalId: string;
  action: ProposalAction;
  mspId: string;
  voter: string;
  choice: VoteChoice;
  yes: number;
  no: number;
  status: ProposalStatus;
}

/** `Consortium:vote`: the outcome, the proposal after it and the vote as stored. */
export interface VoteResult extends VoteOutcome {
  proposal: Proposal;
  vote: Vote;
}

/** `Consortium:getProposal`: a proposal with its votes so far. */
export interface ProposalWithVotes extends Proposal {
  votes: Vote[];
}

/** `Party:getKycHistory`: one committed version of a party's public record. */
export interface PartyHistoryEntry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  /** Absent for a deletion. */
  party?: Party;
}

/** `Party:proveKycData`: whether the data and salt given hash to the party's recorded hash. */
export interface KycProof {
  partyId: string;
  matches: boolean;
}

/** `Quotation:acceptQuotation`: the accepted quotation and the order it created. */
export interface AcceptResult {
  quotation: Quotation;
  order: Order;
}

/** `Order:fund`: the funded order and the velocity alerts the payment raised (alerts never reject). */
export interface FundResult {
  order: Order;
  alerts: RiskAlert[];
}

/** `Order:settle`: the settled order and its settlement record. */
export interface SettleResult {
  order: Order;
  settlement: SettlementRecord;
}

/** `Order:resolveDispute`: the resolved order; no settlement for a REFUND. */
export interface ResolveResult {
  order: Order;
  settlement?: SettlementRecord;
}

/** `Order:markDefault`: the defaulted order and the margin claim it opened for the buyer. */
export interface DefaultResult {
  order: Order;
  claim: MarginClaim;
}

/** `Margin:postMargin` and `withdrawMargin`: what moved; `required` is what remains required after a withdrawal. */
export interface MarginMovement {
  partyId: string;
  currency: string;
  amount: string;
  required?: string;
  at: string;
  txId: string;
}

/** `Risk:getLimit`: the limits set, or only the party and currency when none are. */
export type RiskLimitSetting = RiskLimit | { partyId: string; currency: string };
