import { Context, Info, Transaction } from 'fabric-contract-api';
import { XborderContract } from './base';
import { changeExposure, decideClaim, marginBpsFor, marginPosition, requiredMargin } from '../domain/margin';
import * as accounts from '../ledger/accounts';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { readTradeParameters } from '../ledger/clearing';
import { requireCurrency } from '../ledger/currencies';
import { putClaim, putOrderExposure, readExposure, readOrderExposure, requireClaim } from '../ledger/margin';
import { requireCallerMember, requireClearingHouse } from '../guards/members';
import { requireOrder } from '../ledger/orders';
import { requireParty } from '../ledger/parties';
import { requireCallerParty, requireEligibleParty } from '../guards/parties';
import { txTime } from '../ledger/time';
import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { parseClaimInput, parseMarginMoveInput } from '@xborder/model/margin';
import { marginAccount, partyAccount } from '@xborder/model/token';
import { membersOf, moveOrderValue } from '../workflows/trade';

/**
 * Margin: collateral tokens a party moves from its account into
 * `margin:<partyId>`. A seller's requirement per currency is
 * ceil(open exposure x marginBps[its KYC risk rating] / 10000) plus margin
 * reserved for open default claims (parameters: Clearing:setTradeParameters).
 * Acceptance of a quotation refuses a seller whose margin would not cover the
 * requirement including the new order. The requirement falls as orders close
 * (settled, refunded, split, cancelled, defaulted), and the margin above it is
 * free to withdraw: that is how margin is released.
 *
 *   postMargin      an identity bound to the party (eligible)
 *   withdrawMargin  an identity bound to the party; only the free part
 *   claimMargin     the clearing house, once per defaulted order, up to the order's margin
 */
@Info({ title: 'Margin', description: 'Margin collateral: post, withdraw, default claims, positions' })
export class MarginContract extends XborderContract.named('Margin') {
  /** `marginJson`: `{"partyId","currency","amount"}`. */
  @Transaction()
  async postMargin(ctx: Context, marginJson: string): Promise<string> {
    const input = parseMarginMoveInput(marginJson);
    await requireCallerParty(ctx, input.partyId);
    await requireEligibleParty(ctx, input.partyId);
    await requireCurrency(ctx, input.currency);
    await accounts.postMovement(ctx, {
      kind: 'MARGIN_POST',
      reference: `margin ${input.partyId}`,
      legs: [{ from: partyAccount(input.partyId), to: marginAccount(input.partyId), currency: input.currency, amount: input.amount }],
    });
    const record = { partyId: input.partyId, currency: input.currency, amount: formatAmount(input.amount), at: txTime(ctx), txId: ctx.stub.getTxID() };
    ctx.stub.setEvent('MarginPosted', toBytes(record));
    return canonicalJson(record);
  }

  /** `marginJson`: `{"partyId","currency","amount"}`; MARGIN_INSUFFICIENT if it would leave less than the requirement. */
  @Transaction()
  async withdrawMargin(ctx: Context, marginJson: string): Promise<string> {
    const input = parseMarginMoveInput(marginJson);
    await requireCallerParty(ctx, input.partyId);
    const party = await requireEligibleParty(ctx, input.partyId);
    await requireCurrency(ctx, input.currency);
    const bps = marginBpsFor(await readTradeParameters(ctx), party.kyc.riskRating);
    const required = requiredMargin(await readExposure(ctx, input.partyId, input.currency), bps);
    if (!(await accounts.holdsAtLeast(ctx, marginAccount(input.partyId), input.currency, required + input.amount))) {
      throw new XborderError(
        ErrorCodes.MARGIN_INSUFFICIENT,
        `withdrawing ${formatAmount(input.amount)} ${input.currency} would leave ${input.partyId} below its margin requirement of ${formatAmount(required)}`,
      );
    }
    await accounts.postMovement(ctx, {
      kind: 'MARGIN_WITHDRAW',
      reference: `margin ${input.partyId}`,
      legs: [{ from: marginAccount(input.partyId), to: partyAccount(input.partyId), currency: input.currency, amount: input.amount }],
    });
    const record = { partyId: input.partyId, currency: input.currency, amount: formatAmount(input.amount), required: formatAmount(required), at: txTime(ctx), txId: ctx.stub.getTxID() };
    ctx.stub.setEvent('MarginWithdrawn', toBytes(record));
    return canonicalJson(record);
  }

  /**
   * Decides the margin claim a default opened: pays `amount` (at most the
   * claim's maximum; "0" waives) from the seller's margin to the buyer and
   * releases the reservation. `claimJson`: `{"orderId","amount"}`.
   */
  @Transaction()
  async claimMargin(ctx: Context, claimJson: string): Promise<string> {
    const input = parseClaimInput(claimJson);
    const clearing = await requireClearingHouse(ctx);
    const claim = await requireClaim(ctx, input.orderId);
    const now = txTime(ctx);
    const txId = ctx.stub.getTxID();
    const decided = decideClaim(claim, input.amount, { by: clearing.mspId, at: now, txId });
    const order = await requireOrder(ctx, claim.orderId);
    const reservedIn = await readOrderExposure(ctx, claim.partyId, claim.currency, claim.orderId);
    const exposure = changeExposure(reservedIn, { amount: 0n, orders: 0, reserved: -BigInt(claim.maxAmount) }, now, txId);
    if (input.amount > 0n) {
      const parties = [await requireParty(ctx, claim.partyId), await requireEligibleParty(ctx, claim.beneficiary)];
      if (!(await accounts.holdsAtLeast(ctx, marginAccount(claim.partyId), claim.currency, input.amount))) {
        throw new XborderError(ErrorCodes.MARGIN_INSUFFICIENT, `seller ${claim.partyId} holds less than ${formatAmount(input.amount)} ${claim.currency} margin`);
      }
      const leg = { from: marginAccount(claim.partyId), to: partyAccount(claim.beneficiary), currency: claim.currency, amount: input.amount };
      await moveOrderValue(ctx, order, 'MARGIN_CLAIM', [leg], membersOf(order, parties));
    }
    await putOrderExposure(ctx, claim.orderId, exposure);
    await putClaim(ctx, decided);
    ctx.stub.setEvent('MarginClaimDecided', toBytes(decided));
    return canonicalJson(decided);
  }

  /** `{partyId, currency, held, openAmount, openOrders, claimsReserved, riskRating, marginBps, required, free, shortfall}`. */
  @Transaction(false)
  async getMarginPosition(ctx: Context, partyId: string, currency: string): Promise<string> {
    await requireCallerMember(ctx);
    const party = await requireParty(ctx, partyId);
    const code = (await requireCurrency(ctx, currency)).code;
    const bps = marginBpsFor(await readTradeParameters(ctx), party.kyc.riskRating);
    const held = BigInt((await accounts.readBalance(ctx, marginAccount(partyId), code)).balance);
    return canonicalJson(marginPosition(await readExposure(ctx, partyId, code), held, party.kyc.riskRating, bps));
  }

  @Transaction(false)
  async getMarginClaim(ctx: Context, orderId: string): Promise<string> {
    await requireCallerMember(ctx);
    return canonicalJson(await requireClaim(ctx, orderId));
  }
}
