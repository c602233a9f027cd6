import fc from 'fast-check';
import {
  candidateDays,
  checkImprovedRate,
  checkQuoteExpiry,
  checkQuoteOpen,
  checkRatePosting,
  convert,
  effectiveQuoteStatus,
  priceFirmQuote,
  selectCurrentRate,
  sideRate,
} from '../../../../chaincode/src/domain/fx';
import { ErrorCodes } from '../../../../model/src/errors';
import { FirmQuote, parseRate, RatePosting } from '../../../../model/src/fx';
import { codeOf } from '../expect-error';

describe('convert', () => {
  const rate = (text: string): bigint => parseRate(text);

  it('respects both minor units', () => {
    // 1.00 USD at 7.1 CNY = 7.10 CNY
    expect(convert(100n, { from: 2, to: 2 }, rate('7.1'), 'BASE_TO_QUOTE', 'PROVIDER')).toBe(710n);
    // 12.34 USD at 150.5 JPY = 1857.17 JPY: yen have no minor units
    expect(convert(1234n, { from: 2, to: 0 }, rate('150.5'), 'BASE_TO_QUOTE', 'PROVIDER')).toBe(1857n);
    expect(convert(1234n, { from: 2, to: 0 }, rate('150.5'), 'BASE_TO_QUOTE', 'TAKER')).toBe(1858n);
    // 1.000 KWD at 3.25 USD = 3.25 USD
    expect(convert(1000n, { from: 3, to: 2 }, rate('3.25'), 'BASE_TO_QUOTE', 'PROVIDER')).toBe(325n);
  });

  it('divides for quote to base and rounds towards the provider', () => {
    // 1000 JPY at 150 JPY per USD = 6.666... USD
    expect(convert(1000n, { from: 0, to: 2 }, rate('150'), 'QUOTE_TO_BASE', 'PROVIDER')).toBe(666n);
    expect(convert(1000n, { from: 0, to: 2 }, rate('150'), 'QUOTE_TO_BASE', 'TAKER')).toBe(667n);
    // exact results do not move
    expect(convert(710n, { from: 2, to: 2 }, rate('7.1'), 'QUOTE_TO_BASE', 'TAKER')).toBe(100n);
  });

  it('keeps rounding within one minor unit, provider-paid below taker-paid', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }),
        fc.bigInt({ min: 1n, max: 10n ** 16n }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('BASE_TO_QUOTE' as const, 'QUOTE_TO_BASE' as const),
        (amount, scaledRate, from, to, direction) => {
          const down = convert(amount, { from, to }, scaledRate, direction, 'PROVIDER');
          const up = convert(amount, { from, to }, scaledRate, direction, 'TAKER');
          expect(up - down === 0n || up - down === 1n).toBe(true);
        },
      ),
    );
  });

  it('never pays out more on a round trip than went in', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 14n }), (amount, scaledRate) => {
        const quote = convert(amount, { from: 2, to: 0 }, scaledRate, 'BASE_TO_QUOTE', 'PROVIDER');
        const back = convert(quote, { from: 0, to: 2 }, scaledRate, 'QUOTE_TO_BASE', 'PROVIDER');
        expect(back <= amount).toBe(true);
      }),
    );
  });
});

describe('firm quote pricing', () => {
  const posting = { bid: '7.1', ask: '7.2' } as RatePosting;

  it('sells at the bid rounding down and buys at the ask rounding up', () => {
    expect(sideRate(posting, 'SELL')).toBe(parseRate('7.1'));
    expect(sideRate(posting, 'BUY')).toBe(parseRate('7.2'));
    expect(priceFirmQuote('SELL', 333n, { base: 2, quote: 0 }, parseRate('7.1'))).toBe(23n); // 3.33 at 7.1 = 23.643
    expect(priceFirmQuote('BUY', 333n, { base: 2, quote: 0 }, parseRate('7.2'))).toBe(24n); // 3.33 at 7.2 = 23.976
  });

  it('rejects an amount worth less than one minor unit', () => {
    expect(codeOf(() => priceFirmQuote('SELL', 1n, { base: 0, quote: 2 }, parseRate('0.001')))).toBe(ErrorCodes.INVALID_AMOUNT);
  });

  it('allows only rates at least as good for the taker as posted', () => {
    expect(() => checkImprovedRate('SELL', parseRate('7.1'), parseRate('7.15'))).not.toThrow();
    expect(() => checkImprovedRate('BUY', parseRate('7.2'), parseRate('7.15'))).not.toThrow();
    expect(() => checkImprovedRate('BUY', parseRate('7.2'), parseRate('7.2'))).not.toThrow();
    expect(codeOf(() => checkImprovedRate('SELL', parseRate('7.1'), parseRate('7.09')))).toBe(ErrorCodes.INVALID_RATE);
    expect(codeOf(() => checkImprovedRate('BUY', parseRate('7.2'), parseRate('7.21')))).toBe(ErrorCodes.INVALID_RATE);
  });
});

