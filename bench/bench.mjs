// Workload benchmark against a running local network (`npm start` or
// `npm run network -- up` first). Usage: `npm run bench -- --help`.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { runIdAt } from '../cli/dist/scenario/cast.js';
import { renderChart } from './lib/chart.mjs';
import { cpuBetween, networkProcesses, sampleCpu } from './lib/cpu.mjs';
import { closedLoop, fixedRate } from './lib/load.mjs';
import { readOptions, UsageError, USAGE } from './lib/options.mjs';
import { renderStepTable, renderTable, round, summarise } from './lib/report.mjs';
import { buildWorld, customerIdentities, networkAt, BANKS } from './lib/setup.mjs';
import { operationsOf, WORKLOADS } from './lib/workloads.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BASELINE = WORKLOADS.find((w) => w.key === 'a');

/** The runs in order: the baseline's closed run first (every ratio and the default rate need it), then each workload in each mode. */
function planOf(options) {
  const plan = [{ workload: BASELINE, mode: 'closed' }];
  for (const workload of options.workloads) {
    for (const mode of options.modes) {
      if (!(workload === BASELINE && mode === 'closed')) {
        plan.push({ workload, mode });
      }
    }
  }
  return plan;
}

/** Sum of the consistency waits of the lane clients: calls that waited for a peer to commit a block the lane had seen. */
function laneWaits(world) {
  const clients = [...world.traders, world.hotPayer, world.lp].map((p) => p.client);
  return clients.reduce((sum, c) => ({ count: sum.count + c.consistency.waits.count, totalMs: sum.totalMs + c.consistency.waits.totalMs }), { count: 0, totalMs: 0 });
}

/** Runs one workload in one mode: prepare, measure (CPU sampled around it), check. */
async function measure({ workload, mode, world, runId, options, lanes, rate, processes }) {
  const count = operationsOf(workload, options.count, lanes);
  const run = { workload, mode, lanes, count, runId, options };
  const instance = await workload.prepare(world, run);
  const waitsBefore = laneWaits(world);
  const cpuBefore = sampleCpu(processes);
  const offeredRate = mode === 'fixed-rate' ? rate : undefined;
  const load =
    mode === 'closed'
      ? await closedLoop({ count, lanes, timeLimitMs: options.timeLimitMs, operation: instance.operation })
      : await fixedRate({ count, rate: rate / workload.txPerOperation, timeLimitMs: options.timeLimitMs, operation: instance.operation });
  const cpuAfter = sampleCpu(processes);
  const waitsAfter = laneWaits(world);
  const summary = summarise(load.outcomes, load.durationMs, count);
  const { checks, money } = await instance.check(load.outcomes);
  return {
    key: workload.key,
    workload: workload.name,
    mode,
    lanes: Math.min(lanes, count),
    ...(workload.key === 'd' ? { parts: options.parts } : {}),
    ...(offeredRate !== undefined ? { offeredRate: round(offeredRate, 1), startLagMs: load.startLagMs } : {}),
    ...summary,
    cpu: cpuBetween(cpuBefore, cpuAfter, summary.transactions.committed),
    consistencyWaits: { count: waitsAfter.count - waitsBefore.count, totalMs: Math.round(waitsAfter.totalMs - waitsBefore.totalMs) },
    checks,
    money,
  };
}

