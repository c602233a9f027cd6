import { errorOf } from '../expect-error';
import { ErrorCodes, XborderError } from '../../../../model/src/errors';
import { MAX_JSON_LENGTH, checkIsoTime, checkOneOf, checkString, parseJson } from '../../../../model/src/fields';
import {
  amount,
  boolean,
  integer,
  isoTime,
  jsonArgument,
  list,
  object,
  oneOf,
  optional,
  refine,
  Shape,
  text,
  variants,
  withDefault,
} from '../../../../model/src/schema';

describe('shapes', () => {
  const shape = object({
    a: text({ max: 5 }),
    b: boolean(),
    n: optional(integer(0, 5)),
    e: oneOf(['X', 'Y']),
    l: list(text({ max: 1 }), { min: 1, max: 2, distinct: true }),
    o: object({ k: text({ max: 1 }) }),
    ol: list(object({ k: text({ max: 1 }) }), { min: 1, max: 1 }),
    d: withDefault(oneOf(['P', 'Q']), 'Q'),
  });

  it('reads typed fields of a strict object', () => {
    const argument = jsonArgument('in', shape);
    expect(argument.parse('{"a":"x","b":true,"n":3,"e":"Y","l":["p","q"],"o":{"k":"v"},"ol":[{"k":"w"}]}')).toEqual({
      a: 'x',
      b: true,
      n: 3,
      e: 'Y',
      l: ['p', 'q'],
      o: { k: 'v' },
      ol: [{ k: 'w' }],
      d: 'Q',
    });
  });

  it('leaves absent optional fields out and fills defaults', () => {
    const parsed = object({ n: optional(integer(0, 1)), d: withDefault(integer(0, 9), 7) }).read({}, 'in');
    expect(parsed).toEqual({ d: 7 });
    expect('n' in parsed).toBe(false);
  });

  it.each([
    [42, 'in must be a JSON string'],
    ['{', 'in is not valid JSON'],
    ['[]', 'in must be a JSON object'],
    ['null', 'in must be a JSON object'],
    ['{"z":1,"y":2}', 'in has unknown field(s) y, z; allowed: a'],
    ['{"__proto__":{"a":1}}', 'in has unknown field(s) __proto__; allowed: a'],
  ])('rejects %p', (json, detail) => {
    expect(errorOf(() => jsonArgument('in', object({ a: optional(text({ max: 1 })) })).parse(json))).toBe(`INVALID_ARGUMENT: ${detail}`);
  });

  it('rejects oversized JSON before parsing it', () => {
    expect(errorOf(() => parseJson(`"${'x'.repeat(MAX_JSON_LENGTH)}"`, 'in'))).toContain('longer than');
  });

  it.each([
    ['{}', text({ max: 3 }), 'in.a is required'],
    ['{"a":null}', text({ max: 3 }), 'in.a is required'],
    ['{"a":1}', text({ max: 3 }), 'in.a must be a string'],
    ['{"a":""}', text({ max: 3 }), 'in.a must be non-empty without leading or trailing spaces'],
    ['{"a":" x"}', text({ max: 3 }), 'in.a must be non-empty without leading or trailing spaces'],
    ['{"a":"xxxx"}', text({ max: 3 }), 'in.a must be at most 3 characters'],
    ['{"a":"x\\u0007"}', text({ max: 3 }), 'in.a must not contain control characters'],
    ['{"a":"x"}', text({ max: 3, pattern: /^[0-9]$/ }), 'in.a must be a string matching ^[0-9]$'],
    ['{"a":"x"}', text({ max: 3, pattern: /^[0-9]$/, expected: 'a digit' }), 'in.a must be a digit'],
    ['{"a":"true"}', boolean(), 'in.a must be true or false'],
    ['{"a":1.5}', integer(0, 5), 'in.a must be an integer from 0 to 5'],
    ['{"a":6}', integer(0, 5), 'in.a must be an integer from 0 to 5'],
    ['{"a":"6"}', integer(0, 5), 'in.a must be an integer from 0 to 5'],
    ['{"a":"Z"}', oneOf(['X', 'Y']), 'in.a must be one of X, Y'],
    ['{"a":"X"}', list(text({ max: 1 }), { min: 1, max: 2 }), 'in.a must be a list'],
    ['{"a":[]}', list(text({ max: 1 }), { min: 1, max: 2 }), 'in.a must have 1 to 2 items'],
    ['{"a":["x","x"]}', list(text({ max: 1 }), { min: 1, max: 2, distinct: true }), 'in.a must not repeat an item'],
    ['{"a":["x",2]}', list(text({ max: 1 }), { min: 1, max: 2 }), 'in.a[1] must be a string'],
    ['{"a":["Q"]}', list(oneOf(['X']), { min: 1, max: 2 }), 'in.a[0] must be one of X'],
    ['{"a":{"b":1}}', object({}), 'in.a has unknown field(s) b; allowed: '],
    ['{"a":[1]}', list(object({}), { min: 1, max: 1 }), 'in.a[0] must be a JSON object'],
    ['{"a":"1.5"}', amount(), 'in.a must be a decimal string of minor units, got "1.5"'],
    ['{"a":"0"}', amount(), 'in.a must be greater than zero'],
    ['{"a":"2026-02-30T00:00:00Z"}', isoTime(), 'in.a is not a valid calendar time'],
  ])('rejects field input %s', (json, field: Shape<unknown>, detail) => {
    const code = detail.includes('minor units') || detail.includes('greater than zero') ? 'INVALID_AMOUNT' : 'INVALID_ARGUMENT';
    expect(errorOf(() => jsonArgument('in', object({ a: field })).parse(json))).toBe(`${code}: ${detail}`);
  });

  it('reads a variant by its tag, and names what that variant allows', () => {
    const tagged = variants('kind', { A: object({ kind: oneOf(['A']), x: integer(0, 1) }), B: object({ kind: oneOf(['B']), y: boolean() }) });
    expect(tagged.read({ kind: 'B', y: true }, 'in')).toEqual({ kind: 'B', y: true });
    expect(errorOf(() => tagged.read({ kind: 'C' }, 'in'))).toBe('INVALID_ARGUMENT: in.kind must be one of A, B');
    expect(errorOf(() => tagged.read({ kind: 'A', y: true }, 'in'))).toBe('INVALID_ARGUMENT: in has unknown field(s) y; allowed: kind, x');
  });

  it('runs a refinement after the fields and says it in the schema', () => {
    const ordered = refine(object({ low: integer(0, 9), high: integer(0, 9) }), 'low <= high', (range, path) => {
      if (range.low > range.high) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path} must have low <= high`);
      }
      return range;
    });
    expect(ordered.read({ low: 1, high: 2 }, 'in')).toEqual({ low: 1, high: 2 });
    expect(errorOf(() => ordered.read({ low: 3, high: 2 }, 'in'))).toBe('INVALID_ARGUMENT: in must have low <= high');
    expect(ordered.schema.description).toBe('low <= high');
  });

  it('never echoes the rejected value', () => {
    const secret = 'Very Secret Holdings';
    const message = errorOf(() => jsonArgument('in', object({ a: text({ max: 5 }) })).parse(`{"a":"${secret}"}`));
    expect(message).not.toContain(secret);
  });

  it('describes itself as JSON Schema', () => {
    expect(shape.schema).toMatchObject({
      type: 'object',
      required: ['a', 'b', 'e', 'l', 'o', 'ol'],
      additionalProperties: false,
      properties: {
        a: { type: 'string', minLength: 1, maxLength: 5 },
        n: { type: 'integer', minimum: 0, maximum: 5 },
        e: { type: 'string', enum: ['X', 'Y'] },
        l: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true },
        d: { enum: ['P', 'Q'], default: 'Q' },
      },
    });
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
