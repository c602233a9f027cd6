import { ErrorCodes, XborderError } from './errors';
import { checkIsoTime, Fields } from './fields';
import { PARTY_ID, RISK_RATINGS, RiskRating } from './party';

/** One basis point is 1/10000. */
export const BPS_SCALE = 10_000n;
/** Fees above 10% or margins above 100% are input errors, not policy. */
export const MAX_FEE_BPS = 1_000;
export const MAX_MARGIN_BPS = 10_000;

/**
 * Trade parameters set by the clearing house for the consortium: the platform
 * fee and the margin rate per KYC risk rating. A quotation copies the fee in
 * force when it is made (the buyer accepts those terms); margin follows the
 * rates in force at each check.
 */
export interface TradeParameters {
  platformFeeBps: number;
  /** The party whose account collects platform fees; required while the fee is above zero. */
  feeCollector?: string;
  marginBps: Record<RiskRating, number>;
  updatedBy?: string;
  updatedAt?: string;
  txId?: string;
}

/** In force until the clearing house sets others: no fee, margin of 5% / 10% / 20% of open exposure. */
export const DEFAULT_TRADE_PARAMETERS: TradeParameters = Object.freeze({
  platformFeeBps: 0,
  marginBps: Object.freeze({ LOW: 500, MEDIUM: 1_000, HIGH: 2_000 }),
}) as TradeParameters;

/** One interbank obligation from a settled trade leg between customers of two members. */
export interface Obligation {
  currency: string;
  /** Member whose customer paid. */
  payer: string;
  /** Member whose customer received. */
  payee: string;
  amount: string;
  orderId: string;
  at: string;
  txId: string;
  leg: number;
}

export interface NetPosition {
  currency: string;
  mspId: string;
  /** What its customers received in the period. */
  receivable: string;
  /** What its customers paid. */
  payable: string;
  /** receivable - payable: positive = the member is owed, negative = it owes. */
  net: string;
}

export interface NettingRun {
  /** The transaction id of runNetting. */
  runId: string;
  /** Obligations recorded before this time (and not in an earlier run) are included. */
  cutoff: string;
  obligations: number;
  /** Sum of gross obligations per currency. */
  gross: { currency: string; amount: string }[];
  positions: NetPosition[];
  runBy: string;
  runAt: string;
}

const FEE_FIELDS = ['platformFeeBps', 'feeCollector', 'marginBps'];

/** `{"platformFeeBps":10,"feeCollector"?:"CH-FEES","marginBps":{"LOW":500,"MEDIUM":1000,"HIGH":2000}}` */
export function parseTradeParametersInput(json: unknown): TradeParameters {
  const input = Fields.parse(json, 'parameters', FEE_FIELDS);
  const margin = input.object('marginBps', RISK_RATINGS);
  const marginBps = {} as Record<RiskRating, number>;
  for (const rating of RISK_RATINGS) {
    marginBps[rating] = required(margin.optionalInteger(rating, 0, MAX_MARGIN_BPS), `parameters.marginBps.${rating}`);
  }
  const parameters: TradeParameters = {
    platformFeeBps: required(input.optionalInteger('platformFeeBps', 0, MAX_FEE_BPS), 'parameters.platformFeeBps'),
    marginBps,
  };
  const feeCollector = input.optionalString('feeCollector', PARTY_ID);
  if (feeCollector !== undefined) {
    parameters.feeCollector = feeCollector;
  }
  if (parameters.platformFeeBps > 0 && feeCollector === undefined) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'parameters.feeCollector is required while platformFeeBps is above zero');
  }
  if (!(marginBps.LOW <= marginBps.MEDIUM && marginBps.MEDIUM <= marginBps.HIGH)) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'parameters.marginBps must not fall as risk rises: LOW <= MEDIUM <= HIGH');
  }
  return parameters;
}

/** `{"cutoff":"2026-03-02T00:00:00Z"}` */
export function parseNettingInput(json: unknown): { cutoff: string } {
  const input = Fields.parse(json, 'netting', ['cutoff']);
  return { cutoff: checkIsoTime(input.string('cutoff', { max: 30 }), 'netting.cutoff') };
}

function required(value: number | undefined, path: string): number {
  if (value === undefined) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path} is required`);
  }
  return value;
}
