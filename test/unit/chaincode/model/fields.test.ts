import { errorOf } from '../expect-error';
import { Fields, MAX_JSON_LENGTH, checkIsoTime, checkOneOf, checkString, parseJson } from '../../../../model/src/fields';

describe('Fields', () => {
  it('reads typed fields of a strict object', () => {
    const input = Fields.parse('{"a":"x","b":true,"n":3,"e":"Y","l":["p","q"],"o":{"k":"v"},"ol":[{"k":"w"}]}', 'in', ['a', 'b', 'n', 'e', 'l', 'o', 'ol']);
    expect(input.string('a', { max: 5 })).toBe('x');
    expect(input.boolean('b')).toBe(true);
    expect(input.optionalInteger('n', 0, 5)).toBe(3);
    expect(input.oneOf('e', ['X', 'Y'])).toBe('Y');
    expect(input.stringList('l', { min: 1, max: 2 }, { max: 1 })).toEqual(['p', 'q']);
    expect(input.object('o', ['k']).string('k', { max: 1 })).toBe('v');
    expect(input.objectList('ol', ['k'], { min: 1, max: 1 })[0].string('k', { max: 1 })).toBe('w');
    expect(input.names().sort()).toEqual(['a', 'b', 'e', 'l', 'n', 'o', 'ol']);
  });

  it('returns undefined for absent optional fields', () => {
    const input = Fields.parse('{}', 'in', ['a', 'b', 'n', 'e']);
    expect(input.optionalString('a', { max: 1 })).toBeUndefined();
    expect(input.optionalBoolean('b')).toBeUndefined();
    expect(input.optionalInteger('n', 0, 1)).toBeUndefined();
    expect(input.optionalOneOf('e', ['X'])).toBeUndefined();
  });

  it.each([
    [42, 'in must be a JSON string'],
    ['{', 'in is not valid JSON'],
    ['[]', 'in must be a JSON object'],
    ['null', 'in must be a JSON object'],
    ['{"z":1,"y":2}', 'in has unknown field(s) y, z; allowed: a'],
    ['{"__proto__":{"a":1}}', 'in has unknown field(s) __proto__; allowed: a'],
  ])('rejects %p', (json, detail) => {
    expect(errorOf(() => Fields.parse(json, 'in', ['a']))).toBe(`INVALID_ARGUMENT: ${detail}`);
  });

  it('rejects oversized JSON before parsing it', () => {
    expect(errorOf(() => parseJson(`"${'x'.repeat(MAX_JSON_LENGTH)}"`, 'in'))).toContain('longer than');
  });

  it.each([
    ['{}', (f: Fields) => f.string('a', { max: 3 }), 'in.a is required'],
    ['{"a":null}', (f: Fields) => f.string('a', { max: 3 }), 'in.a is required'],
    ['{"a":1}', (f: Fields) => f.string('a', { max: 3 }), 'in.a must be a string'],
    ['{"a":""}', (f: Fields) => f.string('a', { max: 3 }), 'in.a must be non-empty without leading or trailing spaces'],
    ['{"a":" x"}', (f: Fields) => f.string('a', { max: 3 }), 'in.a must be non-empty without leading or trailing spaces'],
    ['{"a":"xxxx"}', (f: Fields) => f.string('a', { max: 3 }), 'in.a must be at most 3 characters'],
    ['{"a":"x\\u0007"}', (f: Fields) => f.string('a', { max: 3 }), 'in.a must not contain control characters'],
    ['{"a":"x"}', (f: Fields) => f.string('a', { max: 3, pattern: /^[0-9]$/ }), 'in.a must be a string matching ^[0-9]$'],
    ['{"a":"x"}', (f: Fields) => f.string('a', { max: 3, pattern: /^[0-9]$/, expected: 'a digit' }), 'in.a must be a digit'],
    ['{"a":"true"}', (f: Fields) => f.boolean('a'), 'in.a must be true or false'],
    ['{"a":1.5}', (f: Fields) => f.optionalInteger('a', 0, 5), 'in.a must be an integer from 0 to 5'],
    ['{"a":6}', (f: Fields) => f.optionalInteger('a', 0, 5), 'in.a must be an integer from 0 to 5'],
    ['{"a":"6"}', (f: Fields) => f.optionalInteger('a', 0, 5), 'in.a must be an integer from 0 to 5'],
    ['{"a":"Z"}', (f: Fields) => f.oneOf('a', ['X', 'Y']), 'in.a must be one of X, Y'],
    ['{"a":"X"}', (f: Fields) => f.stringList('a', { min: 1, max: 2 }, { max: 1 }), 'in.a must be a list'],
    ['{"a":[]}', (f: Fields) => f.stringList('a', { min: 1, max: 2 }, { max: 1 }), 'in.a must have 1 to 2 items'],
    ['{"a":["x","x"]}', (f: Fields) => f.stringList('a', { min: 1, max: 2 }, { max: 1 }), 'in.a must not repeat an item'],
    ['{"a":["x",2]}', (f: Fields) => f.stringList('a', { min: 1, max: 2 }, { max: 1 }), 'in.a[1] must be a string'],
    ['{"a":["X","X"]}', (f: Fields) => f.oneOfList('a', ['X'], { min: 1, max: 2 }), 'in.a must not repeat an item'],
    ['{"a":["Q"]}', (f: Fields) => f.oneOfList('a', ['X'], { min: 1, max: 2 }), 'in.a[0] must be one of X'],
    ['{"a":{"b":1}}', (f: Fields) => f.object('a', []), 'in.a has unknown field(s) b; allowed: '],
    ['{"a":[1]}', (f: Fields) => f.objectList('a', [], { min: 1, max: 1 }), 'in.a[0] must be a JSON object'],
  ])('rejects field input %s', (json, read, detail) => {
    expect(errorOf(() => read(Fields.parse(json, 'in', ['a'])))).toBe(`INVALID_ARGUMENT: ${detail}`);
  });

  it('never echoes the rejected value', () => {
    const secret = 'Very Secret Holdings';
    const message = errorOf(() => Fields.parse(`{"a":"${secret}"}`, 'in', ['a']).string('a', { max: 5 }));
    expect(message).not.toContain(secret);
  });
});

describe('plain argument checks', () => {
  it('checks strings and enumerations', () => {
    expect(checkString('abc', 'p', { max: 3 })).toBe('abc');
    expect(checkOneOf('B', 'p', ['A', 'B'])).toBe('B');
    expect(errorOf(() => checkOneOf(3, 'p', ['A']))).toBe('INVALID_ARGUMENT: p must be one of A');
  });

  it('normalises ISO times and rejects impossible ones', () => {
    expect(checkIsoTime('2026-03-01T00:00:00Z', 't')).toBe('2026-03-01T00:00:00.000Z');
    expect(checkIsoTime('2026-03-01T10:20:30.123Z', 't')).toBe('2026-03-01T10:20:30.123Z');
    for (const bad of ['2026-02-30T00:00:00Z', '2026-03-01', '2026-03-01T00:00:00+01:00', '2026-13-01T00:00:00Z', 5]) {
      expect(errorOf(() => checkIsoTime(bad, 't'))).toMatch(/^INVALID_ARGUMENT: t /);
    }
  });
});
