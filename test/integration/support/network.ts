// Only the network script: the jest global setup loads this file outside the
// test environment, where the gateway client's module mapping does not apply.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_DIR = path.resolve(__dirname, '../../..');
export const RUN_DIR = process.env.XBORDER_RUN_DIR ?? path.join(REPO_DIR, 'network', '.run');

export interface NodeStatus {
  name: string;
  kind: 'peer' | 'orderer' | 'chaincode' | 'ca';
  org: string;
  running: boolean;
  pid: number | null;
}

export interface NetworkStatus {
  nodes: NodeStatus[];
  channel: { name: string; height: number | null };
  chaincode: { name: string; version: string; sequence: number } | null;
}

/** Runs `network/network.sh ARGS...` and returns its standard output; fails with its log on error. */
export async function networkScript(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('bash', [path.join(REPO_DIR, 'network', 'network.sh'), ...args], {
      cwd: REPO_DIR,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`network.sh ${args.join(' ')} failed:\n${stderr ?? ''}\n${stdout ?? ''}`);
  }
}

export async function networkStatus(): Promise<NetworkStatus> {
  return JSON.parse(await networkScript('status', '--json')) as NetworkStatus;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
