import { builtinCurrency, checkCurrencyCode, ISO_4217_CURRENCIES, parseRegisterCurrencyInput } from '../../../../model/src/currency';
import { ErrorCodes } from '../../../../model/src/errors';
import { codeOf } from '../expect-error';

describe('the built-in ISO 4217 table', () => {
  it.each([
    ['CNY', 2],
    ['USD', 2],
    ['JPY', 0],
    ['EUR', 2],
    ['GBP', 2],
    ['HKD', 2],
    ['SGD', 2],
    ['KRW', 0],
    ['KWD', 3],
  ])('gives %s %i minor units', (code, minorUnits) => {
    expect(builtinCurrency(code)).toEqual({ code, name: expect.any(String), minorUnits, source: 'ISO4217' });
  });

  it('holds only three-letter codes with ISO exponents, and nothing inherited', () => {
    for (const [code, entry] of Object.entries(ISO_4217_CURRENCIES)) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(entry.minorUnits);
    }
    expect(builtinCurrency('KES')).toBeUndefined();
    expect(builtinCurrency('constructor')).toBeUndefined();
    expect(Object.isFrozen(ISO_4217_CURRENCIES)).toBe(true);
  });
});

describe('currency inputs', () => {
  it('checks the shape of a code', () => {
    expect(checkCurrencyCode('USD', 'currency')).toBe('USD');
    for (const bad of ['usd', 'US', 'USDT', ' USD', 840, null]) {
      expect(codeOf(() => checkCurrencyCode(bad, 'currency'))).toBe(ErrorCodes.INVALID_ARGUMENT);
    }
  });

  it('parses a registration', () => {
    expect(parseRegisterCurrencyInput('{"code":"KES","name":"Kenyan shilling","minorUnits":2}')).toEqual({ code: 'KES', name: 'Kenyan shilling', minorUnits: 2 });
    expect(parseRegisterCurrencyInput('{"code":"CLF","name":"Unidad de fomento","minorUnits":4}').minorUnits).toBe(4);
  });

  it.each([
    ['{"code":"KES","name":"K","minorUnits":-1}', ErrorCodes.INVALID_ARGUMENT],
    ['{"code":"KES","name":"K","minorUnits":1.5}', ErrorCodes.INVALID_ARGUMENT],
    ['{"code":"KES","name":"K"}', ErrorCodes.INVALID_ARGUMENT],
    ['{"code":"KES","minorUnits":2}', ErrorCodes.INVALID_ARGUMENT],
    ['{"code":"JPY","name":"Yen again","minorUnits":2}', ErrorCodes.ALREADY_EXISTS],
  ])('rejects %s', (json, code) => {
    expect(codeOf(() => parseRegisterCurrencyInput(json))).toBe(code);
  });
});
