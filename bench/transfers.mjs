// Transfer throughput benchmark against a running local network (`npm start` or
// `npm run network -- up` first). Usage: `npm run bench -- --help`.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';
import { ChaincodeError, CommitFailedError, DEFAULT_RETRY_POLICY, GatewayStatusError } from '@xborder/gateway-client';
import { renderTable, summarise, withBaselineRatios } from './lib/report.mjs';
import { customerIdentities, ensureConsortium, networkAt, onboard, PAYER_BANKS } from './lib/setup.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CURRENCY = 'USD';
const CURRENCY_ISSUER = 'usbank';
const CONFLICTS = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);
/** Lanes unless told: the concurrency earlier results were measured at, comparable run to run. */
const DEFAULT_LANES = 9;

const USAGE = `npm run bench -- [options]

First measures the network's own ceiling with blind writes (baseline:
Health:heartbeat, which reads nothing, by every lane), then sends transfers
into one payee account, from one payer per lane (distinct debits) and with
every lane paying from one payer (contended debits), and reports throughput,
its ratio to the baseline, latency and read conflicts. Needs a running
network: \`npm start\` or \`npm run network -- up\`. XBORDER_RUN_DIR selects it
(default network/.run).

  --count N          transfers per mode (default 200)
  --concurrency C    transfers in flight, one lane each (default ${DEFAULT_LANES};
                     at most the customer identities user1..userN of the three
                     banks, each of which acts for one payer: 72 with the
                     network's default XBORDER_CUSTOMERS_PER_ORG of 24; both
                     modes use the same lanes)
  --amount MINOR     amount of each transfer in USD cents (default 100)
  --max-attempts N   transactions per transfer while it meets read conflicts
                     (default ${DEFAULT_RETRY_POLICY.maxCommitAttempts}, the client's default)
  --time-limit S     seconds per mode; no transfer starts after it (default 300)
  --mode M           baseline, distinct, contended, both (distinct and
                     contended) or all (default all)
  --help

Writes bench/results/<run id>.json. Exits 0 when, in every mode, the payee
received exactly the committed transfers and the USD supply adds up.`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: String(DEFAULT_LANES) },
      amount: { type: 'string', default: '100' },
      'max-attempts': { type: 'string', default: String(DEFAULT_RETRY_POLICY.maxCommitAttempts) },
      'time-limit': { type: 'string', default: '300' },
      mode: { type: 'string', default: 'all' },
      help: { type: 'boolean', default: false },
    },
  });
  const positive = (name) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) {
      throw new UsageError(`--${name} must be a positive integer, got '${values[name]}'`);
    }
    return value;
  };
  if (!['baseline', 'distinct', 'contended', 'both', 'all'].includes(values.mode)) {
    throw new UsageError(`--mode must be baseline, distinct, contended, both or all, got '${values.mode}'`);
  }
  return {
    help: values.help,
    count: positive('count'),
    concurrency: positive('concurrency'),
    amount: BigInt(positive('amount')),
    maxAttempts: positive('max-attempts'),
    timeLimitMs: positive('time-limit') * 1000,
    modes: { all: ['baseline', 'distinct', 'contended'], both: ['distinct', 'contended'] }[values.mode] ?? [values.mode],
  };
}

class UsageError extends Error {}

/** `20261122-001249`: the start time in UTC, in the ids of this run and the name of its result file. */
function runIdAt(time) {
  const iso = time.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * One payment, repeated as a new transaction (with the same idempotency key,
 * so it can never pay twice) while it fails validation on a read conflict.
 * This is the client's own commit retry, done here so that each conflict is
 * seen and counted; the clients are connected with `maxCommitAttempts: 1`.
 */
async function transfer(client, request, maxAttempts) {
  const started = performance.now();
  const conflicts = [];
  for (let attempt = 1; ; attempt++) {
    try {
      await client.tokens.transfer(request);
      return { committed: true, gaveUp: false, attempts: attempt, conflicts, latencyMs: performance.now() - started };
    } catch (err) {
      if (!(err instanceof CommitFailedError && CONFLICTS.has(err.validationName))) {
        return { committed: false, gaveUp: false, attempts: attempt, conflicts, failure: failureReason(err) };
      }
      conflicts.push(err.validationName);
      if (attempt >= maxAttempts) {
        return { committed: false, gaveUp: true, attempts: attempt, conflicts };
      }
      await sleep(backoffDelay(attempt));
    }
  }
}

/** One blind write (a heartbeat: no read, so nothing to conflict with), timed like a transfer. */
async function heartbeat(client) {
  const started = performance.now();
  try {
    await client.health.heartbeat();
    return { committed: true, gaveUp: false, attempts: 1, conflicts: [], latencyMs: performance.now() - started };
  } catch (err) {
    return { committed: false, gaveUp: false, attempts: 1, conflicts: [], failure: failureReason(err) };
  }
}

/**
 * The ceiling the other modes are measured against: `count` heartbeats over
 * the same lanes and clients, the same chaincode and endorsement policy.
 */
async function runBaseline({ options, lanes, payerOfLane, reader }) {
  for (let lane = 0; lane < lanes; lane++) {
    payerOfLane(lane).client.consistency.observe(reader.consistency.token());
  }
  const deadline = performance.now() + options.timeLimitMs;
  const outcomes = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let index = lane; index < options.count && performance.now() < deadline; index += lanes) {
        outcomes.push(await heartbeat(payerOfLane(lane).client));
      }
    }),
  );
  const summary = summarise(outcomes, performance.now() - started);
  return { mode: 'baseline', lanes, payers: 0, requested: options.count, notStarted: options.count - outcomes.length, ...summary, checks: {}, consistencyWaits: { count: 0, totalMs: 0, longestMs: 0 } };
}

