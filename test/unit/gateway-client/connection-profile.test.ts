import { parseConnectionProfile, profileIdentity } from '../../../gateway-client/src/connection-profile';

const base = {
  organization: 'JPBank',
  mspId: 'JPBankMSP',
  channel: 'xborder',
  chaincode: 'xborder',
  endpoint: '127.0.0.1:7050',
  tlsHostName: 'peer0.jpbank.xborder.test',
  tlsCACertPath: 'tls/ca.pem',
  peers: [{ name: 'peer0.jpbank', endpoint: '127.0.0.1:7050', tlsHostName: 'peer0.jpbank.xborder.test' }],
  client: { certPath: 'users/user1/cert.pem', keyPath: 'users/user1/key.pem' },
  admin: { certPath: 'users/admin/cert.pem', keyPath: 'users/admin/key.pem' },
};

describe('parseConnectionProfile', () => {
  it('reads a profile without identities and resolves paths against its folder', () => {
    const profile = parseConnectionProfile(base, '/profiles');
    expect(profile.tlsCACertPath).toBe('/profiles/tls/ca.pem');
    expect(profile.identities).toBeUndefined();
    expect(profileIdentity(profile, 'client').certPath).toBe('/profiles/users/user1/cert.pem');
    expect(profileIdentity(profile, 'admin').keyPath).toBe('/profiles/users/admin/key.pem');
  });

  it('reads the identities map and finds identities by name', () => {
    const profile = parseConnectionProfile(
      { ...base, identities: { verifier: { certPath: 'v/cert.pem', keyPath: 'v/key.pem' }, admin: { certPath: 'a2/cert.pem', keyPath: 'a2/key.pem' } } },
      '/p',
    );
    expect(profileIdentity(profile, 'verifier')).toEqual({ certPath: '/p/v/cert.pem', keyPath: '/p/v/key.pem' });
    expect(profileIdentity(profile, 'admin').certPath).toBe('/p/a2/cert.pem');
    expect(() => profileIdentity(profile, 'issuer')).toThrow("JPBank has no identity named 'issuer' (has: client, admin, verifier)");
  });

  it('reads the orderer endpoints and their TLS CA when the file gives them', () => {
    expect(parseConnectionProfile(base, '/p').orderers).toBeUndefined();
    const profile = parseConnectionProfile(
      { ...base, orderers: [{ name: 'orderer0', endpoint: '127.0.0.1:7000', tlsHostName: 'orderer0.orderer.xborder.test' }], ordererTlsCACertPath: 'o/tlsca.pem' },
      '/p',
    );
    expect(profile.orderers).toEqual([{ name: 'orderer0', endpoint: '127.0.0.1:7000', tlsHostName: 'orderer0.orderer.xborder.test' }]);
    expect(profile.ordererTlsCACertPath).toBe('/p/o/tlsca.pem');
    expect(() => parseConnectionProfile({ ...base, orderers: [{ name: 'orderer0' }] }, '/p')).toThrow("'orderers[0].endpoint' is missing");
  });

  it('names a malformed identity entry', () => {
    expect(() => parseConnectionProfile({ ...base, identities: { user1: { certPath: 'c.pem' } } }, '/p')).toThrow("'identities.user1.keyPath' is missing");
  });
});
