import type { Contract, Gateway, Network } from '@hyperledger/fabric-gateway';
import type { ConnectionProfile } from './connection-profile.js';
import { type Api, ApiImpl } from './contracts/api.js';
import { ContractCalls } from './contracts/calls.js';
import { type Clearing, ClearingImpl } from './contracts/clearing.js';
import { type Consortium, ConsortiumImpl } from './contracts/consortium.js';
import { type Fx, FxImpl } from './contracts/fx.js';
import { type Health, HealthImpl } from './contracts/health.js';
import { type Margin, MarginImpl } from './contracts/margin.js';
import { type Orders, OrdersImpl } from './contracts/orders.js';
import { type Parties, PartiesImpl } from './contracts/parties.js';
import { type Quotations, QuotationsImpl } from './contracts/quotations.js';
import { type Risk, RiskImpl } from './contracts/risk.js';
import { type Tokens, TokensImpl } from './contracts/tokens.js';
import type { Deadlines } from './deadlines.js';
import { type DomainEventsOptions, type DomainEventStream, DomainEventStreamImpl, DEFAULT_RECONNECT_POLICY } from './events.js';
import { toClientError } from './errors.js';
import { CatchUp, type PeerHeights } from './catch-up.js';
import type { Consistency, ConsistencyImpl } from './consistency.js';
import { Invoker } from './invoker.js';
import { type OfflineSigning, OfflineSigningImpl } from './offline.js';
import { chainHeight, lookUpTransaction, type TransactionStatus } from './qscc.js';
import type { RetryPolicy, Timing } from './retry.js';

/**
 * A connection to the xborder chaincode as one identity of one member
 * organisation, with a typed method for every transaction grouped by
 * contract. Queries are evaluated on a peer; writes are endorsed, ordered and
 * awaited until committed, with the retry policy. Close it when done, or hold
 * it with `await using`.
 *
 * Its calls fail with subclasses of {@link XborderClientError} (apart from a
 * TypeError for a non-integer number in an argument); each contract group
 * (`tokens`, `orders`, ...) lists the chaincode error codes of its methods.
 *
 * @example
 * await using client = await connect({ profile: 'network/.run/connection/jpbank.json', identity: 'user1' });
 * const { balance } = await client.tokens.getBalance('ACME-JP', 'JPY');
 */
export interface XborderClient extends AsyncDisposable, Disposable {
  /** The MSP id of the identity's organisation. */
  readonly mspId: string;
  /** The identity's id as the chaincode sees it (what parties bind). */
  readonly identityId: string;
  /** The connection profile it was made from, if any. */
  readonly profile?: ConnectionProfile;
  readonly health: Health;
  readonly consortium: Consortium;
  readonly parties: Parties;
  readonly tokens: Tokens;
  readonly fx: Fx;
  readonly quotations: Quotations;
  readonly orders: Orders;
  readonly margin: Margin;
  readonly risk: Risk;
  readonly clearing: Clearing;
  /** The chaincode's published contract API (JSON Schema of every transaction). */
  readonly api: Api;
  /** Off-line signing of proposals, transactions and commit requests. */
  readonly offline: OfflineSigning;
  /**
   * The newest block this client has seen: its own writes' blocks, its event
   * streams' events, and whatever it was told with `observe`. Every call is
   * endorsed or evaluated on peers that have committed it.
   */
  readonly consistency: Consistency;
  /**
   * The chaincode's events as typed domain events, with checkpointing and reconnection.
   *
   * @returns A stream that starts at the checkpointer's position, else at `startBlock`, else at the next block to be committed.
   * @throws {TransportError} or GatewayRequestError when, with neither a checkpointed position nor `startBlock`,
   *   the gateway peer's ledger height cannot be read. Failures while iterating are thrown by the stream itself.
   */
  events(options?: DomainEventsOptions): Promise<DomainEventStream>;
  /**
   * Whether a transaction committed, from the gateway peer's ledger;
   * `undefined` while it is in no committed block. Use it after a
   * {@link CommitUnknownError}.
   *
   * @returns The validation code and its name, whether it took effect, and its block; or `undefined`.
   * @throws {TransportError} when the gateway peer cannot be reached in time; GatewayRequestError when it refuses
   *   the ledger query.
   */
  transactionStatus(transactionId: string): Promise<TransactionStatus | undefined>;
  /**
   * The underlying fabric-gateway objects, for anything this library does not cover. A client
   * given a private key signs whole messages (the gateway's hash is `hash.none`), so digests to
   * sign elsewhere come from `offline`.
   */
  readonly gateway: Gateway;
  readonly network: Network;
  /** The chaincode's default contract; transaction names are `Contract:function`. */
  readonly contract: Contract;
  /**
   * Closes the gateway, and the gRPC connection if this client opened it.
   *
   * @returns Nothing; closing an already closed client does nothing.
   * @throws Nothing.
   */
  close(): void;
}

