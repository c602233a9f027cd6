import { parseAmount } from './amount';
import { ErrorCodes, XborderError } from './errors';
import { checkIsoTime, checkObject, checkOneOf, checkString, parseJson, StringRule } from './fields';

/**
 * Shapes: each transaction argument is described once, as a shape, and the
 * shape is both the parser (the chaincode and the client run it) and the JSON
 * Schema the chaincode publishes (`Api:describe`). There is no second copy of
 * a rule to drift: a field's length, pattern, values and optionality live in
 * one place.
 *
 * A shape reads a parsed JSON value and throws the XborderError the chaincode
 * answers with, naming the field's path and never its value (some values are
 * personal data). What JSON Schema cannot say (one field depending on another,
 * a total) is a refinement: code in the parser, a sentence in the schema's
 * description.
 */
export interface Shape<T> {
  /** Checks `value` found at `path` (`mint.amount`) and returns it typed; throws otherwise. */
  readonly read: (value: unknown, path: string) => T;
  /** The JSON Schema (draft 2020-12) of the value's wire form. */
  readonly schema: JsonSchema;
}

export type JsonSchema = { readonly [keyword: string]: unknown };

/** A field an object may leave out; with a fallback the parsed value always has it. */
export interface OptionalField<T, Filled extends boolean> {
  readonly shape: Shape<T>;
  readonly fallback: Filled extends true ? T : undefined;
  readonly filled: Filled;
}

type FieldSpec = Shape<unknown> | OptionalField<unknown, boolean>;
type FieldSpecs = Readonly<Record<string, FieldSpec>>;
type ValueOf<S> = S extends Shape<infer T> ? T : S extends OptionalField<infer T, boolean> ? T : never;
type LeftOut<F extends FieldSpecs> = { [K in keyof F]: F[K] extends OptionalField<unknown, false> ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & unknown;
/** The parsed value of an object shape: required and defaulted fields always, the others when given. */
export type ObjectOf<F extends FieldSpecs> = Simplify<
  { [K in Exclude<keyof F, LeftOut<F>>]: ValueOf<F[K]> } & { [K in LeftOut<F>]?: ValueOf<F[K]> }
>;

/**
 * Characters a plain text field may hold: no control characters, and no white
 * space at either end (the parser's `trim()` test, in JSON Schema terms).
 */
const PLAIN_TEXT = '^[^\\s\\u0000-\\u001f\\u007f](?:[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f])?$';

/** A non-empty string within `rule` (see checkString). */
export function text(rule: StringRule): Shape<string> {
  const schema: Record<string, unknown> = { type: 'string', minLength: 1, maxLength: rule.max };
  if (rule.pattern) {
    schema.pattern = rule.pattern.source;
    schema.allOf = [{ pattern: PLAIN_TEXT }];
  } else {
    schema.pattern = PLAIN_TEXT;
  }
  if (rule.expected) {
    schema.description = rule.expected;
  }
  return { read: (value, path) => checkString(value, path, rule), schema };
}

/** Any string: a parameter the contract looks up as given, checking nothing about its form. */
export function anyText(description: string): Shape<string> {
  return {
    read: (value, path) => {
      if (typeof value !== 'string') {
        throw invalid(`${path} must be a string`);
      }
      return value;
    },
    schema: { type: 'string', description },
  };
}

/** The empty string (meaning "all", for a filter) or a value of `shape`. */
export function blankOr<T>(shape: Shape<T>, meaning: string): Shape<T | undefined> {
  return {
    read: (value, path) => (value === '' ? undefined : shape.read(value, path)),
    schema: { anyOf: [{ const: '' }, shape.schema], description: `"" for ${meaning}` },
  };
}

/** One of a fixed list of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Shape<T> {
  return { read: (value, path) => checkOneOf(value, path, values), schema: { type: 'string', enum: [...values] } };
}

/** An ISO 8601 UTC time as the ledger writes it, returned normalised to `toISOString()`. */
export function isoTime(): Shape<string> {
  return {
    read: (value, path) => checkIsoTime(checkString(value, path, { max: 30 }), path),
    schema: { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z$', maxLength: 30 },
  };
}

/** A calendar day `2026-03-01` (UTC), as daily limits count them. */
export function isoDay(): Shape<string> {
  return {
    read: (value, path) => checkIsoTime(`${String(anyText('').read(value, path))}T00:00:00Z`, path).slice(0, 10),
    schema: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  };
}

/** Money in minor units as a decimal string (INVALID_AMOUNT otherwise; see parseAmount). */
export function amount({ allowZero = false } = {}): Shape<bigint> {
  return {
    read: (value, path) => parseAmount(value, path, { allowZero }),
    schema: {
      type: 'string',
      pattern: allowZero ? '^(0|[1-9][0-9]*)$' : '^[1-9][0-9]*$',
      maxLength: 19,
      description: `an amount in minor units as a decimal string, ${allowZero ? '0' : '1'} to 9223372036854775807`,
    },
  };
}

export function boolean(): Shape<boolean> {
  return {
    read: (value, path) => {
      if (typeof value !== 'boolean') {
        throw invalid(`${path} must be true or false`);
      }
      return value;
    },
    schema: { type: 'boolean' },
  };
}

/** A safe integer in [min, max]; JSON numbers are accepted here because counts are not money. */
export function integer(min: number, max: number): Shape<number> {
  return {
    read: (value, path) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
        throw invalid(`${path} must be an integer from ${min} to ${max}`);
      }
      return value;
    },
    schema: { type: 'integer', minimum: min, maximum: max },
  };
}

