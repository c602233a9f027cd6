import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChaincodeError } from '../../gateway-client/src';
import { readConnectionProfile } from '../../gateway-client/src/connection-profile';
import { connectAs } from './support/clients';
import { networkScript, networkStatus, RUN_DIR } from './support/network';

const utf8 = new TextDecoder();
const CONNECTIONS = path.join(RUN_DIR, 'connection');
const PROFILES = path.join(RUN_DIR, 'profiles');
const VERIFICATION = { level: 'STANDARD', riskRating: 'LOW', expiresAt: '2030-01-01T00:00:00Z' } as const;

/**
 * What Fabric operators expect of the network: a CA per organisation that
 * registers and enrolls identities on demand, the standard connection
 * profiles, and each node's environment and command line.
 */
describe('network/network.sh for Fabric operators', () => {
  it('runs a Fabric CA per organisation, shown by status', async () => {
    const cas = (await networkStatus()).nodes.filter((n) => n.kind === 'ca');
    expect(cas.map((n) => [n.name, n.org, n.running])).toEqual([
      ['ca.cnbank', 'CNBank', true],
      ['ca.usbank', 'USBank', true],
      ['ca.jpbank', 'JPBank', true],
      ['ca.clearinghouse', 'ClearingHouse', true],
    ]);
  });

  it('registers and enrolls a new identity whose attributes the chaincode sees', async () => {
    // A fresh name every run: the CA keeps what it registered for the network's life.
    const name = `kyc-clerk-${Date.now().toString(36)}`;
    const printed = await networkScript('register', '--org', 'usbank', '--name', name, '--attrs', 'kyc.verifier=true,dept=payables');
    const files = JSON.parse(printed) as { certPath: string; keyPath: string };
    const profile = await readConnectionProfile(path.join(CONNECTIONS, 'usbank.json'));
    expect(profile.identities?.[name]).toEqual(files);
    // The attributes are in the enrollment certificate, where Fabric CA puts ecert attributes.
    expect(readFileSync(files.certPath, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const msp = path.dirname(path.dirname(files.certPath));
    for (const part of ['cacerts', 'tlscacerts', 'keystore', 'signcerts', 'config.yaml']) {
      expect(existsSync(path.join(msp, part))).toBe(true);
    }

    await using clerk = await connectAs('usbank', { identity: name });
    const ping = JSON.parse(utf8.decode(await clerk.contract.evaluateTransaction('Health:ping'))) as { mspId: string };
    expect(ping.mspId).toBe('USBankMSP');

    // verifyKyc checks kyc.verifier=true first, then the caller's membership and the party:
    // the clerk gets past the attribute check (and fails later, nothing is written: the party
    // does not exist), a customer without the attribute does not.
    const clerkError = await clerk.parties.verifyKyc('NO-SUCH-PARTY', VERIFICATION).catch((err: unknown) => err);
    expect(clerkError).toBeInstanceOf(ChaincodeError);
    expect((clerkError as ChaincodeError).message).not.toMatch(/kyc\.verifier/);
    expect(['NOT_FOUND', 'CONSORTIUM_NOT_BOOTSTRAPPED']).toContain((clerkError as ChaincodeError).code);
    await using customer = await connectAs('usbank', { identity: 'user1' });
    const customerError = await customer.parties.verifyKyc('NO-SUCH-PARTY', VERIFICATION).catch((err: unknown) => err);
    expect(customerError).toBeInstanceOf(ChaincodeError);
    expect((customerError as ChaincodeError).code).toBe('UNAUTHORIZED');
    expect((customerError as ChaincodeError).message).toMatch(/kyc\.verifier=true/);
  });

  it('writes the common connection profiles and our connection files with the orderers', async () => {
    const common = JSON.parse(readFileSync(path.join(PROFILES, 'connection-jpbank.json'), 'utf8')) as {
      name: string;
      version: string;
      client: { organization: string };
      organizations: Record<string, { mspid: string; peers: string[]; certificateAuthorities: string[] }>;
      peers: Record<string, { url: string; tlsCACerts: { pem: string }; grpcOptions: Record<string, string> }>;
      certificateAuthorities: Record<string, { url: string; caName: string; tlsCACerts: { pem: string[] } }>;
    };
    expect(common).toMatchObject({ name: 'xborder-jpbank', version: '1.0.0', client: { organization: 'JPBank' } });
    expect(common.organizations.JPBank).toEqual({ mspid: 'JPBankMSP', peers: ['peer0.jpbank.xborder.test'], certificateAuthorities: ['ca-jpbank'] });
    const peer = common.peers['peer0.jpbank.xborder.test'];
    expect(peer.url).toMatch(/^grpcs:\/\/127\.0\.0\.1:\d+$/);
    expect(peer.tlsCACerts.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(peer.grpcOptions['ssl-target-name-override']).toBe('peer0.jpbank.xborder.test');
    const ca = common.certificateAuthorities['ca-jpbank'];
    expect(ca.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ca.caName).toBe('ca-jpbank');
    expect(ca.tlsCACerts.pem[0]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(readFileSync(path.join(PROFILES, 'connection-jpbank.yaml'), 'utf8')).toMatch(/^---\nname: "xborder-jpbank"\n/);

    const ours = await readConnectionProfile(path.join(CONNECTIONS, 'jpbank.json'));
    expect(ours.orderers?.map((o) => o.name)).toEqual(['orderer0', 'orderer1', 'orderer2']);
    expect(existsSync(ours.ordererTlsCACertPath ?? '')).toBe(true);
  });

  it('prints the environment and command line a node runs with', async () => {
    const peer = await networkScript('env', 'peer0.cnbank');
    expect(peer).toMatch(/^export CORE_PEER_ADDRESS=127\.0\.0\.1:\d+$/m);
    expect(peer).toMatch(/^export CORE_PEER_LOCALMSPID=CNBankMSP$/m);
    expect(peer.trimEnd().split('\n').pop()).toMatch(/\/peer node start$/);
    const ca = await networkScript('env', 'ca.usbank');
    expect(ca).toMatch(/^export FABRIC_CA_SERVER_CA_NAME=ca-usbank$/m);
    expect(ca.trimEnd().split('\n').pop()).toMatch(/\/fabric-ca-server start$/);
  });
});
