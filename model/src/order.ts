import { ErrorCodes, XborderError } from './errors';
import { amount, jsonArgument, list, object, oneOf, optional, refine, text, withDefault } from './schema';
import { ChargeBearer, TradeTerms } from './quotation';
import { RiskRating } from './party';
import { AccountId } from './token';

/**
 * The order lifecycle:
 *
 *   CREATED --fund--> FUNDED --ship--> SHIPPED --confirmDelivery--> DELIVERED --settle--> SETTLED
 *   CREATED --cancel--> CANCELLED
 *   FUNDED | SHIPPED | DELIVERED --dispute--> DISPUTED --resolve--> SETTLED (release) | REFUNDED (refund) | SPLIT (split)
 *   FUNDED --markDefault (after shipBy, unshipped)--> DEFAULTED
 *
 * SETTLED, REFUNDED, SPLIT, DEFAULTED and CANCELLED are final: the escrow is
 * paid out, refunded or was never funded, so an order settles, refunds or
 * defaults at most once.
 */
export const ORDER_STATUSES = ['CREATED', 'FUNDED', 'SHIPPED', 'DELIVERED', 'SETTLED', 'CANCELLED', 'DISPUTED', 'REFUNDED', 'SPLIT', 'DEFAULTED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['SETTLED', 'CANCELLED', 'REFUNDED', 'SPLIT', 'DEFAULTED'];

export const ORDER_ACTIONS = ['CREATE', 'FUND', 'SHIP', 'DELIVER', 'SETTLE', 'CANCEL', 'DISPUTE', 'RESOLVE', 'DEFAULT'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const DISPUTE_OUTCOMES = ['RELEASE', 'REFUND', 'SPLIT'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** The platform fee of one order and how it splits between buyer (debtor) and seller (creditor). */
export interface OrderFees {
  platformFeeBps: number;
  chargeBearer: ChargeBearer;
  platformFee: string;
  /** The buyer's share, paid into escrow on top of the order amount. */
  debtorShare: string;
  /** The seller's share, deducted from what the seller receives. */
  creditorShare: string;
  /** The party collecting the fee (from the quotation's fee terms). */
  feeCollector?: string;
}

export interface Shipment {
  carrier: string;
  trackingNumber: string;
  /** sha256 (hex) of the transport documents (bill of lading, air waybill, invoice ...), kept off-chain. */
  documentHashes: string[];
  shippedAt: string;
  /** The party that recorded it: the seller or the logistics party. */
  shippedBy: string;
}

export interface Delivery {
  deliveredAt: string;
  confirmedBy: string;
  /** sha256 (hex) of the proof of delivery; required when logistics confirms. */
  proofHash?: string;
}

export interface Dispute {
  raisedBy: string;
  reason: string;
  evidenceHashes: string[];
  raisedAt: string;
  /** The status the order was in when disputed. */
  fromStatus: OrderStatus;
  outcome?: DisputeOutcome;
  /** Seller's part of the order amount in a SPLIT. */
  sellerAmount?: string;
  resolution?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

/** An accepted quotation: its terms, the fees and escrow, and where the trade stands. */
export interface Order extends TradeTerms {
  /** ORD-<yyyymmdd of acceptance>-<16 hex of sha256(quotationId)>; at most 35 characters, an ISO 20022 end-to-end id. */
  orderId: string;
  quotationId: string;
  /** The instructed amount: the quotation total. */
  amount: string;
  fees: OrderFees;
  /** What funding moves into escrow: amount plus the buyer's fee share. */
  escrowAmount: string;
  escrowAccount: AccountId;
  fundBy: string;
  /** The seller's KYC risk rating at acceptance, which priced its margin. */
  sellerRiskRating: RiskRating;
  status: OrderStatus;
  createdAt: string;
  updatedAt: string;
  fundedAt?: string;
  shipment?: Shipment;
  delivery?: Delivery;
  /** deliveredAt + settleWithinDays. */
  settlementDeadline?: string;
  dispute?: Dispute;
  closedAt?: string;
  /** Why a party cancelled it. */
  cancelReason?: string;
}

/** One transition of an order: its history, one record per transaction. */
export interface OrderHistoryEntry {
  orderId: string;
  action: OrderAction;
  from?: OrderStatus;
  to: OrderStatus;
  /** The party that acted, or the clearing house's MSP id. */
  by: string;
  at: string;
  txId: string;
}

/** One value movement linked to an order (funding, settlement legs, refunds, margin claims). */
export interface OrderPayment {
  orderId: string;
  kind: 'ESCROW_FUND' | 'SETTLEMENT' | 'ESCROW_REFUND' | 'MARGIN_CLAIM';
  legs: { from: AccountId; to: AccountId; currency: string; amount: string }[];
  at: string;
  txId: string;
}

export interface ShipInput {
  orderId: string;
  carrier: string;
  trackingNumber: string;
  documentHashes: string[];
}

export interface DeliverInput {
  orderId: string;
  proofHash?: string;
}

export interface DisputeInput {
  orderId: string;
  reason: string;
  evidenceHashes: string[];
}

export interface CancelInput {
  orderId: string;
  reason: string;
}

export interface ResolveInput {
  orderId: string;
  outcome: DisputeOutcome;
  sellerAmount?: bigint;
  resolution: string;
}

export const ORDER_ID = { max: 35, pattern: /^ORD-[0-9]{8}-[0-9a-f]{16}$/, expected: 'an order id such as ORD-20260301-0123456789abcdef' };
export const DOCUMENT_HASH = { max: 64, pattern: /^[0-9a-f]{64}$/, expected: 'a lowercase hex sha256' };
const REASON = { max: 500 };

const hashes = (max: number) => list(text(DOCUMENT_HASH), { min: 0, max, distinct: true });

const SHIP = jsonArgument(
  'shipment',
  object({
    orderId: text(ORDER_ID),
    carrier: text({ max: 140 }),
    trackingNumber: text({ max: 64 }),
    documentHashes: list(text(DOCUMENT_HASH), { min: 1, max: 20, distinct: true }),
  }),
);
const DELIVER = jsonArgument('delivery', object({ orderId: text(ORDER_ID), proofHash: optional(text(DOCUMENT_HASH)) }));
const CANCEL = jsonArgument('cancel', object({ orderId: text(ORDER_ID), reason: text(REASON) }));
const DISPUTE = jsonArgument(
  'dispute',
  object({ orderId: text(ORDER_ID), reason: text(REASON), evidenceHashes: withDefault(hashes(20), [] as string[]) }),
);
const RESOLVE = jsonArgument(
  'resolution',
  refine(
    object({
      orderId: text(ORDER_ID),
      outcome: oneOf(DISPUTE_OUTCOMES),
      resolution: text(REASON),
      sellerAmount: optional(amount()),
    }),
    'sellerAmount is required for outcome SPLIT and allowed only there',
    (resolve, path) => {
      if ((resolve.outcome === 'SPLIT') !== (resolve.sellerAmount !== undefined)) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path}.sellerAmount is required for SPLIT and allowed only there`);
      }
      return resolve;
    },
  ),
);

/** The JSON arguments of the Order contract, for the published contract API. */
export const ORDER_ARGUMENTS = { SHIP, DELIVER, CANCEL, DISPUTE, RESOLVE };

/** `{"orderId","carrier","trackingNumber","documentHashes":[sha256 hex, ...]}` */
export const parseShipInput: (json: unknown) => ShipInput = SHIP.parse;

/** `{"orderId","proofHash"?}` */
export const parseDeliverInput: (json: unknown) => DeliverInput = DELIVER.parse;

/** `{"orderId","reason"}` */
export const parseCancelInput: (json: unknown) => CancelInput = CANCEL.parse;

/** `{"orderId","reason","evidenceHashes"?:[sha256 hex, ...]}` */
export const parseDisputeInput: (json: unknown) => DisputeInput = DISPUTE.parse;

/** `{"orderId","outcome":"RELEASE"|"REFUND"|"SPLIT","sellerAmount"?,"resolution"}`; sellerAmount exactly for SPLIT. */
export const parseResolveInput: (json: unknown) => ResolveInput = RESOLVE.parse;
