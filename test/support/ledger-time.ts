import Long from 'long';
import type { Timestamp } from 'fabric-shim-api';

/** A proposal timestamp as the protobuf carries it: whole seconds and nanoseconds. */
export interface LedgerTime {
  readonly seconds: number;
  readonly nanos: number;
}

export const GENESIS_TIME = '2026-01-01T00:00:00Z';

export function parseLedgerTime(value: string | Date): LedgerTime {
  const date = typeof value === 'string' ? new Date(value) : new Date(value.getTime());
  const millis = date.getTime();
  if (Number.isNaN(millis)) {
    throw new Error(`not a valid time: ${String(value)}`);
  }
  const seconds = Math.floor(millis / 1000);
  return { seconds, nanos: (millis - seconds * 1000) * 1_000_000 };
}

/** Same arithmetic as google.protobuf.Timestamp#toDate, which fabric-shim's getDateTimestamp uses. */
export function toDate(time: LedgerTime): Date {
  return new Date(time.seconds * 1000 + time.nanos / 1_000_000);
}

/** fabric-shim's getTxTimestamp shape: an unsigned Long for seconds. */
export function toShimTimestamp(time: LedgerTime): Timestamp {
  return { seconds: Long.fromNumber(time.seconds, true), nanos: time.nanos };
}
