import * as grpc from '@grpc/grpc-js';
import { connect as connectGateway, type ConnectOptions as GatewayOptions, type Hash, hash, type Signer } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PeerHeights } from './catch-up.js';
import { type XborderClient, XborderClientImpl } from './client.js';
import { type ConnectionProfile, profileIdentity, readConnectionProfile } from './connection-profile.js';
import { type Consistency, ConsistencyImpl } from './consistency.js';
import { callOptions, type Deadlines, resolveDeadlines } from './deadlines.js';
import { identityIdOf } from './identity.js';
import { realTiming, resolveRetryPolicy, type RetryPolicy } from './retry.js';
import { privateKeySigning } from './signing.js';

/** Options of every way to connect. */
export interface CommonConnectOptions {
  /** Per-stage deadlines; each defaults to {@link DEFAULT_DEADLINES}. */
  deadlines?: Partial<Deadlines>;
  /** When to repeat requests; each field defaults to {@link DEFAULT_RETRY_POLICY}. */
  retry?: Partial<RetryPolicy>;
  /**
   * MSP ids of the clearing house(s), the other members of every `kyc_<mspId>`
   * collection. Default: looked up once with `Consortium:membersWithRole`.
   */
  clearingHouseMspIds?: string[];
  /**
   * The newest block seen, to share with other clients (from
   * {@link createConsistency}): each of them then acts on what any of them
   * has seen. Default: the client's own.
   */
  consistency?: Consistency;
  /**
   * An open gRPC connection to the same peer to share, e.g. among several
   * identities of one organisation. It stays open when the client closes.
   */
  grpcClient?: grpc.Client;
}

/**
 * Connect with the connection profile the network writes for an organisation
 * (`network/.run/connection/<org>.json`).
 */
export interface ProfileConnectOptions extends CommonConnectOptions {
  /** The profile, or the path of its file. */
  profile: ConnectionProfile | string;
  /** Which of the profile's identities to act as: `client` (default), `admin`, or a name in its `identities`. */
  identity?: string;
  /** Which of the organisation's peers to dial (a name from `profile.peers`); default its first. */
  peer?: string;
  /** Signs with this (e.g. an HSM) instead of the identity's key file; the certificate still comes from the profile. */
  signer?: Signer;
}

/** Connect with explicit settings, without a connection profile. */
export interface EndpointConnectOptions extends CommonConnectOptions {
  /** host:port of the organisation's gateway peer. */
  endpoint: string;
  /** PEM of the CA that issued the peer's TLS certificate. */
  tlsRootCertificate: string | Uint8Array;
  /** The name in the peer's TLS certificate, when it differs from the host dialled. */
  tlsHostName?: string;
  mspId: string;
  /** PEM of the client identity's X.509 certificate. */
  certificate: string | Uint8Array;
  /** PEM of its private key. Give this or `signer`; with neither, only off-line signing works. */
  privateKey?: string | Uint8Array;
  /** A signer such as `signers.newHSMSignerFactory(...).newSigner(...)` of @hyperledger/fabric-gateway. */
  signer?: Signer;
  /** Default `xborder`. */
  channel?: string;
  /** Default `xborder`. */
  chaincode?: string;
}

/** Either way to connect. */
export type ConnectOptions = ProfileConnectOptions | EndpointConnectOptions;

/**
 * Opens a client for one identity of a member organisation, over TLS to the
 * organisation's gateway peer.
 *
 * @example
 * await using client = await connect({ profile: 'network/.run/connection/jpbank.json', identity: 'user1' });
 * console.log(await client.health.ping());
 *
 * @example
 * const client = await connect({
 *   endpoint: 'peer0.jpbank.example.com:7051',
 *   tlsRootCertificate: await readFile('tlsca.pem'),
 *   mspId: 'JPBankMSP',
 *   certificate: await readFile('user1-cert.pem'),
 *   privateKey: await readFile('user1-key.pem'),
 * });
 */
