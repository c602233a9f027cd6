import { Context } from 'fabric-contract-api';
import { DEFAULT_TRADE_PARAMETERS, NettingRun, Obligation, TradeParameters } from '@xborder/model/clearing';
import { fromBytes } from '@xborder/model/canonical';
import type { Page } from '@xborder/model/paging';
import { recordKind } from './records';
import { PageRequest, readJson, scanJsonPage, writeJson } from './state';

/**
 * Clearing-house records:
 *   trade-parameters~current                        TradeParameters (absent = DEFAULT_TRADE_PARAMETERS)
 *   netting-obligation~<time>~<txId>~<leg>           Obligation not yet netted
 *   netting-run~<runId>                             NettingRun
 */

const PARAMETERS = 'trade-parameters';
const OBLIGATION = 'netting-obligation';
const RUN = 'netting-run';

/** Legs are padded so that leg 10 sorts after leg 9. */
const LEG_DIGITS = 4;

export async function readTradeParameters(ctx: Context): Promise<TradeParameters> {
  return (await readJson<TradeParameters>(ctx, parametersKey(ctx))) ?? DEFAULT_TRADE_PARAMETERS;
}

export async function putTradeParameters(ctx: Context, parameters: TradeParameters): Promise<void> {
  await writeJson(ctx, parametersKey(ctx), parameters);
}

export async function putObligation(ctx: Context, obligation: Obligation): Promise<void> {
  await writeJson(ctx, obligationKey(ctx, obligation), obligation);
}

/**
 * The oldest obligations not yet netted recorded before `cutoff`, at most
 * `limit` of them, and whether more are waiting. Obligation keys start with
 * their time, so the scan stops at the first one at or after the cutoff, or
 * one past the limit: a run reads a bounded range however many are pending.
 */
export async function obligationsBefore(ctx: Context, cutoff: string, limit: number): Promise<{ rows: { key: string; value: Obligation }[]; more: boolean }> {
  const iterator = await ctx.stub.getStateByPartialCompositeKey(OBLIGATION, []);
  const rows: { key: string; value: Obligation }[] = [];
  let more = false;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const value = fromBytes<Obligation>(next.value.value);
      if (value.at >= cutoff) {
        break;
      }
      if (rows.length === limit) {
        more = true;
        break;
      }
      rows.push({ key: next.value.key, value });
    }
  } finally {
    await iterator.close();
  }
  return { rows, more };
}

/** A page of the obligations not yet netted, oldest first. */
export async function pendingObligations(ctx: Context, request: PageRequest): Promise<Page<Obligation>> {
  const { rows, bookmark } = await scanJsonPage<Obligation>(ctx, OBLIGATION, [], request);
  return { records: rows.map((row) => row.value), bookmark };
}

export async function deleteObligation(ctx: Context, key: string): Promise<void> {
  await ctx.stub.deleteState(key);
}

export const { require: requireNettingRun, put: putNettingRun } = recordKind<NettingRun>(
  RUN,
  (run) => run.runId,
  (runId) => `netting run ${runId} does not exist`,
);

/** A page of netting runs, by run id. */
export async function listNettingRuns(ctx: Context, request: PageRequest): Promise<Page<NettingRun>> {
  const { rows, bookmark } = await scanJsonPage<NettingRun>(ctx, RUN, [], request);
  return { records: rows.map((row) => row.value), bookmark };
}

function parametersKey(ctx: Context): string {
  return ctx.stub.createCompositeKey(PARAMETERS, ['current']);
}

function obligationKey(ctx: Context, obligation: Obligation): string {
  return ctx.stub.createCompositeKey(OBLIGATION, [obligation.at, obligation.txId, String(obligation.leg).padStart(LEG_DIGITS, '0')]);
}
