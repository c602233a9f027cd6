import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * CPU time by process kind: the bench process itself (process.cpuUsage) and
 * the network's peers, orderers and chaincode servers, read from
 * /proc/<pid>/stat (utime + stime) of the pids network.sh records in
 * <run dir>/pids/<node>.pid. Sampled before and after each measurement.
 */

export const KINDS = ['client', 'peer', 'orderer', 'chaincode'];

const TICKS_PER_SECOND = clockTicks();

function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function kindOf(node) {
  if (node.startsWith('peer')) {
    return 'peer';
  }
  if (node.startsWith('orderer')) {
    return 'orderer';
  }
  return node.startsWith('chaincode.') ? 'chaincode' : undefined;
}

/** The network's processes: [{ node, kind, pid }], from the run directory's pid files. */
export function networkProcesses(runDir) {
  const dir = path.join(runDir, 'pids');
  let files;
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.pid'));
  } catch {
    return [];
  }
  return files
    .map((file) => {
      const node = file.slice(0, -'.pid'.length);
      return { node, kind: kindOf(node), pid: Number(readFileSync(path.join(dir, file), 'utf8').trim()) };
    })
    .filter((p) => p.kind !== undefined && Number.isInteger(p.pid));
}

/** Seconds of CPU (user + system) a process has used, or undefined when it is gone. */
function processSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are fixed: utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far, per kind, and by each network process. */
export function sampleCpu(processes) {
  const usage = process.cpuUsage();
  const sample = { client: (usage.user + usage.system) / 1e6, peer: 0, orderer: 0, chaincode: 0, missing: [] };
  for (const { node, kind, pid } of processes) {
    const seconds = processSeconds(pid);
    if (seconds === undefined) {
      sample.missing.push(node);
    } else {
      sample[kind] += seconds;
    }
  }
  return sample;
}

/** CPU seconds per kind between two samples, and per 1,000 of `units` (committed transactions). */
export function cpuBetween(before, after, units) {
  const seconds = {};
  const perThousand = {};
  for (const kind of KINDS) {
    seconds[kind] = round(after[kind] - before[kind], 3);
    perThousand[kind] = units > 0 ? round(((after[kind] - before[kind]) / units) * 1000, 2) : null;
  }
  const missing = [...new Set([...before.missing, ...after.missing])];
  return { seconds, perThousand, ...(missing.length > 0 ? { missing } : {}) };
}

const round = (value, digits) => Number(value.toFixed(digits));
