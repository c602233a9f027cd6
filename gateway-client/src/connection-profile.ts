import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Paths to a client identity's X.509 certificate and private key (PEM files). */
export interface IdentityFiles {
  certPath: string;
  keyPath: string;
}

/** One peer of the organisation. */
export interface PeerEndpoint {
  name: string;
  /** host:port to dial. */
  endpoint: string;
  /** The name in the peer's TLS certificate, used when it differs from the dialled host. */
  tlsHostName: string;
}

/**
 * What a member organisation's application needs to reach the network: the file
 * `network/network.sh up` writes as `network/.run/connection/<org>.json`.
 */
export interface ConnectionProfile {
  organization: string;
  mspId: string;
  channel: string;
  chaincode: string;
  /** The organisation's default peer. */
  endpoint: string;
  tlsHostName: string;
  /** PEM file of the organisation's TLS certificate authority. */
  tlsCACertPath: string;
  peers: PeerEndpoint[];
  /** The ordering service's nodes (same shape as peers), when the file lists them. */
  orderers?: PeerEndpoint[];
  /** PEM file of the orderer organisation's TLS certificate authority, when the file gives it. */
  ordererTlsCACertPath?: string;
  /** An ordinary client identity of the organisation. */
  client: IdentityFiles;
  /** The organisation's administrator identity. */
  admin: IdentityFiles;
  /**
   * Named identities of the organisation, when the profile lists them: for the
   * local network `admin`, `operator` (role=admin), `verifier`
   * (kyc.verifier=true), `issuer` (role=issuer, issuing banks) and `user1`..`user3`.
   */
  identities?: Record<string, IdentityFiles>;
}

/**
 * The files of the identity `name`: an entry of `identities`, else `client` or
 * `admin`.
 *
 * @example
 * const verifier = profileIdentity(profile, 'verifier');
 */
export function profileIdentity(profile: ConnectionProfile, name: string): IdentityFiles {
  const named = profile.identities && Object.prototype.hasOwnProperty.call(profile.identities, name) ? profile.identities[name] : undefined;
  const files = named ?? (name === 'client' ? profile.client : name === 'admin' ? profile.admin : undefined);
  if (!files) {
    const known = ['client', 'admin', ...Object.keys(profile.identities ?? {})].filter((n, i, all) => all.indexOf(n) === i);
    throw new Error(`${profile.organization} has no identity named '${name}' (has: ${known.join(', ')})`);
  }
  return files;
}

/**
 * Reads and checks a connection profile. Relative paths inside it are taken
 * relative to the file, so a profile can be moved together with its material.
 *
 * @example
 * const profile = await readConnectionProfile('network/.run/connection/jpbank.json');
 */
export async function readConnectionProfile(file: string): Promise<ConnectionProfile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read connection profile ${file}: ${(err as Error).message}`);
  }
  return parseConnectionProfile(parsed, path.dirname(path.resolve(file)), file);
}

/** Checks a parsed connection profile and resolves its relative paths against `baseDir`. */
export function parseConnectionProfile(value: unknown, baseDir: string, source = 'connection profile'): ConnectionProfile {
  const fail = (field: string): never => {
    throw new Error(`${source}: '${field}' is missing or not a string`);
  };
  const object = (v: unknown, field: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new Error(`${source}: '${field}' must be an object`);
    }
    return v as Record<string, unknown>;
  };
  const text = (o: Record<string, unknown>, field: string, prefix = ''): string =>
    typeof o[field] === 'string' && o[field] !== '' ? (o[field] as string) : fail(prefix + field);
  const file = (o: Record<string, unknown>, field: string, prefix = ''): string => path.resolve(baseDir, text(o, field, prefix));
  const identityFiles = (value: unknown, field: string): IdentityFiles => {
    const o = object(value, field);
    return { certPath: file(o, 'certPath', `${field}.`), keyPath: file(o, 'keyPath', `${field}.`) };
  };
  const identity = (field: string): IdentityFiles => identityFiles(root[field], field);

  const root = object(value, '(root)');
  if (!Array.isArray(root.peers) || root.peers.length === 0) {
    throw new Error(`${source}: 'peers' must be a non-empty array`);
  }
  const endpoints = (list: unknown[], field: string): PeerEndpoint[] =>
    list.map((p, i) => {
      const o = object(p, `${field}[${i}]`);
      const at = `${field}[${i}].`;
      return { name: text(o, 'name', at), endpoint: text(o, 'endpoint', at), tlsHostName: text(o, 'tlsHostName', at) };
    });
  const peers = endpoints(root.peers, 'peers');
  if (root.orderers !== undefined && !Array.isArray(root.orderers)) {
    throw new Error(`${source}: 'orderers' must be an array`);
  }
  return {
    organization: text(root, 'organization'),
    mspId: text(root, 'mspId'),
    channel: text(root, 'channel'),
    chaincode: text(root, 'chaincode'),
    endpoint: text(root, 'endpoint'),
    tlsHostName: text(root, 'tlsHostName'),
    tlsCACertPath: file(root, 'tlsCACertPath'),
    peers,
    ...(root.orderers === undefined ? {} : { orderers: endpoints(root.orderers as unknown[], 'orderers') }),
    ...(root.ordererTlsCACertPath === undefined ? {} : { ordererTlsCACertPath: file(root, 'ordererTlsCACertPath') }),
    client: identity('client'),
    admin: identity('admin'),
    ...(root.identities === undefined
      ? {}
      : {
          identities: Object.fromEntries(
            Object.entries(object(root.identities, 'identities')).map(([name, files]) => [name, identityFiles(files, `identities.${name}`)]),
          ),
        }),
  };
}
