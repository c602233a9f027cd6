import { compareKeys } from './keys';

/** Fabric's key version: the block and the position in the block of the last valid write. */
export interface Version {
  readonly blockNum: number;
  readonly txNum: number;
}

export interface VersionedEntry {
  readonly key: string;
  readonly value: Buffer;
  readonly version: Version;
}

export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

/**
 * One namespace of versioned keys (world state or one private collection). It is never
 * changed in place: a commit builds a new store, so a simulation keeps reading the snapshot
 * it started on even if a block commits meanwhile (a peer holds a read lock for that).
 */
export class VersionedStore {
  static readonly EMPTY = new VersionedStore(new Map());

  readonly #entries: ReadonlyMap<string, VersionedEntry>;
  #sorted: readonly VersionedEntry[] | undefined;

  private constructor(entries: ReadonlyMap<string, VersionedEntry>) {
    this.#entries = entries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): VersionedEntry | undefined {
    return this.#entries.get(key);
  }

  /** Every entry in LevelDB order. */
  entries(): readonly VersionedEntry[] {
    if (this.#sorted === undefined) {
      this.#sorted = [...this.#entries.values()].sort((a, b) => compareKeys(a.key, b.key));
    }
    return this.#sorted;
  }

  /**
   * Entries with startKey <= key < endKey (or <= endKey when inclusiveEnd); an empty endKey
   * means no upper bound, as in Fabric's GetStateRangeScanIterator.
   */
  range(startKey: string, endKey: string, inclusiveEnd = false): VersionedEntry[] {
    const sorted = this.entries();
    const from = firstIndexAtOrAfter(sorted, startKey, false);
    const to = endKey === '' ? sorted.length : firstIndexAtOrAfter(sorted, endKey, inclusiveEnd);
    return sorted.slice(from, Math.max(from, to));
  }

  /** A new store with the writes applied; null deletes the key. */
  withWrites(writes: ReadonlyMap<string, Buffer | null>, version: Version): VersionedStore {
    if (writes.size === 0) {
      return this;
    }
    const next = new Map(this.#entries);
    for (const [key, value] of writes) {
      if (value === null) {
        next.delete(key);
      } else {
        next.set(key, { key, value, version });
      }
    }
    const store = new VersionedStore(next);
    // Keep the order once it is known, rather than sorting every key again after each block.
    if (this.#sorted !== undefined) {
      const sorted = [...this.#sorted];
      for (const [key, value] of writes) {
        const index = firstIndexAtOrAfter(sorted, key, false);
        const present = index < sorted.length && sorted[index].key === key;
        if (value === null) {
          if (present) {
            sorted.splice(index, 1);
          }
        } else {
          sorted.splice(index, present ? 1 : 0, next.get(key) as VersionedEntry);
        }
      }
      store.#sorted = sorted;
    }
    return store;
  }
}

/** The index of the first entry whose key is at or after `key` (after it, when `pastKey`), by binary search. */
function firstIndexAtOrAfter(sorted: readonly VersionedEntry[], key: string, pastKey: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareKeys(sorted[middle].key, key);
    if (order < 0 || (pastKey && order === 0)) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
