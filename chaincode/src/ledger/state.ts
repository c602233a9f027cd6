import { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim-api';
import { fromBytes, toBytes } from '@xborder/model/canonical';
import { ErrorCodes, XborderError } from '@xborder/model/errors';

/**
 * JSON records in world state and in private data collections. Fabric returns
 * an empty value for a missing key, so reads map that to `undefined`.
 */

export async function readJson<T>(ctx: Context, key: string): Promise<T | undefined> {
  return decode<T>(await ctx.stub.getState(key));
}

export async function writeJson(ctx: Context, key: string, value: unknown): Promise<void> {
  await ctx.stub.putState(key, toBytes(value));
}

export async function readPrivateJson<T>(ctx: Context, collection: string, key: string): Promise<T | undefined> {
  return decode<T>(await ctx.stub.getPrivateData(collection, key));
}

export async function writePrivateJson(ctx: Context, collection: string, key: string, value: unknown): Promise<void> {
  await ctx.stub.putPrivateData(collection, key, toBytes(value));
}

/**
 * All records under a composite-key prefix, in key order (the order of the
 * range scan, which is the same on every peer). Values are parsed as JSON.
 */
export async function scanJson<T>(ctx: Context, objectType: string, attributes: string[]): Promise<{ key: string; value: T }[]> {
  return readAll<T>(await ctx.stub.getStateByPartialCompositeKey(objectType, attributes));
}

/** Which page of a list query: at most `pageSize` records, from `bookmark` ("" = the first). */
export interface PageRequest {
  pageSize: number;
  bookmark: string;
}

/**
 * One page of the records under a composite-key prefix, in key order, with the
 * bookmark of the next page ("" after the last). Fabric allows paginated reads
 * only in queries, never in a transaction that writes.
 */
export async function scanJsonPage<T>(
  ctx: Context,
  objectType: string,
  attributes: string[],
  request: PageRequest,
): Promise<{ rows: { key: string; value: T }[]; bookmark: string }> {
  // The peer starts the page at the bookmark, whatever it is; one outside this query's range would
  // read records of other kinds (and the next bookmark would walk on through them).
  const prefix = ctx.stub.createCompositeKey(objectType, attributes);
  if (request.bookmark !== '' && !request.bookmark.startsWith(prefix)) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'bookmark is not one this list query answered');
  }
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(objectType, attributes, request.pageSize, request.bookmark);
  // fabric-shim leaves metadata out when it holds only defaults (an empty last page), whatever its typings say.
  const bookmark = (metadata as { bookmark?: string } | undefined)?.bookmark ?? '';
  return { rows: await readAll<T>(iterator), bookmark };
}

/**
 * Ordered keys for records that a transaction must read by a bounded range:
 * a composite key without its leading U+0000, since Fabric's getStateByRange
 * takes simple keys only. They sort exactly as the composite key would.
 */
export function rangeKey(ctx: Context, objectType: string, attributes: string[]): string {
  return ctx.stub.createCompositeKey(objectType, attributes).slice(1);
}

/** Appended to a range key, the end of every key that starts with it. */
export const AFTER_EVERY_KEY = '\u{10FFFF}';

/** Every record with a key in [start, end), in key order. Safe in a writing transaction: validation re-reads exactly that range. */
export async function scanRangeJson<T>(ctx: Context, start: string, end: string): Promise<{ key: string; value: T }[]> {
  return readAll<T>(await ctx.stub.getStateByRange(start, end));
}

/** One page of the records with keys in [start, end), like scanJsonPage. */
export async function scanRangePage<T>(ctx: Context, start: string, end: string, request: PageRequest): Promise<{ rows: { key: string; value: T }[]; bookmark: string }> {
  if (request.bookmark !== '' && (request.bookmark < start || request.bookmark >= end)) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'bookmark is not one this list query answered');
  }
  const { iterator, metadata } = await ctx.stub.getStateByRangeWithPagination(start, end, request.pageSize, request.bookmark);
  const bookmark = (metadata as { bookmark?: string } | undefined)?.bookmark ?? '';
  return { rows: await readAll<T>(iterator), bookmark };
}

/** Every row an iterator yields, values parsed as JSON; the iterator is closed even on failure. */
async function readAll<T>(iterator: Iterators.StateQueryIterator): Promise<{ key: string; value: T }[]> {
  const rows: { key: string; value: T }[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      rows.push({ key: next.value.key, value: fromBytes<T>(next.value.value) });
    }
  } finally {
    await iterator.close();
  }
  return rows;
}

/** Every committed version of a key, newest first (Fabric's order since 2.0). */
export async function keyHistory<T>(ctx: Context, key: string): Promise<{ txId: string; timestamp: string; isDelete: boolean; value?: T }[]> {
  const iterator = await ctx.stub.getHistoryForKey(key);
  const rows: { txId: string; timestamp: string; isDelete: boolean; value?: T }[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { txId, isDelete, value, timestamp } = next.value;
      rows.push({ txId, isDelete, timestamp: timestampToIso(timestamp), ...(isDelete ? {} : { value: decode<T>(value) }) });
    }
  } finally {
    await iterator.close();
  }
  return rows;
}

function decode<T>(bytes: Uint8Array | undefined | null): T | undefined {
  return bytes && bytes.length > 0 ? fromBytes<T>(bytes) : undefined;
}

/** A protobuf timestamp (seconds may be a Long) as ISO 8601 UTC with millisecond precision. */
function timestampToIso(timestamp: { seconds: unknown; nanos: number }): string {
  const millis = Number(String(timestamp.seconds)) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
  return new Date(millis).toISOString();
}
