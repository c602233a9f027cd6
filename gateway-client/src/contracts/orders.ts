import type { LineItem } from '@xborder/model/quotation';
import type { MarginClaim } from '@xborder/model/margin';
import type {
  CancelInput,
  DeliverInput,
  Dispute,
  DisputeInput,
  Order,
  OrderFees,
  OrderHistoryEntry,
  OrderPayment,
  OrderStatus,
  ResolveInput,
  ShipInput,
} from '@xborder/model/order';
import type { RiskAlert } from '@xborder/model/risk';
import type { Charge, SettlementRecord } from '@xborder/model/settlement';
import { encodeArgument, toAmounts, type WithAmounts, type WithOptional } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type Page, type Paged, paged } from '../paging.js';
import { type MarginClaimResult, toMarginClaim } from './margin.js';

/** A shipment: carrier, tracking number and the sha256 (hex) of each transport document. */
export type ShipRequest = ShipInput;
/** A delivery; the logistics party must give the proof of delivery's sha256 (hex). */
export type DeliverRequest = DeliverInput;
/** A dispute; `evidenceHashes` (sha256 hex of documents kept off-chain) default to none. */
export type DisputeRequest = WithOptional<DisputeInput, 'evidenceHashes'>;
/** The clearing house's decision; `sellerAmount` (part of the order amount, minor units) only and always for SPLIT. */
export type ResolveDisputeRequest = ResolveInput;
export type CancelRequest = CancelInput;

export type LineItemResult = WithAmounts<LineItem, 'unitPrice' | 'lineTotal'>;
export type OrderFeesResult = WithAmounts<OrderFees, 'platformFee' | 'debtorShare' | 'creditorShare'>;
export type DisputeResult = WithAmounts<Dispute, 'sellerAmount'>;
/** An order, amounts as bigint minor units of the order currency. */
export type OrderResult = Omit<WithAmounts<Order, 'amount' | 'escrowAmount'>, 'lineItems' | 'fees' | 'dispute'> & {
  lineItems: LineItemResult[];
  fees: OrderFeesResult;
  dispute?: DisputeResult;
};
export type ChargeResult = WithAmounts<Charge, 'amount'>;
/** A settlement record (ISO 20022 names), amounts as bigint: instructed and converted in the order currency, settled in the settlement currency. */
export type SettlementResult = Omit<WithAmounts<SettlementRecord, 'instructedAmount' | 'convertedAmount' | 'settledAmount' | 'refundedAmount'>, 'charges'> & {
  charges: ChargeResult[];
};
/** One value movement of an order, leg amounts as bigint. */
export type OrderPaymentResult = Omit<OrderPayment, 'legs'> & { legs: (Omit<OrderPayment['legs'][number], 'amount'> & { amount: bigint })[] };
export type { OrderHistoryEntry, RiskAlert };

/** A funded order, with the velocity alerts the payment raised (alerts never reject; `value` and `threshold` are decimal strings). */
export interface FundedOrder {
  order: OrderResult;
  alerts: RiskAlert[];
}

/** A resolved dispute; `settlement` is absent for REFUND. */
export interface ResolvedDispute {
  order: OrderResult;
  settlement?: SettlementResult;
}

/** A defaulted order and the margin claim it opened for the buyer. */
export interface DefaultedOrder {
  order: OrderResult;
  claim: MarginClaimResult;
}

/**
 * Orders, from funding to settlement (chaincode contract `Order`). Every
 * transition checks the caller, the state and the transaction time.
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
 * const { order } = await buyer.orders.fund(orderId);                 // escrows amount + the buyer's fee share
 * await seller.orders.ship({ orderId, carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [billOfLadingSha256] });
 * await buyer.orders.confirmDelivery({ orderId });
 * const settlement = await seller.orders.settle(orderId);           // paid in the seller's settlement currency
 * console.log(settlement.settledAmount, settlement.settledCurrency, settlement.exchangeRate?.rate);
 */
