/**
 * @xborder/gateway-client: the typed client member organisations use to reach
 * the xborder chaincode through the Fabric Gateway. This file is the whole
 * public API.
 *
 * @example
 * import { connect } from '@xborder/gateway-client';
 *
 * await using client = await connect({ profile: 'network/.run/connection/jpbank.json', identity: 'user1' });
 * const { balance } = await client.tokens.getBalance('ACME-JP', 'JPY');
 *
 * @packageDocumentation
 */

// Connecting
export {
  connect,
  type CommonConnectOptions,
  type ConnectOptions,
  type EndpointConnectOptions,
  type ProfileConnectOptions,
} from './connect.js';
export {
  parseConnectionProfile,
  profileIdentity,
  readConnectionProfile,
  type ConnectionProfile,
  type IdentityFiles,
  type PeerEndpoint,
} from './connection-profile.js';
export { DEFAULT_DEADLINES, type Deadlines } from './deadlines.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export { identityIdOf } from './identity.js';

// The client and its contracts
export type { XborderClient } from './client.js';

// Consistency: acting on what has been seen
export {
  commitOf,
  createConsistency,
  parseConsistencyToken,
  type Commit,
  type Consistency,
  type ConsistencyOptions,
  type ConsistencyToken,
  type ConsistencyWait,
  type ConsistencyWaits,
} from './consistency.js';
export type { Health, Heartbeat, PingResult } from './contracts/health.js';
export type { Api, ContractApi } from './contracts/api.js';
export type { Page, PageOptions, Paged } from './paging.js';
export type {
  BootstrapRequest,
  BootstrapResult,
  Consortium,
  MemberRequest,
  ProposalRequest,
  ProposalWithVotes,
  VoteResult,
} from './contracts/consortium.js';
export type { KycDataOptions, Parties, PartyHistoryEntry, RegisterPartyRequest } from './contracts/parties.js';
export type {
  Balance,
  ConsolidateRequest,
  Consolidated,
  Currency,
  FreezeRecord,
  FreezeRequest,
  MintRequest,
  Minted,
  Movement,
  RedeemRequest,
  Redeemed,
  RegisterCurrencyRequest,
  Supply,
  SupplyCheckResult,
  Transferred,
  TransferRequest,
  Tokens,
  UnfreezeRecord,
} from './contracts/tokens.js';
export type { FirmQuoteResult, Fx, LockQuoteRequest, PostRateRequest, RatePosting } from './contracts/fx.js';
export type { CreateQuotationRequest, LineItemRequest, QuotationResult, Quotations } from './contracts/quotations.js';
export type {
  CancelRequest,
  ChargeResult,
  DefaultedOrder,
  DeliverRequest,
  DisputeRequest,
  DisputeResult,
  FundedOrder,
  LineItemResult,
  OrderFeesResult,
  OrderHistoryEntry,
  OrderPaymentResult,
  OrderResult,
  Orders,
  ResolvedDispute,
  ResolveDisputeRequest,
  RiskAlert,
  SettlementResult,
  ShipRequest,
} from './contracts/orders.js';
export type { Margin, MarginClaimResult, MarginMovement, MarginPositionResult, MarginRequest } from './contracts/margin.js';
export type { DailyOutflowResult, Risk, RiskLimitRequest, RiskLimitResult } from './contracts/risk.js';
export type { Clearing, NettingRunResult, ObligationResult, TradeParameters, TradeParametersRequest } from './contracts/clearing.js';
export type { TransactionStatus } from './qscc.js';
export { encodeArgument, type WithAmounts, type WithOptional } from './codec.js';

// Shared with the chaincode: one definition of each type and code
export { ErrorCodes, type ErrorCode } from '@xborder/model/errors';
export type { Member, MemberRole, MemberStatus, Proposal, ProposalAction, ProposalStatus, Vote, VoteChoice } from '@xborder/model/consortium';
export type {
  BeneficialOwner,
  KycData,
  KycLevel,
  KycRecord,
  KycStatus,
  Party,
  PartyRole,
  PrivateKycRecord,
  RiskRating,
  Sanction,
  VerifyKycInput,
} from '@xborder/model/party';
export type { FirmQuoteStatus, QuoteSide, RateSource } from '@xborder/model/fx';
export type { AccountId } from '@xborder/model/token';
export type {
  ChargeBearer,
  FxTerms,
  Incoterm,
  PaymentTerms,
  QuotationStatus,
  TransportMode,
} from '@xborder/model/quotation';
export type { Delivery, DisputeOutcome, OrderAction, OrderStatus, Shipment } from '@xborder/model/order';
export type { AppliedRate, ChargeType, RateSourceUsed } from '@xborder/model/settlement';
export type { AlertRule } from '@xborder/model/risk';
export type { ClaimStatus } from '@xborder/model/margin';

// Errors
export {
  ChaincodeError,
  CommitFailedError,
  CommitUnknownError,
  ConsistencyTimeoutError,
  GatewayRequestError,
  GatewayStatusError,
  TransportError,
  XborderClientError,
  type ErrorProperties,
  type PeerErrorDetail,
  type TransactionStage,
} from './errors.js';

// Events
export { DEFAULT_RECONNECT_POLICY, type DomainEventsOptions, type DomainEventStream, type ReconnectPolicy } from './events.js';
export type {
  DomainEvent,
  DomainEventOf,
  DomainEventPayloads,
  EventOrigin,
  OrderEventBase,
  PartyEventBase,
  ProposalEvent,
  QuotationEvent,
  UnrecognisedEvent,
  VoteEvent,
} from './event-types.js';
export { checkpointers, type Checkpointer, type Signer } from '@hyperledger/fabric-gateway';

// Off-line signing
export type { OfflineSigning } from './offline.js';