describe('checkRatePosting', () => {
  const now = '2026-03-01T00:00:00.000Z';
  const one = parseRate('1');
  const two = parseRate('2');

  it('accepts a window of exactly 24 hours and a one-sided market', () => {
    expect(() => checkRatePosting(one, two, now, '2026-03-02T00:00:00.000Z', now)).not.toThrow();
    expect(() => checkRatePosting(one, one, now, '2026-03-01T00:00:01.000Z', now)).not.toThrow();
  });

  it.each([
    ['a crossed market', two, one, now, '2026-03-01T01:00:00.000Z', ErrorCodes.INVALID_RATE],
    ['an empty window', one, two, now, now, ErrorCodes.INVALID_ARGUMENT],
    ['a reversed window', one, two, '2026-03-01T02:00:00.000Z', '2026-03-01T01:00:00.000Z', ErrorCodes.INVALID_ARGUMENT],
    ['a window over 24 hours', one, two, now, '2026-03-02T00:00:00.001Z', ErrorCodes.INVALID_ARGUMENT],
    ['a window already over', one, two, '2026-02-28T23:00:00.000Z', now, ErrorCodes.INVALID_ARGUMENT],
  ])('rejects %s', (_name, bid, ask, from, until, code) => {
    expect(codeOf(() => checkRatePosting(bid, ask, from, until, now))).toBe(code);
  });
});

describe('candidateDays', () => {
  it.each([
    ['2026-03-01T10:00:00.000Z', ['2026-02-28', '2026-03-01']],
    ['2026-01-01T00:00:00.000Z', ['2025-12-31', '2026-01-01']],
    ['2028-03-01T23:59:59.999Z', ['2028-02-29', '2028-03-01']],
  ])('looks at the day of %s and the one before', (time, days) => {
    expect(candidateDays(time)).toEqual(days);
  });
});

describe('selectCurrentRate', () => {
  const posting = (validFrom: string, validUntil: string, postedAt: string, txId: string): RatePosting => ({
    base: 'USD',
    quote: 'CNY',
    bid: '7.1',
    ask: '7.2',
    validFrom,
    validUntil,
    source: 'LIQUIDITY_PROVIDER',
    provider: 'LP1',
    mspId: 'CNBankMSP',
    postedAt,
    txId,
  });
  const early = posting('2026-03-01T00:00:00.000Z', '2026-03-01T02:00:00.000Z', '2026-03-01T00:00:00.000Z', 'a');
  const late = posting('2026-03-01T01:00:00.000Z', '2026-03-01T03:00:00.000Z', '2026-02-28T00:00:00.000Z', 'b');
  const repost = posting('2026-03-01T01:00:00.000Z', '2026-03-01T01:30:00.000Z', '2026-03-01T00:30:00.000Z', 'c');
  const sameTime = posting('2026-03-01T01:00:00.000Z', '2026-03-01T01:30:00.000Z', '2026-03-01T00:30:00.000Z', 'd');

  it('picks the window that started last, then the later posting, then the larger tx id', () => {
    expect(selectCurrentRate([early, late], '2026-03-01T00:30:00.000Z')).toBe(early);
    expect(selectCurrentRate([late, early], '2026-03-01T01:00:00.000Z')).toBe(late);
    expect(selectCurrentRate([early, repost, late], '2026-03-01T01:10:00.000Z')).toBe(repost);
    expect(selectCurrentRate([sameTime, repost], '2026-03-01T01:10:00.000Z')).toBe(sameTime);
    expect(selectCurrentRate([repost, sameTime], '2026-03-01T01:10:00.000Z')).toBe(sameTime);
  });

  it('treats validUntil as exclusive and finds nothing outside every window', () => {
    expect(selectCurrentRate([early], '2026-03-01T02:00:00.000Z')).toBeUndefined();
    expect(selectCurrentRate([early], '2026-02-28T23:59:59.999Z')).toBeUndefined();
    expect(selectCurrentRate([], '2026-03-01T00:00:00.000Z')).toBeUndefined();
  });
});

describe('firm quote lifecycle', () => {
  const quote: FirmQuote = {
    quoteId: 'q1',
    provider: 'LP1',
    base: 'USD',
    quote: 'CNY',
    side: 'SELL',
    baseAmount: '100',
    quoteAmount: '710',
    rate: '7.1',
    postingTxId: 'p1',
    lockedAt: '2026-03-01T00:00:00.000Z',
    expiresAt: '2026-03-01T01:00:00.000Z',
    status: 'LOCKED',
  };

  it('reads as EXPIRED from the expiry on, without a write', () => {
    expect(effectiveQuoteStatus(quote, '2026-03-01T00:59:59.999Z')).toBe('LOCKED');
    expect(effectiveQuoteStatus(quote, '2026-03-01T01:00:00.000Z')).toBe('EXPIRED');
    expect(effectiveQuoteStatus({ ...quote, status: 'USED' }, '2026-03-02T00:00:00.000Z')).toBe('USED');
  });

  it('is open only while LOCKED and unexpired', () => {
    expect(() => checkQuoteOpen(quote, '2026-03-01T00:30:00.000Z')).not.toThrow();
    expect(codeOf(() => checkQuoteOpen(quote, '2026-03-01T01:00:00.000Z'))).toBe(ErrorCodes.FX_QUOTE_EXPIRED);
    expect(codeOf(() => checkQuoteOpen({ ...quote, status: 'USED' }, '2026-03-01T00:30:00.000Z'))).toBe(ErrorCodes.FX_QUOTE_ALREADY_USED);
    expect(codeOf(() => checkQuoteOpen({ ...quote, status: 'CANCELLED' }, '2026-03-01T00:30:00.000Z'))).toBe(ErrorCodes.INVALID_STATE);
  });

  it('needs an expiry after now and within 7 days', () => {
    const now = '2026-03-01T00:00:00.000Z';
    expect(() => checkQuoteExpiry('2026-03-08T00:00:00.000Z', now)).not.toThrow();
    expect(codeOf(() => checkQuoteExpiry(now, now))).toBe(ErrorCodes.INVALID_ARGUMENT);
    expect(codeOf(() => checkQuoteExpiry('2026-03-08T00:00:00.001Z', now))).toBe(ErrorCodes.INVALID_ARGUMENT);
  });
});
