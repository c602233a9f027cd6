import { Context, Info, Transaction } from 'fabric-contract-api';
import { XborderContract } from './base';
import { checkQuoteOpen } from '../domain/fx';
import { changeExposure, marginBpsFor, marginFor } from '../domain/margin';
import { computeFees, convertedAmount, newOrder, orderIdFor } from '../domain/order';
import { checkQuotationValidity, closeQuotation, effectiveQuotationStatus, expireQuotation, newQuotation, requireOpenQuotation } from '../domain/quotation';
import { checkSingleOrder } from '../domain/risk';
import { holdsAtLeast } from '../ledger/accounts';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { readTradeParameters } from '../ledger/clearing';
import { requireCurrency } from '../ledger/currencies';
import { putOrderExposure, readExposure, readOrderExposure } from '../ledger/margin';
import { requireCallerMember } from '../guards/members';
import { getOrder, putOrderIndex } from '../ledger/orders';
import { firmQuoteHolder, putFirmQuoteHolder, putQuotation, requireQuotation } from '../ledger/quotations';
import { requireCallerParty } from '../guards/parties';
import { requireFirmQuote } from '../ledger/rates';
import { getLimit } from '../ledger/risk';
import { txTime } from '../ledger/time';
import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { CreateQuotationInput, parseCloseQuotationInput, parseCreateQuotationInput, Quotation } from '@xborder/model/quotation';
import { marginAccount } from '@xborder/model/token';
import { orderEvent, recordTransition, requireEligibleWithRole } from '../workflows/trade';

/**
 * Quotations from a seller to a buyer, and their acceptance into an order.
 *
 *   createQuotation   the seller                 -> OPEN
 *   withdrawQuotation the seller                 OPEN -> WITHDRAWN
 *   rejectQuotation   the buyer                  OPEN -> REJECTED
 *   acceptQuotation   the buyer                  OPEN -> ACCEPTED, creating the order in the same transaction
 *   expireQuotation   any member identity        OPEN past validUntil -> EXPIRED (optional: it already reads as EXPIRED)
 *
 * Acceptance is where the trade's risk is taken, so it checks: both parties
 * eligible, both parties' single-order limits, and that the seller's posted
 * margin covers its requirement including this order. The quotation's state
 * moves to ACCEPTED in the transaction that creates the order; two
 * acceptances of one quotation both read and write its key, so at most one
 * commits.
 */
@Info({ title: 'Quotation', description: 'Seller quotations to buyers; acceptance creates the order' })
export class QuotationContract extends XborderContract.named('Quotation') {
  /**
   * `quotationJson`: see parseCreateQuotationInput. Caller: an identity bound
   * to the seller. The quotation id is this transaction's id; the platform
   * fee in force now becomes part of the terms.
   */
  @Transaction()
  async createQuotation(ctx: Context, quotationJson: string): Promise<string> {
    const input = parseCreateQuotationInput(quotationJson);
    const now = txTime(ctx);
    checkQuotationValidity(input.validUntil, now);
    await requireCallerParty(ctx, input.sellerId);
    await requireEligibleWithRole(ctx, input.sellerId, 'TRADER');
    await requireEligibleWithRole(ctx, input.buyerId, 'TRADER');
    if (input.logisticsId !== undefined) {
      await requireEligibleWithRole(ctx, input.logisticsId, 'LOGISTICS');
    }
    await requireCurrency(ctx, input.currency);
    await requireCurrency(ctx, input.settlementCurrency);
    const parameters = await readTradeParameters(ctx);
    const quotation = newQuotation(input, { quotationId: ctx.stub.getTxID(), at: now, parameters });
    await checkFxTerms(ctx, input, quotation, now);
    await putQuotation(ctx, quotation);
    if (quotation.fx?.firmQuoteId !== undefined) {
      await putFirmQuoteHolder(ctx, quotation.fx.firmQuoteId, quotation.quotationId);
    }
    ctx.stub.setEvent('QuotationCreated', toBytes(quotationEvent(quotation)));
    return canonicalJson(quotation);
  }

