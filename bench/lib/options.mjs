import { parseArgs } from 'node:util';
import { DEFAULT_RETRY_POLICY } from '@xborder/gateway-client';
import { WORKLOADS } from './workloads.mjs';

export const MODES = ['closed', 'fixed-rate'];

const DEFAULTS = { count: 320, concurrency: 64, parts: 64, timeLimit: 300 };
/** `--quick`: every workload and mode, a few lanes and operations; about a minute on a small machine. */
const QUICK = { count: 24, concurrency: 4, parts: 8, timeLimit: 60 };

export const USAGE = `npm run bench -- [options]

Measures workloads against a running network (\`npm start\` or \`npm run network
-- up\` first; XBORDER_RUN_DIR selects it, default network/.run), each in two
modes:
  closed      every lane sends one operation at a time, the next as soon as
              the last one ends (maximum rate, saturation);
  fixed-rate  operations start on a schedule, whether or not earlier ones have
              ended (open loop), at --rate transactions per second.

Workloads (letter or name):
${WORKLOADS.map((w) => `  ${w.key}  ${w.name.padEnd(11)} ${w.summary}`).join('\n')}

  --workload LIST     workloads to run, e.g. a,b,e or baseline,hot-payer
                      (default all). The baseline's closed run is always
                      measured: every ratio, and the default rate, come from it.
  --mode LIST         closed, fixed-rate or both (default closed,fixed-rate)
  --count N           operations per workload and mode (default ${DEFAULTS.count}): a
                      transaction for baseline and transfers, a query for
                      queries; the order path runs N/6 trades of 6
                      transactions, and at least one per lane
  --concurrency C     lanes in closed mode, and the parties spread over in both
                      modes (default ${DEFAULTS.concurrency}; capped by the customer identities
                      user1..userN of the three banks, 72 with the network's
                      default XBORDER_CUSTOMERS_PER_ORG of 24)
  --rate R            fixed-rate arrivals in transactions per second (queries
                      per second for queries; an order-path trade counts 6);
                      default half the baseline's closed-loop throughput
  --time-limit S      seconds per workload and mode; no operation starts after
                      it (default ${DEFAULTS.timeLimit})
  --parts P           parts the hot payer's USD and the liquidity provider's
                      CNY account are spread over (Token:consolidate, 1..256;
                      default ${DEFAULTS.parts})
  --amount MINOR      amount of each transfer in USD cents (default 100)
  --max-attempts N    transactions per operation (per trade step) while it
                      meets read conflicts (default ${DEFAULT_RETRY_POLICY.maxCommitAttempts}, the client's)
  --quick             small run for CI: --count ${QUICK.count} --concurrency ${QUICK.concurrency} --parts ${QUICK.parts}
                      --time-limit ${QUICK.timeLimit}, all workloads and modes (explicit
                      options still win)
  --output FILE       also write the results JSON to FILE
  --help

Writes bench/results/<run id>.json and <run id>.svg. Exits 0 when every money
check of every workload holds, 1 otherwise.`;

export class UsageError extends Error {}

export function readOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      workload: { type: 'string' },
      mode: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      'time-limit': { type: 'string' },
      parts: { type: 'string' },
      amount: { type: 'string', default: '100' },
      'max-attempts': { type: 'string', default: String(DEFAULT_RETRY_POLICY.maxCommitAttempts) },
      quick: { type: 'boolean', default: false },
      output: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const base = values.quick ? QUICK : DEFAULTS;
  const number = (name, fallback, { integer = true, min = 1, max = Infinity } = {}) => {
    if (values[name] === undefined) {
      return fallback;
    }
    const value = Number(values[name]);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min}${max < Infinity ? ` to ${max}` : ''}, got '${values[name]}'`);
    }
    return value;
  };
  return {
    help: values.help,
    quick: values.quick,
    workloads: pickWorkloads(values.workload),
    modes: pickModes(values.mode),
    count: number('count', base.count),
    concurrency: number('concurrency', base.concurrency),
    rate: number('rate', undefined, { integer: false, min: 0.1 }),
    timeLimitMs: number('time-limit', base.timeLimit) * 1000,
    parts: number('parts', base.parts, { max: 256 }),
    amount: BigInt(number('amount', 100)),
    maxAttempts: number('max-attempts', DEFAULT_RETRY_POLICY.maxCommitAttempts),
    output: values.output,
  };
}

function pickWorkloads(list) {
  if (list === undefined || list === 'all') {
    return WORKLOADS;
  }
  const wanted = new Set(
    list.split(',').map((name) => {
      const workload = WORKLOADS.find((w) => w.key === name.trim() || w.name === name.trim());
      if (!workload) {
        throw new UsageError(`unknown workload '${name}'; known: ${WORKLOADS.map((w) => `${w.key} (${w.name})`).join(', ')}`);
      }
      return workload;
    }),
  );
  return WORKLOADS.filter((w) => wanted.has(w));
}

function pickModes(list) {
  if (list === undefined || list === 'both') {
    return MODES;
  }
  const modes = list.split(',').map((m) => m.trim());
  for (const mode of modes) {
    if (!MODES.includes(mode)) {
      throw new UsageError(`--mode takes ${MODES.join(', ')} or both, got '${mode}'`);
    }
  }
  return MODES.filter((m) => modes.includes(m));
}
