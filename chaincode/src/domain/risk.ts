import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { DailyOutflow, OutflowEntry, RiskAlert, RiskLimit } from '@xborder/model/risk';

/** A daily outflow at or above this share of its limit raises an alert. */
export const NEAR_LIMIT_PERCENT = 80n;

/** Rule "single-order limit": the order amount may not exceed the party's limit in the order currency. */
export function checkSingleOrder(limit: RiskLimit | undefined, amount: bigint, role: 'buyer' | 'seller'): void {
  if (limit?.singleOrderMax !== undefined && amount > BigInt(limit.singleOrderMax)) {
    throw new XborderError(
      ErrorCodes.RISK_LIMIT_EXCEEDED,
      `single-order limit: ${role} ${limit.partyId} may trade at most ${limit.singleOrderMax} ${limit.currency} per order, this order is ${formatAmount(amount)}`,
    );
  }
}

export function emptyOutflow(partyId: string, currency: string, day: string): DailyOutflow {
  return { partyId, currency, day, amount: '0', payments: 0 };
}

/**
 * Whether the party's fundings are counted against a running daily total: only
 * when a daily limit or a velocity threshold needs it. Everyone else's fundings
 * share no key at all.
 */
export function isMonitored(limit: RiskLimit | undefined): limit is RiskLimit {
  return limit?.dailyOutflowMax !== undefined || limit?.velocityAlertPerDay !== undefined;
}

export function sumOutflowEntries(empty: DailyOutflow, entries: readonly OutflowEntry[]): DailyOutflow {
  const amount = entries.reduce((sum, entry) => sum + BigInt(entry.amount), 0n);
  return { ...empty, amount: formatAmount(amount), payments: entries.length };
}

/**
 * Rule "daily outflow limit": what the party pays into escrow per UTC day in
 * a currency. Returns the counter after this payment and any alerts
 * (velocity: more payments in the day than the limit's alert threshold; near
 * limit: at least 80% of the daily limit used). Alerts never reject.
 */
export function addOutflow(limit: RiskLimit | undefined, outflow: DailyOutflow, amount: bigint): { outflow: DailyOutflow; alerts: RiskAlert[] } {
  const total = BigInt(outflow.amount) + amount;
  const base = { partyId: outflow.partyId, currency: outflow.currency, day: outflow.day };
  if (limit?.dailyOutflowMax !== undefined && total > BigInt(limit.dailyOutflowMax)) {
    throw new XborderError(
      ErrorCodes.RISK_LIMIT_EXCEEDED,
      `daily outflow limit: ${outflow.partyId} may pay at most ${limit.dailyOutflowMax} ${outflow.currency} on ${outflow.day}, has paid ${outflow.amount} and this payment is ${formatAmount(amount)}`,
    );
  }
  const next: DailyOutflow = { ...outflow, amount: formatAmount(total), payments: outflow.payments + 1 };
  const alerts: RiskAlert[] = [];
  if (limit?.velocityAlertPerDay !== undefined && next.payments > limit.velocityAlertPerDay) {
    alerts.push({ ...base, rule: 'VELOCITY_PAYMENTS_PER_DAY', value: String(next.payments), threshold: String(limit.velocityAlertPerDay) });
  }
  if (limit?.dailyOutflowMax !== undefined && total * 100n >= BigInt(limit.dailyOutflowMax) * NEAR_LIMIT_PERCENT) {
    alerts.push({ ...base, rule: 'DAILY_OUTFLOW_NEAR_LIMIT', value: formatAmount(total), threshold: limit.dailyOutflowMax });
  }
  return { outflow: next, alerts };
}