export interface Orders {
  /**
   * CREATED -> FUNDED before the fund-by date: the buyer's escrow amount moves into the order's escrow. As the buyer.
   *
   * @returns The order, FUNDED, and the velocity alerts the payment raised.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order does not exist;
   *   UNAUTHORIZED when the caller is not bound to the buyer; MEMBER_NOT_ACTIVE when the buyer's organisation is
   *   suspended; INVALID_STATE when the order is not CREATED; DEADLINE_PASSED at or after the fund-by date;
   *   PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when the buyer or the seller is not eligible;
   *   RISK_LIMIT_EXCEEDED when the payment would exceed the buyer's daily outflow limit; ACCOUNT_FROZEN when the
   *   buyer's account is frozen in the order currency; INSUFFICIENT_FUNDS when its balance does not cover the escrow
   *   amount.
   */
  fund(orderId: string): Promise<FundedOrder>;
  /**
   * FUNDED -> SHIPPED before the ship-by date; as the seller or the logistics party.
   *
   * @returns The order, SHIPPED, with the shipment.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; NOT_FOUND when the order
   *   does not exist; UNAUTHORIZED when the caller is bound to neither the seller nor the logistics party;
   *   MEMBER_NOT_ACTIVE when that party's organisation is suspended; INVALID_STATE when the order is not FUNDED;
   *   DEADLINE_PASSED at or after the ship-by date.
   */
  ship(request: ShipRequest): Promise<OrderResult>;
  /**
   * SHIPPED -> DELIVERED; as the buyer, or the logistics party with a proof hash. Starts the settlement deadline.
   *
   * @returns The order, DELIVERED, with the delivery and the settlement deadline.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input (refused before sending), or when the logistics
   *   party confirms without `proofHash`; NOT_FOUND when the order does not exist; UNAUTHORIZED when the caller is
   *   bound to neither the buyer nor the logistics party; MEMBER_NOT_ACTIVE when that party's organisation is
   *   suspended; INVALID_STATE when the order is not SHIPPED.
   */
  confirmDelivery(request: DeliverRequest): Promise<OrderResult>;
  /**
   * DELIVERED -> SETTLED: pays the seller in its settlement currency, through
   * the liquidity provider in the same transaction when the currencies
   * differ. As the seller, the buyer or the clearing house. Returns the
   * settlement record; an order settles at most once.
   *
   * @returns The settlement record: instructed, converted and settled amounts, the rate applied and the charges.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order does not exist;
   *   UNAUTHORIZED when the caller is bound to neither the seller nor the buyer and is not the clearing house;
   *   MEMBER_NOT_ACTIVE when that party's organisation is suspended; INVALID_STATE when the order is not DELIVERED
   *   (a settled one included); PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when the seller, the buyer, the
   *   fee collector or the liquidity provider is not eligible; RATE_NOT_FOUND when neither a usable firm quote nor a
   *   posted rate of the provider is valid; INVALID_AMOUNT when the converted amount is worth less than one minor
   *   unit of the settlement currency; LIQUIDITY_INSUFFICIENT when the provider cannot pay the settled amount;
   *   ACCOUNT_FROZEN when an account the settlement pays into or out of is frozen.
   */
  settle(orderId: string): Promise<SettlementResult>;
  /**
   * CREATED -> CANCELLED (nothing was paid); as the buyer or the seller.
   *
   * @returns The order, CANCELLED, with the reason.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; NOT_FOUND when the order
   *   does not exist; UNAUTHORIZED when the caller is bound to neither the buyer nor the seller; MEMBER_NOT_ACTIVE
   *   when that party's organisation is suspended; INVALID_STATE when the order is not CREATED.
   */
  cancel(request: CancelRequest): Promise<OrderResult>;
  /**
   * FUNDED, SHIPPED or DELIVERED -> DISPUTED: the escrow stays until the clearing house resolves. As the buyer or the seller.
   *
   * @returns The order, DISPUTED, with the dispute.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; NOT_FOUND when the order
   *   does not exist; UNAUTHORIZED when the caller is bound to neither the buyer nor the seller; MEMBER_NOT_ACTIVE
   *   when that party's organisation is suspended; INVALID_STATE when the order is not FUNDED, SHIPPED or DELIVERED.
   */
  dispute(request: DisputeRequest): Promise<OrderResult>;
  /**
   * DISPUTED -> SETTLED (RELEASE), REFUNDED (REFUND) or SPLIT; as the clearing house.
   *
   * @returns The order in its final status, and the settlement record except for REFUND.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input (including `sellerAmount`
   *   without SPLIT or SPLIT without it), refused before sending; UNAUTHORIZED when the caller's organisation is not
   *   an active CLEARING member; NOT_FOUND when the order does not exist; INVALID_STATE when it is not DISPUTED;
   *   INVALID_AMOUNT when a SPLIT's `sellerAmount` is not below the order amount. Paying out: PARTY_SANCTIONED,
   *   KYC_NOT_VERIFIED or KYC_EXPIRED when a party paid is not eligible (for REFUND, the buyer); for RELEASE and
   *   SPLIT the RATE_NOT_FOUND, INVALID_AMOUNT and LIQUIDITY_INSUFFICIENT of {@link Orders.settle}; ACCOUNT_FROZEN
   *   when an account paid into or out of is frozen.
   */
  resolveDispute(request: ResolveDisputeRequest): Promise<ResolvedDispute>;
  /**
   * FUNDED -> DEFAULTED at or after the ship-by date: refunds the buyer and opens a margin claim. As the buyer or the clearing house.
   *
   * @returns The order, DEFAULTED, and the margin claim opened for the buyer.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order does not exist;
   *   UNAUTHORIZED when the caller is neither bound to the buyer nor the clearing house; MEMBER_NOT_ACTIVE when the
   *   buyer's organisation is suspended; INVALID_STATE when the order is not FUNDED; DEADLINE_NOT_REACHED before
   *   the ship-by date; PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when the buyer is not eligible;
   *   ACCOUNT_FROZEN when the buyer's account is frozen in the order currency.
   */
  markDefault(orderId: string): Promise<DefaultedOrder>;
  /**
   * The order; NOT_FOUND when absent. As any identity of an active member.
   *
   * @returns The order, amounts as bigint.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order does not exist.
   */
  get(orderId: string): Promise<OrderResult>;
  /**
   * Every transition, oldest first, with the party that acted, the time and the transaction id.
   *
   * @returns One entry per transition, from CREATE on.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order does not exist.
   */
  getHistory(orderId: string): Promise<OrderHistoryEntry[]>;
  /**
   * Every value movement linked to the order (funding, settlement legs, refunds, margin claims), oldest first.
   *
   * @returns One entry per value-moving transaction, with its legs; empty before funding.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order does not exist.
   */
  getPayments(orderId: string): Promise<OrderPaymentResult[]>;
  /**
   * The settlement record; NOT_FOUND until the order settles or splits.
   *
   * @returns The settlement record, amounts as bigint.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed order id; NOT_FOUND when there is no settlement (or no such order).
   */
  getSettlement(orderId: string): Promise<SettlementResult>;
  /**
   * The orders a party buys or sells; as an identity bound to the party, or the clearing house.
   *
   * @returns The party's orders as buyer or seller, ordered by order id, a page at a time (see {@link Paged}).
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id; NOT_FOUND when the party does not exist;
   *   UNAUTHORIZED when the caller is neither bound to the party nor the clearing house; MEMBER_NOT_ACTIVE when the
   *   party's organisation is suspended.
   */
  listForParty(partyId: string): Paged<OrderResult>;
  /**
   * Every order, optionally of one status; as the clearing house.
   *
   * @returns The orders, ordered by order id, a page at a time (see {@link Paged}): a page of one status may hold
   *   fewer records than its size, or none.
   * @throws {ChaincodeError} INVALID_ARGUMENT for an unknown status; UNAUTHORIZED when the caller's organisation is
   *   not an active CLEARING member.
   */
  list(status?: OrderStatus): Paged<OrderResult>;
}