export async function connect(options: ConnectOptions): Promise<XborderClient> {
  const settings = 'profile' in options ? await fromProfile(options) : fromEndpoint(options);
  const deadlines = resolveDeadlines(options.deadlines);
  const retry = resolveRetryPolicy(options.retry);
  const consistency = options.consistency ?? new ConsistencyImpl();
  if (!(consistency instanceof ConsistencyImpl)) {
    throw new TypeError('consistency must come from createConsistency()');
  }
  const heights = sharePeerHeights(`${settings.mspId}|${settings.endpoint}|${settings.tlsHostName ?? ''}|${settings.channel}`);
  const ownsClient = options.grpcClient === undefined;
  const grpcClient =
    options.grpcClient ??
    new grpc.Client(settings.endpoint, grpc.credentials.createSsl(toBuffer(settings.tlsRootCertificate)), {
      ...(settings.tlsHostName ? { 'grpc.ssl_target_name_override': settings.tlsHostName } : {}),
    });
  try {
    const certificate = toBuffer(settings.certificate);
    const common: GatewayOptions = {
      client: grpcClient,
      identity: { mspId: settings.mspId, credentials: certificate },
      evaluateOptions: () => callOptions(deadlines.evaluateMs),
      endorseOptions: () => callOptions(deadlines.endorseMs),
      submitOptions: () => callOptions(deadlines.submitMs),
      commitStatusOptions: () => callOptions(deadlines.commitStatusMs),
    };
    const gateway = connectGateway({ ...common, ...(settings.signer ? { signer: settings.signer } : {}), hash: settings.hash });
    // Off-line signing hands out SHA-256 digests to sign, whatever this process's own signer takes.
    const offlineGateway = settings.hash === hash.sha256 ? undefined : connectGateway({ ...common, hash: hash.sha256 });
    return new XborderClientImpl(gateway.getNetwork(settings.channel), {
      gateway,
      ...(offlineGateway ? { offlineGateway } : {}),
      chaincode: settings.chaincode,
      mspId: settings.mspId,
      identityId: identityIdOf(certificate),
      ...(settings.profile ? { profile: settings.profile } : {}),
      deadlines,
      retry,
      timing: realTiming,
      consistency,
      ...(options.clearingHouseMspIds ? { clearingHouseMspIds: options.clearingHouseMspIds } : {}),
      peerHeights: heights.heights,
      onClose: () => {
        heights.release();
        if (ownsClient) {
          grpcClient.close();
        }
      },
    });
  } catch (err) {
    heights.release();
    if (ownsClient) {
      grpcClient.close();
    }
    throw err;
  }
}

/** The peer heights of each organisation, gateway peer and channel that open clients use, and how many clients use them. */
const peerHeightsInUse = new Map<string, { heights: PeerHeights; users: number }>();

/**
 * The peer heights the open clients of one organisation and gateway peer share (see
 * PeerHeights). They are forgotten when the last of those clients closes, so
 * that a network created afresh at the same address starts from nothing.
 */
function sharePeerHeights(key: string): { heights: PeerHeights; release(): void } {
  let entry = peerHeightsInUse.get(key);
  if (!entry) {
    entry = { heights: new PeerHeights(), users: 0 };
    peerHeightsInUse.set(key, entry);
  }
  entry.users += 1;
  const shared = entry;
  let released = false;
  return {
    heights: shared.heights,
    release: () => {
      if (released) {
        return;
      }
      released = true;
      shared.users -= 1;
      if (shared.users === 0 && peerHeightsInUse.get(key) === shared) {
        peerHeightsInUse.delete(key);
      }
    },
  };
}

interface Settings {
  endpoint: string;
  tlsRootCertificate: string | Uint8Array;
  tlsHostName?: string;
  mspId: string;
  certificate: string | Uint8Array;
  signer?: Signer;
  /** What the gateway applies to each message before the signer signs it. */
  hash: Hash;
  channel: string;
  chaincode: string;
  profile?: ConnectionProfile;
}

async function fromProfile(options: ProfileConnectOptions): Promise<Settings> {
  const profile = typeof options.profile === 'string' ? await readConnectionProfile(options.profile) : options.profile;
  const peer = options.peer === undefined ? profile.peers[0] : profile.peers.find((p) => p.name === options.peer);
  if (!peer) {
    throw new Error(`${profile.organization} has no peer named '${options.peer}' (has: ${profile.peers.map((p) => p.name).join(', ')})`);
  }
  const files = profileIdentity(profile, options.identity ?? 'client');
  const [tlsRootCertificate, certificate, signing] = await Promise.all([
    readFile(profile.tlsCACertPath),
    readFile(files.certPath),
    options.signer ? { signer: options.signer, hash: hash.sha256 } : readFile(files.keyPath).then(keySigning),
  ]);
  return {
    endpoint: peer.endpoint,
    tlsRootCertificate,
    tlsHostName: peer.tlsHostName,
    mspId: profile.mspId,
    certificate,
    ...signing,
    channel: profile.channel,
    chaincode: profile.chaincode,
    profile,
  };
}

function fromEndpoint(options: EndpointConnectOptions): Settings {
  if (options.privateKey !== undefined && options.signer !== undefined) {
    throw new TypeError('give either privateKey or signer, not both');
  }
  const signing =
    options.signer !== undefined
      ? { signer: options.signer, hash: hash.sha256 }
      : options.privateKey !== undefined
        ? keySigning(options.privateKey)
        : { hash: hash.sha256 };
  return {
    endpoint: options.endpoint,
    tlsRootCertificate: options.tlsRootCertificate,
    ...(options.tlsHostName ? { tlsHostName: options.tlsHostName } : {}),
    mspId: options.mspId,
    certificate: options.certificate,
    ...signing,
    channel: options.channel ?? 'xborder',
    chaincode: options.chaincode ?? 'xborder',
  };
}

function keySigning(pem: string | Uint8Array): { signer: Signer; hash: Hash } {
  return privateKeySigning(createPrivateKey(toBuffer(pem)));
}

function toBuffer(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
