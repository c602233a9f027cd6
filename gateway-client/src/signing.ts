import { type Hash, hash, type Signer, signers } from '@hyperledger/fabric-gateway';
import { type KeyObject, sign } from 'node:crypto';

/** A signer and the hash the gateway must apply to messages before handing them to it. */
export interface KeySigning {
  signer: Signer;
  hash: Hash;
}

/** The group orders of the curves Fabric identities use, by OpenSSL curve name. */
const CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

/**
 * Signs with a private key held in this process. ECDSA keys (P-256, P-384)
 * sign with OpenSSL through node:crypto, about ten times cheaper in CPU than
 * the pure-JavaScript signer of @hyperledger/fabric-gateway. OpenSSL hashes
 * the message itself (SHA-256, what the peers' MSP verifies against) and
 * cannot sign a ready digest, so the gateway is given `hash.none` and hands
 * over whole messages. Signatures come out in Fabric's form: DER, with the
 * low S value peers insist on. Any other key uses fabric-gateway's signer
 * over SHA-256 digests, as before.
 */
export function privateKeySigning(key: KeyObject): KeySigning {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const order = curve === undefined ? undefined : CURVE_ORDERS[curve];
  if (order === undefined) {
    return { signer: signers.newPrivateKeySigner(key), hash: hash.sha256 };
  }
  return {
    hash: hash.none,
    signer: (message) => Promise.resolve(lowSDer(sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' }), order)),
  };
}

/** DER of an ECDSA signature given as r || s (IEEE P1363), with s replaced by order - s when above half the order. */
export function lowSDer(p1363: Uint8Array, order: bigint): Uint8Array {
  const half = p1363.length / 2;
  const r = p1363.subarray(0, half);
  let s = bigintOf(p1363.subarray(half));
  if (s > order >> 1n) {
    s = order - s;
  }
  const rDer = derInteger(r);
  const sDer = derInteger(bytesOf(s, half));
  const body = rDer.length + sDer.length;
  // P-256 and P-384 signatures stay below 128 bytes: one length byte.
  return Uint8Array.from([0x30, body, ...rDer, ...sDer]);
}

function bigintOf(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

function bytesOf(value: bigint, length: number): Uint8Array {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex');
}

/** A DER INTEGER of an unsigned big-endian number: no leading zero bytes, one 0x00 if the top bit is set. */
function derInteger(unsigned: Uint8Array): number[] {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) {
    start++;
  }
  const digits = [...unsigned.subarray(start)];
  if (digits[0] >= 0x80) {
    digits.unshift(0);
  }
  return [0x02, digits.length, ...digits];
}
