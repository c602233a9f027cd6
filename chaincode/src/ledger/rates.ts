import { Context } from 'fabric-contract-api';
import { candidateDays, checkQuoteOpen, compareRatePostings, rateDay, selectCurrentRate } from '../domain/fx';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { FirmQuote, RatePosting } from '@xborder/model/fx';
import type { Page } from '@xborder/model/paging';
import { recordKind } from './records';
import { AFTER_EVERY_KEY, PageRequest, rangeKey, scanRangeJson, scanRangePage, writeJson } from './state';
import { txTime } from './time';

/**
 * The FX rate book.
 *   fx-rate|<base>|<quote>|<source>|<day of validFrom>|<validFrom>|<postedAt>|<txId>   RatePosting (a range key, see state.rangeKey)
 *   fx-quote~<quoteId>                                                                FirmQuote
 * <source> is `lp:<partyId>` for a liquidity provider or `reference` for the
 * clearing house. Postings are never overwritten: each is a new key, so the
 * pair's history is the set of its keys and posting never conflicts with
 * posting. Filing by (source, day) lets a transaction find the rate in force
 * with two small range reads (yesterday's postings of one source, and today's
 * whose window started by the transaction time; a window lasts at most a
 * day), never the pair's whole history and never a rich query. Because the
 * range ends at the transaction time, a rate posted for later does not fall
 * into it: a settlement conflicts with a concurrent posting only when that
 * posting would have changed the rate it applies.
 */

const RATE = 'fx-rate';
const QUOTE = 'fx-quote';

/** The source segment of a rate key for a liquidity provider party. */
export function providerSource(partyId: string): string {
  return `lp:${partyId}`;
}

/** The source segment of a rate key for clearing house reference rates. */
export const REFERENCE_SOURCE = 'reference';

export function sourceOf(posting: RatePosting): string {
  return posting.source === 'CLEARING_HOUSE' ? REFERENCE_SOURCE : providerSource(posting.provider);
}

export async function putRatePosting(ctx: Context, posting: RatePosting): Promise<void> {
  const key = rangeKey(ctx, RATE, [posting.base, posting.quote, sourceOf(posting), rateDay(posting.validFrom), posting.validFrom, posting.postedAt, posting.txId]);
  await writeJson(ctx, key, posting);
}

/**
 * The posting of one source in force at `time` (usually the transaction
 * time). Safe inside a writing transaction: it reads two bounded ranges, each
 * ending at the postings whose window starts at `time`.
 */
export async function findSourceRate(ctx: Context, base: string, quote: string, source: string, time: string): Promise<RatePosting | undefined> {
  const postings: RatePosting[] = [];
  for (const day of candidateDays(time)) {
    const start = rangeKey(ctx, RATE, [base, quote, source, day]);
    const startedBy = rangeKey(ctx, RATE, [base, quote, source, day, time]) + AFTER_EVERY_KEY;
    postings.push(...(await scanRangeJson<RatePosting>(ctx, start, startedBy)).map((row) => row.value));
  }
  return selectCurrentRate(postings, time);
}

/** Like findSourceRate but RATE_NOT_FOUND when none is in force. */
export async function requireSourceRate(ctx: Context, base: string, quote: string, source: string, time: string): Promise<RatePosting> {
  const posting = await findSourceRate(ctx, base, quote, source, time);
  if (!posting) {
    const who = source === REFERENCE_SOURCE ? 'the clearing house' : source.slice('lp:'.length);
    throw new XborderError(ErrorCodes.RATE_NOT_FOUND, `no ${base}/${quote} rate of ${who} is valid at ${time}`);
  }
  return posting;
}

/** A page of the pair's postings in key order: by source, then day of validity, then posting. */
export async function pairHistoryPage(ctx: Context, base: string, quote: string, request: PageRequest): Promise<Page<RatePosting>> {
  const start = rangeKey(ctx, RATE, [base, quote]);
  const { rows, bookmark } = await scanRangePage<RatePosting>(ctx, start, start + AFTER_EVERY_KEY, request);
  return { records: rows.map((row) => row.value), bookmark };
}

/** Every posting of the pair from every source, in history order. Scans the pair: for queries. */
export async function pairHistory(ctx: Context, base: string, quote: string): Promise<RatePosting[]> {
  const start = rangeKey(ctx, RATE, [base, quote]);
  return (await scanRangeJson<RatePosting>(ctx, start, start + AFTER_EVERY_KEY)).map((row) => row.value).sort(compareRatePostings);
}

export const {
  get: getFirmQuote,
  require: requireFirmQuote,
  put: putFirmQuote,
} = recordKind<FirmQuote>(QUOTE, (quote) => quote.quoteId, (quoteId) => `firm quote ${quoteId} does not exist`);

/**
 * Consumes a firm quote for the settlement of `usedFor` (e.g. an order id):
 * NOT_FOUND, FX_QUOTE_ALREADY_USED, FX_QUOTE_EXPIRED or INVALID_STATE
 * (cancelled) otherwise. Two transactions using one quote both read and write
 * its key, so MVCC validation lets at most one commit: a quote is used once.
 * It emits no event: the calling transaction's own event reports the use.
 */
export async function useFirmQuote(ctx: Context, quoteId: string, usedFor: string): Promise<FirmQuote> {
  const quote = await requireFirmQuote(ctx, quoteId);
  const now = txTime(ctx);
  checkQuoteOpen(quote, now);
  const used: FirmQuote = { ...quote, status: 'USED', usedAt: now, usedFor, usedTxId: ctx.stub.getTxID() };
  await putFirmQuote(ctx, used);
  return used;
}
