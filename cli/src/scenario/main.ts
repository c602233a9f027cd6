import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeError } from '../errors.js';
import { connectionDir } from '../profiles.js';
import { runIdAt } from './cast.js';
import { Progress, StepFailure } from './progress.js';
import { allChecksPass, renderMarkdownReport, renderTerminalReport } from './report.js';
import { playScenario } from './scenario.js';

/**
 * `npm start`'s last part: plays the trade scenario against the running
 * network, prints progress and the report, writes reports/<run id>.md, and
 * exits 0 only when every step succeeded and every check held.
 *
 *   node cli/dist/scenario/main.js [--connection-dir DIR] [--report-dir DIR] [--ship-window SECONDS]
 */
async function main(argv: string[]): Promise<number> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (!['--connection-dir', '--report-dir', '--ship-window'].includes(name) || value === undefined) {
      process.stderr.write(`usage: scenario [--connection-dir DIR] [--report-dir DIR] [--ship-window SECONDS] (got '${name}')\n`);
      return 2;
    }
    flags.set(name, value);
  }
  const shipWindow = Number(flags.get('--ship-window') ?? '20');
  if (!Number.isInteger(shipWindow) || shipWindow < 5) {
    process.stderr.write('--ship-window must be a whole number of seconds, at least 5\n');
    return 2;
  }
  const runId = runIdAt(new Date());
  const progress = new Progress((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`xborder scenario ${runId}: three cross-border trades through @xborder/gateway-client\n`);
  try {
    const report = await playScenario({
      connectionDir: connectionDir(flags.get('--connection-dir')),
      runId,
      progress,
      shipWindowMs: shipWindow * 1_000,
    });
    const dir = path.resolve(flags.get('--report-dir') ?? 'reports');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${runId}.md`);
    writeFileSync(file, renderMarkdownReport(report));
    process.stdout.write(`${renderTerminalReport(report, path.relative(process.cwd(), file) || file)}\n`);
    if (!allChecksPass(report)) {
      const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
      process.stderr.write(`✗ scenario ${runId}: CHECK_FAILED: ${failed.length} check(s) did not hold: ${failed.join('; ')}\n`);
      return 1;
    }
    process.stdout.write(`✓ scenario ${runId}: every step succeeded and every check held\n`);
    return 0;
  } catch (err) {
    const cause = err instanceof StepFailure ? err.cause : err;
    const where = err instanceof StepFailure ? ` at step ${err.step} (${err.title})` : '';
    process.stderr.write(`✗ scenario ${runId} failed${where}: ${describeError(cause)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`✗ scenario: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
