import { createHash } from 'crypto';
import type {
  ChaincodeProposal,
  ChaincodeResponse,
  ChaincodeStub,
  Iterators,
  SerializedIdentity,
  SplitCompositekey,
  StateQueryResponse,
  Timestamp,
} from 'fabric-shim-api';
import { MemoryIterator, iterablePromise, listCursor, shimKV } from './iterators';
import {
  EMPTY_KEY_SUBSTITUTE,
  MAX_UNICODE_RUNE,
  createCompositeKey,
  splitCompositeKey,
  validateSimpleKeys,
  validateWriteKey,
} from './keys';
import { LedgerTime, toDate, toShimTimestamp } from './ledger-time';
import { rangeCursor, readPage } from './range-scan';
import { MutableRangeQueryInfo, ReadWriteSet } from './read-write-set';
import type { CollectionAccess } from './collections';
import type { WorldState } from './world-state';

/** The chaincode event of a transaction, as the peer puts it in the block. */
export interface ChaincodeEvent {
  readonly name: string;
  readonly payload: Buffer;
}

/** Everything a proposal gives the stub: its header fields and the snapshot it runs on. */
export interface ProposalContext {
  readonly txId: string;
  readonly channelId: string;
  /** MSP of the endorsing peer (CORE_PEER_LOCALMSPID in a real chaincode process). */
  readonly peerMspId: string;
  readonly creator: SerializedIdentity;
  /** `Contract:function` followed by the string arguments, as contract-api sends them. */
  readonly args: readonly string[];
  readonly transient: ReadonlyMap<string, Uint8Array>;
  readonly time: LedgerTime;
  readonly world: WorldState;
  readonly rwset: ReadWriteSet;
  /** The chaincode definition's private data collections, checked as a peer checks them. */
  readonly collections: CollectionAccess;
}

type StateIterable = Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV>;
type PagedIterable = Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV>;

function notSupported(method: string): Error {
  return new Error(`${method} is not supported by the in-memory stub`);
}

/** fabric-shim turns string values into bytes; anything else that is not bytes fails on the wire. */
function toBytes(value: unknown): Buffer {
  if (typeof value === 'string') {
    return Buffer.from(value, 'utf8');
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value);
  }
  throw new Error('value must be a Buffer or Uint8Array');
}

/** fabric-shim's argument checks for the private data calls, with its messages. */
function validateCollectionAndKey(collection: unknown, key: unknown): void {
  if (!collection || typeof collection !== 'string') {
    throw new Error('collection must be a valid string');
  }
  if (!key || typeof key !== 'string') {
    throw new Error('key must be a valid string');
  }
}

/**
 * ChaincodeStub over an immutable ledger snapshot with Fabric's simulation semantics: reads
 * come from the committed snapshot and are recorded with their versions; writes go to the
 * write set only, so a read after a write in the same transaction still returns the committed
 * value (no read-your-writes); range scans record what the peer read for phantom detection.
 */
export class InMemoryStub implements ChaincodeStub {
  readonly #tx: ProposalContext;
  readonly #transient: Map<string, Uint8Array>;
  #event: ChaincodeEvent | undefined;

  constructor(tx: ProposalContext) {
    this.#tx = tx;
    this.#transient = new Map([...tx.transient].map(([key, value]) => [key, Buffer.from(value)]));
  }

  /** The last event set; Fabric keeps only one per transaction. */
  get event(): ChaincodeEvent | undefined {
    return this.#event;
  }

