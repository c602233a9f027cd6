import type { Simulation } from './simulation';
import type { WorldState } from './world-state';

/**
 * Everything a channel member or client can see: world state (keys and values), key history,
 * and, for every proposal ever endorsed (committed or not, since the client receives it),
 * its response or error message and, if it succeeded, its event and public write set. Private writes only travel as
 * hashes, so they are not listed.
 */
export function findPublicOccurrences(
  needle: string | Uint8Array,
  world: WorldState,
  proposals: readonly Simulation[],
): string[] {
  const patterns = patternsOf(needle);
  const contains = (haystack: string | Uint8Array): boolean => {
    const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : Buffer.from(haystack);
    return patterns.some((pattern) => bytes.includes(pattern));
  };
  const found: string[] = [];
  const check = (where: string, haystack: string | Uint8Array | undefined): void => {
    if (haystack !== undefined && contains(haystack)) {
      found.push(where);
    }
  };
  for (const entry of world.publicState.entries()) {
    check(`world state key ${JSON.stringify(entry.key)}`, entry.key);
    check(`world state value of ${JSON.stringify(entry.key)}`, entry.value);
  }
  for (const [key, records] of world.history) {
    for (const record of records) {
      check(`history of ${JSON.stringify(key)} in ${record.txId}`, record.value);
    }
  }
  for (const sim of proposals) {
    check(`response of ${sim.txId}`, sim.result);
    check(`error of ${sim.txId}`, sim.error?.message);
    if (sim.error !== undefined) {
      // The peer discards the read-write set and event of a failed proposal.
      continue;
    }
    check(`event name of ${sim.txId}`, sim.event?.name);
    check(`event payload of ${sim.txId}`, sim.event?.payload);
    for (const [key, value] of sim.writes) {
      check(`write set key of ${sim.txId}`, key);
      check(`write set value of ${sim.txId} at ${JSON.stringify(key)}`, value ?? undefined);
    }
    for (const [collection, writes] of sim.privateWrites) {
      // Fabric puts the hashes of private keys on the channel, but a key that embeds personal
      // data in clear is a leak through logs and debugging tools all the same.
      for (const key of writes.keys()) {
        check(`private write key of ${sim.txId} in ${collection}`, key);
      }
    }
  }
  return found;
}

/** The bytes themselves and, when different, their JSON-escaped form as it appears inside JSON text. */
function patternsOf(needle: string | Uint8Array): Buffer[] {
  if (needle.length === 0) {
    throw new Error('cannot search for an empty value');
  }
  if (typeof needle !== 'string') {
    return [Buffer.from(needle)];
  }
  const escaped = JSON.stringify(needle).slice(1, -1);
  return escaped === needle ? [Buffer.from(needle, 'utf8')] : [Buffer.from(needle, 'utf8'), Buffer.from(escaped, 'utf8')];
}
