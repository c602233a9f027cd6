import { MAX_AMOUNT } from './amount';
import { CURRENCY_CODE } from './consortium';
import { ErrorCodes, XborderError } from './errors';
import { PARTY_ID } from './party';
import { amount, integer, isoTime, jsonArgument, list, object, oneOf, optional, refine, text, withDefault } from './schema';

/**
 * Incoterms 2020. The first seven fit any mode of transport; FAS, FOB, CFR and
 * CIF are for sea and inland waterway transport only (ICC Incoterms 2020).
 */
export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export type Incoterm = (typeof INCOTERMS)[number];
export const SEA_ONLY_INCOTERMS: readonly Incoterm[] = ['FAS', 'FOB', 'CFR', 'CIF'];

export const TRANSPORT_MODES = ['SEA', 'INLAND_WATERWAY', 'ROAD', 'RAIL', 'AIR', 'MULTIMODAL'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];
const WATER_MODES: readonly TransportMode[] = ['SEA', 'INLAND_WATERWAY'];

/**
 * Who bears the charges, as ISO 20022 ChargeBearerType1Code: DEBT the buyer
 * (debtor), CRED the seller (creditor), SHAR each its own share. SHAR is the
 * default, as in SEPA and most cross-border schemes.
 */
export const CHARGE_BEARERS = ['DEBT', 'CRED', 'SHAR'] as const;
export type ChargeBearer = (typeof CHARGE_BEARERS)[number];

