import { Context, Contract, Transaction } from 'fabric-contract-api';
import { FakeLedger, identity } from '../../support';

/** Exercises the stub from inside a transaction, as chaincode would, and reports what it saw. */
class ProbeContract extends Contract {
  constructor() {
    super('Probe');
  }

  @Transaction()
  async put(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from(value));
    return '';
  }

  @Transaction()
  async putItem(ctx: Context, objectType: string, id: string): Promise<string> {
    await ctx.stub.putState(ctx.stub.createCompositeKey(objectType, [id]), Buffer.from(id));
    return '';
  }

  @Transaction()
  async remove(ctx: Context, key: string): Promise<string> {
    await ctx.stub.deleteState(key);
    return '';
  }

  @Transaction()
  async readAround(ctx: Context, key: string, value: string): Promise<string> {
    const before = Buffer.from(await ctx.stub.getState(key)).toString();
    await ctx.stub.putState(key, Buffer.from(value));
    const afterPut = Buffer.from(await ctx.stub.getState(key)).toString();
    await ctx.stub.deleteState(key);
    const afterDelete = Buffer.from(await ctx.stub.getState(key)).toString();
    return JSON.stringify({ before, afterPut, afterDelete });
  }

  @Transaction(false)
  async scan(ctx: Context, startKey: string, endKey: string): Promise<string> {
    const keys: string[] = [];
    for await (const kv of ctx.stub.getStateByRange(startKey, endKey)) {
      keys.push(kv.key);
    }
    return JSON.stringify(keys);
  }

  @Transaction(false)
  async scanByHand(ctx: Context): Promise<string> {
    const iterator = await ctx.stub.getStateByRange('', '');
    const first = await iterator.next();
    const shapes: string[][] = [Object.keys(first), Object.keys(first.value)];
    let next = first;
    while (!next.done) {
      next = await iterator.next();
    }
    shapes.push(Object.keys(next));
    await iterator.close();
    return JSON.stringify({ shapes, valueIsBuffer: Buffer.isBuffer(first.value.value) });
  }

  @Transaction(false)
  async items(ctx: Context, objectType: string): Promise<string> {
    const ids: string[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey(objectType, [])) {
      ids.push(...ctx.stub.splitCompositeKey(kv.key).attributes);
    }
    return JSON.stringify(ids);
  }

  @Transaction(false)
  async itemsPage(ctx: Context, objectType: string, pageSize: string, bookmark: string): Promise<string> {
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(objectType, [], Number(pageSize), bookmark);
    const ids: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      ids.push(...ctx.stub.splitCompositeKey(next.value.key).attributes);
    }
    return JSON.stringify({ ids, metadata });
  }

  @Transaction()
  async writeAfterPage(ctx: Context): Promise<string> {
    await ctx.stub.getStateByRangeWithPagination('', '', 10);
    await ctx.stub.putState('k', Buffer.from('v'));
    return '';
  }

  @Transaction()
  async writeAfterPrivateRange(ctx: Context, collection: string): Promise<string> {
    await ctx.stub.getPrivateDataByRange(collection, '', '');
    await ctx.stub.putState('k', Buffer.from('v'));
    return '';
  }

  @Transaction()
  async richQuery(ctx: Context): Promise<string> {
    await ctx.stub.getQueryResult('{"selector":{}}');
    return '';
  }

  @Transaction(false)
  async history(ctx: Context, key: string): Promise<string> {
    const entries: unknown[] = [];
    for await (const modification of ctx.stub.getHistoryForKey(key)) {
      entries.push({ ...modification, value: Buffer.from(modification.value).toString() });
    }
    return JSON.stringify(entries);
  }

  @Transaction()
  async putPrivate(ctx: Context, collection: string, key: string): Promise<string> {
    const secret = ctx.stub.getTransient().get('secret');
    if (secret === undefined) {
      throw new Error('secret missing from transient data');
    }
    await ctx.stub.putPrivateData(collection, key, secret);
    return '';
  }

  @Transaction(false)
  async privateRange(ctx: Context, collection: string): Promise<string> {
    const resolved: unknown = await ctx.stub.getPrivateDataByRange(collection, '', '');
    const keys: string[] = [];
    for await (const kv of ctx.stub.getPrivateDataByRange(collection, '', '')) {
      keys.push(kv.key);
    }
    return JSON.stringify({ resolvedKeys: Object.keys(resolved as object), keys });
  }

  @Transaction(false)
  async proposal(ctx: Context, first: string, second: string): Promise<string> {
    const timestamp = ctx.stub.getTxTimestamp();
    const transient = ctx.stub.getTransient().get('note');
    return JSON.stringify({
      args: [first, second],
      txId: ctx.stub.getTxID(),
      channel: ctx.stub.getChannelID(),
      peerMspId: ctx.stub.getMspID(),
      creatorMspId: ctx.stub.getCreator().mspid,
      clientMspId: ctx.clientIdentity.getMSPID(),
      role: ctx.clientIdentity.getAttributeValue('role'),
      seconds: timestamp.seconds.toNumber(),
      nanos: timestamp.nanos,
      date: ctx.stub.getDateTimestamp().toISOString(),
      fcn: ctx.stub.getFunctionAndParameters(),
      note: transient === undefined ? null : Buffer.from(transient).toString(),
    });
  }
}

