import { ErrorCodes, XborderError } from './errors';

/** Upper bound for one JSON argument; larger inputs are abuse, not business data. */
export const MAX_JSON_LENGTH = 64 * 1024;

export interface StringRule {
  /** Maximum length in UTF-16 code units. */
  max: number;
  /** A regular expression the whole value must match. */
  pattern?: RegExp;
  /** Says what the pattern means, for the error message. */
  expected?: string;
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

/** A parsed JSON value that must be an object; its fields are not checked (see object in schema.ts). */
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

function invalid(detail: string): XborderError {
  return new XborderError(ErrorCodes.INVALID_ARGUMENT, detail);
}
