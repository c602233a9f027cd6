import type { ClientIdentity } from 'fabric-shim-api';
import { createCertificate } from './certificate';

/** The parts of the identity's X.509 certificate chaincode may look at. */
export interface FakeX509Certificate {
  readonly subject: { readonly organizationalUnitName: string; readonly commonName: string };
  readonly issuer: { readonly organizationName: string; readonly commonName: string };
  /** The Fabric CA attributes (certificate extension 1.2.3.4.5.6.7.8.1). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** A client identity of a member organisation, as `ctx.clientIdentity` sees it. */
export interface FakeClientIdentity extends ClientIdentity {
  readonly mspId: string;
  readonly commonName: string;
  getX509Certificate(): FakeX509Certificate;
}

/**
 * Test networks name an MSP after its organisation (`CNBankMSP` -> `cnbank.example.com`),
 * and the organisation's CA is `ca.<domain>`.
 */
function domainOf(mspId: string): string {
  const organisation = mspId.endsWith('MSP') && mspId.length > 3 ? mspId.slice(0, -3) : mspId;
  return `${organisation.toLowerCase()}.example.com`;
}

/**
 * fabric-shim 2.5.8 (lib/chaincode.js ClientIdentity) formats each distinguished name as
 * `/SHORTNAME=value` in certificate order, escaping only the first `/` of a value. The Go
 * shim's `CN=..,OU=..` form differs; the Node chaincode sees this one.
 */
function formatDN(attributes: ReadonlyArray<readonly [string, string]>): string {
  return attributes.map(([shortName, value]) => `/${shortName}=${value.replace('/', '\\/')}`).join('');
}

let nextSerial = 1;

class FakeIdentity implements FakeClientIdentity {
  readonly #certificate: FakeX509Certificate;
  readonly #id: string;
  #pem: string | undefined;

  constructor(
    readonly mspId: string,
    readonly commonName: string,
    attributes: Readonly<Record<string, string>>,
  ) {
    const domain = domainOf(mspId);
    this.#certificate = {
      subject: { organizationalUnitName: 'client', commonName },
      issuer: { organizationName: domain, commonName: `ca.${domain}` },
      attributes: { ...attributes },
    };
    const subject = formatDN([
      ['OU', 'client'],
      ['CN', commonName],
    ]);
    const issuer = formatDN([
      ['O', domain],
      ['CN', `ca.${domain}`],
    ]);
    this.#id = `x509::${subject}::${issuer}`;
  }

  getID(): string {
    return this.#id;
  }

  getMSPID(): string {
    return this.mspId;
  }

  /**
   * The PEM bytes of a real certificate with this subject, issuer and attributes, as a
   * proposal's creator carries them: fabric-shim's ClientIdentity parses it in every unit test.
   */
  getIDBytes(): Uint8Array {
    this.#pem ??= createCertificate({
      subject: [
        ['OU', 'client'],
        ['CN', this.commonName],
      ],
      issuer: [
        ['O', this.#certificate.issuer.organizationName],
        ['CN', this.#certificate.issuer.commonName],
      ],
      attributes: this.#certificate.attributes,
      serial: nextSerial++,
    });
    return Buffer.from(this.#pem, 'utf8');
  }

  /** Same lookup as fabric-shim: a missing or empty attribute is null. */
  getAttributeValue(attrName: string): string | null {
    const value = this.#certificate.attributes[attrName];
    return value ? value : null;
  }

  assertAttributeValue(attrName: string, attrValue: string): boolean {
    const value = this.getAttributeValue(attrName);
    return value !== null && value === attrValue;
  }

  getX509Certificate(): FakeX509Certificate {
    return this.#certificate;
  }
}

/**
 * A client identity issued by the CA of `mspId`.
 *
 * @example
 * const alice = identity('CNBankMSP', 'alice', { role: 'admin' });
 * alice.getID(); // 'x509::/OU=client/CN=alice::/O=cnbank.example.com/CN=ca.cnbank.example.com'
 */
export function identity(
  mspId: string,
  commonName: string,
  attributes: Readonly<Record<string, string>> = {},
): FakeClientIdentity {
  if (!mspId || !commonName) {
    throw new Error('identity needs an MSP id and a common name');
  }
  return new FakeIdentity(mspId, commonName, attributes);
}
