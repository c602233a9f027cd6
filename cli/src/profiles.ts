import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Where the connection profiles are: `explicit` (--connection-dir), else
 * `$XBORDER_RUN_DIR/connection`, else the first `network/.run/connection`
 * found from `cwd` upwards (so the CLI works from any folder of the
 * repository), else `network/.run/connection` under `cwd`.
 */
export function connectionDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (explicit) {
    return path.resolve(cwd, explicit);
  }
  if (env.XBORDER_RUN_DIR) {
    return path.resolve(cwd, env.XBORDER_RUN_DIR, 'connection');
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'network', '.run', 'connection');
    if (existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      return path.resolve(cwd, 'network', '.run', 'connection');
    }
  }
}

/** The profile file of `org` (`cnbank`, `USBank`, ...), or an error that lists the organisations there are. */
export function profilePath(dir: string, org: string): string {
  const file = path.join(dir, `${org.toLowerCase()}.json`);
  if (!existsSync(file)) {
    const orgs = listOrgs(dir);
    throw new Error(
      orgs.length === 0
        ? `no connection profiles in ${dir}: start the network (npm start, or npm run network -- up) or pass --connection-dir`
        : `no connection profile for organisation '${org}' in ${dir} (there are: ${orgs.join(', ')})`,
    );
  }
  return file;
}

/** The organisations with a profile in `dir`, sorted. */
export function listOrgs(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}
