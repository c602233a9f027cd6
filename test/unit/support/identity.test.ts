import { readFileSync } from 'fs';
import { join } from 'path';
import { ClientIdentity as ShimClientIdentity, ChaincodeStub as ShimStub } from 'fabric-shim';
import { identity } from '../../support';

/**
 * fixtures/alice-cert.pem is a real certificate, so fabric-shim's own ClientIdentity can
 * parse it and tell what a chaincode on a peer would see. Made with:
 *   openssl req -x509 -new -key ca.key -subj "/O=cnbank.example.com/CN=ca.cnbank.example.com" -out ca.pem
 *   openssl req -new -key alice.key -subj "/OU=client/CN=alice" -out alice.csr
 *   openssl x509 -req -in alice.csr -CA ca.pem -CAkey ca.key -CAcreateserial -extfile ext.cnf -out alice-cert.pem
 * with ext.cnf holding 1.2.3.4.5.6.7.8.1=DER:<hex of {"attrs":{"role":"admin","hf.EnrollmentID":"alice"}}>,
 * the Fabric CA attribute extension.
 */
function shimIdentityFromFixture(): ShimClientIdentity {
  const pem = readFileSync(join(__dirname, 'fixtures', 'alice-cert.pem'));
  const stub = {
    getCreator: () => ({ mspid: 'CNBankMSP', idBytes: new Uint8Array(pem) }),
    getChannelID: () => 'xborder',
    getTxID: () => 'tx0001',
  };
  // ClientIdentity reads only these three methods of the stub.
  return new ShimClientIdentity(stub as unknown as ShimStub);
}

describe('identity', () => {
  const real = shimIdentityFromFixture();
  const fake = identity('CNBankMSP', 'alice', { role: 'admin', 'hf.EnrollmentID': 'alice' });

  it('has the id fabric-shim derives from the certificate', () => {
    expect(fake.getID()).toBe(real.getID());
    expect(fake.getID()).toBe('x509::/OU=client/CN=alice::/O=cnbank.example.com/CN=ca.cnbank.example.com');
  });

  it('answers attribute questions like fabric-shim', () => {
    expect(fake.getMSPID()).toBe(real.getMSPID());
    for (const name of ['role', 'hf.EnrollmentID', 'missing']) {
      expect(fake.getAttributeValue(name)).toBe(real.getAttributeValue(name));
    }
    expect(fake.assertAttributeValue('role', 'admin')).toBe(true);
    expect(real.assertAttributeValue('role', 'admin')).toBe(true);
    expect(fake.assertAttributeValue('role', 'auditor')).toBe(false);
    expect(fake.assertAttributeValue('missing', 'x')).toBe(false);
  });

  it('tells organisations and users apart and exposes certificate names', () => {
    expect(identity('USBankMSP', 'alice').getID()).not.toBe(identity('CNBankMSP', 'alice').getID());
    expect(identity('CNBankMSP', 'bob').getID()).not.toBe(fake.getID());
    expect(fake.getX509Certificate().issuer.commonName).toBe('ca.cnbank.example.com');
    expect(Buffer.from(fake.getIDBytes()).toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });
});
