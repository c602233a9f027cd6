import type { Contract } from 'fabric-contract-api';
import type { ClientIdentity } from 'fabric-shim-api';
import { CollectionAccess, CollectionDefinition, networkCollections } from './collections';
import { invokeTransaction } from './dispatch';
import { GENESIS_TIME, LedgerTime, parseLedgerTime, toDate } from './ledger-time';
import { findPublicOccurrences } from './public-occurrences';
import { ReadWriteSet } from './read-write-set';
import { Simulation, endorse } from './simulation';
import { InMemoryStub } from './stub';
import { ValidationCode, validate } from './validation';
import { WorldState } from './world-state';

/** How a proposal is sent. */
export interface ProposalOptions {
  /** The client identity that signs the proposal (ctx.clientIdentity). */
  readonly as: ClientIdentity;
  /** Transient data (ctx.stub.getTransient()); strings are sent as their UTF-8 bytes. */
  readonly transient?: Readonly<Record<string, Uint8Array | string>>;
  /** Overrides the ledger's next deterministic transaction id. */
  readonly txId?: string;
  /** MSP of the endorsing peer (ctx.stub.getMspID()); CNBankMSP by default. */
  readonly peerMspId?: string;
}

/** A chaincode event of a valid, committed transaction. */
export interface LedgerEvent {
  readonly name: string;
  readonly payload: Buffer;
  readonly txId: string;
}

/** A copy of the committed ledger, for "nothing changed" assertions with toEqual. */
export interface LedgerSnapshot {
  /** Number of the last committed block, 0 before the first. */
  readonly height: number;
  readonly state: ReadonlyMap<string, Buffer>;
  /** collection -> key -> value */
  readonly privateData: ReadonlyMap<string, ReadonlyMap<string, Buffer>>;
  readonly events: readonly LedgerEvent[];
}

/** Thrown by submit when the endorsed transaction was invalidated at commit. */
export class TransactionInvalidError extends Error {
  constructor(
    readonly txId: string,
    readonly code: ValidationCode,
  ) {
    super(`transaction ${txId} was invalidated at commit: ${code}`);
    this.name = 'TransactionInvalidError';
  }
}

export const CHANNEL_ID = 'xborder';
export const DEFAULT_PEER_MSP_ID = 'CNBankMSP';
export const CHAINCODE_NAME = 'xborder';

function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

function toTransientMap(transient: ProposalOptions['transient']): Map<string, Uint8Array> {
  return new Map(
    Object.entries(transient ?? {}).map(([key, value]) => [key, typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value)]),
  );
}

/**
 * An in-memory channel with one chaincode: endorse proposals on the committed snapshot, order
 * them into blocks, validate them the way a committing peer does (MVCC versions, phantom reads
 * on range scans, in block order) and apply the valid ones.
 *
 * Determinism: transaction ids are `tx0001`, `tx0002`, ... (one per proposal, evaluations
 * included) and the clock never moves by itself: every proposal carries the time of the last
 * setTime (2026-01-01T00:00:00Z at first), so reruns and forks see identical timestamps.
 *
 * @example
 * const ledger = new FakeLedger();
 * const alice = identity('CNBankMSP', 'alice', { role: 'admin' });
 * await ledger.submit(new TokenContract(), 'mint', ['{"currency":"CNY","amount":"100"}'], { as: alice });
 * const [a, b] = [await ledger.simulate(c, 'pay', [x], { as: alice }), await ledger.simulate(c, 'pay', [y], { as: alice })];
 * ledger.commit(a, b); // ['VALID', 'MVCC_READ_CONFLICT'] if both read the same balance
 */
export class FakeLedger {
  readonly #collections: readonly CollectionDefinition[];
  readonly #access: CollectionAccess;
  #world: WorldState = WorldState.GENESIS;
  #time: LedgerTime = parseLedgerTime(GENESIS_TIME);
  #nextTxNumber = 1;
  #events: LedgerEvent[] = [];
  /** Every endorsed proposal, for publicOccurrences: clients see responses even of uncommitted ones. */
  #proposals: Simulation[] = [];
  /** Transaction ids already in a block, valid or not (Fabric rejects a reused id). */
  #usedTxIds = new Set<string>();
  /** Simulations endorsed by this ledger; a fork does not accept the original's and vice versa. */
  readonly #endorsed = new WeakSet<Simulation>();

  /**
   * `collections`: the chaincode definition's private data collections; by default the
   * network's own (network/config/collections.json), so private data calls are checked
   * against what the peers enforce.
   */
  constructor(options: { collections?: readonly CollectionDefinition[] } = {}) {
    this.#collections = options.collections ?? networkCollections();
    this.#access = new CollectionAccess(this.#collections, CHANNEL_ID, CHAINCODE_NAME);
  }

  /** Sets the proposal timestamp of the following transactions (ISO 8601 or a Date). */
  setTime(time: string | Date): void {
    this.#time = parseLedgerTime(time);
  }