function describe(result) {
  const failed = Object.keys(result.checks).filter((name) => result.checks[name] !== true);
  return (
    `  ${result.operations.committed}/${result.operations.requested} committed in ${(result.durationMs / 1000).toFixed(1)} s, ${result.txPerSecond} tx/s, ` +
    `p50 ${result.latencyMs.p50 ?? '-'} ms; checks ${Object.keys(result.checks).length === 0 ? 'n/a' : failed.length === 0 ? 'exact' : `FAILED (${failed.join(', ')})`}`
  );
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
  const log = (line) => console.log(line);
  // Two identities go to the liquidity provider and the hot payer; each lane has a trader of its own.
  const available = BANKS.length * customerIdentities(runDir).length - 2;
  const lanes = Math.min(options.concurrency, available);
  if (lanes < options.concurrency) {
    log(`--concurrency ${options.concurrency}: the network has identities for ${available} traders, so every workload runs ${lanes} lanes`);
  }
  const keys = new Set(options.workloads.map((w) => w.key));
  if (lanes < 2 && (keys.has('e') || keys.has('f'))) {
    throw new UsageError('the order path and the queries need --concurrency 2 or more: a trade has a seller and a buyer');
  }
  const processes = networkProcesses(runDir);
  if (processes.length === 0) {
    log(`no pid files under ${runDir}/pids: network CPU is not measured`);
  }

  try {
    log(`bench ${runId}: network ${runDir}, ${lanes} lanes, ${options.count} operations per workload and mode`);
    const world = await buildWorld({ network, runDir, runId, lanes, parts: options.parts, needs: { parts: keys.has('d'), trade: keys.has('e') || keys.has('f') }, log });
    const results = [];
    const errors = [];
    let rate = options.rate;
    for (const { workload, mode } of planOf(options)) {
      log(`${workload.key} ${workload.name}, ${mode}${mode === 'fixed-rate' ? ` at ${rate.toFixed(1)} tx/s` : `, ${lanes} lanes`}: ${workload.summary}`);
      try {
        const result = await measure({ workload, mode, world, runId, options, lanes, rate, processes });
        results.push(result);
        log(describe(result));
      } catch (err) {
        errors.push({ key: workload.key, workload: workload.name, mode, error: err instanceof Error ? err.message : String(err) });
        log(`  failed: ${errors.at(-1).error}`);
        if (workload === BASELINE && mode === 'closed') {
          throw err;
        }
      }
      if (rate === undefined) {
        rate = Math.max(0.5, results[0].txPerSecond / 2);
      }
    }
    const baseline = results[0].txPerSecond;
    for (const result of results) {
      result.ratioToBaseline = baseline > 0 ? round(result.txPerSecond / baseline, 2) : undefined;
    }

    log(`\n${renderTable(results)}\n`);
    if (results.some((r) => r.steps)) {
      log(`Order path, per step (latency of each step's transaction, retries included):\n${renderStepTable(results)}\n`);
    }
    for (const r of results) {
      for (const [code, n] of Object.entries(r.rejectsByCode)) {
        log(`${r.key} ${r.workload} ${r.mode}: ${n} transaction(s) rejected at validation: ${code}`);
      }
      for (const [reason, n] of Object.entries(r.failuresByReason)) {
        log(`${r.key} ${r.workload} ${r.mode}: ${n} failed: ${reason}`);
      }
      if (r.operations.started < r.operations.requested) {
        log(`${r.key} ${r.workload} ${r.mode}: time limit reached, ${r.operations.requested - r.operations.started} operations not started`);
      }
    }
    for (const e of errors) {
      log(`${e.key} ${e.workload} ${e.mode}: did not run: ${e.error}`);
    }

    const record = {
      runId,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      runDir,
      options: {
        workloads: options.workloads.map((w) => w.name),
        modes: options.modes,
        count: options.count,
        concurrency: options.concurrency,
        lanes,
        rate: round(rate, 1),
        rateSource: options.rate === undefined ? 'half the baseline closed-loop tx/s' : '--rate',
        parts: options.parts,
        amount: String(options.amount),
        maxAttempts: options.maxAttempts,
        timeLimitMs: options.timeLimitMs,
        quick: options.quick,
      },
      processes: processes.map(({ node, kind }) => ({ node, kind })),
      baselineTxPerSecond: baseline,
      results,
      errors,
    };
    const json = `${JSON.stringify(record, (_, value) => (typeof value === 'bigint' ? String(value) : value), 2)}\n`;
    const resultsDir = path.join(REPO, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${runId}.json`);
    await writeFile(file, json);
    await writeFile(path.join(resultsDir, `${runId}.svg`), renderChart(results, `xborder bench ${runId}: ${lanes} lanes, fixed rate ${round(rate, 1)} tx/s`));
    if (options.output) {
      await writeFile(options.output, json);
    }
    log(`Results: ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), file.replace(/\.json$/, '.svg'))}`);
    const allHold = results.every((r) => Object.values(r.checks).every((ok) => ok === true));
    return allHold && errors.length === 0 ? 0 : 1;
  } finally {
    network.close();
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
