import type { Iterators } from 'fabric-shim-api';
import { Cursor, shimKV } from './iterators';
import { MutableRangeQueryInfo } from './read-write-set';
import type { VersionedEntry } from './versioned-store';

/**
 * The peer streams range results to the chaincode in batches of 100 (QueryResponseGenerator
 * MaxResultLimit) and reads one key ahead to know whether more follow. What the peer read,
 * not what the chaincode consumed, lands in the read set: a chaincode that looks at the first
 * result of a small range still gets the whole range checked for phantoms.
 */
export const PEER_QUERY_BATCH_SIZE = 100;

export function rangeCursor(entries: readonly VersionedEntry[], info: MutableRangeQueryInfo): Cursor<Iterators.KV> {
  let batches = 0;
  let fetched = 0;
  let delivered = 0;
  const fetchBatch = (): void => {
    batches += 1;
    const limit = batches * PEER_QUERY_BATCH_SIZE;
    const exhausted = entries.length <= limit;
    const target = exhausted ? entries.length : limit + 1;
    for (; fetched < target; fetched++) {
      info.addRead(entries[fetched]);
    }
    info.itemsExhausted = exhausted;
  };
  fetchBatch();
  return () => {
    if (delivered >= batches * PEER_QUERY_BATCH_SIZE && !info.itemsExhausted) {
      fetchBatch();
    }
    if (delivered >= entries.length) {
      return undefined;
    }
    const entry = entries[delivered++];
    return shimKV(entry.key, Buffer.from(entry.value));
  };
}

export interface Page {
  readonly entries: readonly VersionedEntry[];
  readonly bookmark: string;
}

/**
 * A paginated scan reads at most pageSize keys and no look-ahead (the bookmark is the next
 * key, peeked without recording it), so it is exhausted only when the page came up short.
 */
export function readPage(entries: readonly VersionedEntry[], pageSize: number, info: MutableRangeQueryInfo): Page {
  const page = entries.slice(0, pageSize);
  page.forEach((entry) => info.addRead(entry));
  info.itemsExhausted = entries.length < pageSize;
  return { entries: page, bookmark: entries[pageSize]?.key ?? '' };
}
