import { createHash } from 'crypto';
import { Context, Contract, Transaction } from 'fabric-contract-api';
import { FakeLedger, TransactionInvalidError, identity } from '../../support';

/** A counter and a list: enough to provoke every validation outcome. */
class CounterContract extends Contract {
  constructor() {
    super('Counter');
  }

  @Transaction()
  async set(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from(value));
    return value;
  }

  /** Read-modify-write: two concurrent increments of one key must not both commit. */
  @Transaction()
  async increment(ctx: Context, key: string): Promise<string> {
    const current = Number(Buffer.from(await ctx.stub.getState(key)).toString() || '0');
    const next = String(current + 1);
    await ctx.stub.putState(key, Buffer.from(next));
    ctx.stub.setEvent('Incremented', Buffer.from(JSON.stringify({ key, value: next })));
    return next;
  }

  @Transaction()
  async addItem(ctx: Context, id: string): Promise<string> {
    await ctx.stub.putState(ctx.stub.createCompositeKey('item', [id]), Buffer.from(id));
    return '';
  }

  /** Writes a summary of the item range; an item added meanwhile makes the summary stale. */
  @Transaction()
  async countItems(ctx: Context): Promise<string> {
    const keys: string[] = [];
    for await (const kv of ctx.stub.getStateByPartialCompositeKey('item', [])) {
      keys.push(kv.key);
    }
    await ctx.stub.putState('itemCount', Buffer.from(String(keys.length)));
    return String(keys.length);
  }

  /** Looks at the first item only; the peer still reads (and records) up to 101 keys. */
  @Transaction()
  async firstItem(ctx: Context): Promise<string> {
    const iterator = await ctx.stub.getStateByPartialCompositeKey('item', []);
    const first = await iterator.next();
    await iterator.close();
    await ctx.stub.putState('firstItem', Buffer.from(first.value.key));
    return '';
  }

  @Transaction()
  async twoEvents(ctx: Context): Promise<string> {
    ctx.stub.setEvent('First', Buffer.from('1'));
    ctx.stub.setEvent('Second', Buffer.from('2'));
    return '';
  }

  @Transaction()
  async failAfterWrite(ctx: Context, key: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from('never'));
    ctx.stub.setEvent('Never', Buffer.from(''));
    throw new Error('INVALID_STATE: refused after writing');
  }

  /** KYC-style: personal data from transient into a collection, only its hash in public. */
  @Transaction()
  async registerParty(ctx: Context, partyId: string): Promise<string> {
    const personal = ctx.stub.getTransient().get('personal');
    if (personal === undefined) {
      throw new Error('INVALID_ARGUMENT: personal data missing');
    }
    await ctx.stub.putPrivateData('kycCollection', partyId, personal);
    const record = JSON.stringify({ partyId, dataHash: Buffer.from(await ctx.stub.getPrivateDataHash('kycCollection', partyId)).toString('hex') });
    await ctx.stub.putState(`party:${partyId}`, Buffer.from(record));
    ctx.stub.setEvent('PartyRegistered', Buffer.from(JSON.stringify({ partyId })));
    return record;
  }

  /** Public write of personal data: what registerParty must never do. */
  @Transaction()
  async leakParty(ctx: Context, partyId: string): Promise<string> {
    const personal = ctx.stub.getTransient().get('personal') ?? Buffer.alloc(0);
    await ctx.stub.putState(`party:${partyId}`, personal);
    return '';
  }

  @Transaction()
  async updatePrivate(ctx: Context, partyId: string, value: string): Promise<string> {
    await ctx.stub.getPrivateData('kycCollection', partyId);
    await ctx.stub.putPrivateData('kycCollection', partyId, Buffer.from(value));
    return '';
  }

  @Transaction(false)
  async get(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString();
  }
}

const counter = new CounterContract();
const alice = identity('CNBankMSP', 'alice');
const bob = identity('USBankMSP', 'bob');
const as = { as: alice };

