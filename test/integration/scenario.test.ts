import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { playScenario } from './support/scenario';

describe('npm start: the trade scenario against the running network', () => {
  let reportDir: string;

  beforeAll(() => {
    reportDir = mkdtempSync(path.join(tmpdir(), 'xborder-reports-'));
  });
  afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

  it('plays three trades, checks the supply invariant, writes the report and exits 0, twice in a row', async () => {
    const first = await playScenario(reportDir);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/✓ scenario \d{8}-\d{6}: every step succeeded and every check held/);
    for (const line of [
      'already bootstrapped',
      'CNBank onboards Shenzhen Lumen Electronics',
      'USBank onboards Great Lakes Home Supply',
      'JPBank onboards Naniwa Energy Trading',
      'USBank mints 250,000.00 USD',
      'posts USD/CNY bid 7.102 ask 7.138',
      'posts JPY/CNY',
      'locks a firm quote',
      'Buyer funds the escrow',
      'settles: escrow USD to the liquidity provider',
      'Clearing house resolves',
      'declares the default',
      'Supply of JPY',
    ]) {
      if (line === 'already bootstrapped' && first.stdout.includes('bootstrapped now')) {
        continue;
      }
      expect(first.stdout).toContain(line);
    }
    expect(first.stdout).toMatch(/^Trade 1 +SETTLED +97,000\.00 USD +688,894\.00 CNY +7\.102 USD\/CNY firm/m);
    expect(first.stdout).toMatch(/^Trade 2 +SPLIT +4,900,000 JPY +[\d,.]+ CNY +0\.04712 JPY\/CNY posted/m);
    expect(first.stdout).toMatch(/^Trade 3 +DEFAULTED +24,800\.00 USD .*refund 24,831\.00 USD, margin claim 1,240\.00 USD/m);
    expect(first.stdout).toContain('CHECKS (11/11 passed)');

    expect(first.report).toBeDefined();
    const report = first.report as string;
    expect(report).toContain('**All checks passed.**');
    expect(report).toMatch(/\| settlement \| `[0-9a-f]{64}` \|/);
    expect(report).toMatch(/\| dispute resolution \| `[0-9a-f]{64}` \|/);
    expect(report).toMatch(/\| default \| `[0-9a-f]{64}` \|/);
    expect(report).not.toMatch(/Li Wei|Maria Kowalski|Kenji Tanaka/);

    // The ledger keeps everything: the second run makes new parties and releases the identities from the first run's.
    const second = await playScenario(reportDir);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
    expect(second.stdout).toContain('already bootstrapped');
    expect(second.stdout).toMatch(/acts as user1, released from SZ-EXPORTER-\d{8}-\d{6}/);
    expect(second.report).toContain('**All checks passed.**');
  });
});
