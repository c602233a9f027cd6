import { Context, Info, Transaction } from 'fabric-contract-api';
import { pageOf, XborderContract } from './base';
import { netPositions } from '../domain/netting';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import * as clearing from '../ledger/clearing';
import { callerIsAdmin, requireCallerMember, requireClearingHouse } from '../guards/members';
import { requireEligibleParty } from '../guards/parties';
import { txTime } from '../ledger/time';
import { MAX_NETTING_BATCH, NettingRun, parseNettingInput, parseTradeParametersInput, TradeParameters } from '@xborder/model/clearing';
import { ErrorCodes, XborderError } from '@xborder/model/errors';


/**
 * The clearing house's trade functions: the consortium's trade parameters
 * (platform fee, fee collector, margin rates) and multilateral netting of
 * interbank obligations (see domain/netting for what is netted and why it is
 * safe).
 *
 *   setTradeParameters  an admin (role=admin) of the clearing house
 *   runNetting          the clearing house
 */
@Info({ title: 'Clearing', description: 'Trade parameters and multilateral netting of interbank obligations' })
export class ClearingContract extends XborderContract.named('Clearing') {
  /**
   * `parametersJson`: `{"platformFeeBps":0..1000,"feeCollector"?,"marginBps":{"LOW","MEDIUM","HIGH"}}`.
   * New quotations take the new fee; margin checks use the new rates at once.
   */
  @Transaction()
  async setTradeParameters(ctx: Context, parametersJson: string): Promise<string> {
    const input = parseTradeParametersInput(parametersJson);
    const member = await requireClearingHouse(ctx);
    if (!callerIsAdmin(ctx)) {
      throw new XborderError(ErrorCodes.UNAUTHORIZED, 'setting trade parameters needs a clearing house admin identity (attribute role=admin)');
    }
    if (input.feeCollector !== undefined) {
      await requireEligibleParty(ctx, input.feeCollector);
    }
    const parameters: TradeParameters = { ...input, updatedBy: member.mspId, updatedAt: txTime(ctx), txId: ctx.stub.getTxID() };
    await clearing.putTradeParameters(ctx, parameters);
    ctx.stub.setEvent('TradeParametersSet', toBytes(parameters));
    return canonicalJson(parameters);
  }

  @Transaction(false)
  async getTradeParameters(ctx: Context): Promise<string> {
    await requireCallerMember(ctx);
    return canonicalJson(await clearing.readTradeParameters(ctx));
  }

  /**
   * Nets the obligations recorded before `cutoff` (at most the transaction
   * time) and not netted yet, oldest first and at most MAX_NETTING_BATCH of
   * them, records the net position of each member per currency, and removes
   * those obligations from the pending set. Moves no tokens. The run says
   * `complete: false` when more were left before the cutoff: run again.
   * `nettingJson`: `{"cutoff"}`. INVALID_STATE when there is nothing to net.
   */
  @Transaction()
  async runNetting(ctx: Context, nettingJson: string): Promise<string> {
    const input = parseNettingInput(nettingJson);
    const member = await requireClearingHouse(ctx);
    const now = txTime(ctx);
    if (input.cutoff > now) {
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `netting.cutoff ${input.cutoff} is after the transaction time ${now}`);
    }
    const { rows: included, more } = await clearing.obligationsBefore(ctx, input.cutoff, MAX_NETTING_BATCH);
    if (included.length === 0) {
      throw new XborderError(ErrorCodes.INVALID_STATE, `no obligations recorded before ${input.cutoff} are waiting to be netted`);
    }
    const { positions, gross } = netPositions(included.map((row) => row.value));
    const run: NettingRun = {
      runId: ctx.stub.getTxID(),
      cutoff: input.cutoff,
      obligations: included.length,
      complete: !more,
      gross,
      positions,
      runBy: member.mspId,
      runAt: now,
    };
    for (const row of included) {
      await clearing.deleteObligation(ctx, row.key);
    }
    await clearing.putNettingRun(ctx, run);
    ctx.stub.setEvent('NettingRecorded', toBytes(run));
    return canonicalJson(run);
  }

  @Transaction(false)
  async getNettingRun(ctx: Context, runId: string): Promise<string> {
    await requireCallerMember(ctx);
    return canonicalJson(await clearing.requireNettingRun(ctx, runId));
  }

  /** A page of netting runs, by run id. */
  @Transaction(false)
  async listNettingRuns(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    await requireCallerMember(ctx);
    return canonicalJson(await clearing.listNettingRuns(ctx, pageOf(pageSize, bookmark)));
  }

  /** A page of the obligations recorded and not netted yet, oldest first. */
  @Transaction(false)
  async listPendingObligations(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    await requireCallerMember(ctx);
    return canonicalJson(await clearing.pendingObligations(ctx, pageOf(pageSize, bookmark)));
  }
}
