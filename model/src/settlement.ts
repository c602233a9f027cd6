import { ChargeBearer } from './quotation';

export const CHARGE_TYPES = ['PLATFORM_FEE', 'FX_SPREAD'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

/** One itemised charge (ISO 20022 ChargesInformation): who bears it and in which currency. */
export interface Charge {
  type: ChargeType;
  amount: string;
  currency: string;
  /** DEBT (buyer) or CRED (seller); a SHAR fee appears as one line per side. */
  bearer: Exclude<ChargeBearer, 'SHAR'>;
}

/** Where the rate came from: the order's firm quote, or the provider's posting in force at settlement. */
export const RATE_SOURCES_USED = ['FIRM_QUOTE', 'POSTED_RATE'] as const;
export type RateSourceUsed = (typeof RATE_SOURCES_USED)[number];

/** The exchange rate applied, as ISO 20022 XchgRate: units of `quotedCurrency` per one unit of `unitCurrency`. */
export interface AppliedRate {
  unitCurrency: string;
  quotedCurrency: string;
  rate: string;
  source: RateSourceUsed;
  provider: string;
  /** The firm quote id, or the rate posting's transaction id. */
  reference: string;
}

/**
 * The record of one order's settlement, after ISO 20022 pacs.008 / pacs.002
 * names. An order has at most one (its key is the order id).
 */
export interface SettlementRecord {
  orderId: string;
  /** EndToEndIdentification: the order id (at most 35 characters). */
  endToEndId: string;
  /** Unique end-to-end transaction reference: a UUID v4 derived from sha256 of the order id, the same on every peer. */
  uetr: string;
  /** RELEASE: the order amount; SPLIT: the seller's part decided by the clearing house. */
  kind: 'RELEASE' | 'SPLIT';
  debtor: string;
  creditor: string;
  /** InstructedAmount: what the buyer instructed to pay the seller, in the price currency. */
  instructedAmount: string;
  instructedCurrency: string;
  /** The part of the instructed amount converted (or paid directly): instructed minus the seller's fee share. */
  convertedAmount: string;
  /** InterbankSettlementAmount: what the seller received, in its settlement currency. */
  settledAmount: string;
  settledCurrency: string;
  exchangeRate?: AppliedRate;
  chargeBearer: ChargeBearer;
  charges: Charge[];
  /** What went back to the buyer (SPLIT only). */
  refundedAmount?: string;
  /** InterbankSettlementDate: the transaction time. */
  settlementDate: string;
  settlementDeadline?: string;
  deadlineMet: boolean;
  txId: string;
}