/** Stored statuses; an OPEN quotation past `validUntil` reads as EXPIRED without a write. */
export const QUOTATION_STATUSES = ['OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'EXPIRED'] as const;
export type QuotationStatus = (typeof QUOTATION_STATUSES)[number];

export interface LineItem {
  description: string;
  /** Harmonized System code: 6 digits, optionally followed by a 2-4 digit national suffix. */
  hsCode: string;
  /** Whole units of `unit` (decimal string); quote a smaller unit for fractional quantities. */
  quantity: string;
  /** UN/ECE Recommendation 20 unit code, e.g. PCE, KGM, MTR. */
  unit?: string;
  /** Price of one unit, in minor units of the quotation currency. */
  unitPrice: string;
  /** quantity x unitPrice. */
  lineTotal: string;
}

export interface PaymentTerms {
  /** Days after acceptance within which the buyer must fund the escrow (capped at the ship-by date). */
  fundWithinDays: number;
  /** Days after delivery within which settlement is due; the settlement record says whether it was met. */
  settleWithinDays: number;
}

/** How a cross-currency trade converts: through this liquidity provider, at its firm quote if any. */
export interface FxTerms {
  provider: string;
  /** A firm quote of `provider`: base = price currency, quote = settlement currency, side SELL, for exactly the converted amount. */
  firmQuoteId?: string;
}

/** The fee terms the buyer accepts: the platform fee rate in force when the quotation was made. */
export interface FeeTerms {
  platformFeeBps: number;
  chargeBearer: ChargeBearer;
  /** The party collecting the fee; present while platformFeeBps is above zero. */
  feeCollector?: string;
}

/** What the seller offers and the buyer accepts: the same on the quotation and on the order it becomes. */
export interface TradeTerms {
  sellerId: string;
  buyerId: string;
  /** A LOGISTICS party that may record shipment and delivery. */
  logisticsId?: string;
  lineItems: LineItem[];
  /** Price (instructed) currency. */
  currency: string;
  incoterm: Incoterm;
  namedPlace: string;
  transportMode: TransportMode;
  deliveryDate: string;
  shipBy: string;
  paymentTerms: PaymentTerms;
  /** The currency the seller is paid in. */
  settlementCurrency: string;
  /** The liquidity provider converting, when settlementCurrency differs from currency. */
  fx?: FxTerms;
}

/** The terms alone, copied from a quotation, its input or an order (optional terms only when present). */
export function termsOf(source: TradeTerms): TradeTerms {
  const terms: TradeTerms = {
    sellerId: source.sellerId,
    buyerId: source.buyerId,
    lineItems: source.lineItems,
    currency: source.currency,
    incoterm: source.incoterm,
    namedPlace: source.namedPlace,
    transportMode: source.transportMode,
    deliveryDate: source.deliveryDate,
    shipBy: source.shipBy,
    paymentTerms: source.paymentTerms,
    settlementCurrency: source.settlementCurrency,
  };
  if (source.logisticsId !== undefined) {
    terms.logisticsId = source.logisticsId;
  }
  if (source.fx !== undefined) {
    terms.fx = source.fx;
  }
  return terms;
}

export interface Quotation extends TradeTerms {
  /** The transaction id of createQuotation. */
  quotationId: string;
  totalAmount: string;
  fees: FeeTerms;
  /** Exclusive: the quotation can be accepted while time < validUntil. */
  validUntil: string;
  status: QuotationStatus;
  createdAt: string;
  txId: string;
  closedAt?: string;
  closedTxId?: string;
  reason?: string;
  /** The order created by acceptance. */
  orderId?: string;
}

export interface CreateQuotationInput extends TradeTerms {
  totalAmount: bigint;
  validUntil: string;
  chargeBearer: ChargeBearer;
}

/** Quotation ids are transaction ids. */
export const QUOTATION_ID = { max: 128, pattern: /^[A-Za-z0-9._-]+$/, expected: 'a quotation id (the creating transaction id)' };
export const HS_CODE = { max: 10, pattern: /^[0-9]{6}([0-9]{2,4})?$/, expected: 'a 6-digit HS code with an optional 2-4 digit national suffix' };
const UNIT_CODE = { max: 3, pattern: /^[A-Z0-9]{2,3}$/, expected: 'a UN/ECE Recommendation 20 unit code such as PCE or KGM' };
const QUANTITY = /^[1-9][0-9]{0,11}$/;
const DESCRIPTION = { max: 200 };
const NAMED_PLACE = { max: 140 };
export const MAX_LINE_ITEMS = 100;
export const MAX_FUND_WITHIN_DAYS = 90;
export const MAX_SETTLE_WITHIN_DAYS = 30;

const LINE_ITEM = refine(
  object({
    quantity: text({ max: 12, pattern: QUANTITY, expected: 'a whole number of units as a decimal string' }),
    unitPrice: amount(),
    description: text(DESCRIPTION),
    hsCode: text(HS_CODE),
    unit: optional(text(UNIT_CODE)),
  }),
  'quantity x unitPrice must not exceed 9223372036854775807',
  (item, path): LineItem => {
    const lineTotal = BigInt(item.quantity) * item.unitPrice;
    if (lineTotal > MAX_AMOUNT) {
      throw new XborderError(ErrorCodes.INVALID_AMOUNT, `${path} quantity x unitPrice exceeds the maximum ${MAX_AMOUNT}`);
    }
    const line: LineItem = {
      description: item.description,
      hsCode: item.hsCode,
      quantity: item.quantity,
      unitPrice: item.unitPrice.toString(),
      lineTotal: lineTotal.toString(),
    };
    if (item.unit !== undefined) {
      line.unit = item.unit;
    }
    return line;
  },
);

const CREATE_QUOTATION = jsonArgument(
  'quotation',
  refine(
    object({
      lineItems: list(LINE_ITEM, { min: 1, max: MAX_LINE_ITEMS }),
      sellerId: text(PARTY_ID),
      buyerId: text(PARTY_ID),
      logisticsId: optional(text(PARTY_ID)),
      currency: text(CURRENCY_CODE),
      incoterm: oneOf(INCOTERMS),
      namedPlace: text(NAMED_PLACE),
      transportMode: oneOf(TRANSPORT_MODES),
      deliveryDate: isoTime(),
      shipBy: isoTime(),
      validUntil: isoTime(),
      paymentTerms: object({ fundWithinDays: integer(1, MAX_FUND_WITHIN_DAYS), settleWithinDays: integer(0, MAX_SETTLE_WITHIN_DAYS) }),
      settlementCurrency: text(CURRENCY_CODE),
      chargeBearer: withDefault(oneOf(CHARGE_BEARERS), 'SHAR'),
      fx: optional(object({ provider: text(PARTY_ID), firmQuoteId: optional(text(QUOTATION_ID)) })),
    }),
    'seller, buyer and logistics party must differ; sea-only Incoterms need a water transport mode; ' +
      'validUntil <= shipBy <= deliveryDate; fx exactly when settlementCurrency differs from currency, with a provider ' +
      'that is neither seller nor buyer; the total must not exceed 9223372036854775807',
    (fields): CreateQuotationInput => {
      const totalAmount = fields.lineItems.reduce((sum, item) => sum + BigInt(item.lineTotal), 0n);
      if (totalAmount > MAX_AMOUNT) {
        throw new XborderError(ErrorCodes.INVALID_AMOUNT, `quotation total ${totalAmount} exceeds the maximum ${MAX_AMOUNT}`);
      }
      const quotation: CreateQuotationInput = { ...fields, totalAmount };
      checkQuotationShape(quotation);
      return quotation;
    },
  ),
);
const CLOSE_QUOTATION = (path: string) => jsonArgument(path, object({ quotationId: text(QUOTATION_ID), reason: text({ max: 500 }) }));
const WITHDRAW_QUOTATION = CLOSE_QUOTATION('withdraw');
const REJECT_QUOTATION = CLOSE_QUOTATION('reject');

/** The JSON arguments of the Quotation contract, for the published contract API. */
export const QUOTATION_ARGUMENTS = { CREATE_QUOTATION, WITHDRAW_QUOTATION, REJECT_QUOTATION };

/**
 * Parses createQuotation's argument:
 * `{"sellerId","buyerId","logisticsId"?,"lineItems":[{"description","hsCode","quantity","unit"?,"unitPrice"}],
 *   "currency","incoterm","namedPlace","transportMode","deliveryDate","shipBy","validUntil",
 *   "paymentTerms":{"fundWithinDays","settleWithinDays"},"settlementCurrency","chargeBearer"?,"fx"?:{"provider","firmQuoteId"?}}`.
 * Checks every rule that needs no ledger and no clock.
 */
export const parseCreateQuotationInput: (json: unknown) => CreateQuotationInput = CREATE_QUOTATION.parse;

function checkQuotationShape(q: CreateQuotationInput): void {
  const distinct = new Set([q.sellerId, q.buyerId, q.logisticsId ?? q.sellerId]);
  if (q.sellerId === q.buyerId || distinct.size !== (q.logisticsId === undefined ? 2 : 3)) {
    throw invalid('quotation.sellerId, buyerId and logisticsId must be different parties');
  }
  if (SEA_ONLY_INCOTERMS.includes(q.incoterm) && !WATER_MODES.includes(q.transportMode)) {
    throw invalid(`Incoterms 2020 rule ${q.incoterm} is for sea and inland waterway transport only, not ${q.transportMode}`);
  }
  if (!(q.validUntil <= q.shipBy && q.shipBy <= q.deliveryDate)) {
    throw invalid('quotation dates must satisfy validUntil <= shipBy <= deliveryDate');
  }
  if ((q.currency !== q.settlementCurrency) !== (q.fx !== undefined)) {
    throw invalid('quotation.fx (a liquidity provider) is required exactly when settlementCurrency differs from currency');
  }
  if (q.fx && (q.fx.provider === q.sellerId || q.fx.provider === q.buyerId)) {
    throw invalid('quotation.fx.provider must be a third party, neither seller nor buyer');
  }
}

/** Withdrawing (the seller) or rejecting (the buyer) an open quotation. */
export interface CloseQuotationInput {
  quotationId: string;
  reason: string;
}

/** `{"quotationId","reason"}` for reject (`path` reject) and withdraw (`path` withdraw). */
export function parseCloseQuotationInput(json: unknown, path: 'withdraw' | 'reject'): CloseQuotationInput {
  return (path === 'withdraw' ? WITHDRAW_QUOTATION : REJECT_QUOTATION).parse(json);
}

function invalid(detail: string): XborderError {
  return new XborderError(ErrorCodes.INVALID_ARGUMENT, detail);
}
