import { CURRENCY_CODE } from './consortium';
import { ErrorCodes, XborderError } from './errors';
import { PARTY_ID } from './party';
import { amount, isoTime, jsonArgument, object, oneOf, optional, refine, Shape, text } from './schema';

/**
 * A rate is the price of one unit of `base` in `quote` (major units): the pair
 * USD/CNY at 7.1 means 1 USD = 7.1 CNY. Bid is what the liquidity provider
 * pays in quote for one base, ask what it charges; bid <= ask. Rates live here
 * rather than in the domain because the gateway client parses and formats
 * them the same way.
 *
 * Rates carry at most 10 decimals and are computed as integers scaled by 10^10. */
export const RATE_DECIMALS = 10;
export const RATE_SCALE = 10n ** BigInt(RATE_DECIMALS);

/** Up to 12 integer digits (1 KWD is about 80,000 VND, far below) and up to 10 decimals. */
const RATE_TEXT = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,10})?$/;

/**
 * Parses a positive decimal rate ("7.1234") into an integer scaled by 10^10.
 * Rejects numbers (floats cannot hold 10 decimals exactly), exponents, signs,
 * leading zeros, padding, a bare or trailing dot, more than 10 decimals and zero.
 */
export function parseRate(value: unknown, field = 'rate'): bigint {
  if (typeof value !== 'string' || !RATE_TEXT.test(value)) {
    throw new XborderError(
      ErrorCodes.INVALID_RATE,
      `${field} must be a decimal string with at most 12 integer digits and ${RATE_DECIMALS} decimals, got ${describe(value)}`,
    );
  }
  const [whole, fraction = ''] = value.split('.');
  const scaled = BigInt(whole) * RATE_SCALE + BigInt(fraction.padEnd(RATE_DECIMALS, '0'));
  if (scaled === 0n) {
    throw new XborderError(ErrorCodes.INVALID_RATE, `${field} must be greater than zero`);
  }
  return scaled;
}

/** The canonical text of a scaled rate: no trailing zeros, no dot for whole numbers. */
export function formatRate(scaled: bigint): string {
  const whole = scaled / RATE_SCALE;
  const fraction = (scaled % RATE_SCALE).toString().padStart(RATE_DECIMALS, '0').replace(/0+$/, '');
  return fraction.length > 0 ? `${whole}.${fraction}` : whole.toString();
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"` : typeof value;
}

/** Who posted a rate: a liquidity provider party, or the clearing house publishing a reference rate. */
export const RATE_SOURCES = ['LIQUIDITY_PROVIDER', 'CLEARING_HOUSE'] as const;
export type RateSource = (typeof RATE_SOURCES)[number];

/** A posted rate; postings are never overwritten, so the set of them is the pair's history. */
export interface RatePosting {
  base: string;
  quote: string;
  /** Decimal strings normalised by formatRate (no trailing zeros). */
  bid: string;
  ask: string;
  validFrom: string;
  /** Exclusive: the rate applies while validFrom <= time < validUntil. */
  validUntil: string;
  source: RateSource;
  /** The liquidity provider's party id, or the clearing house's MSP id for reference rates. */
  provider: string;
  mspId: string;
  postedAt: string;
  txId: string;
}

/**
 * The taker's side against the liquidity provider, in base currency: BUY = the
 * taker buys base and pays quote at the ask; SELL = the taker sells base and
 * receives quote at the bid.
 */
export const QUOTE_SIDES = ['BUY', 'SELL'] as const;
export type QuoteSide = (typeof QUOTE_SIDES)[number];

/** Stored statuses; a LOCKED quote past its expiry reads as EXPIRED without a write. */
export const FIRM_QUOTE_STATUSES = ['LOCKED', 'USED', 'CANCELLED', 'EXPIRED'] as const;
export type FirmQuoteStatus = (typeof FIRM_QUOTE_STATUSES)[number];

