import { Context } from 'fabric-contract-api';
import { effectiveQuoteStatus, sideRate } from '../domain/fx';
import { changeExposure, marginBpsFor, marginFor } from '../domain/margin';
import { obligationsFromLegs } from '../domain/netting';
import { historyEntry } from '../domain/order';
import { checkSellerAmount, Conversion, midRate, planSettlement, SettlementPlan } from '../domain/settlement';
import { Leg } from '../domain/token';
import * as accounts from '../ledger/accounts';
import { putObligation, readTradeParameters } from '../ledger/clearing';
import { requireCurrency } from '../ledger/currencies';
import { putOrderExposure, readOrderExposure } from '../ledger/margin';
import { getMember } from '../ledger/members';
import { requireActiveMember } from '../guards/members';
import { putHistory, putOrder, putPayment, putSettlement } from '../ledger/orders';
import { requireParty } from '../ledger/parties';
import { requireEligibleParty } from '../guards/parties';
import * as rates from '../ledger/rates';
import { txTime } from '../ledger/time';
import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { parseRate } from '@xborder/model/fx';
import { MarginExposure } from '@xborder/model/margin';
import { Order, OrderAction, OrderPayment } from '@xborder/model/order';
import { Party, PartyRole } from '@xborder/model/party';
import { AccountId, marginAccount, MovementKind, partyAccount } from '@xborder/model/token';

/**
 * Steps shared by the trade contracts. Each transaction runs its `prepare`
 * steps (reads and checks, no writes) before its first write, so that a
 * rejection writes nothing; the writing steps then cannot fail on a rule.
 */

/** A party eligible to move value (KYC VERIFIED, unexpired, unsanctioned) that holds `role`. */
export async function requireEligibleWithRole(ctx: Context, partyId: string, role: PartyRole): Promise<Party> {
  const party = await requireEligibleParty(ctx, partyId);
  if (!party.roles.includes(role)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `party ${partyId} does not have the role ${role}`);
  }
  return party;
}

/** Whether the caller's organisation is an ACTIVE CLEARING member. */
export async function callerIsClearingHouse(ctx: Context): Promise<boolean> {
  const member = await getMember(ctx, ctx.clientIdentity.getMSPID());
  return member !== undefined && member.status === 'ACTIVE' && member.roles.includes('CLEARING');
}

/**
 * Who the caller acts as among `candidates` (party ids), or the clearing house
 * when `clearingHouse` allows it. The returned id goes into the order history.
 * UNAUTHORIZED names who may act.
 */
export async function requireActor(ctx: Context, candidates: (string | undefined)[], action: string, clearingHouse = false): Promise<string> {
  const mspId = ctx.clientIdentity.getMSPID();
  const identity = ctx.clientIdentity.getID();
  for (const partyId of candidates) {
    if (partyId === undefined) {
      continue;
    }
    const party = await requireParty(ctx, partyId);
    if (party.mspId === mspId && party.identities.includes(identity)) {
      await requireActiveMember(ctx, mspId);
      return partyId;
    }
  }
  if (clearingHouse && (await callerIsClearingHouse(ctx))) {
    return mspId;
  }
  const who = [...candidates.filter((id) => id !== undefined), ...(clearingHouse ? ['the clearing house'] : [])].join(' or ');
  throw new XborderError(ErrorCodes.UNAUTHORIZED, `only ${who} may ${action}`);
}

/** Writes the order and its history line for one transition. */
export async function recordTransition(ctx: Context, before: Order | undefined, after: Order, action: OrderAction, by: string): Promise<void> {
  await putOrder(ctx, after);
  await putHistory(ctx, historyEntry(before, after, action, by, ctx.stub.getTxID()));
}

/** The one event of an order transaction: the transition and whatever the step adds. */
export function orderEvent(
  ctx: Context,
  order: Order,
  action: OrderAction,
  from: Order | undefined,
  by: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { orderId, quotationId, buyerId, sellerId, currency, amount, status, updatedAt } = order;
  return { orderId, quotationId, action, from: from?.status, status, by, buyerId, sellerId, currency, amount, at: updatedAt, txId: ctx.stub.getTxID(), ...extra };
}

