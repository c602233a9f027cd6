import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './support/network';
import { playScenario } from './support/scenario';

const execute = promisify(execFile);

/** Runs the `xborder` command (its installed launcher) from the repository root. */
async function xborder(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [path.join(REPO_DIR, 'cli', 'bin', 'xborder.js'), ...args], { cwd: REPO_DIR });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : 1, stdout: stdout ?? '', stderr: stderr ?? String(err) };
  }
}

/**
 * The CLI against the running network, reading what one scenario run wrote:
 * its parties, balances and orders.
 */
describe('xborder CLI against the running network', () => {
  let reportDir: string;
  let report: string;
  let exporter: string;
  let importer: string;
  let settledOrder: string;
  let token: string;

  beforeAll(async () => {
    reportDir = mkdtempSync(path.join(tmpdir(), 'xborder-cli-reports-'));
    const scenario = await playScenario(reportDir);
    if (scenario.code !== 0 || !scenario.report) {
      throw new Error(`the scenario failed, so the CLI has nothing to read: ${scenario.stderr}`);
    }
    report = scenario.report;
    const find = (pattern: RegExp): string => (pattern.exec(report) as RegExpExecArray)[0];
    exporter = find(/SZ-EXPORTER-\d{8}-\d{6}/);
    importer = find(/CHI-IMPORTER-\d{8}-\d{6}/);
    // The settlement times table lists trade 1, the settled one, first.
    settledOrder = find(/ORD-\d{8}-[0-9a-f]{16}/);
    token = (/--after (\d+)/.exec(report) as RegExpExecArray)[1];
  });
  afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

  it('shows a KYC status', async () => {
    const { code, stdout } = await xborder('--org', 'cnbank', 'kyc', 'status', exporter);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^KYC status: +VERIFIED$/m);
    expect(stdout).toMatch(/^Onboarded by: +CNBankMSP$/m);
    expect(stdout).not.toContain('Li Wei');
  });

  it('shows a balance as text and as JSON, matching the report', async () => {
    // The scenario ran in another process: --after makes USBank's peer have its last block first.
    const text = await xborder('--org', 'usbank', '--after', token, 'tokens', 'balance', importer, 'USD');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Balance: +153,997\.50 USD$/m);
    const json = await xborder('--org', 'usbank', '--identity', 'user2', 'tokens', 'balance', importer, 'USD', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ account: `party:${importer}`, currency: 'USD', balance: '15399750', frozen: false });
  });

  it('checks the supply invariant', async () => {
    const { code, stdout } = await xborder('tokens', 'supply', 'CNY', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ currency: 'CNY', consistent: true });
  });

  it('lists and shows orders, and the FX rate in force', async () => {
    const list = await xborder('--org', 'clearinghouse', 'orders', 'list', '--status', 'SETTLED');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(settledOrder);
    const show = await xborder('--org', 'clearinghouse', 'orders', 'show', settledOrder);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Status: +SETTLED$/m);
    expect(show.stdout).toContain('Settlement:');
    expect(show.stdout).toMatch(/SETTLE +DELIVERED -> SETTLED/);
    const rates = await xborder('fx', 'rates', 'USD/CNY', '--json');
    expect(rates.code).toBe(0);
    expect(JSON.parse(rates.stdout)).toMatchObject({ base: 'USD', quote: 'CNY' });
  });

  it('tails events from a block and stops after --count', async () => {
    const { code, stdout } = await xborder('events', 'tail', '--from-block', '1', '--count', '3');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    expect(stdout).toMatch(/^block \d+ {2}\S+ {2}[A-Z][A-Za-z]+/);
  });

  it('reports every organisation up', async () => {
    const { code, stdout } = await xborder('network', 'status', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { org: string; up: boolean }[];
    expect(rows.map((r) => r.org).sort()).toEqual(['clearinghouse', 'cnbank', 'jpbank', 'usbank']);
    expect(rows.every((r) => r.up)).toBe(true);
  });

  it('fails with one line naming the error code and a non-zero exit', async () => {
    const missing = await xborder('--org', 'jpbank', 'kyc', 'status', 'NO-SUCH-PARTY');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('xborder: NOT_FOUND: party NO-SUCH-PARTY does not exist\n');
    const usage = await xborder('tokens', 'balance', exporter);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    const badToken = await xborder('--after', 'yesterday', 'tokens', 'supply', 'CNY');
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(/^xborder: --after takes a consistency token/);
    const future = await xborder('--after', '99999999', 'tokens', 'supply', 'CNY');
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/^xborder: CONSISTENCY_TIMEOUT: peers did not commit block 99999999 within \d+ ms: CNBankMSP at height \d+\n$/);
    const unauthorised = await xborder('--org', 'cnbank', 'orders', 'list');
    expect(unauthorised.code).toBe(1);
    expect(unauthorised.stderr).toMatch(/^xborder: UNAUTHORIZED: only the clearing house lists all orders\n$/);
  });
});