/** A rate a liquidity provider has locked for an amount until an expiry; usable once. */
export interface FirmQuote {
  /** The transaction id of lockQuote. */
  quoteId: string;
  provider: string;
  base: string;
  quote: string;
  side: QuoteSide;
  /** Base amount in base minor units. */
  baseAmount: string;
  /** Quote amount in quote minor units: what the taker receives (SELL) or pays (BUY), rounded towards the provider. */
  quoteAmount: string;
  rate: string;
  /** The rate posting the quote was priced from. */
  postingTxId: string;
  lockedAt: string;
  expiresAt: string;
  status: FirmQuoteStatus;
  usedAt?: string;
  /** What consumed it, e.g. the settlement's order id. */
  usedFor?: string;
  usedTxId?: string;
  cancelledAt?: string;
}

export interface PostRateInput {
  base: string;
  quote: string;
  bid: bigint;
  ask: bigint;
  validFrom: string;
  validUntil: string;
  /** The liquidity provider party posting; absent = the clearing house posts a reference rate. */
  provider?: string;
}

export interface LockQuoteInput {
  provider: string;
  base: string;
  quote: string;
  side: QuoteSide;
  amount: bigint;
  /** A rate better for the taker than the posted one (price improvement); absent = the posted rate. */
  rate?: bigint;
  expiresAt: string;
}

export interface CancelQuoteInput {
  quoteId: string;
}

/** Transaction ids and other opaque ids used as quote ids. */
export const QUOTE_ID = { max: 128, pattern: /^[A-Za-z0-9._-]+$/, expected: 'a quote id (the locking transaction id)' };

/** A rate as a decimal string (INVALID_RATE otherwise; see parseRate). */
export function rate(): Shape<bigint> {
  return {
    read: (value, path) => parseRate(value, path),
    schema: {
      type: 'string',
      pattern: RATE_TEXT.source,
      description: `a rate above zero as a decimal string, with at most 12 integer digits and ${RATE_DECIMALS} decimals`,
    },
  };
}

const differentCurrencies = <T extends { base: string; quote: string }>(pair: T): T => {
  checkPair(pair.base, pair.quote);
  return pair;
};

const POST_RATE = jsonArgument(
  'rate',
  refine(
    object({
      base: text(CURRENCY_CODE),
      quote: text(CURRENCY_CODE),
      bid: rate(),
      ask: rate(),
      validFrom: isoTime(),
      validUntil: isoTime(),
      provider: optional(text(PARTY_ID)),
    }),
    'base and quote must differ',
    differentCurrencies,
  ),
);
const LOCK_QUOTE = jsonArgument(
  'firmQuote',
  refine(
    object({
      provider: text(PARTY_ID),
      base: text(CURRENCY_CODE),
      quote: text(CURRENCY_CODE),
      side: oneOf(QUOTE_SIDES),
      amount: amount(),
      expiresAt: isoTime(),
      rate: optional(rate()),
    }),
    'base and quote must differ',
    differentCurrencies,
  ),
);
const CANCEL_QUOTE = jsonArgument('cancelQuote', object({ quoteId: text(QUOTE_ID) }));

/** The JSON arguments of the FX contract, for the published contract API. */
export const FX_ARGUMENTS = { POST_RATE, LOCK_QUOTE, CANCEL_QUOTE };

/** `{"base":"USD","quote":"CNY","bid":"7.1","ask":"7.2","validFrom":"...Z","validUntil":"...Z","provider"?:"LP1"}` */
export const parsePostRateInput: (json: unknown) => PostRateInput = POST_RATE.parse;

/** `{"provider":"LP1","base":"USD","quote":"CNY","side":"SELL","amount":"100000","rate"?:"7.15","expiresAt":"...Z"}` */
export const parseLockQuoteInput: (json: unknown) => LockQuoteInput = LOCK_QUOTE.parse;

/** `{"quoteId":"<lockQuote tx id>"}` */
export const parseCancelQuoteInput: (json: unknown) => CancelQuoteInput = CANCEL_QUOTE.parse;

function checkPair(base: string, quote: string): void {
  if (base === quote) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `a rate needs two different currencies, got ${base}/${quote}`);
  }
}
