import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Load generators. Both run operations 0..count-1 through `operation(index)`
 * (which resolves to an outcome and never throws) and stop starting new ones
 * after `timeLimitMs`. They answer { outcomes, durationMs } where the duration
 * runs from the first start to the last completion.
 */

/**
 * Closed loop (maximum rate): `lanes` lanes, lane i running operations i,
 * i + lanes, ... one at a time, each starting when the one before it ended.
 * The offered load follows the system's own pace: saturation.
 */
export async function closedLoop({ count, lanes, timeLimitMs, operation }) {
  const started = performance.now();
  const deadline = started + timeLimitMs;
  const outcomes = [];
  await Promise.all(
    Array.from({ length: Math.min(lanes, count) }, async (_, lane) => {
      for (let index = lane; index < count && performance.now() < deadline; index += lanes) {
        outcomes.push(await operation(index));
      }
    }),
  );
  return { outcomes, durationMs: performance.now() - started };
}

/**
 * Open loop (fixed rate): operation i starts at start + i / rate seconds,
 * whether or not the ones before it have ended, so a slow system meets a
 * growing queue instead of a slower offer. `startLagMs` says how late the
 * generator itself started operations (the p95 and the worst), which should
 * stay far below the latencies it measures.
 */
export async function fixedRate({ count, rate, timeLimitMs, operation }) {
  const started = performance.now();
  const deadline = started + timeLimitMs;
  const interval = 1000 / rate;
  const running = [];
  const lags = [];
  for (let index = 0; index < count; index++) {
    const due = started + index * interval;
    if (due >= deadline) {
      break;
    }
    const wait = due - performance.now();
    if (wait > 0) {
      await sleep(wait);
    }
    lags.push(performance.now() - due);
    running.push(operation(index));
  }
  const outcomes = await Promise.all(running);
  lags.sort((a, b) => a - b);
  return {
    outcomes,
    durationMs: performance.now() - started,
    startLagMs: { p95: Math.round(lags[Math.floor(lags.length * 0.95)] ?? 0), max: Math.round(lags.at(-1) ?? 0) },
  };
}
