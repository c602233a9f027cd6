import fc from 'fast-check';
import { ErrorCodes } from '../../../../model/src/errors';
import {
  formatRate,
  parseCancelQuoteInput,
  parseLockQuoteInput,
  parsePostRateInput,
  parseRate,
  RATE_SCALE,
} from '../../../../model/src/fx';
import { codeOf } from '../expect-error';

describe('parseRate and formatRate', () => {
  it.each([
    ['7.1234', 71_234_000_000n],
    ['1', 10_000_000_000n],
    ['0.0000000001', 1n],
    ['7.10', 71_000_000_000n],
    ['999999999999.9999999999', 9_999_999_999_999_999_999_999n],
  ])('parses %s', (text, scaled) => {
    expect(parseRate(text)).toBe(scaled);
  });

  it.each([['0'], ['0.0'], ['0.0000000000'], ['1e3'], ['0x10'], ['-1'], ['+1'], ['01'], ['1.'], ['.5'], [' 1'], ['1 '], ['1,5'], ['1.12345678901'], ['1234567890123'], [''], ['NaN'], ['Infinity']])(
    'rejects "%s" with INVALID_RATE',
    (text) => {
      expect(codeOf(() => parseRate(text))).toBe(ErrorCodes.INVALID_RATE);
    },
  );

  it.each([[7.1], [1], [null], [undefined], [{}], [10n]])('rejects the non-string %p', (value) => {
    expect(codeOf(() => parseRate(value))).toBe(ErrorCodes.INVALID_RATE);
  });

  it('formats without trailing zeros', () => {
    expect(formatRate(71_234_000_000n)).toBe('7.1234');
    expect(formatRate(RATE_SCALE)).toBe('1');
    expect(formatRate(1n)).toBe('0.0000000001');
    expect(formatRate(10n * RATE_SCALE + 5n)).toBe('10.0000000005');
  });

  it('round-trips every rate it can represent', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 22n - 1n }), (scaled) => {
        expect(parseRate(formatRate(scaled))).toBe(scaled);
      }),
    );
  });
});

describe('parsePostRateInput', () => {
  const valid = { base: 'USD', quote: 'CNY', bid: '7.10', ask: '7.2', validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-03-01T01:00:00.000Z' };

  it('parses rates to scaled integers and times to their canonical form', () => {
    expect(parsePostRateInput(JSON.stringify({ ...valid, provider: 'LP1' }))).toEqual({
      base: 'USD',
      quote: 'CNY',
      bid: 71_000_000_000n,
      ask: 72_000_000_000n,
      validFrom: '2026-03-01T00:00:00.000Z',
      validUntil: '2026-03-01T01:00:00.000Z',
      provider: 'LP1',
    });
    expect(parsePostRateInput(JSON.stringify(valid))).not.toHaveProperty('provider');
  });

  it.each([
    ['malformed JSON', '{', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', JSON.stringify({ ...valid, mid: '7.15' }), ErrorCodes.INVALID_ARGUMENT],
    ['a missing bid', JSON.stringify({ ...valid, bid: undefined }), ErrorCodes.INVALID_ARGUMENT],
    ['one currency twice', JSON.stringify({ ...valid, quote: 'USD' }), ErrorCodes.INVALID_ARGUMENT],
    ['a local time', JSON.stringify({ ...valid, validFrom: '2026-03-01T00:00:00+01:00' }), ErrorCodes.INVALID_ARGUMENT],
    ['an impossible date', JSON.stringify({ ...valid, validUntil: '2026-02-30T00:00:00Z' }), ErrorCodes.INVALID_ARGUMENT],
    ['a bad provider id', JSON.stringify({ ...valid, provider: 'L P' }), ErrorCodes.INVALID_ARGUMENT],
    ['a numeric bid', JSON.stringify({ ...valid, bid: 7.1 }), ErrorCodes.INVALID_RATE],
    ['an ask with 11 decimals', JSON.stringify({ ...valid, ask: '7.12345678901' }), ErrorCodes.INVALID_RATE],
  ])('rejects %s', (_name, json, code) => {
    expect(codeOf(() => parsePostRateInput(json))).toBe(code);
  });
});

describe('parseLockQuoteInput and parseCancelQuoteInput', () => {
  const valid = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: '100000', expiresAt: '2026-03-01T01:00:00Z' };

  it('parses a quote request with and without a rate', () => {
    expect(parseLockQuoteInput(JSON.stringify(valid))).toEqual({ ...valid, amount: 100000n, expiresAt: '2026-03-01T01:00:00.000Z' });
    expect(parseLockQuoteInput(JSON.stringify({ ...valid, rate: '7.15' })).rate).toBe(71_500_000_000n);
    expect(parseCancelQuoteInput(JSON.stringify({ quoteId: 'tx0001' }))).toEqual({ quoteId: 'tx0001' });
  });

  it.each([
    ['an unknown side', JSON.stringify({ ...valid, side: 'HOLD' }), ErrorCodes.INVALID_ARGUMENT],
    ['a fractional amount', JSON.stringify({ ...valid, amount: '1.5' }), ErrorCodes.INVALID_AMOUNT],
    ['a null rate', JSON.stringify({ ...valid, rate: null }), ErrorCodes.INVALID_ARGUMENT],
    ['a zero rate', JSON.stringify({ ...valid, rate: '0' }), ErrorCodes.INVALID_RATE],
    ['one currency twice', JSON.stringify({ ...valid, base: 'CNY' }), ErrorCodes.INVALID_ARGUMENT],
  ])('lockQuote rejects %s', (_name, json, code) => {
    expect(codeOf(() => parseLockQuoteInput(json))).toBe(code);
  });

  it.each([['{}'], [JSON.stringify({ quoteId: 'a/b' })], [JSON.stringify({ quoteId: 'q', extra: 1 })]])('cancelQuote rejects %s', (json) => {
    expect(codeOf(() => parseCancelQuoteInput(json))).toBe(ErrorCodes.INVALID_ARGUMENT);
  });
});