  getArgs(): string[] {
    return [...this.#tx.args];
  }

  getStringArgs(): string[] {
    return [...this.#tx.args];
  }

  /** Not in the typings but present on fabric-shim's stub. */
  getBufferArgs(): Buffer[] {
    return this.#tx.args.map((arg) => Buffer.from(arg, 'utf8'));
  }

  getFunctionAndParameters(): { params: string[]; fcn: string } {
    const [fcn, ...params] = this.#tx.args;
    return fcn === undefined ? { fcn: '', params: [] } : { fcn, params };
  }

  getTxID(): string {
    return this.#tx.txId;
  }

  getChannelID(): string {
    return this.#tx.channelId;
  }

  getCreator(): SerializedIdentity {
    return { mspid: this.#tx.creator.mspid, idBytes: Buffer.from(this.#tx.creator.idBytes) };
  }

  getMspID(): string {
    return this.#tx.peerMspId;
  }

  getTransient(): Map<string, Uint8Array> {
    return this.#transient;
  }

  getSignedProposal(): ChaincodeProposal.SignedProposal {
    throw notSupported('getSignedProposal');
  }

  getTxTimestamp(): Timestamp {
    return toShimTimestamp(this.#tx.time);
  }

  getDateTimestamp(): Date {
    return toDate(this.#tx.time);
  }

  getBinding(): string {
    throw notSupported('getBinding');
  }

  async getState(key: string): Promise<Uint8Array> {
    this.#tx.rwset.checkActive();
    const entry = this.#tx.world.publicState.get(key);
    this.#tx.rwset.reads.set(key, entry?.version);
    return entry === undefined ? Buffer.alloc(0) : Buffer.from(entry.value);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    this.#tx.rwset.checkWrite();
    validateWriteKey(key);
    const bytes = toBytes(value);
    // The peer's rwset builder marks an empty value as a delete (IsDelete: len(value) == 0).
    this.#tx.rwset.writes.set(key, bytes.length === 0 ? null : bytes);
  }

  async deleteState(key: string): Promise<void> {
    this.#tx.rwset.checkWrite();
    validateWriteKey(key);
    this.#tx.rwset.writes.set(key, null);
  }

  async setStateValidationParameter(_key: string, _ep: Uint8Array): Promise<void> {
    throw notSupported('setStateValidationParameter');
  }

  async getStateValidationParameter(_key: string): Promise<Uint8Array> {
    throw notSupported('getStateValidationParameter');
  }

  getStateByRange(startKey: string, endKey: string): StateIterable {
    return iterablePromise(this.#openRange(startKey, endKey), (iterator) => iterator);
  }

  getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark?: string): PagedIterable {
    return iterablePromise(this.#openPage(startKey, endKey, pageSize, bookmark, true), (response) => response.iterator);
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): StateIterable {
    // fabric-shim builds the key before any promise exists, so a bad attribute throws synchronously.
    const partialKey = createCompositeKey(objectType, attributes);
    return iterablePromise(this.#scan(partialKey, partialKey + MAX_UNICODE_RUNE), (iterator) => iterator);
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): PagedIterable {
    const partialKey = createCompositeKey(objectType, attributes);
    return iterablePromise(
      this.#openPage(partialKey, partialKey + MAX_UNICODE_RUNE, pageSize, bookmark, false),
      (response) => response.iterator,
    );
  }

  /** Rich queries need CouchDB and are not re-executed at validation (no phantom protection). */
  getQueryResult(_query: string): StateIterable {
    throw notSupported('getQueryResult (CouchDB rich query; use composite keys and range scans)');
  }

  getQueryResultWithPagination(_query: string, _pageSize: number, _bookmark?: string): PagedIterable {
    throw notSupported('getQueryResultWithPagination (CouchDB rich query; use composite keys and range scans)');
  }

  /** Committed history, newest first as since Fabric 2.0; not part of the read set. */
  getHistoryForKey(key: string): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    const open = async (): Promise<Iterators.HistoryQueryIterator> => {
      this.#tx.rwset.checkActive();
      const records = [...(this.#tx.world.history.get(key) ?? [])].reverse();
      // fabric-shim hands out the protobuf timestamp's toObject(): seconds is a plain number,
      // not the Long its typings promise.
      const modifications = records.map(
        (record) =>
          ({
            txId: record.txId,
            value: Buffer.from(record.value),
            isDelete: record.isDelete,
            timestamp: { seconds: record.timestamp.seconds, nanos: record.timestamp.nanos },
          }) as unknown as Iterators.KeyModification,
      );
      return new MemoryIterator(listCursor(modifications));
    };
    return iterablePromise(open(), (iterator) => iterator);
  }

  async invokeChaincode(_chaincodeName: string, _args: string[], _channel: string): Promise<ChaincodeResponse> {
    throw notSupported('invokeChaincode');
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.#tx.rwset.checkActive();
    if (typeof name !== 'string' || name === '') {
      throw new Error('Event name must be a non-empty string');
    }
    this.#event = { name, payload: toBytes(payload) };
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    return splitCompositeKey(compositeKey);
  }

  async getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    validateCollectionAndKey(collection, key);
    this.#tx.collections.checkRead(collection, this.#tx.creator.mspid);
    this.#tx.rwset.checkActive();
    const entry = this.#tx.world.collection(collection).get(key);
    if (entry !== undefined && !this.#tx.collections.holdsValues(collection, this.#tx.peerMspId)) {
      throw new Error(
        `private data matching public hash version is not available. Public hash version = ${JSON.stringify(entry.version)}, Private data version = <nil>`,
      );
    }
    this.#tx.rwset.recordPrivateRead(collection, key, entry?.version);
    return entry === undefined ? Buffer.alloc(0) : Buffer.from(entry.value);
  }

  /** Needs no read permission: any peer holds the hashes, so anyone may check data against them. */
  async getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    validateCollectionAndKey(collection, key);
    this.#tx.collections.checkDeclared(collection);
    this.#tx.rwset.checkActive();
    const entry = this.#tx.world.collection(collection).get(key);
    this.#tx.rwset.recordPrivateRead(collection, key, entry?.version);
    return entry === undefined ? Buffer.alloc(0) : createHash('sha256').update(entry.value).digest();
  }

  async putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    validateCollectionAndKey(collection, key);
    if (!value) {
      throw new Error('value must be valid');
    }
    this.#tx.collections.checkWrite(collection, this.#tx.creator.mspid);
    this.#tx.rwset.checkWrite();
    validateWriteKey(key);
    const bytes = toBytes(value);
    this.#tx.rwset.recordPrivateWrite(collection, key, bytes.length === 0 ? null : bytes);
  }

  async deletePrivateData(collection: string, key: string): Promise<void> {
    validateCollectionAndKey(collection, key);
    this.#tx.collections.checkWrite(collection, this.#tx.creator.mspid);
    this.#tx.rwset.checkWrite();
    validateWriteKey(key);
    this.#tx.rwset.recordPrivateWrite(collection, key, null);
  }

  /** Modelled as a delete: the harness keeps no private history that a purge could erase. */
  async purgePrivateData(collection: string, key: string): Promise<void> {
    await this.deletePrivateData(collection, key);
  }

  async setPrivateDataValidationParameter(_collection: string, _key: string, _ep: Uint8Array): Promise<void> {
    throw notSupported('setPrivateDataValidationParameter');
  }

  async getPrivateDataValidationParameter(_collection: string, _key: string): Promise<Uint8Array> {
    throw notSupported('getPrivateDataValidationParameter');
  }

  /**
   * fabric-shim 2.5.8 resolves this promise to `{ iterator }`, not to the iterator its typings
   * promise (it skips the `.then(result => result.iterator)` the public calls have); `for await`
   * works either way. Kept identical so code that awaits and calls next() fails here too.
   */
  getPrivateDataByRange(collection: string, startKey: string, endKey: string): StateIterable {
    const open = async (): Promise<{ iterator: Iterators.StateQueryIterator }> => {
      if (!collection || typeof collection !== 'string') {
        throw new Error('collection must be a valid string');
      }
      this.#tx.collections.checkRead(collection, this.#tx.creator.mspid);
      this.#tx.rwset.checkPrivateQuery();
      // A peer outside the collection has no values to scan.
      const held = this.#tx.collections.holdsValues(collection, this.#tx.peerMspId);
      const entries = held ? this.#tx.world.collection(collection).range(startKey || EMPTY_KEY_SUBSTITUTE, endKey) : [];
      const kvs = entries.map((entry) => shimKV(entry.key, Buffer.from(entry.value)));
      return { iterator: new MemoryIterator(listCursor(kvs)) };
    };
    const promise = iterablePromise(open(), (response) => response.iterator);
    return promise as unknown as StateIterable;
  }

  getPrivateDataByPartialCompositeKey(collection: string, objectType: string, attributes: string[]): StateIterable {
    if (!collection || typeof collection !== 'string') {
      return iterablePromise(Promise.reject(new Error('collection must be a valid string')), (iterator) => iterator);
    }
    const partialKey = createCompositeKey(objectType, attributes);
    return this.getPrivateDataByRange(collection, partialKey, partialKey + MAX_UNICODE_RUNE);
  }

  getPrivateDataQueryResult(_collection: string, _query: string): StateIterable {
    throw notSupported('getPrivateDataQueryResult (CouchDB rich query; use composite keys and range scans)');
  }

  async #openRange(startKey: string, endKey: string): Promise<Iterators.StateQueryIterator> {
    const start = startKey || EMPTY_KEY_SUBSTITUTE;
    validateSimpleKeys(start, endKey);
    return this.#scan(start, endKey);
  }

  /** Runs synchronously up to its return, so the range is in the read set once the call returns. */
  async #scan(startKey: string, endKey: string): Promise<Iterators.StateQueryIterator> {
    this.#tx.rwset.checkActive();
    const info = new MutableRangeQueryInfo(startKey, endKey);
    this.#tx.rwset.rangeQueries.push(info);
    return new MemoryIterator(rangeCursor(this.#tx.world.publicState.range(startKey, endKey), info));
  }

  async #openPage(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark: string | undefined,
    simpleKeys: boolean,
  ): Promise<StateQueryResponse<Iterators.StateQueryIterator>> {
    const start = simpleKeys ? startKey || EMPTY_KEY_SUBSTITUTE : startKey;
    if (simpleKeys) {
      validateSimpleKeys(start, endKey);
    }
    if (!Number.isInteger(pageSize) || pageSize <= 0) {
      throw new Error(`pageSize must be a positive integer, got ${String(pageSize)}`);
    }
    this.#tx.rwset.checkPaginatedQuery();
    // The peer starts the page at the bookmark when there is one.
    const info = new MutableRangeQueryInfo(bookmark || start, endKey);
    this.#tx.rwset.rangeQueries.push(info);
    const page = readPage(this.#tx.world.publicState.range(info.startKey, endKey), pageSize, info);
    const kvs = page.entries.map((entry) => shimKV(entry.key, Buffer.from(entry.value)));
    const iterator = new MemoryIterator(listCursor(kvs));
    // An empty last page has metadata of default values only, which protobuf sends as no bytes:
    // fabric-shim then leaves `metadata` out of the response altogether.
    if (kvs.length === 0 && page.bookmark === '') {
      return { iterator } as unknown as StateQueryResponse<Iterators.StateQueryIterator>;
    }
    return { iterator, metadata: { fetchedRecordsCount: kvs.length, bookmark: page.bookmark } };
  }
}
