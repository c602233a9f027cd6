import { ClientIdentity as ShimClientIdentity, ChaincodeStub as ShimStub } from 'fabric-shim';
import { identity } from '../../support';

/** What fabric-shim's own ClientIdentity makes of an identity's certificate, as on a peer. */
function seenByShim(fake: ReturnType<typeof identity>): ShimClientIdentity {
  const stub = {
    getCreator: () => ({ mspid: fake.getMSPID(), idBytes: fake.getIDBytes() }),
    getChannelID: () => 'xborder',
    getTxID: () => 'tx0001',
  };
  // ClientIdentity reads only these three methods of the stub.
  return new ShimClientIdentity(stub as unknown as ShimStub);
}

describe('identity', () => {
  const fake = identity('CNBankMSP', 'alice', { role: 'admin', 'hf.EnrollmentID': 'alice' });
  const real = seenByShim(fake);

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
