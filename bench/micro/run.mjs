// Microbenchmarks of each transaction's chaincode logic on the unit tests' in-memory ledger:
// `npm run bench:micro -- --help`. No network needed.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

const USAGE = `npm run bench:micro -- [options]

Runs each main transaction many times through fabric-shim's contract
dispatcher on the unit tests' in-memory ledger (test/support) and reports
operations per second and microseconds per operation of the endorsement alone:
the chaincode's own cost, without gRPC, peers or ordering.

  --iterations N   timed operations per transaction (default 1000)
  --warmup N       operations before timing starts (default 100)
  --batch N        operations on one fork of a case's set-up world before it
                   starts again on a fresh one, which keeps the in-memory
                   ledger small (default 200)
  --only TEXT      only cases whose name contains TEXT (case-insensitive;
                   comma-separated for several), e.g. --only token,order:fund
  --api-checks     also hold every call to the published contract API, as
                   the unit tests do (adds the tests' own validation cost)
  --list           list the cases and exit
  --help

Writes bench/results/micro-<run id>.json.`;

class UsageError extends Error {}

function readOptions() {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '100' },
      batch: { type: 'string', default: '200' },
      only: { type: 'string' },
      'api-checks': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const integer = (name, min) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) {
      throw new UsageError(`--${name} must be an integer of at least ${min}, got '${values[name]}'`);
    }
    return value;
  };
  return {
    help: values.help,
    list: values.list,
    iterations: integer('iterations', 1),
    warmup: integer('warmup', 0),
    batch: integer('batch', 1),
    only: values.only === undefined ? [] : values.only.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean),
    apiChecks: values['api-checks'],
  };
}

/** `20261122-001249`: the start time in UTC, as bench/transfers.mjs names its runs. */
function runIdAt(time) {
  const iso = time.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

async function main() {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // fabric-contract-api logs every transaction it runs unless told otherwise; set before it loads.
  process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
  // The chaincode serves result schemas generated from the model's types; the unit tests' global
  // setup writes them the same way.
  const { writeResultSchemas } = await import('../../model/scripts/result-schemas.mjs');
  writeResultSchemas(path.join(REPO, 'model', 'dist', 'result-schemas.json'));
  const require = createRequire(import.meta.url);
  require('./register.cjs');
  const { CASES, renderTable, runMicrobenchmarks } = require('./harness.ts');

  const cases = options.only.length === 0 ? CASES : CASES.filter((c) => options.only.some((part) => c.name.toLowerCase().includes(part)));
  if (options.list) {
    for (const c of cases) {
      console.log(`${c.name.padEnd(34)} ${c.kind.padEnd(8)} ${c.workload}`);
    }
    return 0;
  }
  if (cases.length === 0) {
    throw new UsageError(`--only ${options.only.join(',')} matches no case; see --list`);
  }
  const startedAt = new Date();
  const loadAtStart = os.loadavg().map((load) => Number(load.toFixed(2)));
  const runId = runIdAt(startedAt);
  console.log(`bench:micro ${runId}: ${cases.length} transactions, ${options.warmup} warm-up + ${options.iterations} timed operations each, a fresh world every ${options.batch}${options.apiChecks ? ', API checks on' : ''}; load average ${loadAtStart.join(' ')}`);
  const results = await runMicrobenchmarks(cases, {
    iterations: options.iterations,
    warmup: options.warmup,
    batch: options.batch,
    apiChecks: options.apiChecks,
    onResult: (r) => console.log(`  ${r.name.padEnd(34)} ${String(r.opsPerSecond).padStart(7)} ops/s  mean ${r.meanUs.toFixed(1)} µs  p50 ${r.p50Us.toFixed(1)} µs  p99 ${r.p99Us.toFixed(1)} µs  CPU ${r.cpuUs.toFixed(1)} µs`),
  });
  console.log(`\n${renderTable(results)}\n`);

  const resultsDir = path.join(REPO, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `micro-${runId}.json`);
  const environment = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    // Other work on the machine shows in the tails: the 1, 5 and 15 minute load averages at the start and the end.
    loadAverage: { start: loadAtStart, end: os.loadavg().map((load) => Number(load.toFixed(2))) },
  };
  const record = {
    runId,
    startedAt: startedAt.toISOString(),
    kind: 'micro',
    measured: "endorsement on the in-memory ledger: fabric-shim's ChaincodeFromContract, the contract and test/support's stub",
    options: { iterations: options.iterations, warmup: options.warmup, batch: options.batch, apiChecks: options.apiChecks, only: options.only },
    environment,
    cases: results,
  };
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`bench:micro: ${err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