describe('FakeLedger', () => {
  let ledger: FakeLedger;

  beforeEach(() => {
    ledger = new FakeLedger({ collections: [{ name: 'kycCollection', members: ['CNBankMSP', 'USBankMSP'], memberOnlyRead: false, memberOnlyWrite: false }] });
  });

  describe('MVCC validation', () => {
    it('invalidates the second of two transactions in a block that read the same key', async () => {
      await ledger.submit(counter, 'set', ['n', '1'], as);
      const first = await ledger.simulate(counter, 'increment', ['n'], as);
      const second = await ledger.simulate(counter, 'increment', ['n'], { as: bob });

      expect(ledger.commit(first, second)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
      expect(ledger.getState('n')?.toString()).toBe('2');
    });

    it('invalidates a transaction endorsed before a later block changed what it read', async () => {
      const stale = await ledger.simulate(counter, 'increment', ['n'], as);
      await ledger.submit(counter, 'set', ['n', '5'], as);
      expect(ledger.commit(stale)).toEqual(['MVCC_READ_CONFLICT']);
      expect(ledger.getState('n')?.toString()).toBe('5');
    });

    it('commits two writers of different keys in one block', async () => {
      const a = await ledger.simulate(counter, 'increment', ['a'], as);
      const b = await ledger.simulate(counter, 'increment', ['b'], { as: bob });
      expect(ledger.commit(a, b)).toEqual(['VALID', 'VALID']);
      expect(ledger.stateKeys()).toEqual(['a', 'b']);
    });

    it('lets blind writes of the same key both commit, the later one winning', async () => {
      const a = await ledger.simulate(counter, 'set', ['k', 'first'], as);
      const b = await ledger.simulate(counter, 'set', ['k', 'second'], as);
      expect(ledger.commit(a, b)).toEqual(['VALID', 'VALID']);
      expect(ledger.getState('k')?.toString()).toBe('second');
    });

    it('detects a phantom: an item added to a scanned range by an earlier transaction of the block', async () => {
      await ledger.submit(counter, 'addItem', ['1'], as);
      const add = await ledger.simulate(counter, 'addItem', ['2'], as);
      const count = await ledger.simulate(counter, 'countItems', [], as);
      expect(ledger.commit(add, count)).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
      expect(ledger.getState('itemCount')).toBeUndefined();
    });

    it('checks the keys the peer read ahead, 101 of them for a large range, not only those consumed', async () => {
      for (let i = 100; i < 250; i++) {
        await ledger.submit(counter, 'addItem', [String(i)], as);
      }
      // Keys sort as strings: "100" .. "249". The peer's first batch reads "100" .. "200".
      const insideBatch = await ledger.simulate(counter, 'addItem', ['150a'], as);
      const beyondBatch = await ledger.simulate(counter, 'addItem', ['230a'], as);
      const readerA = await ledger.simulate(counter, 'firstItem', [], as);
      const readerB = await ledger.simulate(counter, 'firstItem', [], as);
      expect(ledger.commit(beyondBatch, readerA)).toEqual(['VALID', 'VALID']);
      expect(ledger.commit(insideBatch, readerB)).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
    });

    it('validates private data reads too', async () => {
      await ledger.submit(counter, 'registerParty', ['p1'], { as: alice, transient: { personal: 'v0' } });
      const a = await ledger.simulate(counter, 'updatePrivate', ['p1', 'v1'], as);
      const b = await ledger.simulate(counter, 'updatePrivate', ['p1', 'v2'], as);
      expect(ledger.commit(a, b)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
      expect(ledger.privateData('kycCollection', 'p1')?.toString()).toBe('v1');
    });

    it('marks failed endorsements and reused transaction ids invalid', async () => {
      const failed = await ledger.simulate(counter, 'failAfterWrite', ['k'], as);
      const once = await ledger.simulate(counter, 'set', ['k', 'v'], { as: alice, txId: 'fixed' });
      const again = await ledger.simulate(counter, 'set', ['k', 'w'], { as: alice, txId: 'fixed' });
      // The attempted write stays visible on the simulation for assertions, but is never applied.
      expect(failed.writes.get('k')?.toString()).toBe('never');
      expect(ledger.commit(failed, once, again)).toEqual(['ENDORSEMENT_FAILURE', 'VALID', 'DUPLICATE_TXID']);
      expect(ledger.getState('k')?.toString()).toBe('v');
      expect(ledger.events).toEqual([]);
    });
  });

  describe('submit and evaluate', () => {
    it('throws the chaincode error itself and commits nothing', async () => {
      const before = ledger.snapshot();
      await expect(ledger.submit(counter, 'failAfterWrite', ['k'], as)).rejects.toThrow('INVALID_STATE: refused after writing');
      expect(ledger.snapshot()).toEqual(before);
    });

    it('throws TransactionInvalidError when concurrent submits conflict', async () => {
      await ledger.submit(counter, 'set', ['n', '0'], as);
      const outcomes = await Promise.allSettled([
        ledger.submit(counter, 'increment', ['n'], as),
        ledger.submit(counter, 'increment', ['n'], as),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
      const rejected = outcomes[1];
      expect(rejected.status === 'rejected' && rejected.reason).toBeInstanceOf(TransactionInvalidError);
      expect(rejected.status === 'rejected' && (rejected.reason as TransactionInvalidError).code).toBe('MVCC_READ_CONFLICT');
    });

    it('never commits an evaluation', async () => {
      expect(await ledger.evaluate(counter, 'set', ['k', 'v'], as)).toBe('v');
      expect(ledger.stateKeys()).toEqual([]);
    });

    it('numbers transactions deterministically, one id per proposal', async () => {
      const sims = [
        await ledger.simulate(counter, 'set', ['a', '1'], as),
        await ledger.simulate(counter, 'set', ['b', '1'], as),
      ];
      expect(sims.map((sim) => sim.txId)).toEqual(['tx0001', 'tx0002']);
    });
  });

  describe('events', () => {
    it('keeps one event per transaction, the last one set, and only for valid transactions', async () => {
      await ledger.submit(counter, 'twoEvents', [], as);
      const a = await ledger.simulate(counter, 'increment', ['n'], as);
      const b = await ledger.simulate(counter, 'increment', ['n'], as);
      ledger.commit(a, b);
      expect(ledger.events.map((event) => [event.name, event.txId])).toEqual([
        ['Second', 'tx0001'],
        ['Incremented', 'tx0002'],
      ]);
      expect(ledger.events[0].payload.toString()).toBe('2');
    });
  });

  describe('private data', () => {
    it('commits private writes to the collection only, never to world state, responses or events', async () => {
      const personal = 'Zhang Wei, passport E12345678';
      const record = await ledger.submit(counter, 'registerParty', ['p1'], { as: alice, transient: { personal } });

      // getPrivateDataHash read the committed (absent) value, not the one just written.
      expect(JSON.parse(record)).toEqual({ partyId: 'p1', dataHash: '' });
      const later = await ledger.simulate(counter, 'registerParty', ['p1'], { as: alice, transient: { personal } });
      expect(JSON.parse(later.result ?? '')).toEqual({ partyId: 'p1', dataHash: createHash('sha256').update(personal).digest('hex') });

      expect(ledger.privateData('kycCollection', 'p1')?.toString()).toBe(personal);
      expect(ledger.stateKeys()).toEqual(['party:p1']);
      expect(ledger.publicOccurrences(personal)).toEqual([]);
      expect(ledger.publicOccurrences('E12345678')).toEqual([]);
    });

    it('reports every place a leaked value became visible', async () => {
      await ledger.submit(counter, 'leakParty', ['p2'], { as: alice, transient: { personal: 'passport E99' } });
      expect(ledger.publicOccurrences('E99')).toEqual([
        'world state value of "party:p2"',
        'history of "party:p2" in tx0001',
        'write set value of tx0001 at "party:p2"',
      ]);
    });
  });

  describe('determinism helpers', () => {
    it('forks into an independent copy on which the same proposal gives identical bytes', async () => {
      await ledger.submit(counter, 'set', ['n', '41'], as);
      const copy = ledger.fork();
      const here = await ledger.simulate(counter, 'increment', ['n'], as);
      const there = await copy.simulate(counter, 'increment', ['n'], as);

      expect(there.txId).toBe(here.txId);
      expect(there.result).toBe(here.result);
      expect(there.writes).toEqual(here.writes);
      expect(there.event).toEqual(here.event);

      ledger.commit(here);
      expect(copy.getState('n')?.toString()).toBe('41');
      expect(() => copy.commit(here)).toThrow('not endorsed by this ledger');
    });
  });
});
