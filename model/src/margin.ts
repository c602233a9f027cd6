import { CURRENCY_CODE } from './consortium';
import { ORDER_ID } from './order';
import { PARTY_ID, RiskRating } from './party';
import { amount, jsonArgument, object, text } from './schema';

/**
 * Margin of one party in one currency. Exposure is the amount of its open
 * orders as seller (accepted, not yet settled, refunded, defaulted or
 * cancelled) in that currency; `claimsReserved` is margin held back for open
 * default claims until the clearing house decides them.
 */
export interface MarginExposure {
  partyId: string;
  currency: string;
  openAmount: string;
  openOrders: number;
  claimsReserved: string;
  updatedAt: string;
  txId: string;
}

/** What a party holds and owes as margin now. */
export interface MarginPosition {
  partyId: string;
  currency: string;
  held: string;
  openAmount: string;
  openOrders: number;
  claimsReserved: string;
  riskRating: RiskRating;
  marginBps: number;
  required: string;
  /** held - required, never below zero: what the party may withdraw. */
  free: string;
  /** required - held, never below zero: what it must post before it can sell again. */
  shortfall: string;
}

export const CLAIM_STATUSES = ['OPEN', 'DECIDED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Opened by a default; decided once by the clearing house. */
export interface MarginClaim {
  orderId: string;
  /** The defaulting seller. */
  partyId: string;
  /** The harmed buyer. */
  beneficiary: string;
  currency: string;
  /** The margin the defaulted order required: the most that can be claimed. */
  maxAmount: string;
  status: ClaimStatus;
  openedAt: string;
  claimedAmount?: string;
  decidedBy?: string;
  decidedAt?: string;
  decidedTxId?: string;
}

export interface MarginMoveInput {
  partyId: string;
  currency: string;
  amount: bigint;
}

export interface ClaimInput {
  orderId: string;
  /** "0" waives the claim. */
  amount: bigint;
}

const MARGIN_MOVE = jsonArgument('margin', object({ partyId: text(PARTY_ID), currency: text(CURRENCY_CODE), amount: amount() }));
const CLAIM = jsonArgument('claim', object({ orderId: text(ORDER_ID), amount: amount({ allowZero: true }) }));

/** The JSON arguments of the Margin contract, for the published contract API. */
export const MARGIN_ARGUMENTS = { MARGIN_MOVE, CLAIM };

/** `{"partyId","currency","amount"}` for post and withdraw. */
export const parseMarginMoveInput: (json: unknown) => MarginMoveInput = MARGIN_MOVE.parse;

/** `{"orderId","amount"}`; amount may be "0" to waive. */
export const parseClaimInput: (json: unknown) => ClaimInput = CLAIM.parse;