/** A short name for why a transfer failed, to count failures by. */
function failureReason(err) {
  if (err instanceof ChaincodeError) {
    return err.code;
  }
  if (err instanceof GatewayStatusError && err.details.length > 0) {
    return `${err.name} at ${err.stage}: ${[...new Set(err.details.map((d) => d.message))].join('; ')}`;
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** The client's backoff: exponential from the default initial delay, capped, jittered over the upper half. */
function backoffDelay(retry) {
  const { initialDelayMs, maxDelayMs } = DEFAULT_RETRY_POLICY;
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many of `count` transfers lane `lane` of `lanes` sends: transfers lane, lane + lanes, ... */
const transfersOfLane = (lane, lanes, count) => Math.ceil((count - lane) / lanes);

/**
 * Sends `count` transfers into the payee, lane i paying from `payerOfLane(i)`,
 * each lane one transfer at a time; then checks the payee received exactly
 * what committed and the currency's supply still adds up.
 */
async function runMode({ mode, runId, options, lanes, payerOfLane, payee, reader }) {
  for (let lane = 0; lane < lanes; lane++) {
    // The reader shares setting up's view: each lane's first transfer sees its payer's KYC,
    // binding and minted balance, and what the mode before committed.
    payerOfLane(lane).client.consistency.observe(reader.consistency.token());
  }
  const before = (await reader.tokens.getBalance(payee, CURRENCY)).balance;
  const laneClients = [...new Set(Array.from({ length: lanes }, (_, lane) => payerOfLane(lane).client))];
  const waitsBefore = laneClients.map((client) => ({ ...client.consistency.waits }));
  const deadline = performance.now() + options.timeLimitMs;
  const outcomes = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const { client, partyId } = payerOfLane(lane);
      for (let index = lane; index < options.count && performance.now() < deadline; index += lanes) {
        const request = {
          currency: CURRENCY,
          from: partyId,
          to: payee,
          amount: options.amount,
          reference: `bench ${runId} ${mode} #${index}`,
          idempotencyKey: `BENCH-${runId}-${mode}-${index}`,
        };
        outcomes.push(await transfer(client, request, options.maxAttempts));
      }
    }),
  );
  const durationMs = performance.now() - started;
  const summary = summarise(outcomes, durationMs);
  const waits = laneClients.map((client, i) => ({
    count: client.consistency.waits.count - waitsBefore[i].count,
    totalMs: client.consistency.waits.totalMs - waitsBefore[i].totalMs,
    // The longest wait since the lane connected (a mode of its own is not tracked).
    longestMs: client.consistency.waits.longestMs,
  }));
  const expectedIncrease = BigInt(summary.committed) * options.amount;
  // The reader's peer answers once it has committed every lane's last transfer.
  for (let lane = 0; lane < lanes; lane++) {
    reader.consistency.observe(payerOfLane(lane).client.consistency.token());
  }
  const after = (await reader.tokens.getBalance(payee, CURRENCY)).balance;
  const supply = await reader.tokens.checkSupply(CURRENCY);
  return {
    mode,
    lanes,
    payers: new Set(Array.from({ length: lanes }, (_, lane) => payerOfLane(lane).partyId)).size,
    requested: options.count,
    notStarted: options.count - outcomes.length,
    ...summary,
    payee: { before: String(before), after: String(after), expectedIncrease: String(expectedIncrease) },
    supply: { minted: String(supply.minted), redeemed: String(supply.redeemed), held: String(supply.held), accounts: supply.accounts },
    checks: { payeeExact: after - before === expectedIncrease, supplyConsistent: supply.consistent },
    // Calls that waited for a peer to commit the lane's previous block before endorsing.
    consistencyWaits: {
      count: waits.reduce((sum, w) => sum + w.count, 0),
      totalMs: Math.round(waits.reduce((sum, w) => sum + w.totalMs, 0)),
      longestMs: Math.round(Math.max(0, ...waits.map((w) => w.longestMs))),
    },
  };
}