  /** `withdrawJson`: `{"quotationId","reason"}`. Caller: the seller. */
  @Transaction()
  async withdrawQuotation(ctx: Context, withdrawJson: string): Promise<string> {
    const input = parseCloseQuotationInput(withdrawJson, 'withdraw');
    const quotation = await requireQuotation(ctx, input.quotationId);
    await requireCallerParty(ctx, quotation.sellerId);
    const now = txTime(ctx);
    requireOpenQuotation(quotation, now, 'withdraw');
    const closed = closeQuotation(quotation, 'WITHDRAWN', { at: now, txId: ctx.stub.getTxID(), reason: input.reason });
    await putQuotation(ctx, closed);
    ctx.stub.setEvent('QuotationWithdrawn', toBytes(quotationEvent(closed)));
    return canonicalJson(closed);
  }

  /** `rejectJson`: `{"quotationId","reason"}`. Caller: the buyer. */
  @Transaction()
  async rejectQuotation(ctx: Context, rejectJson: string): Promise<string> {
    const input = parseCloseQuotationInput(rejectJson, 'reject');
    const quotation = await requireQuotation(ctx, input.quotationId);
    await requireCallerParty(ctx, quotation.buyerId);
    const now = txTime(ctx);
    requireOpenQuotation(quotation, now, 'reject');
    const closed = closeQuotation(quotation, 'REJECTED', { at: now, txId: ctx.stub.getTxID(), reason: input.reason });
    await putQuotation(ctx, closed);
    ctx.stub.setEvent('QuotationRejected', toBytes(quotationEvent(closed)));
    return canonicalJson(closed);
  }

  /**
   * Accepts an OPEN quotation within its validity and creates the order
   * (status CREATED). Caller: the buyer. Returns `{quotation, order}`.
   */
  @Transaction()
  async acceptQuotation(ctx: Context, quotationId: string): Promise<string> {
    const quotation = await requireQuotation(ctx, quotationId);
    const buyer = await requireCallerParty(ctx, quotation.buyerId);
    const now = txTime(ctx);
    requireOpenQuotation(quotation, now, 'accept');
    await requireEligibleWithRole(ctx, quotation.buyerId, 'TRADER');
    const seller = await requireEligibleWithRole(ctx, quotation.sellerId, 'TRADER');
    const amount = BigInt(quotation.totalAmount);
    checkSingleOrder(await getLimit(ctx, quotation.buyerId, quotation.currency), amount, 'buyer');
    checkSingleOrder(await getLimit(ctx, quotation.sellerId, quotation.currency), amount, 'seller');
    const orderId = orderIdFor(quotation.quotationId, now);
    if (await getOrder(ctx, orderId)) {
      throw new XborderError(ErrorCodes.ALREADY_EXISTS, `order ${orderId} already exists`);
    }
    const txId = ctx.stub.getTxID();
    // The rule needs the seller's whole exposure; the order itself is kept in one shard of it.
    const exposure = changeExposure(await readExposure(ctx, seller.partyId, quotation.currency), { amount, orders: 1 }, now, txId);
    const shard = changeExposure(await readOrderExposure(ctx, seller.partyId, quotation.currency, orderId), { amount, orders: 1 }, now, txId);
    const bps = marginBpsFor(await readTradeParameters(ctx), seller.kyc.riskRating);
    const required = marginFor(BigInt(exposure.openAmount), bps) + BigInt(exposure.claimsReserved);
    if (required > 0n && !(await holdsAtLeast(ctx, marginAccount(seller.partyId), quotation.currency, required))) {
      throw new XborderError(
        ErrorCodes.MARGIN_INSUFFICIENT,
        `seller ${seller.partyId} must hold ${formatAmount(required)} ${quotation.currency} margin (${bps} bps of open exposure ${exposure.openAmount} ` +
          `at risk rating ${seller.kyc.riskRating}, plus ${exposure.claimsReserved} reserved for claims) to take this order`,
      );
    }
    const order = newOrder(quotation, { orderId, at: now, sellerRiskRating: seller.kyc.riskRating });
    const accepted = closeQuotation(quotation, 'ACCEPTED', { at: now, txId, orderId });
    await putQuotation(ctx, accepted);
    await putOrderExposure(ctx, orderId, shard);
    await putOrderIndex(ctx, order);
    await recordTransition(ctx, undefined, order, 'CREATE', buyer.partyId);
    ctx.stub.setEvent('OrderCreated', toBytes(orderEvent(ctx, order, 'CREATE', undefined, buyer.partyId, { escrowAmount: order.escrowAmount, fundBy: order.fundBy, shipBy: order.shipBy })));
    return canonicalJson({ quotation: accepted, order });
  }

