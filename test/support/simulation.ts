import type { RangeQueryInfo, ReadWriteSet } from './read-write-set';
import type { ChaincodeEvent } from './stub';
import { compareKeys } from './keys';
import type { Version } from './versioned-store';

/**
 * An endorsed proposal: what the transaction returned or threw and the read-write set it
 * built on the committed snapshot. Nothing is applied until `ledger.commit(sim)`.
 *
 * When `error` is set, writes, privateWrites and event show what the chaincode did before it
 * threw. A peer would return only the error, and commit marks such a simulation
 * ENDORSEMENT_FAILURE without applying anything; they are kept so tests can assert that
 * every rule ran before the first write (`expect(sim.writes.size).toBe(0)`).
 */
export interface Simulation {
  readonly txId: string;
  /** `Contract:function`, as the proposal names it. */
  readonly fcn: string;
  /** The response payload, set when the transaction function succeeded. */
  readonly result?: string;
  /** What the chaincode threw (the original object), set when it failed. */
  readonly error?: Error;
  /** Public writes by key in LevelDB order; null is a delete. */
  readonly writes: ReadonlyMap<string, Buffer | null>;
  /** collection -> key -> value (null deletes); committed to the collection only, never to world state. */
  readonly privateWrites: ReadonlyMap<string, ReadonlyMap<string, Buffer | null>>;
  /** The one event the transaction emits: the last setEvent call wins, as in Fabric. */
  readonly event?: ChaincodeEvent;
  /** key -> version read (undefined when the key did not exist). */
  readonly reads: ReadonlyMap<string, Version | undefined>;
  readonly rangeQueries: readonly RangeQueryInfo[];
  /** collection -> key -> version read; validated like public reads. */
  readonly privateReads: ReadonlyMap<string, ReadonlyMap<string, Version | undefined>>;
  /** The proposal timestamp as ISO 8601. */
  readonly timestamp: string;
}

function sortedByKey<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => compareKeys(a, b)));
}

/**
 * Freezes a finished simulation. Writes are sorted by key because the peer sorts the
 * read-write set: two endorsers agree however the chaincode ordered its putState calls.
 */
export function endorse(
  fields: { txId: string; fcn: string; timestamp: string },
  rwset: ReadWriteSet,
  outcome: { result?: string; error?: Error; event?: ChaincodeEvent },
): Simulation {
  const privateWrites = new Map(
    [...sortedByKey(rwset.privateWrites)].map(([collection, writes]) => [collection, sortedByKey(writes)] as const),
  );
  const privateReads = new Map([...rwset.privateReads].map(([collection, reads]) => [collection, new Map(reads)] as const));
  return Object.freeze({
    ...fields,
    ...outcome,
    writes: sortedByKey(rwset.writes),
    privateWrites,
    reads: new Map(rwset.reads),
    rangeQueries: rwset.rangeQueries.map((info) => ({ ...info, reads: [...info.reads] })),
    privateReads,
  });
}
