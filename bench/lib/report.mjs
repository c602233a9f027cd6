/** The value below which `fraction` of the sorted samples lie (nearest rank). */
export function percentile(sorted, fraction) {
  if (sorted.length === 0) {
    return undefined;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Latency, throughput and conflict figures of one mode's transfer outcomes. */
export function summarise(outcomes, durationMs) {
  const committed = outcomes.filter((o) => o.committed);
  const latencies = committed.map((o) => o.latencyMs).sort((a, b) => a - b);
  const conflictsByName = {};
  const failuresByReason = {};
  for (const outcome of outcomes) {
    for (const name of outcome.conflicts) {
      conflictsByName[name] = (conflictsByName[name] ?? 0) + 1;
    }
    if (outcome.failure !== undefined) {
      failuresByReason[outcome.failure] = (failuresByReason[outcome.failure] ?? 0) + 1;
    }
  }
  return {
    committed: committed.length,
    gaveUp: outcomes.filter((o) => o.gaveUp).length,
    failed: outcomes.filter((o) => !o.committed && !o.gaveUp).length,
    durationMs: Math.round(durationMs),
    transfersPerSecond: round(committed.length / (durationMs / 1000), 1),
    latencyMs: {
      p50: round(percentile(latencies, 0.5)),
      p95: round(percentile(latencies, 0.95)),
      max: round(latencies.at(-1)),
    },
    transactions: outcomes.reduce((sum, o) => sum + o.attempts, 0),
    conflicts: Object.values(conflictsByName).reduce((sum, n) => sum + n, 0),
    conflictsByName,
    failuresByReason,
  };
}

/** Each mode's throughput as a fraction of the baseline's in the same run (when the run had one). */
export function withBaselineRatios(modes) {
  const baseline = modes.find((m) => m.mode === 'baseline');
  return modes.map((m) =>
    baseline && baseline.transfersPerSecond > 0 ? { ...m, ratioToBaseline: round(m.transfersPerSecond / baseline.transfersPerSecond, 2) } : m,
  );
}

function round(value, digits = 0) {
  return value === undefined ? undefined : Number(value.toFixed(digits));
}

/** The modes side by side, one row each. */
export function renderTable(modes) {
  const rows = [
    ['MODE', 'LANES', 'PAYERS', 'COMMITTED', 'GAVE UP', 'FAILED', 'TIME', 'TX/S', 'VS BASE', 'P50', 'P95', 'CONFLICTS', 'PAYEE', 'SUPPLY'],
    ...modes.map((m) => [
      m.mode,
      String(m.lanes),
      String(m.payers),
      `${m.committed}/${m.requested}`,
      String(m.gaveUp),
      String(m.failed),
      `${(m.durationMs / 1000).toFixed(1)} s`,
      m.transfersPerSecond.toFixed(1),
      m.ratioToBaseline === undefined ? '-' : m.ratioToBaseline.toFixed(2),
      m.latencyMs.p50 === undefined ? '-' : `${m.latencyMs.p50} ms`,
      m.latencyMs.p95 === undefined ? '-' : `${m.latencyMs.p95} ms`,
      `${m.conflicts} in ${m.transactions} tx`,
      m.checks.payeeExact === undefined ? '-' : m.checks.payeeExact ? 'exact' : 'MISMATCH',
      m.checks.supplyConsistent === undefined ? '-' : m.checks.supplyConsistent ? 'holds' : 'BROKEN',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const leftAligned = new Set([0, 12, 13]);
  const line = (row) => row.map((cell, i) => (leftAligned.has(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}
