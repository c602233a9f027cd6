import { hash } from '@hyperledger/fabric-gateway';
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { lowSDer, privateKeySigning } from '../../../gateway-client/src/signing';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** r and s of a DER ECDSA signature. */
function parseDer(der: Uint8Array): { r: bigint; s: bigint } {
  expect(der[0]).toBe(0x30);
  expect(der[1]).toBe(der.length - 2);
  const integer = (at: number): { value: bigint; next: number } => {
    expect(der[at]).toBe(0x02);
    const length = der[at + 1];
    const bytes = der.subarray(at + 2, at + 2 + length);
    // Minimal: no needless leading zero, never negative.
    expect(bytes[0] < 0x80).toBe(true);
    if (bytes.length > 1) {
      expect(bytes[0] !== 0 || bytes[1] >= 0x80).toBe(true);
    }
    return { value: BigInt(`0x${Buffer.from(bytes).toString('hex')}`), next: at + 2 + length };
  };
  const r = integer(2);
  const s = integer(r.next);
  expect(s.next).toBe(der.length);
  return { r: r.value, s: s.value };
}

describe('privateKeySigning', () => {
  it('signs whole messages with ECDSA over SHA-256, in DER with a low S', async () => {
    for (const namedCurve of ['P-256', 'P-384']) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      const { signer, hash: messageHash } = privateKeySigning(privateKey);
      expect(messageHash).toBe(hash.none);
      const order = namedCurve === 'P-256' ? P256_ORDER : 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;
      for (let i = 0; i < 64; i++) {
        const message = randomBytes(1 + i * 37);
        const signature = await signer(message);
        expect(verify('sha256', message, publicKey, signature)).toBe(true);
        const { s } = parseDer(signature);
        expect(s <= order >> 1n).toBe(true);
      }
    }
  });

  it("keeps fabric-gateway's signer over SHA-256 digests for other keys", () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(privateKeySigning(privateKey).hash).toBe(hash.sha256);
  });
});

describe('lowSDer', () => {
  const raw = (r: bigint, s: bigint): Uint8Array => Buffer.from(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'), 'hex');

  it('replaces a high S by the order minus S', () => {
    expect(parseDer(lowSDer(raw(5n, P256_ORDER - 3n), P256_ORDER))).toEqual({ r: 5n, s: 3n });
  });

  it('keeps a low S, and encodes high-bit and short integers minimally', () => {
    const r = 0x80n << 248n;
    expect(parseDer(lowSDer(raw(r, 1n), P256_ORDER))).toEqual({ r, s: 1n });
    expect(parseDer(lowSDer(raw(0n, P256_ORDER >> 1n), P256_ORDER))).toEqual({ r: 0n, s: P256_ORDER >> 1n });
  });
});