// ---- value movements ----

/** Posts legs out of or into an order's accounts and records them as the order's payment, and its interbank obligations. */
export async function moveOrderValue(
  ctx: Context,
  order: Order,
  kind: Extract<MovementKind, OrderPayment['kind']>,
  legs: Leg[],
  memberOf?: (account: AccountId) => string,
): Promise<void> {
  await accounts.postMovement(ctx, { kind, reference: order.orderId, legs });
  const at = txTime(ctx);
  const txId = ctx.stub.getTxID();
  await putPayment(ctx, {
    orderId: order.orderId,
    kind,
    legs: legs.map((leg) => ({ from: leg.from as AccountId, to: leg.to as AccountId, currency: leg.currency, amount: formatAmount(leg.amount) })),
    at,
    txId,
  });
  if (memberOf) {
    for (const obligation of obligationsFromLegs(legs, memberOf, { orderId: order.orderId, at, txId })) {
      await putObligation(ctx, obligation);
    }
  }
}

/** Maps the accounts of a trade to the member organisation behind them; escrow counts as the buyer's. */
export function membersOf(order: Order, parties: Party[]): (account: AccountId) => string {
  const byAccount = new Map<string, string>();
  for (const party of parties) {
    byAccount.set(partyAccount(party.partyId), party.mspId);
    byAccount.set(marginAccount(party.partyId), party.mspId);
  }
  const buyer = parties.find((party) => party.partyId === order.buyerId);
  if (buyer) {
    byAccount.set(order.escrowAccount, buyer.mspId);
  }
  return (account) => byAccount.get(account) ?? account;
}

// ---- margin exposure ----

/** The shard of the seller's exposure that holds `order`, after it closes; a default also reserves the order's margin for the claim. */
export async function prepareExposureClose(ctx: Context, order: Order, reserveClaim: boolean): Promise<{ exposure: MarginExposure; reserved: bigint }> {
  const exposure = await readOrderExposure(ctx, order.sellerId, order.currency, order.orderId);
  let reserved = 0n;
  if (reserveClaim) {
    const seller = await requireParty(ctx, order.sellerId);
    reserved = marginFor(BigInt(order.amount), marginBpsFor(await readTradeParameters(ctx), seller.kyc.riskRating));
  }
  const closed = changeExposure(exposure, { amount: -BigInt(order.amount), orders: -1, reserved }, txTime(ctx), ctx.stub.getTxID());
  return { exposure: closed, reserved };
}

// ---- settlement ----

export interface PreparedSettlement {
  plan: SettlementPlan;
  firmQuoteId?: string;
  memberOf: (account: AccountId) => string;
  exposure: MarginExposure;
}

/**
 * Everything a settlement (RELEASE or SPLIT of `sellerAmount`) needs, read
 * and checked: eligible receivers, the conversion and the liquidity
 * provider's reserves. Throws before any write.
 */
