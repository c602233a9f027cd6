import { generateKeyPairSync, sign } from 'node:crypto';

/**
 * Real X.509 certificates for test identities, so that fabric-shim's own
 * ClientIdentity (which parses the proposal creator's PEM with @fidm/x509)
 * runs in unit tests exactly as on a peer. Built with a small DER encoder and
 * node:crypto, signed ECDSA P-256 like Fabric CA's; nothing here verifies the
 * signature, but the certificate is well formed and verifiable.
 */

/** One relative distinguished name: `['CN', 'alice']`. */
export type NamePart = readonly [shortName: keyof typeof NAME_OIDS, value: string];

export interface CertificateRequest {
  readonly subject: readonly NamePart[];
  readonly issuer: readonly NamePart[];
  /** Fabric CA attributes, in the extension chaincode reads them from (1.2.3.4.5.6.7.8.1). */
  readonly attributes: Readonly<Record<string, string>>;
  /** A positive serial number, unique per issuer. */
  readonly serial: number;
}

const NAME_OIDS = { C: '2.5.4.6', ST: '2.5.4.8', L: '2.5.4.7', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const FABRIC_ATTRIBUTES = '1.2.3.4.5.6.7.8.1';
const BASIC_CONSTRAINTS = '2.5.29.19';

/** One signing key for every test certificate: the issuer's signature is not what tests look at. */
const issuerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A PEM certificate for `request`, valid from 2020 to 2049. */
export function createCertificate(request: CertificateRequest): string {
  const subjectKey = issuerKey.publicKey.export({ type: 'spki', format: 'der' });
  const extensions = [extension(BASIC_CONSTRAINTS, sequence(), true)];
  if (Object.keys(request.attributes).length > 0) {
    extensions.push(extension(FABRIC_ATTRIBUTES, Buffer.from(JSON.stringify({ attrs: request.attributes }), 'utf8')));
  }
  const tbs = sequence(
    tlv(0xa0, integer(2)),
    integer(request.serial),
    sequence(oid(ECDSA_WITH_SHA256)),
    name(request.issuer),
    sequence(utcTime('200101000000Z'), utcTime('491231235959Z')),
    name(request.subject),
    subjectKey,
    tlv(0xa3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, issuerKey.privateKey);
  const der = sequence(tbs, sequence(oid(ECDSA_WITH_SHA256)), tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function name(parts: readonly NamePart[]): Buffer {
  return sequence(...parts.map(([shortName, value]) => tlv(0x31, sequence(oid(NAME_OIDS[shortName]), tlv(0x0c, Buffer.from(value, 'utf8'))))));
}

function extension(id: string, value: Buffer, critical = false): Buffer {
  return sequence(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0 || bytes.length === 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  if (bytes[0] & 0x80) {
    bytes.unshift(0);
  }
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let high = arc >>> 7; high > 0; high >>>= 7) {
      base128.unshift((high & 0x7f) | 0x80);
    }
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(text: string): Buffer {
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) {
    return Buffer.concat([Buffer.from([tag, length]), content]);
  }
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest >>>= 8) {
    lengthBytes.unshift(rest & 0xff);
  }
  return Buffer.concat([Buffer.from([tag, 0x80 | lengthBytes.length, ...lengthBytes]), content]);
}
