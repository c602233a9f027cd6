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
    return this.entries().filter((entry) => {
      if (compareKeys(entry.key, startKey) < 0) {
        return false;
      }
      if (endKey === '') {
        return true;
      }
      const toEnd = compareKeys(entry.key, endKey);
      return inclusiveEnd ? toEnd <= 0 : toEnd < 0;
    });
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
    return new VersionedStore(next);
  }
}
