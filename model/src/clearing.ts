import { ErrorCodes, XborderError } from './errors';
import { PARTY_ID, RiskRating } from './party';
import { integer, isoTime, jsonArgument, object, optional, refine, text } from './schema';

/** Netting run ids are the running transaction's id. */
export const RUN_ID = { max: 128, pattern: /^[A-Za-z0-9._-]+$/, expected: 'a netting run id (the run transaction id)' };

/** The most obligations one netting run takes, so that a run's reads and deletes stay bounded. */
export const MAX_NETTING_BATCH = 500;

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
  /** Obligations recorded before this time (and not in an earlier run) are included, oldest first, up to MAX_NETTING_BATCH. */
  cutoff: string;
  obligations: number;
  /** False when more obligations before the cutoff were left for another run (the batch was full). */
  complete: boolean;
  /** Sum of gross obligations per currency. */
  gross: { currency: string; amount: string }[];
  positions: NetPosition[];
  runBy: string;
  runAt: string;
}

const TRADE_PARAMETERS = jsonArgument(
  'parameters',
  refine(
    object({
      platformFeeBps: integer(0, MAX_FEE_BPS),
      feeCollector: optional(text(PARTY_ID)),
      marginBps: object({ LOW: integer(0, MAX_MARGIN_BPS), MEDIUM: integer(0, MAX_MARGIN_BPS), HIGH: integer(0, MAX_MARGIN_BPS) }),
    }),
    'feeCollector is required while platformFeeBps is above zero; marginBps must satisfy LOW <= MEDIUM <= HIGH',
    (parameters, path): TradeParameters => {
      if (parameters.platformFeeBps > 0 && parameters.feeCollector === undefined) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path}.feeCollector is required while platformFeeBps is above zero`);
      }
      const { LOW, MEDIUM, HIGH } = parameters.marginBps;
      if (!(LOW <= MEDIUM && MEDIUM <= HIGH)) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path}.marginBps must not fall as risk rises: LOW <= MEDIUM <= HIGH`);
      }
      return parameters;
    },
  ),
);
const NETTING = jsonArgument('netting', object({ cutoff: isoTime() }));

/** The JSON arguments of the Clearing contract, for the published contract API. */
export const CLEARING_ARGUMENTS = { TRADE_PARAMETERS, NETTING };

/** `{"platformFeeBps":10,"feeCollector"?:"CH-FEES","marginBps":{"LOW":500,"MEDIUM":1000,"HIGH":2000}}` */
export const parseTradeParametersInput: (json: unknown) => TradeParameters = TRADE_PARAMETERS.parse;

/** A netting run's request: net what was recorded before `cutoff`. */
export interface NettingInput {
  cutoff: string;
}

/** `{"cutoff":"2026-03-02T00:00:00Z"}` */
export const parseNettingInput: (json: unknown) => NettingInput = NETTING.parse;
