import type { KycLevel, KycStatus, PartyRole, RiskRating } from '@xborder/model/party';
import type { ProposalAction, ProposalStatus } from '@xborder/model/consortium';
import type { Heartbeat, VoteOutcome } from '@xborder/model/results';
import type { Consolidated, Currency, FreezeRecord, Minted, Redeemed, Transferred, UnfreezeRecord } from './contracts/tokens.js';
import type { FirmQuoteResult, RatePosting } from './contracts/fx.js';
import type { Delivery, OrderAction, OrderStatus, Shipment } from '@xborder/model/order';
import type { RiskAlert } from '@xborder/model/risk';
import type { NettingRun } from '@xborder/model/clearing';
import type { MarginClaim } from '@xborder/model/margin';
import type { SettlementRecord } from '@xborder/model/settlement';
import { type NettingRunResult, type TradeParameters, toNettingRun } from './contracts/clearing.js';
import { type MarginClaimResult, type MarginMovement, toMarginClaim } from './contracts/margin.js';
import { type DisputeResult, type SettlementResult, toSettlement } from './contracts/orders.js';
import type { QuotationResult } from './contracts/quotations.js';
import type { RiskLimitResult } from './contracts/risk.js';
import { toAmounts } from './codec.js';

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
export type VoteEvent = VoteOutcome;

/** A quotation's state when it is created, withdrawn, rejected or expired. */
export type QuotationEvent = Pick<
  QuotationResult,
  'quotationId' | 'sellerId' | 'buyerId' | 'currency' | 'totalAmount' | 'settlementCurrency' | 'validUntil' | 'status' | 'orderId' | 'reason'
> & { txId: string };

/** What every order event carries: the transition, who made it, and the order's parties and amount. */
export interface OrderEventBase {
  orderId: string;
  quotationId: string;
  action: OrderAction;
  /** The status before; absent when the order is created. */
  from?: OrderStatus;
  status: OrderStatus;
  /** The party that acted, or the clearing house's MSP id. */
  by: string;
  buyerId: string;
  sellerId: string;
  currency: string;
  amount: bigint;
  at: string;
  txId: string;
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
  QuotationCreated: QuotationEvent;
  QuotationWithdrawn: QuotationEvent;
  QuotationRejected: QuotationEvent;
  QuotationExpired: QuotationEvent;
  OrderCreated: OrderEventBase & { escrowAmount: bigint; fundBy: string; shipBy: string };
  /** `alerts`: the velocity alerts the payment raised (never a rejection). */
  OrderFunded: OrderEventBase & { escrowAmount: bigint; alerts: RiskAlert[] };
  OrderShipped: OrderEventBase & { shipment: Shipment };
  OrderDelivered: OrderEventBase & { delivery: Delivery };
  OrderSettled: OrderEventBase & { settlement: SettlementResult };
  OrderCancelled: OrderEventBase & { reason: string };
  OrderDisputed: OrderEventBase & { dispute: DisputeResult };
  /** `settlement` is absent for a REFUND. */
  DisputeResolved: OrderEventBase & { dispute: DisputeResult; settlement?: SettlementResult };
  /** `refunded`: the escrow returned to the buyer. */
  OrderDefaulted: OrderEventBase & { refunded: bigint; claim: MarginClaimResult };
  MarginPosted: MarginMovement;
  MarginWithdrawn: MarginMovement;
  MarginClaimDecided: MarginClaimResult;
  RiskLimitSet: RiskLimitResult;
  TradeParametersSet: TradeParameters;
  NettingRecorded: NettingRunResult;
}

/** Where an event came from. */
export interface EventOrigin {
  /** The transaction that emitted it (each transaction emits at most one). */
  transactionId: string;
  blockNumber: bigint;
}

/** One known event: `name` discriminates `payload`. */
export type DomainEventOf<N extends keyof DomainEventPayloads> = EventOrigin & { name: N; payload: DomainEventPayloads[N] };

/** An event this version of the client does not know (a newer chaincode), or whose payload is not JSON or has a malformed amount. */
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

type Payload = Record<string, unknown>;

/** Converts the amount fields of a payload (decimal strings on the wire) to bigint; throws on a malformed one. */
type AmountConverter = (payload: Payload) => Payload;

const amounts =
  (...fields: string[]): AmountConverter =>
  (payload) =>
    toAmounts(payload, fields);

/** An order event: `amount` and the named top-level fields, then the nested records the step adds. */
const orderAmounts =
  (...fields: string[]): AmountConverter =>
  (payload) => {
    const converted: Payload = toAmounts(payload, ['amount', ...fields]);
    if (payload.settlement !== undefined) {
      converted.settlement = toSettlement(payload.settlement as SettlementRecord);
    }
    if (payload.dispute !== undefined) {
      converted.dispute = toAmounts(payload.dispute as Payload, ['sellerAmount']);
    }
    if (payload.claim !== undefined) {
      converted.claim = toMarginClaim(payload.claim as MarginClaim);
    }
    return converted;
  };

const AMOUNT_CONVERTERS: Partial<Record<keyof DomainEventPayloads, AmountConverter>> = {
  TokensMinted: amounts('amount'),
  TokensRedeemed: amounts('amount'),
  TokensTransferred: amounts('amount'),
  AccountConsolidated: amounts('balance'),
  FxQuoteLocked: amounts('baseAmount', 'quoteAmount'),
  FxQuoteCancelled: amounts('baseAmount', 'quoteAmount'),
  QuotationCreated: amounts('totalAmount'),
  QuotationWithdrawn: amounts('totalAmount'),
  QuotationRejected: amounts('totalAmount'),
  QuotationExpired: amounts('totalAmount'),
  OrderCreated: orderAmounts('escrowAmount'),
  OrderFunded: orderAmounts('escrowAmount'),
  OrderShipped: orderAmounts(),
  OrderDelivered: orderAmounts(),
  OrderSettled: orderAmounts(),
  OrderCancelled: orderAmounts(),
  OrderDisputed: orderAmounts(),
  DisputeResolved: orderAmounts(),
  OrderDefaulted: orderAmounts('refunded'),
  MarginPosted: amounts('amount', 'required'),
  MarginWithdrawn: amounts('amount', 'required'),
  MarginClaimDecided: amounts('maxAmount', 'claimedAmount'),
  RiskLimitSet: amounts('singleOrderMax', 'dailyOutflowMax'),
  NettingRecorded: (payload) => ({ ...toNettingRun(payload as unknown as NettingRun) }),
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
  'QuotationCreated',
  'QuotationWithdrawn',
  'QuotationRejected',
  'QuotationExpired',
  'OrderCreated',
  'OrderFunded',
  'OrderShipped',
  'OrderDelivered',
  'OrderSettled',
  'OrderCancelled',
  'OrderDisputed',
  'DisputeResolved',
  'OrderDefaulted',
  'MarginPosted',
  'MarginWithdrawn',
  'MarginClaimDecided',
  'RiskLimitSet',
  'TradeParametersSet',
  'NettingRecorded',
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
  const convert = AMOUNT_CONVERTERS[event.eventName as keyof DomainEventPayloads];
  try {
    const record = convert ? convert(payload as Payload) : payload;
    return { ...origin, name: event.eventName, payload: record } as DomainEvent;
  } catch {
    return { ...origin, name: 'Unrecognised', eventName: event.eventName, payload };
  }
}
