import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/src/cli';
import { connectionDir } from '../../../cli/src/profiles';

/** Runs the CLI without a network: help, usage errors and a missing profile. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: tmp });
  return { code, out, err };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'xborder-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('runCli', () => {
  it('prints help and exits 0', async () => {
    const { code, out, err } = await run(['tokens', 'balance', '--help']);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('usage: xborder tokens balance PARTY CURRENCY');
    expect(err).toEqual([]);
  });

  it('exits 2 with one line on stderr for wrong usage', async () => {
    const { code, out, err } = await run(['tokens', 'balance', 'P1']);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['xborder: tokens balance needs CURRENCY (usage: xborder tokens balance PARTY CURRENCY) (see xborder --help)']);
  });

  it('exits 1 with one line on stderr when there is no connection profile', async () => {
    const { code, err } = await run(['--org', 'nobank', 'tokens', 'supply', 'USD'], { XBORDER_RUN_DIR: tmp });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^xborder: ERROR: no connection profiles in .*connection: start the network/);
  });
});

describe('connectionDir', () => {
  it('takes --connection-dir, then XBORDER_RUN_DIR, then network/.run/connection', () => {
    expect(connectionDir('profiles', {}, '/repo')).toBe('/repo/profiles');
    expect(connectionDir(undefined, { XBORDER_RUN_DIR: '/runs/two' }, '/repo')).toBe('/runs/two/connection');
    expect(connectionDir(undefined, {}, tmp)).toBe(path.join(tmp, 'network', '.run', 'connection'));
  });
});
