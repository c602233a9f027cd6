import * as grpc from '@grpc/grpc-js';
import { connect, Contract, Gateway, hash, Network, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConnectionProfile } from './connection-profile';

/** Which identity of a connection profile to act as. */
export type ProfileIdentity = 'client' | 'admin';

export interface ConnectOptions {
  profile: ConnectionProfile;
  /** Defaults to the profile's client identity. */
  as?: ProfileIdentity;
  /** Dial this peer of the organisation instead of its default one (a name from `profile.peers`). */
  peer?: string;
}

/** An open connection to the xborder chaincode as one identity. Close it when done. */
export interface XborderConnection extends AsyncDisposable {
  readonly profile: ConnectionProfile;
  readonly gateway: Gateway;
  readonly network: Network;
  readonly contract: Contract;
  close(): void;
}

/** Per-stage deadlines: endorsement and commit wait for several organisations. */
const DEADLINE_MS = { evaluate: 10_000, endorse: 30_000, submit: 10_000, commitStatus: 60_000 };

/**
 * Connects to the organisation's peer through the Fabric Gateway, with TLS and
 * the identity from the connection profile.
 *
 * @example
 * await using conn = await connectWithProfile({ profile: await readConnectionProfile(file) });
 * const result = await conn.contract.evaluateTransaction('Health:ping');
 */
export async function connectWithProfile(options: ConnectOptions): Promise<XborderConnection> {
  const { profile } = options;
  const peer = options.peer ? profile.peers.find((p) => p.name === options.peer) : profile.peers[0];
  if (!peer) {
    throw new Error(`${profile.organization} has no peer named '${options.peer}' (has: ${profile.peers.map((p) => p.name).join(', ')})`);
  }
  const identityFiles = profile[options.as ?? 'client'];
  const [tlsRootCert, certificate, privateKeyPem] = await Promise.all([
    readFile(profile.tlsCACertPath),
    readFile(identityFiles.certPath),
    readFile(identityFiles.keyPath),
  ]);
  const client = new grpc.Client(peer.endpoint, grpc.credentials.createSsl(tlsRootCert), {
    'grpc.ssl_target_name_override': peer.tlsHostName,
  });
  const gateway = connect({
    client,
    identity: { mspId: profile.mspId, credentials: certificate },
    signer: signers.newPrivateKeySigner(createPrivateKey(privateKeyPem)),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + DEADLINE_MS.evaluate }),
    endorseOptions: () => ({ deadline: Date.now() + DEADLINE_MS.endorse }),
    submitOptions: () => ({ deadline: Date.now() + DEADLINE_MS.submit }),
    commitStatusOptions: () => ({ deadline: Date.now() + DEADLINE_MS.commitStatus }),
  });
  const network = gateway.getNetwork(profile.channel);
  const close = (): void => {
    gateway.close();
    client.close();
  };
  return {
    profile,
    gateway,
    network,
    contract: network.getContract(profile.chaincode),
    close,
    [Symbol.asyncDispose]: async () => close(),
  };
}
