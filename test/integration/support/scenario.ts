import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './network';

const run = promisify(execFile);

export interface ScenarioRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The Markdown report it wrote, if any. */
  report?: string;
}

/** Runs the built scenario (`npm start`'s last part) against the running network. */
export async function playScenario(reportDir: string, shipWindowSeconds = 10): Promise<ScenarioRun> {
  const before = new Set(readdirSync(reportDir));
  const args = [path.join(REPO_DIR, 'cli', 'dist', 'scenario', 'main.js'), '--report-dir', reportDir, '--ship-window', String(shipWindowSeconds)];
  let result: ScenarioRun;
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: REPO_DIR, maxBuffer: 16 * 1024 * 1024 });
    result = { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code?: number; stdout?: string; stderr?: string };
    result = { code: typeof code === 'number' ? code : 1, stdout: stdout ?? '', stderr: stderr ?? String(err) };
  }
  const written = readdirSync(reportDir).filter((name) => !before.has(name));
  return written.length === 1 ? { ...result, report: readFileSync(path.join(reportDir, written[0]), 'utf8') } : result;
}
