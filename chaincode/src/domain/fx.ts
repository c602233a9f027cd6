import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { FirmQuote, FirmQuoteStatus, formatRate, parseRate, QuoteSide, RATE_SCALE, RatePosting } from '@xborder/model/fx';

/**
 * A rate's validity window is at most one day. That bound lets a transaction
 * find the rate valid at time t by scanning only the postings whose window
 * starts on t's UTC day or the day before, instead of the pair's whole history.
 */
export const MAX_RATE_WINDOW_MS = 24 * 3600 * 1000;

/** A firm quote binds the liquidity provider for at most a week. */
export const MAX_QUOTE_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** Who pays the converted amount; rounding always favours the liquidity provider. */
export type Payer = 'PROVIDER' | 'TAKER';

/**
 * Converts `amount` minor units at `rate` (quote per base), from base into
 * quote (`BASE_TO_QUOTE`) or back (`QUOTE_TO_BASE`), honouring both
 * currencies' minor units.
 *
 * One rounding rule, towards the liquidity provider: an amount the provider
 * pays out is rounded down, an amount it receives is rounded up. The taker
 * never gets a fraction of a minor unit the provider did not price, and the
 * provider's books never go short by rounding.
 */
export function convert(
  amount: bigint,
  units: { from: number; to: number },
  rate: bigint,
  direction: 'BASE_TO_QUOTE' | 'QUOTE_TO_BASE',
  payer: Payer,
): bigint {
  const scaleFrom = 10n ** BigInt(units.from);
  const scaleTo = 10n ** BigInt(units.to);
  const [numerator, denominator] =
    direction === 'BASE_TO_QUOTE' ? [amount * rate * scaleTo, scaleFrom * RATE_SCALE] : [amount * RATE_SCALE * scaleTo, scaleFrom * rate];
  const quotient = numerator / denominator;
  const exact = quotient * denominator === numerator;
  return payer === 'TAKER' && !exact ? quotient + 1n : quotient;
}

/**
 * The quote amount of a firm quote for `baseAmount`: SELL pays the taker at
 * the bid (provider pays, rounded down), BUY charges the taker at the ask
 * (provider receives, rounded up).
 */
export function priceFirmQuote(side: QuoteSide, baseAmount: bigint, units: { base: number; quote: number }, rate: bigint): bigint {
  const quoteAmount = convert(baseAmount, { from: units.base, to: units.quote }, rate, 'BASE_TO_QUOTE', side === 'SELL' ? 'PROVIDER' : 'TAKER');
  if (quoteAmount === 0n) {
    throw new XborderError(ErrorCodes.INVALID_AMOUNT, `amount ${formatAmount(baseAmount)} is worth less than one minor unit of the quote currency`);
  }
  return quoteAmount;
}

/** The posted side rate for a taker's side: SELL trades at the bid, BUY at the ask. */
export function sideRate(posting: RatePosting, side: QuoteSide): bigint {
  return parseRate(side === 'SELL' ? posting.bid : posting.ask, side === 'SELL' ? 'bid' : 'ask');
}

/**
 * A provider may lock a rate better for the taker than its posting (a higher
 * bid, a lower ask) but never a worse one: the posting is its public promise.
 */
export function checkImprovedRate(side: QuoteSide, posted: bigint, offered: bigint): void {
  const worse = side === 'SELL' ? offered < posted : offered > posted;
  if (worse) {
    throw new XborderError(
      ErrorCodes.INVALID_RATE,
      `a ${side} quote may not lock ${formatRate(offered)}, worse for the taker than the posted ${formatRate(posted)}`,
    );
  }
}

/** Bid and ask are positive and not crossed; the window is non-empty, at most a day and not already over. */
export function checkRatePosting(bid: bigint, ask: bigint, validFrom: string, validUntil: string, now: string): void {
  if (bid > ask) {
    throw new XborderError(ErrorCodes.INVALID_RATE, `bid ${formatRate(bid)} is above ask ${formatRate(ask)}`);
  }
  if (validFrom >= validUntil) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `validFrom ${validFrom} must be before validUntil ${validUntil}`);
  }
  if (Date.parse(validUntil) - Date.parse(validFrom) > MAX_RATE_WINDOW_MS) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `a rate is valid for at most 24 hours, ${validFrom} to ${validUntil} is longer`);
  }
  if (validUntil <= now) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `validUntil ${validUntil} has already passed at ${now}`);
  }
}

/** The UTC day of a timestamp: the bucket its postings are filed under. */
export function rateDay(time: string): string {
  return time.slice(0, 10);
}

/** The days whose postings can contain `time`: its own and, given the one-day window, the one before. */
export function candidateDays(time: string): [string, string] {
  const day = rateDay(time);
  const before = new Date(Date.parse(`${day}T00:00:00.000Z`) - MAX_RATE_WINDOW_MS).toISOString().slice(0, 10);
  return [before, day];
}

/**
 * The rate in force at `time`: among the postings whose window contains it,
 * the one whose window started last; a later posting wins a tie, then the
 * transaction id, so the choice never depends on scan order.
 */
export function selectCurrentRate(postings: readonly RatePosting[], time: string): RatePosting | undefined {
  let best: RatePosting | undefined;
  for (const posting of postings) {
    if (posting.validFrom <= time && time < posting.validUntil && (!best || compareRatePostings(posting, best) > 0)) {
      best = posting;
    }
  }
  return best;
}

/** History order: by window start, then posting time, then transaction id. */
export function compareRatePostings(a: RatePosting, b: RatePosting): number {
  return compareText(a.validFrom, b.validFrom) || compareText(a.postedAt, b.postedAt) || compareText(a.txId, b.txId);
}

/** A firm quote's status at `time`: a LOCKED quote past its expiry is EXPIRED. */
export function effectiveQuoteStatus(quote: FirmQuote, time: string): FirmQuoteStatus {
  return quote.status === 'LOCKED' && quote.expiresAt <= time ? 'EXPIRED' : quote.status;
}

/** The expiry of a new firm quote is in the future and within MAX_QUOTE_LIFETIME_MS. */
export function checkQuoteExpiry(expiresAt: string, now: string): void {
  if (expiresAt <= now) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `expiresAt ${expiresAt} must be after the transaction time ${now}`);
  }
  if (Date.parse(expiresAt) - Date.parse(now) > MAX_QUOTE_LIFETIME_MS) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `a firm quote is held for at most 7 days, ${expiresAt} is later`);
  }
}

/** A quote can be used or cancelled only while LOCKED and unexpired. */
export function checkQuoteOpen(quote: FirmQuote, time: string): void {
  switch (effectiveQuoteStatus(quote, time)) {
    case 'LOCKED':
      return;
    case 'USED':
      throw new XborderError(ErrorCodes.FX_QUOTE_ALREADY_USED, `firm quote ${quote.quoteId} was used in ${quote.usedTxId}`);
    case 'EXPIRED':
      throw new XborderError(ErrorCodes.FX_QUOTE_EXPIRED, `firm quote ${quote.quoteId} expired at ${quote.expiresAt}`);
    case 'CANCELLED':
      throw new XborderError(ErrorCodes.INVALID_STATE, `firm quote ${quote.quoteId} was cancelled at ${quote.cancelledAt}`);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
