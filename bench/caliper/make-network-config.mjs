// Writes the Caliper network configuration for a running xborder network from its connection
// files (network/.run/connection/<org>.json, as network/network.sh up writes them): one Fabric
// connection profile per organisation and .run/network.json listing the channel, the chaincode
// and the client identities Caliper may send as. `node make-network-config.mjs --help`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_CONNECTION_DIR = path.join(process.env.XBORDER_RUN_DIR ?? path.join(HERE, '..', '..', 'network', '.run'), 'connection');

const USAGE = `node make-network-config.mjs [options]

  --connection-dir DIR   the organisations' connection files, one <org>.json each
                         (default $XBORDER_RUN_DIR/connection, else
                         network/.run/connection of this repository)
  --identities REGEX     which named identities of each file Caliper may use
                         (default ^user[0-9]+$: the customer identities the
                         prepare step binds to its payers)
  --out DIR              where to write (default .run next to this script)
  --help

Writes DIR/network.json (Caliper's network configuration, version 2.0.0, for the
fabric-gateway binding) and DIR/ccp-<org>.json (a Fabric connection profile per
organisation). Certificates and keys are referred to by absolute path, not copied.`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      'connection-dir': { type: 'string', default: DEFAULT_CONNECTION_DIR },
      identities: { type: 'string', default: '^user[0-9]+$' },
      out: { type: 'string', default: path.join(HERE, '.run') },
      help: { type: 'boolean', default: false },
    },
  });
  return { help: values.help, connectionDir: path.resolve(values['connection-dir']), identities: new RegExp(values.identities), out: path.resolve(values.out) };
}

/** Reads one connection file; its relative paths are relative to the file, as @xborder/gateway-client reads them. */
function readProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const base = path.dirname(file);
  const need = (value, field) => {
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${file}: '${field}' is missing or not a string`);
    }
    return value;
  };
  for (const field of ['organization', 'mspId', 'channel', 'chaincode', 'tlsCACertPath']) {
    need(profile[field], field);
  }
  if (!Array.isArray(profile.peers) || profile.peers.length === 0) {
    throw new Error(`${file}: 'peers' must be a non-empty array`);
  }
  const identities = Object.entries(profile.identities ?? {}).map(([name, files]) => ({
    name,
    certPath: path.resolve(base, need(files?.certPath, `identities.${name}.certPath`)),
    keyPath: path.resolve(base, need(files?.keyPath, `identities.${name}.keyPath`)),
  }));
  return {
    organization: profile.organization,
    mspId: profile.mspId,
    channel: profile.channel,
    chaincode: profile.chaincode,
    tlsCACertPath: path.resolve(base, profile.tlsCACertPath),
    peers: profile.peers.map((peer, i) => ({
      name: need(peer.name, `peers[${i}].name`),
      endpoint: need(peer.endpoint, `peers[${i}].endpoint`),
      tlsHostName: need(peer.tlsHostName, `peers[${i}].tlsHostName`),
    })),
    identities,
  };
}

/**
 * The Fabric common connection profile Caliper's peer gateway connector reads: the
 * organisation and its peers (it connects to the first), over TLS with the organisation's
 * TLS CA, the name in each peer's certificate given as ssl-target-name-override.
 */
function connectionProfile(org) {
  return {
    name: `xborder-${org.organization}`,
    version: '1.0.0',
    client: { organization: org.organization },
    organizations: { [org.organization]: { mspid: org.mspId, peers: org.peers.map((peer) => peer.name) } },
    peers: Object.fromEntries(
      org.peers.map((peer) => [
        peer.name,
        { url: `grpcs://${peer.endpoint}`, tlsCACerts: { path: org.tlsCACertPath }, grpcOptions: { 'ssl-target-name-override': peer.tlsHostName } },
      ]),
    ),
  };
}

function main() {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let files;
  try {
    files = readdirSync(options.connectionDir).filter((name) => name.endsWith('.json')).sort();
  } catch (err) {
    throw new Error(`cannot read ${options.connectionDir} (${err.code ?? err.message}); start the network first or pass --connection-dir`);
  }
  const orgs = files.map((name) => ({ key: path.basename(name, '.json'), ...readProfile(path.join(options.connectionDir, name)) }));
  const channels = [...new Set(orgs.map((org) => `${org.channel}/${org.chaincode}`))];
  if (channels.length !== 1) {
    throw new Error(`the connection files name different channels or chaincodes (${channels.join(', ')}); give one network's files`);
  }
  const [channel, chaincode] = channels[0].split('/');
  mkdirSync(options.out, { recursive: true });
  const organizations = [];
  for (const org of orgs) {
    const identities = org.identities.filter((identity) => options.identities.test(identity.name));
    if (identities.length === 0) {
      console.log(`${org.key}: no identity matches ${options.identities}; left out`);
      continue;
    }
    const ccp = path.join(options.out, `ccp-${org.key}.json`);
    writeFileSync(ccp, `${JSON.stringify(connectionProfile(org), null, 2)}\n`);
    organizations.push({
      mspid: org.mspId,
      identities: {
        certificates: identities.map((identity) => ({ name: identity.name, clientPrivateKey: { path: identity.keyPath }, clientSignedCert: { path: identity.certPath } })),
      },
      connectionProfile: { path: ccp, discover: true },
    });
    console.log(`${org.key}: ${org.mspId} at ${org.peers[0].endpoint}, ${identities.length} identities`);
  }
  if (organizations.length === 0) {
    throw new Error(`no organisation has an identity matching ${options.identities}`);
  }
  const network = {
    name: 'xborder',
    version: '2.0.0',
    caliper: { blockchain: 'fabric', sutOptions: { mutualTls: false } },
    channels: [{ channelName: channel, contracts: [{ id: chaincode }] }],
    organizations,
  };
  const file = path.join(options.out, 'network.json');
  writeFileSync(file, `${JSON.stringify(network, null, 2)}\n`);
  console.log(`Caliper network configuration: ${path.relative(process.cwd(), file)} (channel ${channel}, chaincode ${chaincode})`);
}

try {
  main();
} catch (err) {
  console.error(`make-network-config: ${err.message}`);
  process.exitCode = 1;
}
