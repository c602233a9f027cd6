/**
 * Serialises a value the same way on every endorser: object keys sorted,
 * bigints as decimal strings, no whitespace. Fabric compares endorsements byte
 * for byte, so every state write and every response goes through here.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)); // eslint-disable-line no-restricted-properties
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value.toString(10);
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(`refusing to serialise the non-integer number ${value}: use a decimal string`);
  }
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) {
        sorted[key] = sortKeys(field);
      }
    }
    return sorted;
  }
  return value;
}

export function toBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

export function fromBytes<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
