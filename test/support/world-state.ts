import type { LedgerTime } from './ledger-time';
import { Version, VersionedStore } from './versioned-store';

/** One committed change of a public key, kept for getHistoryForKey. */
export interface HistoryRecord {
  readonly txId: string;
  readonly value: Buffer;
  readonly isDelete: boolean;
  readonly timestamp: LedgerTime;
}

/** What a valid transaction changes when its block commits. */
export interface TransactionUpdates {
  readonly txId: string;
  readonly timestamp: LedgerTime;
  readonly writes: ReadonlyMap<string, Buffer | null>;
  readonly privateWrites: ReadonlyMap<string, ReadonlyMap<string, Buffer | null>>;
}

/**
 * The committed ledger at one height: public state, private collections and the history
 * index. Immutable like VersionedStore, so forks and running simulations can share it.
 */
export class WorldState {
  static readonly GENESIS = new WorldState(VersionedStore.EMPTY, new Map(), new Map(), 0);

  private constructor(
    readonly publicState: VersionedStore,
    readonly collections: ReadonlyMap<string, VersionedStore>,
    /** Oldest first; getHistoryForKey reverses it. */
    readonly history: ReadonlyMap<string, readonly HistoryRecord[]>,
    /** Number of the last committed block (0 = genesis). */
    readonly height: number,
  ) {}

  collection(name: string): VersionedStore {
    return this.collections.get(name) ?? VersionedStore.EMPTY;
  }

  apply(tx: TransactionUpdates, version: Version): WorldState {
    const collections = new Map(this.collections);
    for (const [name, writes] of tx.privateWrites) {
      collections.set(name, this.collection(name).withWrites(writes, version));
    }
    const history = new Map(this.history);
    for (const [key, value] of tx.writes) {
      const record: HistoryRecord = {
        txId: tx.txId,
        value: value ?? Buffer.alloc(0),
        isDelete: value === null,
        timestamp: tx.timestamp,
      };
      history.set(key, [...(history.get(key) ?? []), record]);
    }
    return new WorldState(this.publicState.withWrites(tx.writes, version), collections, history, this.height);
  }

  atHeight(height: number): WorldState {
    return new WorldState(this.publicState, this.collections, this.history, height);
  }
}
