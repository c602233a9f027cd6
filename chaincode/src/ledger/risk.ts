import { Context } from 'fabric-contract-api';
import { emptyOutflow, sumOutflowEntries } from '../domain/risk';
import { DailyOutflow, OutflowEntry, RiskLimit } from '@xborder/model/risk';
import { readJson, scanJson, writeJson } from './state';

/**
 * Risk limits and what parties pay out:
 *   risk-limit~<partyId>~<currency>                       RiskLimit
 *   risk-outflow~<partyId>~<currency>~<UTC day>~<txId>     OutflowEntry, one per funding
 *   risk-outflow-total~<partyId>~<currency>~<UTC day>      DailyOutflow, the running total of a monitored party
 * Every funding writes its own entry, a new key, so fundings of one buyer
 * never meet there. Only a party with a daily limit or a velocity threshold
 * (a monitored party) also has the running total, which each of its fundings
 * reads and writes: the limit is exact, never overshot, because fundings of
 * that party in that currency on that day commit one per block (a concurrent
 * one fails validation and is checked again against the new total).
 */

const LIMIT = 'risk-limit';
const OUTFLOW = 'risk-outflow';
const OUTFLOW_TOTAL = 'risk-outflow-total';

export async function getLimit(ctx: Context, partyId: string, currency: string): Promise<RiskLimit | undefined> {
  return readJson<RiskLimit>(ctx, ctx.stub.createCompositeKey(LIMIT, [partyId, currency]));
}

export async function putLimit(ctx: Context, limit: RiskLimit): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(LIMIT, [limit.partyId, limit.currency]), limit);
}

/** A monitored party's running total for the day (zero before its first funding). */
export async function readOutflowTotal(ctx: Context, partyId: string, currency: string, day: string): Promise<DailyOutflow> {
  return (await readJson<DailyOutflow>(ctx, ctx.stub.createCompositeKey(OUTFLOW_TOTAL, [partyId, currency, day]))) ?? emptyOutflow(partyId, currency, day);
}

export async function putOutflowTotal(ctx: Context, outflow: DailyOutflow): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(OUTFLOW_TOTAL, [outflow.partyId, outflow.currency, outflow.day]), outflow);
}

export async function putOutflowEntry(ctx: Context, entry: OutflowEntry): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(OUTFLOW, [entry.partyId, entry.currency, entry.day, entry.txId]), entry);
}

/** What the party paid in the currency on the day, summed from its entries. For queries (it scans the day). */
export async function readOutflow(ctx: Context, partyId: string, currency: string, day: string): Promise<DailyOutflow> {
  const entries = await scanJson<OutflowEntry>(ctx, OUTFLOW, [partyId, currency, day]);
  return sumOutflowEntries(emptyOutflow(partyId, currency, day), entries.map((row) => row.value));
}
