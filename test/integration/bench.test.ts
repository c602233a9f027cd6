import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR, RUN_DIR } from './support/network';

const execute = promisify(execFile);

interface BenchResult {
  key: string;
  workload: string;
  mode: string;
  operations: { requested: number; committed: number };
  txPerSecond: number;
  latencyMs: { p50?: number; p95?: number; p99?: number };
  cpu: { seconds: Record<string, number> };
  checks: Record<string, boolean>;
}

interface BenchRecord {
  options: { quick: boolean };
  results: BenchResult[];
  errors: unknown[];
}

/** `npm run bench -- --quick` against the integration network, as CI runs it. */
describe('npm run bench -- --quick', () => {
  let dir: string;
  let code: number;
  let output: string;
  let record: BenchRecord;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xborder-bench-'));
    const file = path.join(dir, 'bench.json');
    try {
      const { stdout } = await execute(process.execPath, [path.join(REPO_DIR, 'bench', 'bench.mjs'), '--quick', '--output', file], {
        cwd: REPO_DIR,
        env: { ...process.env, XBORDER_RUN_DIR: RUN_DIR },
        maxBuffer: 16 * 1024 * 1024,
      });
      code = 0;
      output = stdout;
    } catch (err) {
      const { code: exit, stdout, stderr } = err as { code?: number; stdout?: string; stderr?: string };
      code = typeof exit === 'number' ? exit : 1;
      output = `${stdout ?? ''}\n${stderr ?? String(err)}`;
    }
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as BenchRecord;
    } catch {
      throw new Error(`the bench wrote no results (exit ${code}):\n${output}`);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0', () => {
    expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
  });

  it('measures every workload in both modes, with committed operations and latencies', () => {
    expect(record.options.quick).toBe(true);
    expect(record.errors).toEqual([]);
    const runs = record.results.map((r) => `${r.key} ${r.workload} ${r.mode}`);
    for (const workload of ['a baseline', 'b distinct', 'c hot-payee', 'd hot-payer', 'e order-path', 'f queries']) {
      expect(runs).toContain(`${workload} closed`);
      expect(runs).toContain(`${workload} fixed-rate`);
    }
    for (const result of record.results) {
      expect(result.operations.committed).toBeGreaterThan(0);
      expect(result.txPerSecond).toBeGreaterThan(0);
      expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50 as number);
      expect(result.cpu.seconds.client).toBeGreaterThan(0);
    }
  });

  it('holds every money check: payers, payees, liquidity provider, escrows, supply', () => {
    for (const result of record.results) {
      expect({ run: `${result.workload} ${result.mode}`, checks: result.checks }).toEqual({
        run: `${result.workload} ${result.mode}`,
        checks: Object.fromEntries(Object.keys(result.checks).map((name) => [name, true])),
      });
    }
    const checked = (key: string): string[] => Object.keys(record.results.find((r) => r.key === key)?.checks ?? {});
    expect(checked('b')).toEqual(expect.arrayContaining(['payeesExact', 'payersExact', 'supplyUSD']));
    expect(checked('d')).toEqual(expect.arrayContaining(['payeesExact', 'payersExact', 'supplyUSD']));
    expect(checked('e')).toEqual(expect.arrayContaining(['buyersAndSellersExact', 'liquidityProviderExact', 'escrowsExact', 'supplyUSD', 'supplyCNY']));
  });
});
