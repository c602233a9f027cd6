import type { KycLevel, KycStatus, PartyRole, RiskRating } from '@xborder/chaincode/model/party';
import type { ProposalAction, ProposalStatus, VoteChoice } from '@xborder/chaincode/model/consortium';
import type { Heartbeat } from './contracts/health.js';
import type { Consolidated, Currency, FreezeRecord, Minted, Redeemed, Transferred, UnfreezeRecord } from './contracts/tokens.js';
import type { FirmQuoteResult, RatePosting } from './contracts/fx.js';

/** The public KYC state every party event carries. Never personal data. */
export interface PartyEventBase {
  partyId: string;
  mspId: string;
  kycStatus: KycStatus;
  level: KycLevel;
  riskRating: RiskRating;
  dataHash: string;
  expiresAt?: string;
  sanctioned: boolean;
}

/** A proposal's state when it opens or expires. */
export interface ProposalEvent {
  proposalId: string;
  action: ProposalAction;
  mspId: string;
  proposedBy: string;
  expiresAt: string;
  threshold: number;
  electorate: string[];
  status: ProposalStatus;
  yes?: number;
  no?: number;
}

/** A vote and what it decided. */
export interface VoteEvent {
  proposalId: string;
  action: ProposalAction;
  mspId: string;
  voter: string;
  choice: VoteChoice;
  yes: number;
  no: number;
  status: ProposalStatus;
}

/**
 * Every chaincode event by name, with its payload as the client delivers it
 * (amounts as bigint). The names are the chaincode's `setEvent` names.
 */
export interface DomainEventPayloads {
  HeartbeatRecorded: Heartbeat;
  ConsortiumBootstrapped: { members: string[]; bootstrappedBy: string; bootstrappedAt: string; txId: string };
  ProposalCreated: ProposalEvent;
  ProposalExpired: ProposalEvent;
  VoteCast: VoteEvent;
  ProposalRejected: VoteEvent;
  MemberAdmitted: VoteEvent;
  MemberSuspended: VoteEvent;
  MemberReinstated: VoteEvent;
  PartyRegistered: PartyEventBase & { country: string; roles: PartyRole[] };
  KycDataSubmitted: PartyEventBase & { previousStatus: KycStatus };
  IdentityBound: { partyId: string; mspId: string; identity: string };
  IdentityUnbound: { partyId: string; mspId: string; identity: string };
  KycVerified: PartyEventBase & { verifier: string };
  KycRejected: PartyEventBase & { reason: string; by: string };
  KycRevoked: PartyEventBase & { reason: string; by: string };
  KycExpired: PartyEventBase;
  PartySanctioned: PartyEventBase & { reason: string; by: string };
  SanctionLifted: PartyEventBase & { reason: string; by: string };
  CurrencyRegistered: Currency;
  TokensMinted: Minted;
  TokensRedeemed: Redeemed;
  TokensTransferred: Transferred;
  AccountFrozen: FreezeRecord;
  AccountUnfrozen: UnfreezeRecord;
  AccountConsolidated: Consolidated;
  FxRatePosted: RatePosting;
  FxQuoteLocked: FirmQuoteResult;
  FxQuoteCancelled: FirmQuoteResult;
}

/** Where an event came from. */
export interface EventOrigin {
  /** The transaction that emitted it (each transaction emits at most one). */
  transactionId: string;
  blockNumber: bigint;
}

/** One known event: `name` discriminates `payload`. */
export type DomainEventOf<N extends keyof DomainEventPayloads> = EventOrigin & { name: N; payload: DomainEventPayloads[N] };

/** An event this version of the client does not know (a newer chaincode), or whose payload is not JSON. */
export interface UnrecognisedEvent extends EventOrigin {
  name: 'Unrecognised';
  /** The chaincode's event name. */
  eventName: string;
  /** The parsed JSON payload, or the raw bytes when it is not JSON. */
  payload: unknown;
}

/**
 * A chaincode event, parsed. Switch on `name` to get a typed payload.
 *
 * @example
 * if (event.name === 'TokensTransferred') {
 *   console.log(event.payload.from, '->', event.payload.to, event.payload.amount);
 * }
 */
export type DomainEvent = { [N in keyof DomainEventPayloads]: DomainEventOf<N> }[keyof DomainEventPayloads] | UnrecognisedEvent;

/** Payload fields that are amounts (decimal strings on the wire). */
const AMOUNT_FIELDS: Partial<Record<keyof DomainEventPayloads, readonly string[]>> = {
  TokensMinted: ['amount'],
  TokensRedeemed: ['amount'],
  TokensTransferred: ['amount'],
  AccountConsolidated: ['balance'],
  FxQuoteLocked: ['baseAmount', 'quoteAmount'],
  FxQuoteCancelled: ['baseAmount', 'quoteAmount'],
};

const KNOWN_EVENTS: ReadonlySet<string> = new Set<keyof DomainEventPayloads>([
  'HeartbeatRecorded',
  'ConsortiumBootstrapped',
  'ProposalCreated',
  'ProposalExpired',
  'VoteCast',
  'ProposalRejected',
  'MemberAdmitted',
  'MemberSuspended',
  'MemberReinstated',
  'PartyRegistered',
  'KycDataSubmitted',
  'IdentityBound',
  'IdentityUnbound',
  'KycVerified',
  'KycRejected',
  'KycRevoked',
  'KycExpired',
  'PartySanctioned',
  'SanctionLifted',
  'CurrencyRegistered',
  'TokensMinted',
  'TokensRedeemed',
  'TokensTransferred',
  'AccountFrozen',
  'AccountUnfrozen',
  'AccountConsolidated',
  'FxRatePosted',
  'FxQuoteLocked',
  'FxQuoteCancelled',
]);

const utf8 = new TextDecoder();

/** Parses a raw chaincode event into a DomainEvent; never throws. */
export function parseDomainEvent(event: { eventName: string; payload: Uint8Array; transactionId: string; blockNumber: bigint }): DomainEvent {
  const origin = { transactionId: event.transactionId, blockNumber: event.blockNumber };
  let payload: unknown;
  try {
    payload = JSON.parse(utf8.decode(event.payload));
  } catch {
    return { ...origin, name: 'Unrecognised', eventName: event.eventName, payload: event.payload };
  }
  if (!KNOWN_EVENTS.has(event.eventName) || typeof payload !== 'object' || payload === null) {
    return { ...origin, name: 'Unrecognised', eventName: event.eventName, payload };
  }
  const record: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  for (const field of AMOUNT_FIELDS[event.eventName as keyof DomainEventPayloads] ?? []) {
    if (typeof record[field] === 'string' && /^-?[0-9]+$/.test(record[field])) {
      record[field] = BigInt(record[field]);
    }
  }
  return { ...origin, name: event.eventName, payload: record } as DomainEvent;
}
