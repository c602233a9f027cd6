import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChaincodeError, connect, createConsistency, ErrorCodes, readConnectionProfile } from '@xborder/gateway-client';
// The consortium the scenario and the integration tests bootstrap, whichever runs first.
import { MEMBERS } from '../../cli/dist/scenario/cast.js';

/** The banks whose customer identities (user1..userN) act for the bench's parties, and their parties' country. */
export const BANKS = [
  { org: 'cnbank', country: 'CN' },
  { org: 'usbank', country: 'US' },
  { org: 'jpbank', country: 'JP' },
];

/** Money the world starts with (minor units): plenty, since every check compares balances before and after. */
const FUNDS = {
  traderUsd: 1_000_000_00n,
  hotPayerUsd: 1_000_000_00n,
  marginUsd: 10_000_00n,
  liquidityCny: 100_000_000_00n,
};
/** The liquidity provider's USD/CNY posting, and the clearing house's trade parameters. */
export const RATE = { base: 'USD', quote: 'CNY', bid: '7.102', ask: '7.138' };
const TRADE_PARAMETERS = { platformFeeBps: 25, marginBps: { LOW: 500, MEDIUM: 1_000, HIGH: 2_000 } };
/** Parties onboarded, and identities bound, side by side per bank. */
const SETUP_CONCURRENCY = 8;

/**
 * The customer identities (`user<n>`) every bank's connection profile offers,
 * highest number first: the integration tests use the lowest ones, so a small
 * run leaves them alone. The network issues XBORDER_CUSTOMERS_PER_ORG of them.
 */
export function customerIdentities(runDir) {
  const counts = BANKS.map(({ org }) => {
    const profile = JSON.parse(readFileSync(path.join(runDir, 'connection', `${org}.json`), 'utf8'));
    return Object.keys(profile.identities ?? {}).filter((name) => /^user[1-9][0-9]*$/.test(name)).length;
  });
  const perBank = Math.min(...counts);
  return Array.from({ length: perBank }, (_, index) => `user${perBank - index}`);
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
  const clients = [];
  return {
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
    async connect(org, identity, { lane = false } = {}) {
      // Lanes retry read conflicts themselves (lib/ops.mjs), to count each one.
      const client = await connect({ profile: profileOf(org), identity, ...(lane ? { retry: { maxCommitAttempts: 1 } } : { consistency: seen }) });
      clients.push(client);
      return client;
    },
    close() {
      for (const client of clients.splice(0)) {
        client.close();
      }
    },
  };
}

/** Bootstraps the consortium unless this ledger has one already. */
async function ensureConsortium(clearing) {
  try {
    if ((await clearing.consortium.listMembers()).length === 0) {
      await clearing.consortium.bootstrap({ members: MEMBERS });
    }
  } catch (err) {
    if (!(err instanceof ChaincodeError && err.is(ErrorCodes.CONSORTIUM_ALREADY_BOOTSTRAPPED))) {
      throw err;
    }
  }
}

/** Runs `task` over `items`, at most `size` at a time. */
export async function inPool(items, size, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}

/**
 * Everything the workloads act on, made for this run (the ledger outlives
 * runs, so every id carries the run id):
 *   traders     `lanes` parties, each acting through its own customer identity
 *               (a lane client), holding USD and posted USD margin;
 *   payees      `lanes` receive-only parties (distinct and hot-payer payments);
 *   hotPayee    one receive-only party (hot-payee payments);
 *   hotPayer    one party with its own identity and USD, spread over parts;
 *   lp          the liquidity provider (USBank customer: USBank is the LIQUIDITY
 *               member) with CNY reserves spread over parts and a USD/CNY rate;
 *   fees        the platform fee collector named in the trade parameters.
 * `needs` says which of the costlier pieces to make: { parts: bool for the hot
 * payer, trade: bool for rates, margin and the liquidity provider's parts }.
 */
