// Readiness as a client sees it: through each organisation's gateway, a proposal
// is endorsed by every organisation. That needs gossip membership and the peers'
// chaincode information to have reached service discovery, which a fresh or
// restarted network takes a few seconds to build; clients that pick their
// endorsers (KYC data goes to the bank and the clearing house only) need all of it.
// The proposal is only endorsed, never submitted, so the ledger does not change.
//
// usage: node gateway-ready.cjs CONNECTION_DIR TIMEOUT_SECONDS
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');

async function endorsedThroughGateway(profile, allMspIds) {
  const client = new grpc.Client(profile.endpoint, grpc.credentials.createSsl(readFileSync(profile.tlsCACertPath)), {
    'grpc.ssl_target_name_override': profile.tlsHostName,
  });
  const gateway = connect({
    client,
    identity: { mspId: profile.mspId, credentials: readFileSync(profile.client.certPath) },
    signer: signers.newPrivateKeySigner(crypto.createPrivateKey(readFileSync(profile.client.keyPath))),
    hash: hash.sha256,
    endorseOptions: () => ({ deadline: Date.now() + 10_000 }),
  });
  try {
    const contract = gateway.getNetwork(profile.channel).getContract(profile.chaincode);
    await contract.newProposal('Health:version', { endorsingOrganizations: allMspIds }).endorse();
  } finally {
    gateway.close();
    client.close();
  }
}

// Gateway errors carry each peer's own answer in `details`; the message alone is generic.
function describe(err) {
  const details = (err.details ?? []).map((d) => `\n  ${d.mspId} ${d.address}: ${d.message}`);
  return `${err.message}${details.join('')}`;
}

async function main() {
  const [dir, timeoutSeconds] = process.argv.slice(2);
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  const allMspIds = profiles.map((p) => p.mspId);
  for (const profile of profiles) {
    for (;;) {
      try {
        await endorsedThroughGateway(profile, allMspIds);
        break;
      } catch (err) {
        if (Date.now() > deadline) {
          throw new Error(`${profile.mspId}'s gateway at ${profile.endpoint} cannot get the chaincode endorsed: ${describe(err)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
