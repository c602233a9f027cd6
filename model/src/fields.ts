import { ErrorCodes, XborderError } from './errors';

/** Upper bound for one JSON argument; larger inputs are abuse, not business data. */
export const MAX_JSON_LENGTH = 64 * 1024;

interface StringRule {
  /** Maximum length in UTF-16 code units. */
  max: number;
  /** A regular expression the whole value must match. */
  pattern?: RegExp;
  /** Says what the pattern means, for the error message. */
  expected?: string;
}

interface ListRule {
  min: number;
  max: number;
}

/**
 * A strict reader over one parsed JSON object, shared by chaincode and client
 * validators. Every field is read through it, so unknown fields, missing
 * fields and wrong types all end in INVALID_ARGUMENT with the field's path.
 *
 * Error messages name the field and the rule, never the value: some inputs
 * (KYC data) are personal and error messages travel back to clients and into
 * peer logs.
 */
export class Fields {
  private constructor(
    private readonly values: Record<string, unknown>,
    private readonly path: string,
  ) {}

  /** Parses a JSON argument that must hold an object with only the `allowed` fields. */
  static parse(json: unknown, path: string, allowed: readonly string[]): Fields {
    return Fields.of(parseJson(json, path), path, allowed);
  }

  /** Wraps an already parsed value that must be an object with only the `allowed` fields. */
  static of(value: unknown, path: string, allowed: readonly string[]): Fields {
    const values = checkObject(value, path);
    const unknown = Object.keys(values).filter((key) => !allowed.includes(key)).sort();
    if (unknown.length > 0) {
      throw invalid(`${path} has unknown field(s) ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
    }
    return new Fields(values, path);
  }

  /** True when the field is present (even if null), so callers can branch on optional parts. */
  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.values, name);
  }

  /** Field names present in the object. */
  names(): string[] {
    return Object.keys(this.values);
  }

  string(name: string, rule: StringRule): string {
    return checkString(this.required(name), `${this.path}.${name}`, rule);
  }

  optionalString(name: string, rule: StringRule): string | undefined {
    return this.has(name) ? this.string(name, rule) : undefined;
  }

  boolean(name: string): boolean {
    const value = this.required(name);
    if (typeof value !== 'boolean') {
      throw invalid(`${this.path}.${name} must be true or false`);
    }
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    return this.has(name) ? this.boolean(name) : undefined;
  }

  /** A safe integer in [min, max]; JSON numbers are accepted here because counts are not money. */
  optionalInteger(name: string, min: number, max: number): number | undefined {
    if (!this.has(name)) {
      return undefined;
    }
    const value = this.values[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      throw invalid(`${this.path}.${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    return checkOneOf(this.required(name), `${this.path}.${name}`, values);
  }

  optionalOneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    return this.has(name) ? this.oneOf(name, values) : undefined;
  }

  /** A list of distinct strings each matching `item`, in input order. */
  stringList(name: string, list: ListRule, item: StringRule): string[] {
    const path = `${this.path}.${name}`;
    const values = checkList(this.required(name), path, list).map((value, index) => checkString(value, `${path}[${index}]`, item));
    requireDistinct(values, path);
    return values;
  }

  /** A list of distinct values from `values`, in input order. */
  oneOfList<T extends string>(name: string, values: readonly T[], list: ListRule): T[] {
    const path = `${this.path}.${name}`;
    const items = checkList(this.required(name), path, list).map((value, index) => checkOneOf(value, `${path}[${index}]`, values));
    requireDistinct(items, path);
    return items;
  }

  object(name: string, allowed: readonly string[]): Fields {
    return Fields.of(this.required(name), `${this.path}.${name}`, allowed);
  }

  objectList(name: string, allowed: readonly string[], list: ListRule): Fields[] {
    const path = `${this.path}.${name}`;
    return checkList(this.required(name), path, list).map((value, index) => Fields.of(value, `${path}[${index}]`, allowed));
  }

  private required(name: string): unknown {
    if (!this.has(name) || this.values[name] === null) {
      throw invalid(`${this.path}.${name} is required`);
    }
    return this.values[name];
  }
}

/** Parses a JSON argument of bounded size; INVALID_ARGUMENT when it is not a string or not JSON. */
export function parseJson(json: unknown, path: string): unknown {
  if (typeof json !== 'string') {
    throw invalid(`${path} must be a JSON string`);
  }
  if (json.length > MAX_JSON_LENGTH) {
    throw invalid(`${path} is longer than ${MAX_JSON_LENGTH} characters`);
  }
  try {
    return JSON.parse(json);
  } catch {
    throw invalid(`${path} is not valid JSON`);
  }
}

/** A parsed JSON value that must be an object; its fields are not checked (see Fields.of). */
export function checkObject(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${path} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Validates a plain string argument (not JSON) with the same rules and messages as a field. */
export function checkString(value: unknown, path: string, rule: StringRule): string {
  if (typeof value !== 'string') {
    throw invalid(`${path} must be a string`);
  }
  if (value.length === 0 || value.trim() !== value) {
    throw invalid(`${path} must be non-empty without leading or trailing spaces`);
  }
  if (value.length > rule.max) {
    throw invalid(`${path} must be at most ${rule.max} characters`);
  }
  if (CONTROL_CHARACTERS.test(value)) {
    throw invalid(`${path} must not contain control characters`);
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw invalid(`${path} must be ${rule.expected ?? `a string matching ${rule.pattern.source}`}`);
  }
  return value;
}

/** Validates a plain string argument that must be one of `values`. */
export function checkOneOf<T extends string>(value: unknown, path: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalid(`${path} must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/**
 * Parses an ISO 8601 UTC timestamp in the form the ledger writes
 * (`2026-03-01T00:00:00Z` or with milliseconds) and returns it normalised to
 * `Date.toISOString()`. Dates that do not exist (`2026-02-30`) are rejected.
 */
export function checkIsoTime(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ISO_UTC.test(value)) {
    throw invalid(`${path} must be an ISO 8601 UTC time such as 2026-03-01T00:00:00Z`);
  }
  const time = new Date(value);
  const normalised = Number.isNaN(time.getTime()) ? '' : time.toISOString();
  if (normalised.slice(0, 19) !== value.slice(0, 19)) {
    throw invalid(`${path} is not a valid calendar time`);
  }
  return normalised;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function checkList(value: unknown, path: string, list: ListRule): unknown[] {
  if (!Array.isArray(value)) {
    throw invalid(`${path} must be a list`);
  }
  if (value.length < list.min || value.length > list.max) {
    throw invalid(`${path} must have ${list.min} to ${list.max} items`);
  }
  return value;
}

function requireDistinct(values: readonly string[], path: string): void {
  if (new Set(values).size !== values.length) {
    throw invalid(`${path} must not repeat an item`);
  }
}

function invalid(detail: string): XborderError {
  return new XborderError(ErrorCodes.INVALID_ARGUMENT, detail);
}
