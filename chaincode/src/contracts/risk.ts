import { Context, Info, Transaction } from 'fabric-contract-api';
import { XborderContract } from './base';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { requireCurrency } from '../ledger/currencies';
import { requireCallerMember, requireClearingHouse } from '../guards/members';
import { requireParty } from '../ledger/parties';
import { getLimit, putLimit, readOutflow } from '../ledger/risk';
import { txTime } from '../ledger/time';
import { checkIsoTime } from '@xborder/model/fields';
import { parseRiskLimitInput, RiskLimit } from '@xborder/model/risk';

/**
 * Per-party risk limits, set by the clearing house, and the counters they are
 * checked against. Rules, each named in its RISK_LIMIT_EXCEEDED rejection:
 * - single-order limit: checked for buyer and seller when a quotation is accepted;
 * - daily outflow limit: what a buyer pays into escrow per UTC day and
 *   currency, checked when an order is funded.
 * Velocity alerts (more escrow payments in a day than the party's threshold,
 * or 80% of the daily limit used) never reject: they travel in the funding
 * transaction's one event, OrderFunded, under `alerts`. Sanctions are the
 * Party contract's flag, enforced on every trade step through eligibility.
 */
@Info({ title: 'Risk', description: 'Per-party limits, daily outflow counters, velocity alerts' })
export class RiskContract extends XborderContract.named('Risk') {
  /**
   * Replaces a party's limits in a currency. `limitJson`:
   * `{"partyId","currency","singleOrderMax"?,"dailyOutflowMax"?,"velocityAlertPerDay"?}`;
   * an absent limit is no limit. Caller: the clearing house.
   */
  @Transaction()
  async setLimit(ctx: Context, limitJson: string): Promise<string> {
    const input = parseRiskLimitInput(limitJson);
    const clearing = await requireClearingHouse(ctx);
    await requireParty(ctx, input.partyId);
    await requireCurrency(ctx, input.currency);
    const limit: RiskLimit = {
      partyId: input.partyId,
      currency: input.currency,
      singleOrderMax: input.singleOrderMax?.toString(),
      dailyOutflowMax: input.dailyOutflowMax?.toString(),
      velocityAlertPerDay: input.velocityAlertPerDay,
      setBy: clearing.mspId,
      setAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    await putLimit(ctx, limit);
    ctx.stub.setEvent('RiskLimitSet', toBytes(limit));
    return canonicalJson(limit);
  }

  /** The party's limits in the currency; `{partyId, currency}` alone when none are set. */
  @Transaction(false)
  async getLimit(ctx: Context, partyId: string, currency: string): Promise<string> {
    await requireCallerMember(ctx);
    const code = currency;
    return canonicalJson((await getLimit(ctx, partyId, code)) ?? { partyId, currency: code });
  }

  /** What the party paid into escrow in the currency on a UTC day (`day` as YYYY-MM-DD). */
  @Transaction(false)
  async getDailyOutflow(ctx: Context, partyId: string, currency: string, day: string): Promise<string> {
    await requireCallerMember(ctx);
    const code = currency;
    const date = checkIsoTime(`${day}T00:00:00Z`, 'day').slice(0, 10);
    return canonicalJson(await readOutflow(ctx, partyId, code, date));
  }
}
