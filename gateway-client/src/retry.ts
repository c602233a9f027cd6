/**
 * When a request is repeated. Only failures that say nothing about the
 * request's merits are: read conflicts at commit (the transaction ran on a
 * state that changed before it committed) and transport failures. Business
 * errors (chaincode error codes) never are.
 */
export interface RetryPolicy {
  /**
   * Attempts of a write as a whole while it fails validation with
   * MVCC_READ_CONFLICT or PHANTOM_READ_CONFLICT. Each attempt is a new
   * transaction (new id) endorsed on the current state; the failed one
   * changed nothing.
   */
  maxCommitAttempts: number;
  /**
   * Attempts of one step (evaluate, endorse, submit of the same transaction,
   * commit status of the same transaction) while the gateway is UNAVAILABLE or
   * does not answer in time.
   */
  maxTransportAttempts: number;
  /** Backoff before the first repeat; doubled for each further one. */
  initialDelayMs: number;
  /** Upper bound of one backoff. */
  maxDelayMs: number;
}

/** The defaults; override any of them in the connect options. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxCommitAttempts: 5,
  maxTransportAttempts: 4,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
});

/** The defaults with the given overrides, each checked. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const field of ['maxCommitAttempts', 'maxTransportAttempts'] as const) {
    if (!Number.isInteger(policy[field]) || policy[field] < 1) {
      throw new TypeError(`retry.${field} must be an integer of at least 1, got ${String(policy[field])}`);
    }
  }
  if (!(policy.initialDelayMs >= 0 && policy.maxDelayMs >= policy.initialDelayMs)) {
    throw new TypeError('retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs');
  }
  return policy;
}

/**
 * The pause before repeat number `retry` (1 for the first repeat): exponential,
 * capped, with jitter over the upper half so that clients that collided once
 * do not collide again in lockstep.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Timing functions, replaceable in tests. */
export interface Timing {
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Milliseconds on a monotonic-enough clock, for measuring waits. */
  now(): number;
}

export const realTiming: Timing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: () => performance.now(),
};