/** No decorators: fabric-shim then exposes every own method, with `length - 1` string parameters. */
class PlainContract extends Contract {
  constructor() {
    super('Plain');
  }

  async echo(_ctx: Context, value: string): Promise<string> {
    return value;
  }
}

const alice = identity('CNBankMSP', 'alice', { role: 'admin' });
const as = { as: alice };

function parsed(text: string): unknown {
  return JSON.parse(text);
}

describe('InMemoryStub', () => {
  let ledger: FakeLedger;
  const probe = new ProbeContract();

  beforeEach(() => {
    // One collection held by CNBank, the default endorsing peer's organisation.
    ledger = new FakeLedger({ collections: [{ name: 'kyc', members: ['CNBankMSP'], memberOnlyRead: false, memberOnlyWrite: false }] });
  });

  it('does not read its own writes: getState after putState or deleteState returns the committed value', async () => {
    await ledger.submit(probe, 'put', ['k', 'committed'], as);
    const seen = await ledger.submit(probe, 'readAround', ['k', 'new'], as);
    expect(parsed(seen)).toEqual({ before: 'committed', afterPut: 'committed', afterDelete: 'committed' });
    // The last write of the transaction (the delete) is what commits.
    expect(ledger.getState('k')).toBeUndefined();
  });

  it('scans ranges in UTF-8 byte order, end exclusive, without composite keys', async () => {
    for (const key of ['b', 'a', '\u{1F600}', '\uFFFD', 'c']) {
      await ledger.submit(probe, 'put', [key, 'v'], as);
    }
    await ledger.submit(probe, 'putItem', ['item', 'x'], as);
    expect(parsed(await ledger.evaluate(probe, 'scan', ['', ''], as))).toEqual(['a', 'b', 'c', '\uFFFD', '\u{1F600}']);
    expect(parsed(await ledger.evaluate(probe, 'scan', ['b', 'c'], as))).toEqual(['b']);
    expect(ledger.stateKeys()[0]).toBe('\u0000item\u0000x\u0000');
  });

  it('rejects range bounds in the composite key namespace, as fabric-shim does', async () => {
    await expect(ledger.evaluate(probe, 'scan', ['\u0000item', ''], as)).rejects.toThrow('contains a null character');
  });

  it('hands out fabric-shim shaped results: { value: { key, value: Buffer }, done } then { done: true }', async () => {
    await ledger.submit(probe, 'put', ['a', 'v'], as);
    expect(parsed(await ledger.evaluate(probe, 'scanByHand', [], as))).toEqual({
      shapes: [['value', 'done'], ['key', 'value'], ['done']],
      valueIsBuffer: true,
    });
  });

  it('lists composite keys by partial key, in order, and pages them with a bookmark', async () => {
    for (const id of ['3', '1', '2']) {
      await ledger.submit(probe, 'putItem', ['item', id], as);
    }
    await ledger.submit(probe, 'putItem', ['other', '0'], as);
    expect(parsed(await ledger.evaluate(probe, 'items', ['item'], as))).toEqual(['1', '2', '3']);

    const first = parsed(await ledger.evaluate(probe, 'itemsPage', ['item', '2', ''], as));
    expect(first).toEqual({ ids: ['1', '2'], metadata: { fetchedRecordsCount: 2, bookmark: '\u0000item\u00003\u0000' } });
    const second = parsed(await ledger.evaluate(probe, 'itemsPage', ['item', '2', '\u0000item\u00003\u0000'], as));
    expect(second).toEqual({ ids: ['3'], metadata: { fetchedRecordsCount: 1, bookmark: '' } });
  });

  it('allows paginated queries only in read-only transactions, with the peer message', async () => {
    await expect(ledger.submit(probe, 'writeAfterPage', [], as)).rejects.toThrow(
      'Transaction has already performed a paginated query. Writes are not allowed',
    );
  });

  it('allows private data range queries only in read-only transactions, with the peer message', async () => {
    await expect(ledger.submit(probe, 'writeAfterPrivateRange', ['kyc'], as)).rejects.toThrow(
      'Transaction has already performed queries on pvt data. Writes are not allowed',
    );
  });

  it('refuses rich queries', async () => {
    await expect(ledger.submit(probe, 'richQuery', [], as)).rejects.toThrow('getQueryResult');
  });

  it('resolves getPrivateDataByRange to { iterator } like fabric-shim 2.5.8, while for-await still works', async () => {
    await ledger.submit(probe, 'putPrivate', ['kyc', 'p1'], { as: alice, transient: { secret: 'x' } });
    expect(parsed(await ledger.evaluate(probe, 'privateRange', ['kyc'], as))).toEqual({ resolvedKeys: ['iterator'], keys: ['p1'] });
  });

  it('returns committed history newest first with transaction id, timestamp and delete flag', async () => {
    ledger.setTime('2026-03-01T00:00:00Z');
    await ledger.submit(probe, 'put', ['k', 'one'], as);
    ledger.setTime('2026-03-02T00:00:00.250Z');
    await ledger.submit(probe, 'remove', ['k'], as);
    expect(parsed(await ledger.evaluate(probe, 'history', ['k'], as))).toEqual([
      { txId: 'tx0002', value: '', isDelete: true, timestamp: { seconds: 1772409600, nanos: 250_000_000 } },
      { txId: 'tx0001', value: 'one', isDelete: false, timestamp: { seconds: 1772323200, nanos: 0 } },
    ]);
  });

  it('exposes the proposal: ids, channel, peer MSP, creator, clock, function, arguments, transient data', async () => {
    ledger.setTime('2026-03-01T12:00:00.5Z');
    const seen = await ledger.evaluate(probe, 'proposal', ['a', 'b'], { as: alice, transient: { note: 'hi' }, peerMspId: 'USBankMSP' });
    expect(parsed(seen)).toEqual({
      args: ['a', 'b'],
      txId: 'tx0001',
      channel: 'xborder',
      peerMspId: 'USBankMSP',
      creatorMspId: 'CNBankMSP',
      clientMspId: 'CNBankMSP',
      role: 'admin',
      seconds: 1772366400,
      nanos: 500_000_000,
      date: '2026-03-01T12:00:00.500Z',
      fcn: { fcn: 'Probe:proposal', params: ['a', 'b'] },
      note: 'hi',
    });
  });

  it('dispatches like fabric-shim: unknown functions and wrong argument counts fail', async () => {
    await expect(ledger.submit(probe, 'nope', [], as)).rejects.toThrow(
      "You've asked to invoke a function that does not exist: Probe:nope",
    );
    await expect(ledger.submit(probe, 'put', ['only-key'], as)).rejects.toThrow('Expected 2 parameters, but 1 have been supplied');
    await expect(ledger.evaluate(new PlainContract(), 'echo', ['hi'], as)).resolves.toBe('hi');
    await expect(ledger.evaluate(new PlainContract(), 'getName', [], as)).rejects.toThrow('does not exist');
  });
});
