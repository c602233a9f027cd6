import type { CreateQuotationInput, LineItem, Quotation } from '@xborder/model/quotation';
import type { Order } from '@xborder/model/order';
import { encodeArgument, toAmounts, type WithAmounts, type WithOptional } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type LineItemResult, type OrderResult, toLineItem, toOrder } from './orders.js';

/** A line of a quotation to create: `unitPrice` in minor units of the quotation currency; the chaincode works out the line total. */
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
 * @example
 * const quotation = await seller.quotations.createQuotation({
 *   sellerId: 'CNEXP', buyerId: 'USIMP', currency: 'USD', settlementCurrency: 'CNY', fx: { provider: 'LP1' },
 *   lineItems: [{ description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: 6_000n }],
 *   incoterm: 'FOB', namedPlace: 'Shanghai', transportMode: 'SEA', paymentTerms: { fundWithinDays: 3, settleWithinDays: 2 },
 *   validUntil: '2026-03-03T00:00:00Z', shipBy: '2026-03-11T00:00:00Z', deliveryDate: '2026-03-31T00:00:00Z',
 * });
 * const order = await buyer.quotations.accept(quotation.quotationId);
 */
export interface Quotations {
  /** Quotes to a buyer; as an identity bound to the seller. The quotation id is the transaction id; the platform fee in force becomes part of the terms. */
  createQuotation(request: CreateQuotationRequest): Promise<QuotationResult>;
  /** OPEN -> WITHDRAWN; as the seller. */
  withdraw(quotationId: string, reason: string): Promise<QuotationResult>;
  /** OPEN -> REJECTED; as the buyer. */
  reject(quotationId: string, reason: string): Promise<QuotationResult>;
  /**
   * OPEN -> ACCEPTED within the validity; as the buyer. Creates the order
   * (CREATED) in the same transaction and returns it. Refused when either
   * party's single-order limit or the seller's margin does not allow it.
   */
  accept(quotationId: string): Promise<OrderResult>;
  /** Records EXPIRED on an OPEN quotation past its validity (it already reads as EXPIRED); as any member identity. */
  expire(quotationId: string): Promise<QuotationResult>;
  /** The quotation with its status as of now; NOT_FOUND when absent. */
  get(quotationId: string): Promise<QuotationResult>;
}

export class QuotationsImpl implements Quotations {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  async createQuotation(request: CreateQuotationRequest): Promise<QuotationResult> {
    return this.#calls.writeAs('createQuotation', [encodeArgument(request)], toQuotation);
  }

  async withdraw(quotationId: string, reason: string): Promise<QuotationResult> {
    return this.#calls.writeAs('withdrawQuotation', [encodeArgument({ quotationId, reason })], toQuotation);
  }

  async reject(quotationId: string, reason: string): Promise<QuotationResult> {
    return this.#calls.writeAs('rejectQuotation', [encodeArgument({ quotationId, reason })], toQuotation);
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
