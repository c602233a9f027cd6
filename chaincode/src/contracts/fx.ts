import { Context, Info, Transaction } from 'fabric-contract-api';
import { pageOf, XborderContract } from './base';
import {
  checkImprovedRate,
  checkQuoteExpiry,
  checkQuoteOpen,
  checkRatePosting,
  effectiveQuoteStatus,
  priceFirmQuote,
  selectCurrentRate,
  sideRate,
} from '../domain/fx';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { requireCurrency } from '../ledger/currencies';
import { requireClearingHouse } from '../guards/members';
import { requireCallerParty, requireEligibleParty } from '../guards/parties';
import * as rates from '../ledger/rates';
import { txTime } from '../ledger/time';
import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { FirmQuote, formatRate, parseCancelQuoteInput, parseLockQuoteInput, parsePostRateInput, RatePosting } from '@xborder/model/fx';
import { Party } from '@xborder/model/party';

/**
 * The FX rate book: bid/ask postings per currency pair with validity windows
 * (liquidity providers and the clearing house's reference rates), their full
 * history, and firm quotes that lock a provider's rate for an amount until an
 * expiry. Settlement consumes a firm quote through ledger/rates useFirmQuote.
 *
 * Who may do what:
 * - postRate with `provider`: an identity bound to that party, which must be
 *   eligible (KYC VERIFIED, unexpired, unsanctioned) and have role
 *   LIQUIDITY_PROVIDER. Without `provider`: the clearing house (reference rate).
 * - lockQuote, cancelQuote: an identity bound to the providing party, which
 *   must be an eligible LIQUIDITY_PROVIDER (cancel needs only the binding).
 */
@Info({ title: 'FX', description: 'FX rate postings, rate history and firm quotes' })
export class FxContract extends XborderContract.named('FX') {
  /**
   * Posts a bid/ask rate for base/quote. `rateJson`:
   * `{"base":"USD","quote":"CNY","bid":"7.1","ask":"7.2","validFrom":"2026-03-01T00:00:00Z","validUntil":"2026-03-01T01:00:00Z","provider"?:"LP1"}`.
   * Rules: both currencies known and different, 0 < bid <= ask, at most 10
   * decimals, validFrom < validUntil, window at most 24 hours and not over.
   */
  @Transaction()
  async postRate(ctx: Context, rateJson: string): Promise<string> {
    const input = parsePostRateInput(rateJson);
    const now = txTime(ctx);
    checkRatePosting(input.bid, input.ask, input.validFrom, input.validUntil, now);
    await requireCurrency(ctx, input.base);
    await requireCurrency(ctx, input.quote);
    const mspId = ctx.clientIdentity.getMSPID();
    if (input.provider !== undefined) {
      await requireLiquidityProvider(ctx, input.provider);
    } else {
      await requireClearingHouse(ctx);
    }
    const posting: RatePosting = {
      base: input.base,
      quote: input.quote,
      bid: formatRate(input.bid),
      ask: formatRate(input.ask),
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      source: input.provider !== undefined ? 'LIQUIDITY_PROVIDER' : 'CLEARING_HOUSE',
      provider: input.provider ?? mspId,
      mspId,
      postedAt: now,
      txId: ctx.stub.getTxID(),
    };
    await rates.putRatePosting(ctx, posting);
    ctx.stub.setEvent('FxRatePosted', toBytes(posting));
    return canonicalJson(posting);
  }

  /**
   * The posting in force now: of liquidity provider `provider`, or of any
   * source (providers and reference) when `provider` is ''. The window
   * started last wins. RATE_NOT_FOUND when none is valid.
   */
  @Transaction(false)
  async currentRate(ctx: Context, base: string, quote: string, provider: string): Promise<string> {
    const pair = await requirePair(ctx, base, quote);
    const now = txTime(ctx);
    const posting =
      provider === ''
        ? selectCurrentRate(await rates.pairHistory(ctx, pair.base, pair.quote), now)
        : await rates.findSourceRate(ctx, pair.base, pair.quote, rates.providerSource(provider), now);
    if (!posting) {
      throw new XborderError(ErrorCodes.RATE_NOT_FOUND, `no ${pair.base}/${pair.quote} rate${provider ? ` of ${provider}` : ''} is valid at ${now}`);
    }
    return canonicalJson(posting);
  }

  /** The clearing house's reference rate in force now; RATE_NOT_FOUND when none is valid. */
  @Transaction(false)
  async referenceRate(ctx: Context, base: string, quote: string): Promise<string> {
    const pair = await requirePair(ctx, base, quote);
    return canonicalJson(await rates.requireSourceRate(ctx, pair.base, pair.quote, rates.REFERENCE_SOURCE, txTime(ctx)));
  }