async function main() {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const runDir = process.env.XBORDER_RUN_DIR ?? path.join(REPO, 'network', '.run');
  const network = networkAt(runDir);
  await network.checkLoopback();
  const startedAt = new Date();
  const runId = runIdAt(startedAt);
  const customers = customerIdentities(runDir);
  const maxPayers = PAYER_BANKS.length * customers.length;
  const lanes = Math.min(options.concurrency, maxPayers);
  if (lanes < options.concurrency) {
    console.log(`--concurrency ${options.concurrency}: only ${maxPayers} customer identities can act for distinct payers, so both modes run ${lanes} lanes`);
  }

  const clients = [];
  const open = async (org, identity, connectOptions) => {
    const client = await network.connect(org, identity, connectOptions);
    clients.push(client);
    return client;
  };
  try {
    console.log(`bench ${runId}: network ${runDir}; onboarding 1 payee and ${lanes} payers, minting ${CURRENCY}`);
    await ensureConsortium(network);
    const payee = `BENCH-${runId}-PAYEE`;
    // Round robin over the banks, so that every bank's peer endorses its share at any concurrency.
    const slots = customers.flatMap((identity) => PAYER_BANKS.map(({ org, country }) => ({ org, country, identity }))).slice(0, lanes);
    const payers = await Promise.all(
      slots.map(async ({ org, country, identity }) => ({
        org,
        country,
        partyId: `BENCH-${runId}-PAYER-${country}-${identity}`,
        // Conflicts are retried (and counted) by transfer() above, not inside the client.
        client: await open(org, identity, { retry: { maxCommitAttempts: 1 }, lane: true }),
      })),
    );
    await onboard(network, 'cnbank', { partyId: payee, name: `Bench payee ${runId}`, country: 'CN' }, []);
    // One bank's operator onboards its payers one after another; the banks work side by side.
    await Promise.all(
      PAYER_BANKS.map(async ({ org }) => {
        for (const payer of payers.filter((p) => p.org === org)) {
          await onboard(network, org, { partyId: payer.partyId, name: `Bench payer ${payer.partyId}`, country: payer.country }, [payer.client.identityId]);
        }
      }),
    );

    const issuer = await open(CURRENCY_ISSUER, 'issuer');
    const mints = payers.map((payer, lane) => {
      let amount = options.modes.includes('distinct') ? BigInt(transfersOfLane(lane, lanes, options.count)) * options.amount : 0n;
      if (lane === 0 && options.modes.includes('contended')) {
        amount += BigInt(options.count) * options.amount;
      }
      return { currency: CURRENCY, to: payer.partyId, amount, depositRef: `BENCH-${runId}-DEP-${lane}` };
    });
    await Promise.all(mints.filter((mint) => mint.amount > 0n).map((mint) => issuer.tokens.mint(mint)));

    const reader = await open('cnbank', 'operator');
    const results = [];
    for (const mode of options.modes) {
      const payerOfLane = mode === 'contended' ? () => payers[0] : (lane) => payers[lane];
      if (mode === 'baseline') {
        console.log(`baseline: ${options.count} blind writes (Health:heartbeat), ${lanes} lanes`);
        results.push(await runBaseline({ options, lanes, payerOfLane, reader }));
        continue;
      }
      console.log(`${mode}: ${options.count} transfers of ${options.amount} ${CURRENCY} cents, ${lanes} lanes, ${mode === 'distinct' ? `${lanes} payers` : '1 payer'}`);
      results.push(await runMode({ mode, runId, options, lanes, payerOfLane, payee, reader }));
    }
    results.splice(0, results.length, ...withBaselineRatios(results));

    console.log(`\n${renderTable(results)}\n`);
    for (const result of results) {
      for (const [reason, count] of Object.entries(result.failuresByReason)) {
        console.log(`${result.mode}: ${count} failed: ${reason}`);
      }
      const { count, totalMs, longestMs } = result.consistencyWaits;
      console.log(`${result.mode}: ${count} call(s) waited for a lagging peer (${totalMs} ms in all, longest ${longestMs} ms)`);
      if (result.notStarted > 0) {
        console.log(`${result.mode}: time limit reached, ${result.notStarted} transfers not sent`);
      }
    }
    const resultsDir = path.join(REPO, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${runId}.json`);
    const settings = { count: options.count, concurrency: options.concurrency, lanes, amount: String(options.amount), maxAttempts: options.maxAttempts, timeLimitMs: options.timeLimitMs };
    const record = { runId, startedAt: startedAt.toISOString(), runDir, currency: CURRENCY, payee, options: settings, modes: results };
    await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`Results: ${path.relative(process.cwd(), file)}`);
    return results.every((r) => r.checks.payeeExact !== false && r.checks.supplyConsistent !== false) ? 0 : 1;
  } finally {
    for (const client of clients) {
      client.close();
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