export async function buildWorld({ network, runDir, runId, lanes, parts, needs, log }) {
  const slots = BANKS.length * customerIdentities(runDir).length;
  const clearing = await network.connect('clearinghouse', 'operator');
  await ensureConsortium(clearing);
  const reader = await network.connect('cnbank', 'operator');
  const issuers = { USD: await network.connect('usbank', 'issuer'), CNY: await network.connect('cnbank', 'issuer') };

  // Identities: the liquidity provider's is USBank's, then the hot payer's, then one per trader.
  const identities = identitySlots(runDir);
  const take = (org) => identities.splice(org ? identities.findIndex((slot) => slot.org === org) : 0, 1)[0];
  const id = (kind, org, n) => `BENCH-${runId}-${kind}-${org.slice(0, 2).toUpperCase()}${n}`;
  const lpSlot = take('usbank');
  const hotPayerSlot = take();
  if (identities.length < lanes) {
    throw new Error(`${lanes} lanes need ${lanes + 2} customer identities; the network has ${slots}`);
  }
  const party = (kind, slot, n, roles = ['TRADER']) => ({ partyId: id(kind, slot.org, n), org: slot.org, country: slot.country, identity: slot.identity, roles });
  const traders = identities.slice(0, lanes).map((slot, n) => party('T', slot, n));
  const payees = traders.map((trader, n) => ({ ...party('P', trader, n), identity: undefined }));
  const hotPayee = { ...party('HOTPAYEE', BANKS[0], 0), identity: undefined };
  const hotPayer = party('HOTPAYER', hotPayerSlot, 0);
  const lp = party('LP', lpSlot, 0, ['LIQUIDITY_PROVIDER']);
  const fees = { ...party('FEES', BANKS[0], 0), identity: undefined };
  const everyone = [...traders, ...payees, hotPayee, hotPayer, lp, fees];

  for (const p of everyone.filter((p) => p.identity)) {
    p.client = await network.connect(p.org, p.identity, { lane: true });
  }
  log(`onboarding ${everyone.length} parties (${lanes} traders, ${lanes} payees, hot payee, hot payer, liquidity provider, fee collector)`);
  await Promise.all(BANKS.map(({ org }) => onboardBankParties(network, org, everyone.filter((p) => p.org === org))));

  log(`minting USD to ${traders.length + 1} payers${needs.trade ? ', CNY to the liquidity provider' : ''}`);
  const mints = [...traders.map((t) => [t, FUNDS.traderUsd]), [hotPayer, FUNDS.hotPayerUsd]].map(([p, amount], n) => ({ currency: 'USD', to: p.partyId, amount, depositRef: `BENCH-${runId}-USD-${n}` }));
  if (needs.trade) {
    mints.push({ currency: 'CNY', to: lp.partyId, amount: FUNDS.liquidityCny, depositRef: `BENCH-${runId}-CNY-0` });
  }
  await inPool(mints, 16, (mint) => issuers[mint.currency].tokens.mint(mint));
  // Each lane's first call sees its party's KYC, binding and money.
  for (const p of everyone.filter((p) => p.client)) {
    p.client.consistency.observe(reader.consistency.token());
  }

  if (needs.trade) {
    log(`trade parameters, the liquidity provider's USD/CNY rate, ${traders.length} sellers' margin`);
    await clearing.clearing.setTradeParameters({ ...TRADE_PARAMETERS, feeCollector: fees.partyId });
    const now = Date.now();
    await lp.client.fx.postRate({ ...RATE, provider: lp.partyId, validFrom: new Date(now - 5_000).toISOString(), validUntil: new Date(now + 12 * 3600_000).toISOString() });
    await inPool(traders, 16, (t) => t.client.margin.post({ partyId: t.partyId, currency: 'USD', amount: FUNDS.marginUsd }));
  }
  const spread = [...(needs.parts ? [[hotPayer, 'USD']] : []), ...(needs.trade ? [[lp, 'CNY']] : [])];
  for (const [p, currency] of spread) {
    log(`${p.partyId}: ${currency} spread over ${parts} parts`);
    await p.client.tokens.consolidate({ partyId: p.partyId, currency, parts });
  }
  for (const p of everyone.filter((p) => p.client)) {
    reader.consistency.observe(p.client.consistency.token());
  }
  return { reader, clearing, traders, payees, hotPayee, hotPayer, lp, fees, orders: [] };
}

/** (org, identity) pairs, round robin over the banks, highest user number first. */
function identitySlots(runDir) {
  return customerIdentities(runDir).flatMap((identity) => BANKS.map(({ org, country }) => ({ org, country, identity })));
}

/**
 * Registers and verifies a bank's parties, then binds each one's identity,
 * releasing it from the party it acted for before (an identity acts for one
 * party of its organisation, and earlier runs, the scenario and the tests
 * bind the same few identities).
 */
async function onboardBankParties(network, org, parties) {
  const operator = await network.connect(org, 'operator');
  const verifier = await network.connect(org, 'verifier');
  const expiresAt = new Date(Date.now() + 365 * 24 * 3600_000).toISOString();
  await inPool(parties, SETUP_CONCURRENCY, async (p) => {
    await operator.parties.register({ partyId: p.partyId, name: `Bench ${p.partyId}`, country: p.country, roles: p.roles }, kycOf(p.partyId));
    await verifier.parties.verifyKyc(p.partyId, { level: 'STANDARD', riskRating: 'LOW', expiresAt });
  });
  const bound = parties.filter((p) => p.client);
  const holder = new Map();
  for await (const existing of operator.parties.list(operator.mspId)) {
    for (const identityId of existing.identities) {
      holder.set(identityId, existing.partyId);
    }
  }
  await inPool(bound, SETUP_CONCURRENCY, async (p) => {
    const { identityId } = p.client;
    const previous = holder.get(identityId);
    if (previous !== undefined && previous !== p.partyId) {
      await operator.parties.unbindIdentity(previous, identityId);
    }
    await operator.parties.bindIdentity(p.partyId, identityId);
  });
}

function kycOf(partyId) {
  return {
    legalName: `Bench ${partyId} Ltd`,
    registrationNumber: `REG-${partyId}`,
    address: 'Benchmark Street 1',
    beneficialOwners: [{ name: `Owner of ${partyId}`, ownershipPercent: '100' }],
    documentHashes: [randomBytes(32).toString('hex')],
  };
}
