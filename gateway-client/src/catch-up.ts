import type { ConsistencyImpl } from './consistency.js';
import { ConsistencyTimeoutError, type TransactionStage } from './errors.js';
import type { Timing } from './retry.js';

/**
 * What is known of the peers behind one gateway peer: which organisations
 * have endorsed or answered, the highest ledger height each organisation's
 * peer has reported, and the height query under way for each. These are facts
 * about peers, not about what a client has seen, so the clients of one
 * organisation that use one gateway peer share them: a query one of them makes
 * after a block answers for all of them, instead of each asking the same peers
 * the same question, and a new client checks up front every organisation the
 * gateway has been seen to use.
 */
export class PeerHeights {
  /** Organisations seen endorsing or answering, in the order first seen. */
  readonly organizations = new Set<string>();
  /** Highest height each organisation's peer has reported (heights only grow). */
  readonly heights = new Map<string, bigint>();
  /** The height query under way for each organisation; concurrent waits share it. */
  readonly asking = new Map<string, Promise<void>>();
}

export interface CatchUpOptions {
  /** The organisation of the client's gateway peer. */
  ownMspId: string;
  /** How many blocks a peer of `mspId` has committed (its ledger height), asked through the gateway. */
  heightOf(mspId: string): Promise<bigint>;
  consistency: ConsistencyImpl;
  /** How long one call may wait for peers to catch up. */
  deadlineMs: number;
  timing: Timing;
  /** What to share with the other clients of the same organisation and gateway peer; default: this CatchUp's own. */
  heights?: PeerHeights;
}

/** How a wait treats an organisation that stays behind or cannot be asked. */
export type CatchUpMode =
  /** Such an organisation is left out of the result; the caller must not rely on it. */
  | 'best-effort'
  /** Such an organisation fails the wait with ConsistencyTimeoutError. */
  | 'required';

const FIRST_POLL_MS = 10;
const LONGEST_POLL_MS = 200;

/**
 * Knows how far each organisation's peer has committed, and waits until the
 * ones a call will use have committed a given block. A peer answers its
 * ledger height only once the block's writes are in its state database (the
 * ledger holds one lock over both), so an endorsement that starts after a
 * peer reported height h runs on state that includes block h - 1.
 */
export class CatchUp {
  readonly #options: CatchUpOptions;
  /** Highest height each organisation's peer has reported (heights only grow). */
  readonly #heights: Map<string, bigint>;
  /** Organisations seen endorsing or answering: the ones worth checking before an endorsement. */
  readonly #organizations: Set<string>;
  readonly #asking: Map<string, Promise<void>>;

  constructor(options: CatchUpOptions) {
    this.#options = options;
    const shared = options.heights ?? new PeerHeights();
    this.#organizations = shared.organizations;
    this.#organizations.add(options.ownMspId);
    this.#heights = shared.heights;
    this.#asking = shared.asking;
  }

  get ownMspId(): string {
    return this.#options.ownMspId;
  }

  /** Own organisation first, then every other one seen so far. */
  get organizations(): string[] {
    const own = this.#options.ownMspId;
    return [own, ...[...this.#organizations].filter((mspId) => mspId !== own)];
  }

  /** Remembers organisations that endorsed or answered, so later calls check them up front. */
  learn(mspIds: Iterable<string>): void {
    for (const mspId of mspIds) {
      this.#organizations.add(mspId);
    }
  }

  /** Records that a peer of `mspId` has committed `blockNumber` (e.g. the gateway peer reported a commit in it). */
  committed(mspId: string, blockNumber: bigint): void {
    this.#raise(mspId, blockNumber + 1n);
  }

  /** The organisations known, right now, to have committed `blockNumber`. */
  caughtUp(blockNumber: bigint): Set<string> {
    return new Set([...this.#heights].filter(([, height]) => height > blockNumber).map(([mspId]) => mspId));
  }

  /**
   * Waits until the peers of `organizations` have committed `blockNumber`,
   * polling their heights with a growing pause, for at most the deadline.
   * Returns the organisations known to have committed it; in best-effort mode
   * that may be fewer than asked.
   */
  async reach(blockNumber: bigint, organizations: readonly string[], mode: CatchUpMode, stage: TransactionStage): Promise<Set<string>> {
    const { timing, deadlineMs } = this.#options;
    const started = timing.now();
    let behind = organizations.filter((mspId) => !this.#hasCommitted(mspId, blockNumber));
    // Those still behind after the first answers: what a wait, if any, was for.
    let lagging: string[] | undefined;
    let pause = FIRST_POLL_MS;
    let slept = false;
    let lastFailure: unknown;
    for (;;) {
      const failed = new Set<string>();
      await Promise.all(
        behind.map((mspId) =>
          this.#ask(mspId).catch((err: unknown) => {
            failed.add(mspId);
            lastFailure = err;
          }),
        ),
      );
      const unreachable = mode === 'best-effort' ? failed : new Set<string>();
      behind = behind.filter((mspId) => !this.#hasCommitted(mspId, blockNumber) && !unreachable.has(mspId));
      lagging ??= behind;
      const waited = timing.now() - started;
      if (behind.length === 0 || waited >= deadlineMs) {
        if (slept) {
          this.#options.consistency.recordWait({ blockNumber, organizations: lagging, waitedMs: Math.round(waited) });
        }
        if (behind.length > 0 && mode === 'required') {
          throw new ConsistencyTimeoutError({ stage, blockNumber, organizations: behind, heights: this.#heightsOf(behind), waitedMs: Math.round(waited), cause: lastFailure });
        }
        const known = this.caughtUp(blockNumber);
        return new Set(organizations.filter((mspId) => known.has(mspId)));
      }
      await timing.sleep(Math.min(pause, deadlineMs - waited));
      slept = true;
      pause = Math.min(pause * 2, LONGEST_POLL_MS);
    }
  }

  #hasCommitted(mspId: string, blockNumber: bigint): boolean {
    return (this.#heights.get(mspId) ?? 0n) > blockNumber;
  }

  /** One height query per organisation at a time; concurrent calls (of every client sharing the heights) share it. */
  #ask(mspId: string): Promise<void> {
    let asking = this.#asking.get(mspId);
    if (!asking) {
      asking = this.#options
        .heightOf(mspId)
        .then((height) => this.#raise(mspId, height))
        .finally(() => this.#asking.delete(mspId));
      this.#asking.set(mspId, asking);
    }
    return asking;
  }

  #raise(mspId: string, height: bigint): void {
    if (height > (this.#heights.get(mspId) ?? 0n)) {
      this.#heights.set(mspId, height);
    }
  }

  #heightsOf(mspIds: readonly string[]): Record<string, string> {
    return Object.fromEntries(mspIds.map((mspId) => [mspId, this.#heights.has(mspId) ? String(this.#heights.get(mspId)) : 'unknown']));
  }
}
