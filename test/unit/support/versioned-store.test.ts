import fc from 'fast-check';
import { compareKeys } from '../../support/keys';
import { VersionedStore } from '../../support/versioned-store';

/** Keys from a small alphabet (with a composite key's U+0000 and an astral character), so writes hit the same keys and ranges hold several. */
const key = fc.string({ unit: fc.constantFrom('\u0000', 'a', 'b', 'z', '\uFFFD', '\u{1F600}'), minLength: 1, maxLength: 3 });
const block = fc.array(fc.tuple(key, fc.option(fc.constantFrom('x', 'y'), { nil: null })), { maxLength: 6 });

function expectedRange(entries: ReadonlyMap<string, string>, startKey: string, endKey: string, inclusiveEnd: boolean): string[] {
  return [...entries.keys()]
    .filter((k) => compareKeys(k, startKey) >= 0 && (endKey === '' || (inclusiveEnd ? compareKeys(k, endKey) <= 0 : compareKeys(k, endKey) < 0)))
    .sort(compareKeys);
}

describe('VersionedStore', () => {
  it('keeps LevelDB order and answers ranges as a full sort and scan would, block after block', () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 8 }),
        fc.array(fc.tuple(key, fc.oneof(key, fc.constant('')), fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (blocks, ranges, sortEarly) => {
          let store = VersionedStore.EMPTY;
          const model = new Map<string, string>();
          blocks.forEach((writes, index) => {
            if (sortEarly || index % 2 === 1) {
              store.entries(); // the order is known before this block's writes, so it is carried forward
            }
            const map = new Map(writes.map(([k, v]) => [k, v === null ? null : Buffer.from(v)]));
            store = store.withWrites(map, { blockNum: index + 1, txNum: 0 });
            map.forEach((value, k) => (value === null ? model.delete(k) : model.set(k, value.toString())));
            expect(store.entries().map((e) => [e.key, e.value.toString()])).toEqual([...model].sort(([a], [b]) => compareKeys(a, b)));
            for (const [startKey, endKey, inclusiveEnd] of ranges) {
              expect(store.range(startKey, endKey, inclusiveEnd).map((e) => e.key)).toEqual(expectedRange(model, startKey, endKey, inclusiveEnd));
            }
          });
          expect(store.size).toBe(model.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves an earlier store as it was', () => {
    const first = VersionedStore.EMPTY.withWrites(new Map([['b', Buffer.from('1')]]), { blockNum: 1, txNum: 0 });
    expect(first.entries().map((e) => e.key)).toEqual(['b']);
    const second = first.withWrites(new Map<string, Buffer | null>([['a', Buffer.from('2')], ['b', null]]), { blockNum: 2, txNum: 0 });
    expect(second.entries().map((e) => e.key)).toEqual(['a']);
    expect(first.entries().map((e) => e.key)).toEqual(['b']);
    expect(first.get('b')?.version).toEqual({ blockNum: 1, txNum: 0 });
  });
});
