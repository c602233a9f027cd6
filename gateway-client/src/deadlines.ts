import type { CallOptions } from '@grpc/grpc-js';

/**
 * How long each stage of a transaction may take, in milliseconds. Endorsement
 * and commit wait for several organisations, so they get more than a query.
 */
export interface Deadlines {
  /** A query on one peer. */
  evaluateMs: number;
  /** Collecting endorsements from the organisations the policy needs. */
  endorseMs: number;
  /** Handing the endorsed transaction to the orderer. */
  submitMs: number;
  /** Waiting for the transaction's block to be committed by the gateway peer. */
  commitStatusMs: number;
  /**
   * Waiting, before a call, for the peers it uses to commit the newest block
   * the client has seen (see `XborderClient.consistency`).
   */
  catchUpMs: number;
}

/** The defaults; override any of them in the connect options. */
export const DEFAULT_DEADLINES: Readonly<Deadlines> = Object.freeze({
  evaluateMs: 10_000,
  endorseMs: 30_000,
  submitMs: 10_000,
  commitStatusMs: 60_000,
  catchUpMs: 10_000,
});

/** The defaults with the given overrides, each checked to be a positive number. */
export function resolveDeadlines(overrides: Partial<Deadlines> = {}): Deadlines {
  const deadlines = { ...DEFAULT_DEADLINES, ...overrides };
  for (const [stage, ms] of Object.entries(deadlines)) {
    if (!(typeof ms === 'number' && ms > 0 && Number.isFinite(ms))) {
      throw new TypeError(`deadline ${stage} must be a positive number of milliseconds, got ${String(ms)}`);
    }
  }
  return deadlines;
}

/** gRPC call options with a deadline `ms` from now. */
export function callOptions(ms: number): CallOptions {
  return { deadline: Date.now() + ms };
}
