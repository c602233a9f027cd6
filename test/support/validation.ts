import type { RangeQueryInfo } from './read-write-set';
import type { Simulation } from './simulation';
import { VersionedStore, sameVersion } from './versioned-store';
import type { WorldState } from './world-state';

/** Validation codes a committing peer assigns (a subset of Fabric's TxValidationCode). */
export type ValidationCode =
  | 'VALID'
  | 'MVCC_READ_CONFLICT'
  | 'PHANTOM_READ_CONFLICT'
  | 'ENDORSEMENT_FAILURE'
  | 'DUPLICATE_TXID';

/**
 * A range query is still valid if re-running it on the state the transaction commits onto
 * yields the same keys at the same versions. An unexhausted scan only covers the keys up to
 * the last one the peer read (Fabric's rangeQueryValidator).
 */
function rangeUnchanged(info: RangeQueryInfo, state: VersionedStore): boolean {
  const lastRead = info.reads[info.reads.length - 1];
  const current = info.itemsExhausted
    ? state.range(info.startKey, info.endKey)
    : state.range(info.startKey, lastRead?.key ?? info.startKey, true);
  return (
    current.length === info.reads.length &&
    current.every((entry, index) => entry.key === info.reads[index].key && sameVersion(entry.version, info.reads[index].version))
  );
}

/**
 * MVCC validation of one transaction against `world`, which already holds the writes of the
 * valid transactions before it in the same block: a later transaction reading a key an
 * earlier one wrote is invalidated, as by the peer's validator.
 */
export function validate(sim: Simulation, world: WorldState): ValidationCode {
  if (sim.error !== undefined) {
    return 'ENDORSEMENT_FAILURE';
  }
  for (const [key, version] of sim.reads) {
    if (!sameVersion(world.publicState.get(key)?.version, version)) {
      return 'MVCC_READ_CONFLICT';
    }
  }
  if (!sim.rangeQueries.every((info) => rangeUnchanged(info, world.publicState))) {
    return 'PHANTOM_READ_CONFLICT';
  }
  for (const [collection, reads] of sim.privateReads) {
    for (const [key, version] of reads) {
      if (!sameVersion(world.collection(collection).get(key)?.version, version)) {
        return 'MVCC_READ_CONFLICT';
      }
    }
  }
  return 'VALID';
}
