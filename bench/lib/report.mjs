/** Figures of one workload and mode from its outcomes, and the results table. */

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(sorted, fraction) {
  if (sorted.length === 0) {
    return undefined;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function latencies(outcomes) {
  const sorted = outcomes.filter((o) => o.committed).map((o) => o.latencyMs).sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1)) };
}

function countBy(values) {
  const counts = {};
  for (const value of values) {
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

/**
 * Throughput, latency (submit to commit, retries included; a whole trade for
 * the order path), rejected transactions by validation code, operations given
 * up after the retry budget and failures by reason.
 */
export function summarise(outcomes, durationMs, requested) {
  const committed = outcomes.filter((o) => o.committed);
  const committedTransactions = outcomes.reduce((sum, o) => sum + (o.committedTransactions ?? (o.committed ? 1 : 0)), 0);
  const seconds = durationMs / 1000;
  const summary = {
    operations: {
      requested,
      started: outcomes.length,
      committed: committed.length,
      gaveUp: outcomes.filter((o) => o.gaveUp).length,
      failed: outcomes.filter((o) => !o.committed && !o.gaveUp).length,
    },
    transactions: { sent: outcomes.reduce((sum, o) => sum + o.attempts, 0), committed: committedTransactions },
    durationMs: Math.round(durationMs),
    txPerSecond: round(committedTransactions / seconds, 1),
    operationsPerSecond: round(committed.length / seconds, 2),
    latencyMs: latencies(outcomes),
    rejectsByCode: countBy(outcomes.flatMap((o) => o.rejects)),
    failuresByReason: countBy(outcomes.filter((o) => o.failure !== undefined).map((o) => o.failure)),
  };
  if (outcomes.some((o) => o.steps)) {
    summary.steps = stepFigures(outcomes.flatMap((o) => o.steps ?? []));
  }
  return summary;
}

/** Per trade step: how many committed, their latency, their rejects. */
function stepFigures(steps) {
  const byStep = {};
  for (const name of [...new Set(steps.map((s) => s.step))]) {
    const mine = steps.filter((s) => s.step === name);
    byStep[name] = {
      committed: mine.filter((s) => s.committed).length,
      transactions: mine.reduce((sum, s) => sum + s.attempts, 0),
      latencyMs: latencies(mine),
      rejectsByCode: countBy(mine.flatMap((s) => s.rejects)),
    };
  }
  return byStep;
}

export function round(value, digits = 0) {
  return value === undefined ? undefined : Number(value.toFixed(digits));
}

const ms = (value) => (value === undefined ? '-' : `${value}`);
const total = (counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
const failedChecks = (checks) => Object.keys(checks).filter((name) => checks[name] !== true);

function renderRows(rows, leftAligned) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => row.map((cell, i) => (leftAligned.has(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

/** One row per workload and mode. Latency in ms; CPU in seconds per 1,000 committed transactions (queries for queries). */
export function renderTable(results) {
  const rows = [
    ['WORKLOAD', 'MODE', 'LANES', 'RATE', 'OPS', 'TX/S', 'VS BASE', 'P50', 'P95', 'P99', 'REJECTS', 'GAVE UP', 'FAILED', 'CPU S/1K CLI/PEER/ORD/CC', 'CHECKS'],
    ...results.map((r) => {
      const cpu = r.cpu.perThousand;
      const failed = failedChecks(r.checks);
      return [
        `${r.key} ${r.workload}`,
        r.mode,
        String(r.lanes),
        r.offeredRate === undefined ? '-' : r.offeredRate.toFixed(1),
        `${r.operations.committed}/${r.operations.requested}`,
        r.txPerSecond.toFixed(1),
        r.ratioToBaseline === undefined ? '-' : r.ratioToBaseline.toFixed(2),
        ms(r.latencyMs.p50),
        ms(r.latencyMs.p95),
        ms(r.latencyMs.p99),
        `${total(r.rejectsByCode)}/${r.transactions.sent}`,
        String(r.operations.gaveUp),
        String(r.operations.failed),
        [cpu.client, cpu.peer, cpu.orderer, cpu.chaincode].map((v) => (v === null ? '-' : v.toFixed(1))).join('/'),
        Object.keys(r.checks).length === 0 ? '-' : failed.length === 0 ? 'exact' : `FAILED: ${failed.join(', ')}`,
      ];
    }),
  ];
  return renderRows(rows, new Set([0, 1, 14]));
}

/** The order path's steps, one row per mode and step. */
export function renderStepTable(results) {
  const rows = [['MODE', 'STEP', 'COMMITTED', 'P50', 'P95', 'P99', 'REJECTS']];
  for (const r of results.filter((r) => r.steps)) {
    for (const [step, s] of Object.entries(r.steps)) {
      rows.push([r.mode, step, String(s.committed), ms(s.latencyMs.p50), ms(s.latencyMs.p95), ms(s.latencyMs.p99), `${total(s.rejectsByCode)}/${s.transactions}`]);
    }
    rows.push([r.mode, 'whole trade', String(r.operations.committed), ms(r.latencyMs.p50), ms(r.latencyMs.p95), ms(r.latencyMs.p99), `${total(r.rejectsByCode)}/${r.transactions.sent}`]);
  }
  return renderRows(rows, new Set([0, 1]));
}
