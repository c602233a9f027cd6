import type { CloseQuotationInput, CreateQuotationInput, LineItem, Quotation } from '@xborder/model/quotation';
import type { Order } from '@xborder/model/order';
import { encodeArgument, toAmounts, type WithAmounts, type WithOptional } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type LineItemResult, type OrderResult, toLineItem, toOrder } from './orders.js';

/** A line of a quotation to create: `unitPrice` in minor units of the quotation currency; the chaincode works out the line total. */
/** The quotation to withdraw (as the seller) or reject (as the buyer), and why. */
export type CloseQuotationRequest = CloseQuotationInput;
export type LineItemRequest = Omit<LineItem, 'unitPrice' | 'lineTotal'> & { unitPrice: bigint };

/**
 * A quotation to create. The total is the sum of the lines; `chargeBearer`
 * defaults to SHAR; `fx` (a liquidity provider, and optionally its firm
 * quote) is required exactly when `settlementCurrency` differs from
 * `currency`. Dates are ISO 8601 UTC with validUntil <= shipBy <= deliveryDate.
 */
export type CreateQuotationRequest = WithOptional<Omit<CreateQuotationInput, 'totalAmount' | 'lineItems'>, 'chargeBearer'> & { lineItems: LineItemRequest[] };

export type QuotationResult = Omit<WithAmounts<Quotation, 'totalAmount'>, 'lineItems'> & { lineItems: LineItemResult[] };

/**
 * Seller quotations to buyers, and their acceptance into orders (chaincode
 * contract `Quotation`). Amounts are bigint minor units of the quotation
 * currency.
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
 * const quotation = await seller.quotations.create({
 *   sellerId: 'CNEXP', buyerId: 'USIMP', currency: 'USD', settlementCurrency: 'CNY', fx: { provider: 'LP1' },
 *   lineItems: [{ description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: 6_000n }],
 *   incoterm: 'FOB', namedPlace: 'Shanghai', transportMode: 'SEA', paymentTerms: { fundWithinDays: 3, settleWithinDays: 2 },
 *   validUntil: '2026-03-03T00:00:00Z', shipBy: '2026-03-11T00:00:00Z', deliveryDate: '2026-03-31T00:00:00Z',
 * });
 * const order = await buyer.quotations.accept(quotation.quotationId);
 */
export interface Quotations {
  /**
   * Quotes to a buyer; as an identity bound to the seller. The quotation id is the transaction id; the platform fee in force becomes part of the terms.
   *
   * @returns The quotation, OPEN, with its line totals, total and fee terms.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input (parties not distinct, dates out
   *   of order, `fx` missing or not needed, an Incoterm that does not fit the transport mode, ...), refused before
   *   sending; INVALID_ARGUMENT when validUntil is not after the transaction time or more than 90 days ahead;
   *   NOT_FOUND when a party does not exist; UNAUTHORIZED when the caller is not bound to the seller or a party lacks
   *   its role (TRADER for seller and buyer, LOGISTICS, LIQUIDITY_PROVIDER for `fx.provider`); MEMBER_NOT_ACTIVE when
   *   the seller's organisation is suspended; PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when a party is not
   *   eligible; UNKNOWN_CURRENCY. With `fx.firmQuoteId`: NOT_FOUND when the quote does not exist; FX_QUOTE_EXPIRED;
   *   FX_QUOTE_ALREADY_USED when it is used or already backs a quotation; INVALID_STATE when it is cancelled;
   *   INVALID_ARGUMENT when it is not the provider's SELL quote of the pair for exactly the converted amount.
   */
  create(request: CreateQuotationRequest): Promise<QuotationResult>;
  /**
   * OPEN -> WITHDRAWN; as the seller.
   *
   * @returns The quotation, WITHDRAWN, with the reason.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; NOT_FOUND when the
   *   quotation does not exist; UNAUTHORIZED when the caller is not bound to the seller; MEMBER_NOT_ACTIVE when the
   *   seller's organisation is suspended; DEADLINE_PASSED when the quotation has expired; INVALID_STATE when it is no
   *   longer OPEN.
   */
  withdraw(request: CloseQuotationRequest): Promise<QuotationResult>;
  /**
   * OPEN -> REJECTED; as the buyer.
   *
   * @returns The quotation, REJECTED, with the reason.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; NOT_FOUND when the
   *   quotation does not exist; UNAUTHORIZED when the caller is not bound to the buyer; MEMBER_NOT_ACTIVE when the
   *   buyer's organisation is suspended; DEADLINE_PASSED when the quotation has expired; INVALID_STATE when it is no
   *   longer OPEN.
   */
  reject(request: CloseQuotationRequest): Promise<QuotationResult>;
  /**
   * OPEN -> ACCEPTED within the validity; as the buyer. Creates the order
   * (CREATED) in the same transaction and returns it. Refused when either
   * party's single-order limit or the seller's margin does not allow it.
   *
   * @returns The new order, CREATED, with its fees, escrow amount and fund-by date.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed quotation id; NOT_FOUND when the quotation does not
   *   exist; UNAUTHORIZED when the caller is not bound to the buyer; MEMBER_NOT_ACTIVE when the buyer's organisation
   *   is suspended; DEADLINE_PASSED when the quotation has expired; INVALID_STATE when it is no longer OPEN;
   *   PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when the buyer or the seller is not eligible;
   *   RISK_LIMIT_EXCEEDED when the amount exceeds either party's single-order limit; MARGIN_INSUFFICIENT when the
   *   seller's margin would not cover its requirement including this order.
   */
  accept(quotationId: string): Promise<OrderResult>;
  /**
   * Records EXPIRED on an OPEN quotation past its validity (it already reads as EXPIRED); as any member identity.
   *
   * @returns The quotation, EXPIRED.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed quotation id; NOT_FOUND when it does not exist;
   *   UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active member; INVALID_STATE unless
   *   the quotation is OPEN and past its validity.
   */
  expire(quotationId: string): Promise<QuotationResult>;
  /**
   * The quotation with its status as of now; NOT_FOUND when absent. As any identity of an active member.
   *
   * @returns The quotation; an OPEN one past its validity reads EXPIRED.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed quotation id; NOT_FOUND when it does not exist.
   */
  get(quotationId: string): Promise<QuotationResult>;
}

export class QuotationsImpl implements Quotations {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  async create(request: CreateQuotationRequest): Promise<QuotationResult> {
    return this.#calls.writeAs('createQuotation', [encodeArgument(request)], toQuotation);
  }

  async withdraw(request: CloseQuotationRequest): Promise<QuotationResult> {
    return this.#calls.writeAs('withdrawQuotation', [encodeArgument(request)], toQuotation);
  }

  async reject(request: CloseQuotationRequest): Promise<QuotationResult> {
    return this.#calls.writeAs('rejectQuotation', [encodeArgument(request)], toQuotation);
  }

  async accept(quotationId: string): Promise<OrderResult> {
    return this.#calls.writeAs('acceptQuotation', [quotationId], ({ order }: { quotation: Quotation; order: Order }) => toOrder(order));
  }

  async expire(quotationId: string): Promise<QuotationResult> {
    return this.#calls.writeAs('expireQuotation', [quotationId], toQuotation);
  }

  async get(quotationId: string): Promise<QuotationResult> {
    return toQuotation(await this.#calls.query<Quotation>('getQuotation', [quotationId]));
  }
}

export function toQuotation(quotation: Quotation): QuotationResult {
  return { ...toAmounts(quotation, ['totalAmount']), lineItems: quotation.lineItems.map(toLineItem) };
}
