/**
 * Key rules shared by the stub and the ledger. Composite keys must be byte-for-byte what
 * fabric-shim 2.5.8 builds (lib/stub.js), because chaincode stores them and the integration
 * tests read them back from a real peer; the unit tests compare against fabric-shim itself.
 */

/** Namespace prefix that keeps composite keys apart from simple keys. */
export const COMPOSITE_KEY_NAMESPACE = '\u0000';
const MIN_UNICODE_RUNE = '\u0000';
/** Appended to a partial composite key to make the exclusive end of its range scan. */
export const MAX_UNICODE_RUNE = '\u{10ffff}';
/** fabric-shim replaces an empty range start with this, which is what hides composite keys from plain range scans. */
export const EMPTY_KEY_SUBSTITUTE = '\u0001';

export function createCompositeKey(objectType: string, attributes: readonly string[]): string {
  validateCompositeKeyAttribute(objectType);
  if (!Array.isArray(attributes)) {
    throw new Error('attributes must be an array');
  }
  let compositeKey = COMPOSITE_KEY_NAMESPACE + objectType + MIN_UNICODE_RUNE;
  for (const attribute of attributes) {
    validateCompositeKeyAttribute(attribute);
    compositeKey = compositeKey + attribute + MIN_UNICODE_RUNE;
  }
  return compositeKey;
}

/**
 * fabric-shim returns `objectType: null` for a key that is not composite although its
 * typings say string; callers get the same null here so code that forgets the check fails
 * in unit tests as it would on a peer.
 */
export function splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
  const result: { objectType: string | null; attributes: string[] } = { objectType: null, attributes: [] };
  if (compositeKey && compositeKey.length > 1 && compositeKey.charAt(0) === COMPOSITE_KEY_NAMESPACE) {
    const parts = compositeKey.substring(1).split(MIN_UNICODE_RUNE);
    result.objectType = parts[0];
    parts.pop();
    if (parts.length > 1) {
      parts.shift();
      result.attributes = parts;
    }
  }
  return result as { objectType: string; attributes: string[] };
}

function validateCompositeKeyAttribute(attribute: unknown): void {
  if (!attribute || typeof attribute !== 'string' || attribute.length === 0) {
    throw new Error('object type or attribute not a non-zero length string');
  }
}

/** Range bounds may not point into the composite key namespace (fabric-shim's validateSimpleKeys). */
export function validateSimpleKeys(...keys: string[]): void {
  for (const key of keys) {
    if (key && typeof key === 'string' && key.charAt(0) === COMPOSITE_KEY_NAMESPACE) {
      throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
    }
  }
}

/**
 * The peer's checks on a written key: the Go shim refuses empty keys and LevelDB refuses keys
 * that are not valid UTF-8 (a JavaScript string with a lone surrogate is not).
 */
export function validateWriteKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new Error('key must not be an empty string');
  }
  if (Buffer.from(key, 'utf8').toString('utf8') !== key) {
    throw new Error(`invalid key [${Buffer.from(key, 'utf8').toString('hex')}], must be a UTF-8 string`);
  }
}

/**
 * Orders keys by their UTF-8 bytes, as LevelDB does. JavaScript's `<` compares UTF-16 code
 * units, which puts U+E000..U+FFFF after astral characters and would disagree with a peer.
 *
 * Without encoding either key: where the first differing code units are both outside the
 * surrogates, code unit order is code point order, which is UTF-8 byte order. Only a surrogate
 * there, or a shorter key that ends in one (which the longer key may pair), needs the bytes.
 */
export function compareKeys(a: string, b: string): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return isSurrogate(x) || isSurrogate(y) ? compareUtf8(a, b) : x < y ? -1 : 1;
    }
  }
  if (a.length === b.length) {
    return 0;
  }
  if (common > 0 && isSurrogate(a.charCodeAt(common - 1))) {
    return compareUtf8(a, b);
  }
  return a.length < b.length ? -1 : 1;
}

function isSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdfff;
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
