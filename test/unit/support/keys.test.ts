import fc from 'fast-check';
import { ChaincodeStub as ShimStub } from 'fabric-shim';
import { compareKeys, createCompositeKey, splitCompositeKey, validateWriteKey } from '../../support/keys';

// fabric-shim's createCompositeKey and splitCompositeKey do not touch `this`, so its own
// implementation can be called from the prototype without a peer connection.
const shim = ShimStub.prototype;

function outcome<T>(run: () => T): { value: T } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// Edge cases next to arbitrary Unicode: empty strings, the separator itself, the range end rune.
const part = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('', '\u0000', 'a\u0000b', '\u{10ffff}', '\u0001'));

describe('composite keys', () => {
  it('builds the same key as fabric-shim', () => {
    expect(createCompositeKey('balance', ['CNY', 'party-1'])).toBe(shim.createCompositeKey('balance', ['CNY', 'party-1']));
    expect(createCompositeKey('balance', ['CNY', 'party-1'])).toBe('\u0000balance\u0000CNY\u0000party-1\u0000');
  });

  it('agrees with fabric-shim on any object type and attributes, errors included', () => {
    fc.assert(
      fc.property(part, fc.array(part, { maxLength: 4 }), (objectType, attributes) => {
        expect(outcome(() => createCompositeKey(objectType, attributes))).toEqual(
          outcome(() => shim.createCompositeKey(objectType, attributes)),
        );
      }),
    );
  });

  it('splits any string exactly as fabric-shim does, null object type for simple keys included', () => {
    fc.assert(
      fc.property(fc.oneof(part, fc.array(part, { maxLength: 4 }).map((parts) => `\u0000${parts.join('\u0000')}`)), (key) => {
        expect(splitCompositeKey(key)).toEqual(shim.splitCompositeKey(key));
      }),
    );
    expect(splitCompositeKey('plain').objectType).toBeNull();
  });
});

describe('key order', () => {
  it('sorts by UTF-8 bytes like LevelDB, not by UTF-16 code units', () => {
    // U+FFFD is one UTF-16 unit above the surrogates of U+1F600, but its UTF-8 bytes are lower.
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(compareKeys('\uFFFD', '\u{1F600}')).toBeLessThan(0);
  });

  it('matches Buffer order on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });

  it('matches Buffer order on strings thick with surrogates, paired or lone', () => {
    // Code units around the surrogates (U+D800..U+DFFF), where UTF-16 and UTF-8 order part.
    const unit = fc.oneof(fc.integer({ min: 0xd7fe, max: 0xe001 }), fc.constantFrom(0x41, 0xfffd, 0xffff)).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 6 }), fc.string({ unit, maxLength: 6 }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
        expect(Math.sign(compareKeys(a, a + b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(a + b))));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('written keys', () => {
  it('refuses empty keys and keys that are not valid UTF-8', () => {
    expect(() => validateWriteKey('')).toThrow('key must not be an empty string');
    expect(() => validateWriteKey('bad\uD800')).toThrow('must be a UTF-8 string');
    expect(() => validateWriteKey('\u0000ok\u0000')).not.toThrow();
  });
});