  /** Endorses a proposal on the current committed snapshot without committing it. */
  async simulate(contract: Contract, fn: string, args: readonly string[], options: ProposalOptions): Promise<Simulation> {
    const allocated = `tx${String(this.#nextTxNumber++).padStart(4, '0')}`;
    const txId = options.txId ?? allocated;
    const time = this.#time;
    const fcn = contract.getName() ? `${contract.getName()}:${fn}` : fn;
    const rwset = new ReadWriteSet(txId);
    const stub = new InMemoryStub({
      txId,
      channelId: CHANNEL_ID,
      peerMspId: options.peerMspId ?? DEFAULT_PEER_MSP_ID,
      creator: { mspid: options.as.getMSPID(), idBytes: options.as.getIDBytes() },
      args: [fcn, ...args],
      transient: toTransientMap(options.transient),
      time,
      world: this.#world,
      rwset,
      collections: this.#access,
    });
    const fields = { txId, fcn, timestamp: toDate(time).toISOString() };
    let sim: Simulation;
    try {
      const result = await invokeTransaction(contract, fn, args, stub);
      sim = endorse(fields, rwset, { result, event: stub.event });
    } catch (thrown) {
      // A peer returns only the error; the attempted writes and event are kept so tests can
      // check that every rule ran before the first write. commit never applies them.
      sim = endorse(fields, rwset, { error: toError(thrown), event: stub.event });
    } finally {
      rwset.finish();
    }
    this.#endorsed.add(sim);
    this.#proposals.push(sim);
    return sim;
  }

  /**
   * Orders the simulations into one block and validates them in order; valid ones update
   * world state, private data, history and events. Returns each one's validation code.
   */
  commit(...sims: Simulation[]): ValidationCode[] {
    if (sims.length === 0) {
      return [];
    }
    const foreign = sims.find((sim) => !this.#endorsed.has(sim));
    if (foreign !== undefined) {
      throw new Error(`simulation ${foreign.txId} was not endorsed by this ledger`);
    }
    const blockNum = this.#world.height + 1;
    let world = this.#world;
    const events: LedgerEvent[] = [];
    const codes = sims.map((sim, txNum): ValidationCode => {
      const code = this.#usedTxIds.has(sim.txId) ? 'DUPLICATE_TXID' : validate(sim, world);
      this.#usedTxIds.add(sim.txId);
      if (code === 'VALID') {
        const update = { txId: sim.txId, timestamp: parseLedgerTime(sim.timestamp), writes: sim.writes, privateWrites: sim.privateWrites };
        world = world.apply(update, { blockNum, txNum });
        if (sim.event !== undefined) {
          events.push({ name: sim.event.name, payload: Buffer.from(sim.event.payload), txId: sim.txId });
        }
      }
      return code;
    });
    this.#world = world.atHeight(blockNum);
    this.#events.push(...events);
    return codes;
  }

  /**
   * Endorses and commits in a block of its own; returns the response. Throws what the
   * chaincode threw (nothing is committed then), or TransactionInvalidError when the
   * transaction failed validation (possible when submits run concurrently).
   */
  async submit(contract: Contract, fn: string, args: readonly string[], options: ProposalOptions): Promise<string> {
    const sim = await this.simulate(contract, fn, args, options);
    if (sim.error !== undefined) {
      throw sim.error;
    }
    const [code] = this.commit(sim);
    if (code !== 'VALID') {
      throw new TransactionInvalidError(sim.txId, code);
    }
    return sim.result ?? '';
  }

  /** Runs a query: endorses, never commits; throws what the chaincode threw. */
  async evaluate(contract: Contract, fn: string, args: readonly string[], options: ProposalOptions): Promise<string> {
    const sim = await this.simulate(contract, fn, args, options);
    if (sim.error !== undefined) {
      throw sim.error;
    }
    return sim.result ?? '';
  }

  /** Committed public value of a key. */
  getState(key: string): Buffer | undefined {
    const entry = this.#world.publicState.get(key);
    return entry === undefined ? undefined : Buffer.from(entry.value);
  }

  /** Every committed public key in LevelDB order, composite keys (with their U+0000) first. */
  stateKeys(): string[] {
    return this.#world.publicState.entries().map((entry) => entry.key);
  }

  /** Committed value of a key in a private data collection. */
  privateData(collection: string, key: string): Buffer | undefined {
    const entry = this.#world.collection(collection).get(key);
    return entry === undefined ? undefined : Buffer.from(entry.value);
  }

  /** Events of valid transactions in commit order. */
  get events(): readonly LedgerEvent[] {
    return this.#events.map((event) => ({ ...event, payload: Buffer.from(event.payload) }));
  }

  /**
   * Where a value is visible outside private data: world state keys and values, history, and
   * every proposal's response, error, event and write set. Empty when it never leaked.
   *
   * @example
   * expect(ledger.publicOccurrences('Passport X1234567')).toEqual([]);
   */
  publicOccurrences(needle: string | Uint8Array): string[] {
    return findPublicOccurrences(needle, this.#world, this.#proposals);
  }

  snapshot(): LedgerSnapshot {
    const state = new Map(this.#world.publicState.entries().map((entry) => [entry.key, Buffer.from(entry.value)] as const));
    const privateData = new Map(
      [...this.#world.collections.keys()].sort().map((name) => {
        const entries = this.#world.collection(name).entries();
        return [name, new Map(entries.map((entry) => [entry.key, Buffer.from(entry.value)] as const))] as const;
      }),
    );
    return { height: this.#world.height, state, privateData, events: this.events };
  }

  /**
   * An independent copy (state, history, events, clock, next transaction id): run the same
   * proposal on two forks and compare `sim.writes` and `sim.result` byte for byte.
   */
  fork(): FakeLedger {
    const copy = new FakeLedger({ collections: this.#collections });
    copy.#world = this.#world;
    copy.#time = this.#time;
    copy.#nextTxNumber = this.#nextTxNumber;
    copy.#events = [...this.#events];
    copy.#proposals = [...this.#proposals];
    copy.#usedTxIds = new Set(this.#usedTxIds);
    return copy;
  }
}
