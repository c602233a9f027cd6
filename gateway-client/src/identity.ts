import { X509Certificate } from 'node:crypto';

/**
 * The id the chaincode sees for a client certificate
 * (`ctx.clientIdentity.getID()` of fabric-shim):
 * `x509::/C=US/.../CN=User1@org::/C=US/.../CN=ca.org`. Parties bind these ids.
 *
 * @example
 * const id = identityIdOf(await readFile('User1@jpbank-cert.pem'));
 */
export function identityIdOf(certificatePem: string | Uint8Array): string {
  const certificate = new X509Certificate(typeof certificatePem === 'string' ? certificatePem : Buffer.from(certificatePem));
  return `x509::${formatName(certificate.subject)}::${formatName(certificate.issuer)}`;
}

/** Node prints a name one `KEY=value` per line, in certificate order; fabric-shim joins them as `/KEY=value`, escaping the first slash. */
function formatName(name: string): string {
  return name
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.indexOf('=');
      return `/${line.slice(0, at)}=${line.slice(at + 1).replace('/', '\\/')}`;
    })
    .join('');
}
