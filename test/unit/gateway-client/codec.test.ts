import { decodeJson, encodeArgument, toAmounts } from '../../../gateway-client/src/codec';

describe('encodeArgument', () => {
  it('writes bigints as decimal strings and leaves out undefined fields', () => {
    expect(encodeArgument({ currency: 'USD', amount: 12_500n, idempotencyKey: undefined, nested: [{ fee: 1n }] })).toBe(
      '{"currency":"USD","amount":"12500","nested":[{"fee":"1"}]}',
    );
  });

  it('keeps amounts beyond 2^53 exact', () => {
    expect(encodeArgument({ amount: 9_223_372_036_854_775_807n })).toBe('{"amount":"9223372036854775807"}');
  });

  it('refuses non-integer numbers', () => {
    expect(() => encodeArgument({ amount: 1.5 })).toThrow(/non-integer number 1.5/);
    expect(encodeArgument({ validForSeconds: 3600 })).toBe('{"validForSeconds":3600}');
  });
});

describe('decodeJson', () => {
  it('parses JSON results and treats an empty result as undefined', () => {
    expect(decodeJson(new TextEncoder().encode('{"a":1}'))).toEqual({ a: 1 });
    expect(decodeJson(new Uint8Array())).toBeUndefined();
  });
});

describe('toAmounts', () => {
  it('turns the named fields into bigint and leaves the rest', () => {
    expect(toAmounts({ amount: '9223372036854775807', currency: 'USD' }, ['amount'])).toEqual({ amount: 9_223_372_036_854_775_807n, currency: 'USD' });
  });

  it('refuses a field that is not a decimal amount', () => {
    expect(() => toAmounts({ amount: '1.5' }, ['amount'])).toThrow(/not a decimal amount/);
  });
});
