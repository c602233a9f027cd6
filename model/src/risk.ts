import { CURRENCY_CODE } from './consortium';
import { ErrorCodes, XborderError } from './errors';
import { PARTY_ID } from './party';
import { amount, integer, jsonArgument, object, optional, refine, text } from './schema';

/**
 * A party's risk limits in one currency, set by the clearing house. An absent
 * field (or an absent record) means no limit of that kind.
 */
export interface RiskLimit {
  partyId: string;
  currency: string;
  /** Largest order the party may buy or sell, in minor units. */
  singleOrderMax?: string;
  /** Most the party may pay into escrow per UTC day. */
  dailyOutflowMax?: string;
  /** Escrow fundings per UTC day above which a velocity alert is raised (not a rejection). */
  velocityAlertPerDay?: number;
  setBy: string;
  setAt: string;
  txId: string;
}

/** One party's escrow payments in one currency on one UTC day. */
/** One funding's payment into escrow, counted towards the payer's day. */
export interface OutflowEntry {
  partyId: string;
  currency: string;
  day: string;
  amount: string;
  orderId: string;
  txId: string;
}

export interface DailyOutflow {
  partyId: string;
  currency: string;
  day: string;
  amount: string;
  payments: number;
}

export const ALERT_RULES = ['VELOCITY_PAYMENTS_PER_DAY', 'DAILY_OUTFLOW_NEAR_LIMIT'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Raised inside the transaction's own event (a transaction has one event). */
export interface RiskAlert {
  rule: AlertRule;
  partyId: string;
  currency: string;
  day: string;
  value: string;
  threshold: string;
}

export interface RiskLimitInput {
  partyId: string;
  currency: string;
  singleOrderMax?: bigint;
  dailyOutflowMax?: bigint;
  velocityAlertPerDay?: number;
}

const RISK_LIMIT = jsonArgument(
  'limit',
  refine(
    object({
      partyId: text(PARTY_ID),
      currency: text(CURRENCY_CODE),
      singleOrderMax: optional(amount()),
      dailyOutflowMax: optional(amount()),
      velocityAlertPerDay: optional(integer(1, 100_000)),
    }),
    'singleOrderMax must not exceed dailyOutflowMax',
    (limit, path) => {
      if (limit.singleOrderMax !== undefined && limit.dailyOutflowMax !== undefined && limit.singleOrderMax > limit.dailyOutflowMax) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path}.singleOrderMax must not exceed ${path}.dailyOutflowMax`);
      }
      return limit;
    },
  ),
);

/** The JSON arguments of the Risk contract, for the published contract API. */
export const RISK_ARGUMENTS = { RISK_LIMIT };

/** `{"partyId","currency","singleOrderMax"?,"dailyOutflowMax"?,"velocityAlertPerDay"?}`; all limits absent clears them. */
export const parseRiskLimitInput: (json: unknown) => RiskLimitInput = RISK_LIMIT.parse;
