import { ErrorCodes, XborderError } from './errors';

/** The largest amount the ledger accepts: a signed 64-bit integer, as ISO 20022 systems expect. */
export const MAX_AMOUNT = (1n << 63n) - 1n;

const DECIMAL_INTEGER = /^(0|[1-9][0-9]*)$/;

/**
 * Parses an amount of minor units given as a decimal string ("12500" is 125.00
 * USD). Rejects everything else: `1e3`, `0x10`, `1.5`, `-1`, `+1`, leading zeros,
 * whitespace, empty strings, numbers (floats lose cents) and values past 2^63-1.
 */
export function parseAmount(value: unknown, field = 'amount', { allowZero = false } = {}): bigint {
  if (typeof value !== 'string' || !DECIMAL_INTEGER.test(value)) {
    throw new XborderError(ErrorCodes.INVALID_AMOUNT, `${field} must be a decimal string of minor units, got ${describe(value)}`);
  }
  const amount = BigInt(value);
  if (amount > MAX_AMOUNT) {
    throw new XborderError(ErrorCodes.INVALID_AMOUNT, `${field} ${value} exceeds the maximum ${MAX_AMOUNT}`);
  }
  if (amount === 0n && !allowZero) {
    throw new XborderError(ErrorCodes.INVALID_AMOUNT, `${field} must be greater than zero`);
  }
  return amount;
}

/** The wire form of an amount: its decimal string. */
export function formatAmount(amount: bigint): string {
  return amount.toString(10);
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  }
  return typeof value;
}
