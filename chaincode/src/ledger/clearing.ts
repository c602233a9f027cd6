import { Context } from 'fabric-contract-api';
import { DEFAULT_TRADE_PARAMETERS, NettingRun, Obligation, TradeParameters } from '@xborder/model/clearing';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { readJson, scanJson, writeJson } from './state';

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

/** Obligations not yet netted, oldest first. */
export async function pendingObligations(ctx: Context): Promise<{ key: string; value: Obligation }[]> {
  return scanJson<Obligation>(ctx, OBLIGATION, []);
}

export async function deleteObligation(ctx: Context, key: string): Promise<void> {
  await ctx.stub.deleteState(key);
}

export async function putNettingRun(ctx: Context, run: NettingRun): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(RUN, [run.runId]), run);
}

export async function requireNettingRun(ctx: Context, runId: string): Promise<NettingRun> {
  const run = await readJson<NettingRun>(ctx, ctx.stub.createCompositeKey(RUN, [runId]));
  if (!run) {
    throw new XborderError(ErrorCodes.NOT_FOUND, `netting run ${runId} does not exist`);
  }
  return run;
}

export async function listNettingRuns(ctx: Context): Promise<NettingRun[]> {
  return (await scanJson<NettingRun>(ctx, RUN, [])).map((row) => row.value).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.runId < b.runId ? -1 : 1));
}

function parametersKey(ctx: Context): string {
  return ctx.stub.createCompositeKey(PARAMETERS, ['current']);
}

function obligationKey(ctx: Context, obligation: Obligation): string {
  return ctx.stub.createCompositeKey(OBLIGATION, [obligation.at, obligation.txId, String(obligation.leg).padStart(LEG_DIGITS, '0')]);
}