  /** A page of the pair's postings from every source, by source, then day of validity, then posting. */
  @Transaction(false)
  async rateHistory(ctx: Context, base: string, quote: string, pageSize: string, bookmark: string): Promise<string> {
    const pair = await requirePair(ctx, base, quote);
    return canonicalJson(await rates.pairHistoryPage(ctx, pair.base, pair.quote, pageOf(pageSize, bookmark)));
  }

  /**
   * Locks the provider's currently posted rate (or a better one for the taker)
   * for `amount` base minor units until `expiresAt` (at most 7 days ahead).
   * `quoteJson`: `{"provider":"LP1","base":"USD","quote":"CNY","side":"SELL","amount":"100000","rate"?:"7.15","expiresAt":"..."}`.
   * The quote id is this transaction's id; the quote amount is rounded in the provider's favour.
   */
  @Transaction()
  async lockQuote(ctx: Context, quoteJson: string): Promise<string> {
    const input = parseLockQuoteInput(quoteJson);
    const now = txTime(ctx);
    checkQuoteExpiry(input.expiresAt, now);
    const base = await requireCurrency(ctx, input.base);
    const quote = await requireCurrency(ctx, input.quote);
    await requireLiquidityProvider(ctx, input.provider);
    const posting = await rates.requireSourceRate(ctx, input.base, input.quote, rates.providerSource(input.provider), now);
    const posted = sideRate(posting, input.side);
    if (input.rate !== undefined) {
      checkImprovedRate(input.side, posted, input.rate);
    }
    const rate = input.rate ?? posted;
    const quoteAmount = priceFirmQuote(input.side, input.amount, { base: base.minorUnits, quote: quote.minorUnits }, rate);
    const firmQuote: FirmQuote = {
      quoteId: ctx.stub.getTxID(),
      provider: input.provider,
      base: input.base,
      quote: input.quote,
      side: input.side,
      baseAmount: formatAmount(input.amount),
      quoteAmount: formatAmount(quoteAmount),
      rate: formatRate(rate),
      postingTxId: posting.txId,
      lockedAt: now,
      expiresAt: input.expiresAt,
      status: 'LOCKED',
    };
    await rates.putFirmQuote(ctx, firmQuote);
    ctx.stub.setEvent('FxQuoteLocked', toBytes(firmQuote));
    return canonicalJson(firmQuote);
  }

  /** Withdraws an open firm quote. `cancelJson`: `{"quoteId":"..."}`; caller bound to the quote's provider. */
  @Transaction()
  async cancelQuote(ctx: Context, cancelJson: string): Promise<string> {
    const input = parseCancelQuoteInput(cancelJson);
    const quote = await rates.requireFirmQuote(ctx, input.quoteId);
    await requireCallerParty(ctx, quote.provider);
    const now = txTime(ctx);
    checkQuoteOpen(quote, now);
    const cancelled: FirmQuote = { ...quote, status: 'CANCELLED', cancelledAt: now };
    await rates.putFirmQuote(ctx, cancelled);
    ctx.stub.setEvent('FxQuoteCancelled', toBytes(cancelled));
    return canonicalJson(cancelled);
  }

  /** A firm quote with its status as of now (a LOCKED quote past expiry shows EXPIRED). */
  @Transaction(false)
  async getFirmQuote(ctx: Context, quoteId: string): Promise<string> {
    const quote = await rates.requireFirmQuote(ctx, quoteId);
    return canonicalJson({ ...quote, status: effectiveQuoteStatus(quote, txTime(ctx)) });
  }
}

/** An identity bound to `partyId`, which is eligible and a LIQUIDITY_PROVIDER. */
async function requireLiquidityProvider(ctx: Context, partyId: string): Promise<Party> {
  await requireCallerParty(ctx, partyId);
  const party = await requireEligibleParty(ctx, partyId);
  if (!party.roles.includes('LIQUIDITY_PROVIDER')) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `party ${partyId} does not have the role LIQUIDITY_PROVIDER`);
  }
  return party;
}

async function requirePair(ctx: Context, base: string, quote: string): Promise<{ base: string; quote: string }> {
  const pair = { base: base, quote: quote };
  if (pair.base === pair.quote) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `a rate needs two different currencies, got ${base}/${quote}`);
  }
  await requireCurrency(ctx, pair.base);
  await requireCurrency(ctx, pair.quote);
  return pair;
}