export async function prepareSettlement(ctx: Context, order: Order, kind: 'RELEASE' | 'SPLIT', sellerAmount: bigint): Promise<PreparedSettlement> {
  checkSellerAmount(order, kind, sellerAmount);
  const now = txTime(ctx);
  const parties = [await requireEligibleParty(ctx, order.sellerId), await requireEligibleParty(ctx, order.buyerId)];
  if (BigInt(order.fees.platformFee) > 0n && order.fees.feeCollector !== undefined) {
    parties.push(await requireEligibleParty(ctx, order.fees.feeCollector));
  }
  const from = await requireCurrency(ctx, order.currency);
  const to = await requireCurrency(ctx, order.settlementCurrency);
  let conversion: Conversion | undefined;
  if (order.fx) {
    parties.push(await requireEligibleWithRole(ctx, order.fx.provider, 'LIQUIDITY_PROVIDER'));
    conversion = kind === 'RELEASE' ? await firmQuoteConversion(ctx, order, now) : undefined;
    conversion ??= await postedConversion(ctx, order, now);
  }
  const plan = planSettlement(order, { kind, sellerAmount, conversion, units: { from: from.minorUnits, to: to.minorUnits }, at: now, txId: ctx.stub.getTxID() });
  if (order.fx && !(await accounts.holdsAtLeast(ctx, partyAccount(order.fx.provider), order.settlementCurrency, BigInt(plan.record.settledAmount)))) {
    throw new XborderError(
      ErrorCodes.LIQUIDITY_INSUFFICIENT,
      `liquidity provider ${order.fx.provider} holds less than the ${plan.record.settledAmount} ${order.settlementCurrency} order ${order.orderId} settles`,
    );
  }
  const { exposure } = await prepareExposureClose(ctx, order, false);
  const prepared: PreparedSettlement = { plan, memberOf: membersOf(order, parties), exposure };
  if (conversion?.source === 'FIRM_QUOTE') {
    prepared.firmQuoteId = conversion.reference;
  }
  return prepared;
}

/** Moves the money, consumes the firm quote, writes the settlement record and the seller's closed exposure. */
export async function applySettlement(ctx: Context, order: Order, prepared: PreparedSettlement): Promise<void> {
  await moveOrderValue(ctx, order, 'SETTLEMENT', prepared.plan.legs, prepared.memberOf);
  if (prepared.firmQuoteId !== undefined) {
    await rates.useFirmQuote(ctx, prepared.firmQuoteId, order.orderId);
  }
  await putSettlement(ctx, prepared.plan.record);
  await putOrderExposure(ctx, order.orderId, prepared.exposure);
}

/**
 * The order's firm quote, while it is still LOCKED and matches the converted
 * amount; otherwise undefined and the posted rate applies (a firm quote lives
 * at most 7 days, and a trade can outlast it).
 */
async function firmQuoteConversion(ctx: Context, order: Order, now: string): Promise<Conversion | undefined> {
  const quoteId = order.fx?.firmQuoteId;
  const quote = quoteId === undefined ? undefined : await rates.getFirmQuote(ctx, quoteId);
  if (!quote || effectiveQuoteStatus(quote, now) !== 'LOCKED') {
    return undefined;
  }
  const conversion: Conversion = {
    source: 'FIRM_QUOTE',
    provider: quote.provider,
    reference: quote.quoteId,
    direction: 'BASE_TO_QUOTE',
    rate: parseRate(quote.rate),
    fixedAmount: BigInt(quote.quoteAmount),
  };
  const posting = await rates.findSourceRate(ctx, quote.base, quote.quote, rates.providerSource(quote.provider), quote.lockedAt);
  if (posting) {
    conversion.mid = midRate(parseRate(posting.bid), parseRate(posting.ask));
  }
  return conversion;
}

/** The provider's posting in force: P/S at its bid (the trade sells P), else S/P at its ask (the trade buys S). */
async function postedConversion(ctx: Context, order: Order, now: string): Promise<Conversion> {
  const provider = order.fx?.provider as string;
  const source = rates.providerSource(provider);
  const direct = await rates.findSourceRate(ctx, order.currency, order.settlementCurrency, source, now);
  const posting = direct ?? (await rates.findSourceRate(ctx, order.settlementCurrency, order.currency, source, now));
  if (!posting) {
    throw new XborderError(
      ErrorCodes.RATE_NOT_FOUND,
      `liquidity provider ${provider} has no ${order.currency}/${order.settlementCurrency} or ${order.settlementCurrency}/${order.currency} rate valid at ${now}`,
    );
  }
  const side = direct ? 'SELL' : 'BUY';
  return {
    source: 'POSTED_RATE',
    provider,
    reference: posting.txId,
    direction: direct ? 'BASE_TO_QUOTE' : 'QUOTE_TO_BASE',
    rate: sideRate(posting, side),
    mid: midRate(parseRate(posting.bid), parseRate(posting.ask)),
  };
}
