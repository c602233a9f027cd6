/**
 * The wire format of the chaincode: structured input is one JSON string
 * argument with amounts as decimal strings of minor units; results are JSON
 * strings with amounts the same way. In code, amounts are `bigint`.
 */

/** `T` with the fields `K` (decimal strings on the wire) as `bigint`. */
export type WithAmounts<T, K extends keyof T> = Omit<T, K> & { [P in K]: undefined extends T[P] ? bigint | undefined : bigint };

/** `T` with the fields `K` optional: inputs whose chaincode parser fills in defaults. */
export type WithOptional<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] };

const utf8 = new TextDecoder();

/**
 * One JSON argument: bigints become decimal strings, `undefined` fields are
 * left out (the chaincode rejects unknown fields, and `null` is not "absent"),
 * and numbers must be safe integers (no floats on the ledger).
 */
export function encodeArgument(value: unknown): string {
  return JSON.stringify(value, (key, field: unknown) => {
    if (typeof field === 'bigint') {
      return field.toString(10);
    }
    if (typeof field === 'number' && !Number.isSafeInteger(field)) {
      throw new TypeError(`${key || 'argument'} is the non-integer number ${field}: amounts are bigint, rates decimal strings`);
    }
    return field;
  });
}

/** Parses a JSON result; an empty result is `undefined`. */
export function decodeJson<T>(bytes: Uint8Array): T {
  const text = utf8.decode(bytes);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Converts the named decimal-string fields of a record to bigint, leaving absent fields absent. */
export function toAmounts<T extends object, K extends keyof T & string>(record: T, fields: readonly K[]): WithAmounts<T, K> {
  const converted: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of fields) {
    const value = converted[field];
    if (value !== undefined) {
      if (typeof value !== 'string' || !/^(0|-?[1-9][0-9]*)$/.test(value)) {
        throw new TypeError(`result field ${field} is not a decimal amount string`);
      }
      converted[field] = BigInt(value);
    }
  }
  return converted as WithAmounts<T, K>;
}
