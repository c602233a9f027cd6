import { Context } from 'fabric-contract-api';
import { emptyOutflow } from '../domain/risk';
import { DailyOutflow, RiskLimit } from '@xborder/model/risk';
import { readJson, writeJson } from './state';

/**
 * Risk limits and counters:
 *   risk-limit~<partyId>~<currency>                RiskLimit
 *   risk-outflow~<partyId>~<currency>~<UTC day>    DailyOutflow
 * The outflow counter is per party, currency and day: only the same buyer's
 * fundings on the same day contend for it, never the whole network's.
 */

const LIMIT = 'risk-limit';
const OUTFLOW = 'risk-outflow';

export async function getLimit(ctx: Context, partyId: string, currency: string): Promise<RiskLimit | undefined> {
  return readJson<RiskLimit>(ctx, ctx.stub.createCompositeKey(LIMIT, [partyId, currency]));
}

export async function putLimit(ctx: Context, limit: RiskLimit): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(LIMIT, [limit.partyId, limit.currency]), limit);
}

export async function readOutflow(ctx: Context, partyId: string, currency: string, day: string): Promise<DailyOutflow> {
  return (await readJson<DailyOutflow>(ctx, ctx.stub.createCompositeKey(OUTFLOW, [partyId, currency, day]))) ?? emptyOutflow(partyId, currency, day);
}

export async function putOutflow(ctx: Context, outflow: DailyOutflow): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(OUTFLOW, [outflow.partyId, outflow.currency, outflow.day]), outflow);
}
