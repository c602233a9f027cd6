import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChaincodeError, CommitFailedError, DEFAULT_RETRY_POLICY, GatewayStatusError } from '@xborder/gateway-client';

/** Validation codes after which the same operation is sent again as a new transaction. */
export const CONFLICTS = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);

/**
 * One write, sent again as a new transaction while it fails validation on a
 * read conflict, up to `maxAttempts` transactions, with the client's backoff.
 * This is the client's own commit retry, done here so that every rejected
 * transaction is counted by its validation code; lane clients are connected
 * with `maxCommitAttempts: 1`. Writes that move value carry an idempotency key
 * or act on one order's state, so a retry can never apply twice.
 *
 * Resolves to { committed, gaveUp, attempts, rejects: [validation names],
 * failure?: reason, latencyMs (first submit to commit), value? }.
 */
export async function submit(action, maxAttempts) {
  const started = performance.now();
  const rejects = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await action();
      return { committed: true, gaveUp: false, attempts: attempt, rejects, latencyMs: performance.now() - started, value };
    } catch (err) {
      if (err instanceof CommitFailedError) {
        rejects.push(err.validationName);
      }
      if (!(err instanceof CommitFailedError && CONFLICTS.has(err.validationName))) {
        return { committed: false, gaveUp: false, attempts: attempt, rejects, failure: failureReason(err) };
      }
      if (attempt >= maxAttempts) {
        return { committed: false, gaveUp: true, attempts: attempt, rejects };
      }
      await sleep(backoffDelay(attempt));
    }
  }
}

/** One query, timed; queries are not retried (the client retries transport errors itself). */
export async function evaluate(action) {
  const started = performance.now();
  try {
    const value = await action();
    return { committed: true, gaveUp: false, attempts: 1, rejects: [], latencyMs: performance.now() - started, value };
  } catch (err) {
    return { committed: false, gaveUp: false, attempts: 1, rejects: [], failure: failureReason(err) };
  }
}

/** A short name for why an operation failed, to count failures by. */
export function failureReason(err) {
  if (err instanceof ChaincodeError) {
    return err.code;
  }
  if (err instanceof CommitFailedError) {
    return `rejected: ${err.validationName}`;
  }
  if (err instanceof GatewayStatusError && err.details.length > 0) {
    return `${err.name} at ${err.stage}: ${[...new Set(err.details.map((d) => d.message))].join('; ')}`;
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** The client's backoff: exponential from the default initial delay, capped, jittered over the upper half. */
function backoffDelay(retry) {
  const { initialDelayMs, maxDelayMs } = DEFAULT_RETRY_POLICY;
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
