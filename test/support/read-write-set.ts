import { Version, VersionedEntry } from './versioned-store';

/** A key read by a range scan and the version it had. */
export interface RangeRead {
  readonly key: string;
  readonly version: Version;
}

/**
 * What Fabric records for phantom detection: the range as the peer scanned it and every key
 * the peer read. When the scan was not exhausted the range is taken to end, inclusively, at
 * the last key read (rwsetutil's RangeQueryInfo).
 */
export interface RangeQueryInfo {
  readonly startKey: string;
  readonly endKey: string;
  readonly itemsExhausted: boolean;
  readonly reads: readonly RangeRead[];
}

export class MutableRangeQueryInfo implements RangeQueryInfo {
  itemsExhausted = false;
  readonly reads: RangeRead[] = [];

  constructor(
    readonly startKey: string,
    readonly endKey: string,
  ) {}

  addRead(entry: VersionedEntry): void {
    this.reads.push({ key: entry.key, version: entry.version });
  }
}

/**
 * The read-write set a simulation builds, with the tx simulator's restrictions
 * (core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go): paginated and private-data queries
 * only in read-only transactions. The messages, typo included, are the peer's.
 */
export class ReadWriteSet {
  /** key -> version read, undefined when the key did not exist. */
  readonly reads = new Map<string, Version | undefined>();
  readonly rangeQueries: MutableRangeQueryInfo[] = [];
  /** key -> value written, null for a delete; the last write to a key wins. */
  readonly writes = new Map<string, Buffer | null>();
  /** collection -> key -> version read (Fabric keeps these as hashed reads). */
  readonly privateReads = new Map<string, Map<string, Version | undefined>>();
  readonly privateWrites = new Map<string, Map<string, Buffer | null>>();

  #writePerformed = false;
  #paginatedQueriesPerformed = false;
  #privateQueriesPerformed = false;
  #done = false;

  constructor(readonly txId: string) {}

  /** Called when the transaction function returns; later calls come from an un-awaited promise. */
  finish(): void {
    this.#done = true;
  }

  checkActive(): void {
    if (this.#done) {
      throw new Error(`txid [${this.txId}]: ledger access after the transaction function returned: a promise was not awaited`);
    }
  }

  checkWrite(): void {
    this.checkActive();
    if (this.#privateQueriesPerformed) {
      throw new Error(`txid [${this.txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed`);
    }
    if (this.#paginatedQueriesPerformed) {
      throw new Error(`txid [${this.txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`);
    }
    this.#writePerformed = true;
  }

  checkPaginatedQuery(): void {
    this.checkActive();
    if (this.#writePerformed) {
      throw new Error(`txid [${this.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`);
    }
    this.#paginatedQueriesPerformed = true;
  }

  checkPrivateQuery(): void {
    this.checkActive();
    if (this.#writePerformed) {
      throw new Error(`txid [${this.txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction`);
    }
    this.#privateQueriesPerformed = true;
  }

  recordPrivateRead(collection: string, key: string, version: Version | undefined): void {
    collectionMap(this.privateReads, collection).set(key, version);
  }

  recordPrivateWrite(collection: string, key: string, value: Buffer | null): void {
    collectionMap(this.privateWrites, collection).set(key, value);
  }
}

function collectionMap<V>(outer: Map<string, Map<string, V>>, collection: string): Map<string, V> {
  let map = outer.get(collection);
  if (map === undefined) {
    map = new Map();
    outer.set(collection, map);
  }
  return map;
}
