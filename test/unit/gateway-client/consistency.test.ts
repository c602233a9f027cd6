import { type Commit, commitOf, ConsistencyImpl, createConsistency, parseConsistencyToken, recordCommit } from '../../../gateway-client/src/consistency';

describe('Consistency', () => {
  it('starts having seen nothing, with no token', () => {
    const consistency = createConsistency();
    expect(consistency.seenBlock).toBeUndefined();
    expect(consistency.token()).toBeUndefined();
  });

  it('takes blocks from tokens, block numbers, commits and events, and keeps the newest', () => {
    const consistency = new ConsistencyImpl();
    consistency.observe('12');
    expect(consistency.seenBlock).toBe(12n);
    consistency.observe(9n);
    expect(consistency.seenBlock).toBe(12n);
    const commit: Commit = { transactionId: 'tx', blockNumber: 15n };
    consistency.observe(commit);
    consistency.observe({ blockNumber: 14n });
    expect(consistency.seenBlock).toBe(15n);
    consistency.observe(undefined);
    consistency.observe({});
    expect(consistency.token()).toBe('15');
  });

  it('passes a token from one organisation to another in one line', () => {
    const seller = createConsistency();
    const buyer = createConsistency();
    seller.observe(41n);
    buyer.observe(seller.token());
    expect(buyer.seenBlock).toBe(41n);
  });

  it.each(['', '-1', '1.5', '0x10', '1e3', ' 7', '007', 'block 7', '123456789012345678901'])('refuses %j as a token and changes nothing', (token) => {
    const consistency = new ConsistencyImpl();
    consistency.observe(3n);
    expect(() => consistency.observe(token)).toThrow(TypeError);
    expect(consistency.seenBlock).toBe(3n);
  });

  it('refuses a negative block number', () => {
    expect(() => new ConsistencyImpl().observe(-1n)).toThrow(TypeError);
  });

  it('parses the token it gives', () => {
    expect(parseConsistencyToken('0')).toBe(0n);
    expect(parseConsistencyToken('18446744073709551615')).toBe(18446744073709551615n);
  });

  it('counts waits and tells the listener about each', () => {
    const heard: unknown[] = [];
    const consistency = new ConsistencyImpl({ onWait: (wait) => heard.push(wait) });
    consistency.recordWait({ blockNumber: 5n, organizations: ['USBankMSP'], waitedMs: 40 });
    consistency.recordWait({ blockNumber: 6n, organizations: ['JPBankMSP'], waitedMs: 15 });
    expect(consistency.waits).toEqual({ count: 2, totalMs: 55, longestMs: 40 });
    expect(heard).toEqual([
      { blockNumber: 5n, organizations: ['USBankMSP'], waitedMs: 40 },
      { blockNumber: 6n, organizations: ['JPBankMSP'], waitedMs: 15 },
    ]);
  });
});

describe('commitOf', () => {
  it('tells where the write that returned a result committed, and nothing for other objects', () => {
    const result = recordCommit({ orderId: 'O1' }, { transactionId: 'tx9', blockNumber: 30n });
    expect(commitOf(result)).toEqual({ transactionId: 'tx9', blockNumber: 30n });
    expect(commitOf({ orderId: 'O1' })).toBeUndefined();
  });

  it('leaves results that are not objects alone', () => {
    expect(recordCommit('text', { transactionId: 'tx', blockNumber: 1n })).toBe('text');
  });
});
