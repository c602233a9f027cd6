import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChaincodeError, connect, createConsistency, ErrorCodes, readConnectionProfile } from '@xborder/gateway-client';
// The consortium the scenario and the integration tests bootstrap, whichever runs first.
import { moveIdentityTo } from '../../cli/dist/scenario/bindings.js';
import { MEMBERS } from '../../cli/dist/scenario/cast.js';

/** The banks whose customer identities (user1..userN) act for the payers, and the country of their parties. */
export const PAYER_BANKS = [
  { org: 'cnbank', country: 'CN' },
  { org: 'usbank', country: 'US' },
  { org: 'jpbank', country: 'JP' },
];

/**
 * The customer identities (`user<n>`) every payer bank's connection profile
 * offers, in order: the network issues XBORDER_CUSTOMERS_PER_ORG of them.
 * An identity acts for one party, so there are as many distinct payers as
 * the banks have customer identities.
 */
export function customerIdentities(runDir) {
  const counts = PAYER_BANKS.map(({ org }) => {
    const profile = JSON.parse(readFileSync(path.join(runDir, 'connection', `${org}.json`), 'utf8'));
    return Object.keys(profile.identities ?? {}).filter((name) => /^user[1-9][0-9]*$/.test(name)).length;
  });
  const perBank = Math.min(...counts);
  return Array.from({ length: perBank }, (_, index) => `user${index + 1}`);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Opens clients on the network described by `runDir/connection`, refusing a
 * profile whose peers are not on this machine. The setting-up clients share
 * one Consistency (`seen`), so each step acts on the ones before it whichever
 * bank took them; a lane client (`lane: true`) sees only its own writes, so
 * that lanes never wait for each other, and is told what setting up saw with
 * `client.consistency.observe(reader.consistency.token())`.
 */
export function networkAt(runDir) {
  const profileOf = (org) => path.join(runDir, 'connection', `${org}.json`);
  const seen = createConsistency();
  return {
    profileOf,
    async checkLoopback() {
      for (const org of ['cnbank', 'usbank', 'jpbank', 'clearinghouse']) {
        const profile = await readConnectionProfile(profileOf(org)).catch((err) => {
          throw new Error(`${err.message}; start the network first (npm start, or npm run network -- up) or set XBORDER_RUN_DIR`);
        });
        for (const peer of profile.peers) {
          const host = peer.endpoint.slice(0, peer.endpoint.lastIndexOf(':'));
          if (!LOOPBACK.has(host)) {
            throw new Error(`${org}'s peer ${peer.name} is at ${peer.endpoint}; the benchmark only sends to 127.0.0.1`);
          }
        }
      }
    },
    connect: (org, identity, { retry, lane = false } = {}) =>
      connect({ profile: profileOf(org), identity, ...(retry ? { retry } : {}), ...(lane ? {} : { consistency: seen }) }),
  };
}

/** Bootstraps the consortium unless this ledger has one already. */
export async function ensureConsortium(network) {
  const clearing = await network.connect('clearinghouse', 'operator');
  try {
    if ((await clearing.consortium.listMembers()).length > 0) {
      return;
    }
    await clearing.consortium.bootstrap({ members: MEMBERS });
  } catch (err) {
    if (!(err instanceof ChaincodeError && err.is(ErrorCodes.CONSORTIUM_ALREADY_BOOTSTRAPPED))) {
      throw err;
    }
  } finally {
    clearing.close();
  }
}

/**
 * Registers a company with its bank, verifies its KYC and binds `identities`
 * to it. An identity acts for one party of its organisation, so a binding
 * left by an earlier run moves to this party.
 */
export async function onboard(network, org, party, identities) {
  const operator = await network.connect(org, 'operator');
  const verifier = await network.connect(org, 'verifier');
  try {
    await operator.parties.register({ ...party, roles: ['TRADER'] }, kycOf(party));
    await verifier.parties.verifyKyc(party.partyId, { level: 'STANDARD', riskRating: 'LOW', expiresAt: oneYearFromNow() });
    for (const identityId of identities) {
      await moveIdentityTo(operator, party.partyId, identityId);
    }
  } finally {
    operator.close();
    verifier.close();
  }
}

function kycOf(party) {
  return {
    legalName: `${party.name} Ltd`,
    registrationNumber: `REG-${party.partyId}`,
    address: 'Benchmark Street 1',
    beneficialOwners: [{ name: `Owner of ${party.partyId}`, ownershipPercent: '100' }],
    documentHashes: [randomBytes(32).toString('hex')],
  };
}

function oneYearFromNow() {
  return new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
}