  /** Persists EXPIRED on an OPEN quotation past its validity. Caller: any identity of an active member. */
  @Transaction()
  async expireQuotation(ctx: Context, quotationId: string): Promise<string> {
    const quotation = await requireQuotation(ctx, quotationId);
    await requireCallerMember(ctx);
    const expired = expireQuotation(quotation, txTime(ctx), ctx.stub.getTxID());
    await putQuotation(ctx, expired);
    ctx.stub.setEvent('QuotationExpired', toBytes(quotationEvent(expired)));
    return canonicalJson(expired);
  }

  /** The quotation with its status as of now (an OPEN one past validUntil reads EXPIRED). */
  @Transaction(false)
  async getQuotation(ctx: Context, quotationId: string): Promise<string> {
    await requireCallerMember(ctx);
    const quotation = await requireQuotation(ctx, quotationId);
    return canonicalJson({ ...quotation, status: effectiveQuotationStatus(quotation, txTime(ctx)) });
  }
}

/**
 * A cross-currency quotation names an eligible liquidity provider; a firm
 * quote, if given, must be that provider's, LOCKED, for this pair as
 * base = price currency, quote = settlement currency, side SELL, for exactly
 * the amount that will be converted, and not already backing a quotation.
 */
async function checkFxTerms(ctx: Context, input: CreateQuotationInput, quotation: Quotation, now: string): Promise<void> {
  if (!input.fx) {
    return;
  }
  await requireEligibleWithRole(ctx, input.fx.provider, 'LIQUIDITY_PROVIDER');
  if (input.fx.firmQuoteId === undefined) {
    return;
  }
  const quote = await requireFirmQuote(ctx, input.fx.firmQuoteId);
  checkQuoteOpen(quote, now);
  const fees = computeFees(input.totalAmount, quotation.fees.platformFeeBps, quotation.fees.chargeBearer);
  const converted = formatAmount(convertedAmount(input.totalAmount, fees));
  const matches =
    quote.provider === input.fx.provider &&
    quote.base === input.currency &&
    quote.quote === input.settlementCurrency &&
    quote.side === 'SELL' &&
    quote.baseAmount === converted;
  if (!matches) {
    throw new XborderError(
      ErrorCodes.INVALID_ARGUMENT,
      `firm quote ${quote.quoteId} must be ${input.fx.provider}'s SELL ${input.currency}/${input.settlementCurrency} quote for ${converted} ` +
        `(the total less the seller's fee share), got ${quote.provider}'s ${quote.side} ${quote.base}/${quote.quote} for ${quote.baseAmount}`,
    );
  }
  const holder = await firmQuoteHolder(ctx, quote.quoteId);
  if (holder !== undefined) {
    throw new XborderError(ErrorCodes.FX_QUOTE_ALREADY_USED, `firm quote ${quote.quoteId} already backs quotation ${holder}`);
  }
}

function quotationEvent(quotation: Quotation): Record<string, unknown> {
  const { quotationId, sellerId, buyerId, currency, totalAmount, settlementCurrency, validUntil, status, orderId, reason, closedTxId, txId } = quotation;
  return { quotationId, sellerId, buyerId, currency, totalAmount, settlementCurrency, validUntil, status, orderId, reason, txId: closedTxId ?? txId };
}