export class OrdersImpl implements Orders {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  async fund(orderId: string): Promise<FundedOrder> {
    return this.#calls.writeAs('fund', [orderId], ({ order, alerts }: { order: Order; alerts: RiskAlert[] }) => ({ order: toOrder(order), alerts }));
  }

  async ship(request: ShipRequest): Promise<OrderResult> {
    return this.#calls.writeAs('ship', [encodeArgument(request)], toOrder);
  }

  async confirmDelivery(request: DeliverRequest): Promise<OrderResult> {
    return this.#calls.writeAs('confirmDelivery', [encodeArgument(request)], toOrder);
  }

  async settle(orderId: string): Promise<SettlementResult> {
    return this.#calls.writeAs('settle', [orderId], ({ settlement }: { order: Order; settlement: SettlementRecord }) => toSettlement(settlement));
  }

  async cancel(request: CancelRequest): Promise<OrderResult> {
    return this.#calls.writeAs('cancel', [encodeArgument(request)], toOrder);
  }

  async dispute(request: DisputeRequest): Promise<OrderResult> {
    return this.#calls.writeAs('dispute', [encodeArgument(request)], toOrder);
  }

  async resolveDispute(request: ResolveDisputeRequest): Promise<ResolvedDispute> {
    return this.#calls.writeAs('resolveDispute', [encodeArgument(request)], ({ order, settlement }: { order: Order; settlement?: SettlementRecord }) =>
      settlement ? { order: toOrder(order), settlement: toSettlement(settlement) } : { order: toOrder(order) },
    );
  }

  async markDefault(orderId: string): Promise<DefaultedOrder> {
    return this.#calls.writeAs('markDefault', [orderId], ({ order, claim }: { order: Order; claim: MarginClaim }) => ({ order: toOrder(order), claim: toMarginClaim(claim) }));
  }

  async get(orderId: string): Promise<OrderResult> {
    return toOrder(await this.#calls.query<Order>('getOrder', [orderId]));
  }

  getHistory(orderId: string): Promise<OrderHistoryEntry[]> {
    return this.#calls.query('getOrderHistory', [orderId]);
  }

  async getPayments(orderId: string): Promise<OrderPaymentResult[]> {
    return (await this.#calls.query<OrderPayment[]>('getOrderPayments', [orderId])).map(toOrderPayment);
  }

  async getSettlement(orderId: string): Promise<SettlementResult> {
    return toSettlement(await this.#calls.query<SettlementRecord>('getSettlement', [orderId]));
  }

  listForParty(partyId: string): Paged<OrderResult> {
    return paged((size, bookmark) => this.#calls.query<Page<Order>>('listPartyOrders', [partyId, size, bookmark]), toOrder);
  }

  list(status?: OrderStatus): Paged<OrderResult> {
    return paged((size, bookmark) => this.#calls.query<Page<Order>>('listOrders', [status ?? '', size, bookmark]), toOrder);
  }
}

export function toLineItem(line: LineItem): LineItemResult {
  return toAmounts(line, ['unitPrice', 'lineTotal']);
}

export function toOrder(order: Order): OrderResult {
  const { dispute, ...rest } = order;
  const converted: OrderResult = {
    ...toAmounts(rest, ['amount', 'escrowAmount']),
    lineItems: order.lineItems.map(toLineItem),
    fees: toAmounts(order.fees, ['platformFee', 'debtorShare', 'creditorShare']),
  };
  if (dispute) {
    converted.dispute = toAmounts(dispute, ['sellerAmount']);
  }
  return converted;
}

export function toSettlement(record: SettlementRecord): SettlementResult {
  return {
    ...toAmounts(record, ['instructedAmount', 'convertedAmount', 'settledAmount', 'refundedAmount']),
    charges: record.charges.map((charge) => toAmounts(charge, ['amount'])),
  };
}

export function toOrderPayment(payment: OrderPayment): OrderPaymentResult {
  return { ...payment, legs: payment.legs.map((leg) => toAmounts(leg, ['amount'])) };
}
