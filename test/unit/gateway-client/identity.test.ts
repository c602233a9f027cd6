import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Certificate } from '@fidm/x509';
import { identityIdOf } from '../../../gateway-client/src/identity';

/** What fabric-shim's ClientIdentity.getID() computes, with the same certificate parser. */
function shimId(pem: Buffer): string {
  const certificate = Certificate.fromPEM(pem);
  const format = (dn: typeof certificate.subject): string =>
    dn.attributes.map((attribute) => `/${attribute.shortName}=${String(attribute.value).replace('/', '\\/')}`).join('');
  return `x509::${format(certificate.subject)}::${format(certificate.issuer)}`;
}

describe('identityIdOf', () => {
  it('gives the id the chaincode sees for a certificate', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xborder-id-'));
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'),
      '-out', cert, '-days', '1', '-subj', '/C=JP/ST=Tokyo/L=Chiyoda/O=jpbank.example.com/OU=client/CN=user1@jpbank.example.com',
    ], { stdio: 'ignore' });
    const pem = readFileSync(cert);
    expect(identityIdOf(pem)).toBe(shimId(pem));
    expect(identityIdOf(pem.toString())).toBe('x509::/C=JP/ST=Tokyo/L=Chiyoda/O=jpbank.example.com/OU=client/CN=user1@jpbank.example.com::/C=JP/ST=Tokyo/L=Chiyoda/O=jpbank.example.com/OU=client/CN=user1@jpbank.example.com');
  });
});