export interface ClientParts {
  gateway: Gateway;
  /** For off-line signing: a gateway whose digests are SHA-256 (default: `gateway`). */
  offlineGateway?: Gateway;
  chaincode: string;
  mspId: string;
  identityId: string;
  profile?: ConnectionProfile;
  deadlines: Deadlines;
  retry: RetryPolicy;
  timing: Timing;
  /** Shared with other clients when the connect options said so. */
  consistency: ConsistencyImpl;
  /** Peers' ledger heights as seen through this client's gateway peer, shared with its organisation's other clients of that peer. */
  peerHeights?: PeerHeights;
  /** MSP ids of the clearing house(s); looked up on the ledger when absent. */
  clearingHouseMspIds?: string[];
  /** Called once on close, after the gateway is closed (closes an owned gRPC client). */
  onClose(): void;
}

export class XborderClientImpl implements XborderClient {
  readonly mspId: string;
  readonly identityId: string;
  readonly profile?: ConnectionProfile;
  readonly health: Health;
  readonly consortium: Consortium;
  readonly parties: Parties;
  readonly tokens: Tokens;
  readonly fx: Fx;
  readonly quotations: Quotations;
  readonly orders: Orders;
  readonly margin: Margin;
  readonly risk: Risk;
  readonly clearing: Clearing;
  readonly api: Api;
  readonly offline: OfflineSigning;
  readonly consistency: Consistency;
  readonly gateway: Gateway;
  readonly network: Network;
  readonly contract: Contract;
  readonly #parts: ClientParts;
  #clearingHouses: Promise<string[]> | undefined;
  #closed = false;

  constructor(network: Network, parts: ClientParts) {
    this.#parts = parts;
    this.gateway = parts.gateway;
    this.network = network;
    this.contract = network.getContract(parts.chaincode);
    this.mspId = parts.mspId;
    this.identityId = parts.identityId;
    this.profile = parts.profile;
    this.consistency = parts.consistency;
    const catchUp = new CatchUp({
      ownMspId: parts.mspId,
      heightOf: (mspId) => chainHeight(network, parts.deadlines.evaluateMs, mspId),
      consistency: parts.consistency,
      deadlineMs: parts.deadlines.catchUpMs,
      timing: parts.timing,
      ...(parts.peerHeights ? { heights: parts.peerHeights } : {}),
    });
    const invoker = new Invoker({
      contract: this.contract,
      lookUp: (transactionId) => lookUpTransaction(network, transactionId, parts.deadlines.evaluateMs),
      deadlines: parts.deadlines,
      retry: parts.retry,
      timing: parts.timing,
      consistency: parts.consistency,
      catchUp,
    });
    const calls = (namespace: string): ContractCalls => new ContractCalls(invoker, namespace);
    this.health = new HealthImpl(calls('Health'));
    this.consortium = new ConsortiumImpl(calls('Consortium'));
    this.parties = new PartiesImpl(calls('Party'), parts.mspId, () => this.#kycEndorsers());
    this.tokens = new TokensImpl(calls('Token'));
    this.fx = new FxImpl(calls('FX'));
    this.quotations = new QuotationsImpl(calls('Quotation'));
    this.orders = new OrdersImpl(calls('Order'));
    this.margin = new MarginImpl(calls('Margin'));
    this.risk = new RiskImpl(calls('Risk'));
    this.clearing = new ClearingImpl(calls('Clearing'));
    this.api = new ApiImpl(calls('Api'));
    const offlineGateway = parts.offlineGateway ?? parts.gateway;
    this.offline = new OfflineSigningImpl(offlineGateway, offlineGateway.getNetwork(network.getName()).getContract(parts.chaincode), parts.deadlines);
  }

  async events(options: DomainEventsOptions = {}): Promise<DomainEventStream> {
    const startBlock = options.checkpointer?.getBlockNumber() !== undefined ? undefined : (options.startBlock ?? (await this.#nextBlock()));
    return new DomainEventStreamImpl({
      network: this.network,
      chaincode: this.#parts.chaincode,
      checkpointer: options.checkpointer,
      // Pinned, so that a reconnection before the first event still resumes where the stream began.
      startBlock: startBlock ?? 0n,
      reconnect: { ...DEFAULT_RECONNECT_POLICY, ...options.reconnect },
      timing: this.#parts.timing,
      consistency: this.#parts.consistency,
    });
  }

  async transactionStatus(transactionId: string): Promise<TransactionStatus | undefined> {
    try {
      return await lookUpTransaction(this.network, transactionId, this.#parts.deadlines.evaluateMs);
    } catch (err) {
      throw toClientError(err, 'commit', transactionId);
    }
  }

  close(): void {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    try {
      this.gateway.close();
      this.#parts.offlineGateway?.close();
    } finally {
      this.#parts.onClose();
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  async #nextBlock(): Promise<bigint> {
    try {
      return await chainHeight(this.network, this.#parts.deadlines.evaluateMs);
    } catch (err) {
      throw toClientError(err, 'events');
    }
  }

  /** Who may receive this organisation's KYC data: itself, then the clearing house(s), the kyc_<mspId> collection's members. */
  #kycEndorsers(): Promise<string[]> {
    this.#clearingHouses ??= this.#parts.clearingHouseMspIds
      ? Promise.resolve(this.#parts.clearingHouseMspIds)
      : this.consortium.listMembers('CLEARING').then((members) => members.map((member) => member.mspId));
    return this.#clearingHouses.then(
      (clearing) => [this.mspId, ...clearing.filter((mspId) => mspId !== this.mspId)],
      (err: unknown) => {
        this.#clearingHouses = undefined;
        throw err;
      },
    );
  }
}