/** A list of `min` to `max` items; `distinct` refuses repeats (for lists of strings). */
export function list<T>(item: Shape<T>, { min, max, distinct = false }: { min: number; max: number; distinct?: boolean }): Shape<T[]> {
  return {
    read: (value, path) => {
      if (!Array.isArray(value)) {
        throw invalid(`${path} must be a list`);
      }
      if (value.length < min || value.length > max) {
        throw invalid(`${path} must have ${min} to ${max} items`);
      }
      const items = value.map((entry, index) => item.read(entry, `${path}[${index}]`));
      if (distinct && new Set(items).size !== items.length) {
        throw invalid(`${path} must not repeat an item`);
      }
      return items;
    },
    schema: { type: 'array', items: item.schema, minItems: min, maxItems: max, ...(distinct ? { uniqueItems: true } : {}) },
  };
}

/** A field that may be left out; present, it must be valid (null is not "left out"). */
export function optional<T>(shape: Shape<T>): OptionalField<T, false> {
  return { shape, fallback: undefined, filled: false };
}

/** A field that may be left out, read as `fallback` when it is. */
export function withDefault<T>(shape: Shape<T>, fallback: T): OptionalField<T, true> {
  return { shape, fallback, filled: true };
}

/**
 * A JSON object with exactly these fields, read in the order given (which
 * decides which error a caller sees first): unknown fields, missing fields
 * and wrong types are INVALID_ARGUMENT with the field's path.
 */
export function object<const F extends FieldSpecs>(fields: F): Shape<ObjectOf<F>> {
  const names = Object.keys(fields);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of names) {
    const spec = fields[name];
    if (isOptional(spec)) {
      properties[name] = spec.filled ? { ...spec.shape.schema, default: toJsonValue(spec.fallback) } : spec.shape.schema;
    } else {
      properties[name] = spec.schema;
      required.push(name);
    }
  }
  return {
    read: (value, path) => {
      const values = checkObject(value, path);
      const unknown = Object.keys(values)
        .filter((key) => !names.includes(key))
        .sort();
      if (unknown.length > 0) {
        throw invalid(`${path} has unknown field(s) ${unknown.join(', ')}; allowed: ${names.join(', ')}`);
      }
      const parsed: Record<string, unknown> = {};
      for (const name of names) {
        const spec = fields[name];
        const present = Object.prototype.hasOwnProperty.call(values, name);
        if (!present && isOptional(spec)) {
          if (spec.filled) {
            parsed[name] = spec.fallback;
          }
          continue;
        }
        if (!present || values[name] === null) {
          throw invalid(`${path}.${name} is required`);
        }
        parsed[name] = (isOptional(spec) ? spec.shape : spec).read(values[name], `${path}.${name}`);
      }
      return parsed as ObjectOf<F>;
    },
    schema: { type: 'object', properties, required, additionalProperties: false },
  };
}

/**
 * Objects whose `tag` field picks the other fields allowed (a proposal's
 * `action`). The tag is read first, so the error for a wrong field names what
 * that kind of object allows.
 */
export function variants<const V extends Readonly<Record<string, Shape<unknown>>>>(
  tag: string,
  byTag: V,
): Shape<{ [K in keyof V]: ValueOf<V[K]> }[keyof V]> {
  const tags = Object.keys(byTag);
  return {
    read: (value, path) => {
      const values = checkObject(value, path);
      const chosen = checkOneOf(values[tag], `${path}.${tag}`, tags);
      return byTag[chosen].read(value, path) as { [K in keyof V]: ValueOf<V[K]> }[keyof V];
    },
    schema: {
      type: 'object',
      required: [tag],
      oneOf: tags.map((name) => {
        const variant = byTag[name].schema as { properties: Record<string, JsonSchema> };
        return { ...variant, properties: { ...variant.properties, [tag]: { const: name } } };
      }),
    },
  };
}

/**
 * Adds a rule JSON Schema cannot state (one field against another, a total)
 * or turns the value into its parsed form; `rule` says in words what is
 * checked, and goes into the schema's description.
 */
export function refine<T, U>(shape: Shape<T>, rule: string, check: (value: T, path: string) => U): Shape<U> {
  const description = typeof shape.schema.description === 'string' ? `${shape.schema.description}. ${rule}` : rule;
  return { read: (value, path) => check(shape.read(value, path), path), schema: { ...shape.schema, description } };
}

/** A transaction argument sent as JSON text, parsed (bounded in size) and then read by `shape`. */
export interface JsonArgument<T> {
  /** The path errors start with: `mint` in `mint.amount is required`. */
  readonly name: string;
  readonly shape: Shape<T>;
  parse(json: unknown): T;
}

/**
 * The parser of one JSON argument. `screen` sees the parsed JSON before the
 * shape does (Party screens every argument for personal data first).
 */
export function jsonArgument<T>(name: string, shape: Shape<T>, screen?: (parsed: unknown, path: string) => void): JsonArgument<T> {
  return {
    name,
    shape,
    parse: (json) => {
      const parsed = parseJson(json, name);
      screen?.(parsed, name);
      return shape.read(parsed, name);
    },
  };
}

function isOptional(spec: FieldSpec): spec is OptionalField<unknown, boolean> {
  return 'filled' in spec;
}

/** Defaults are published in the schema; bigints there are decimal strings, as on the wire. */
function toJsonValue(value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString(10) : value;
}

function invalid(detail: string): XborderError {
  return new XborderError(ErrorCodes.INVALID_ARGUMENT, detail);
}
