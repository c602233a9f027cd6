/**
 * What a client has seen of the ledger. Peers commit each block at slightly
 * different moments, so a call made right after seeing a commit could be
 * endorsed by a peer that has not committed it yet, and answer from older
 * state (`NOT_FOUND` for a quotation that exists). The client therefore
 * remembers the newest block it has seen, and endorses or evaluates only on
 * peers that have committed it.
 *
 * A client sees a block when one of its own writes commits in it, when its
 * event stream delivers an event from it, and when it is told with
 * {@link Consistency.observe}. Clients that share one `Consistency` (the
 * `consistency` connect option) see what each of them has seen.
 *
 * @example
 * // The seller's bank hands the buyer's bank a token along with the quotation id.
 * const token = seller.consistency.token();
 * // ...in the buyer's bank, one line before acting on it:
 * buyer.consistency.observe(token);
 * await buyer.quotations.accept(quotationId);
 */
export interface Consistency {
  /** The newest committed block seen, if any. */
  readonly seenBlock: bigint | undefined;
  /** {@link seenBlock} as a token to hand to another organisation's client; `undefined` before any block was seen. */
  token(): ConsistencyToken | undefined;
  /**
   * Records that a block has been seen: a token, a block number, a write's
   * {@link Commit} or an event (anything with a `blockNumber`). Later calls
   * are endorsed and evaluated on state that includes it. Seeing an older
   * block changes nothing; `undefined` is ignored, so that an optional token
   * can be passed straight through.
   */
  observe(seen: ConsistencyToken | bigint | { readonly blockNumber?: bigint } | undefined): void;
  /** How often and for how long calls had to wait for peers to catch up. */
  readonly waits: Readonly<ConsistencyWaits>;
}

/** The block number as a decimal string, e.g. `"1042"`: safe in JSON, headers and URLs. */
export type ConsistencyToken = string;

/** Where a write committed. */
export interface Commit {
  transactionId: string;
  blockNumber: bigint;
}

/** One wait for peers to commit a block, as reported to `onWait`. */
export interface ConsistencyWait {
  /** The block the peers had to commit. */
  blockNumber: bigint;
  /** The organisations whose peers were behind it. */
  organizations: string[];
  waitedMs: number;
}

export interface ConsistencyWaits {
  /** Calls that had to wait. */
  count: number;
  totalMs: number;
  longestMs: number;
}

export interface ConsistencyOptions {
  /** Called after every wait for lagging peers (for logs and metrics). */
  onWait?: (wait: ConsistencyWait) => void;
}

/**
 * A `Consistency` to share among clients, e.g. the clients of several
 * organisations that one process drives, so that each acts on what any of
 * them has seen.
 *
 * @example
 * const consistency = createConsistency({ onWait: (w) => console.log(`waited ${w.waitedMs} ms for ${w.organizations}`) });
 * const seller = await connect({ profile: 'cnbank.json', identity: 'user1', consistency });
 * const buyer = await connect({ profile: 'usbank.json', identity: 'user1', consistency });
 */
export function createConsistency(options: ConsistencyOptions = {}): Consistency {
  return new ConsistencyImpl(options);
}

const TOKEN = /^(0|[1-9][0-9]{0,19})$/;

/** The block number a token stands for; TypeError for anything that is not one. */
export function parseConsistencyToken(token: string): bigint {
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    throw new TypeError(`not a consistency token (a block number): ${JSON.stringify(token)}`);
  }
  return BigInt(token);
}

export class ConsistencyImpl implements Consistency {
  readonly waits: ConsistencyWaits = { count: 0, totalMs: 0, longestMs: 0 };
  readonly #onWait?: (wait: ConsistencyWait) => void;
  #seen: bigint | undefined;

  constructor(options: ConsistencyOptions = {}) {
    this.#onWait = options.onWait;
  }

  get seenBlock(): bigint | undefined {
    return this.#seen;
  }

  token(): ConsistencyToken | undefined {
    return this.#seen === undefined ? undefined : this.#seen.toString();
  }

  observe(seen: ConsistencyToken | bigint | { readonly blockNumber?: bigint } | undefined): void {
    const block = typeof seen === 'string' ? parseConsistencyToken(seen) : typeof seen === 'bigint' ? seen : seen?.blockNumber;
    if (block === undefined) {
      return;
    }
    if (typeof block !== 'bigint' || block < 0n) {
      throw new TypeError(`not a block number: ${String(block)}`);
    }
    if (this.#seen === undefined || block > this.#seen) {
      this.#seen = block;
    }
  }

  /** Counts a wait and tells the listener. */
  recordWait(wait: ConsistencyWait): void {
    this.waits.count += 1;
    this.waits.totalMs += wait.waitedMs;
    this.waits.longestMs = Math.max(this.waits.longestMs, wait.waitedMs);
    this.#onWait?.(wait);
  }
}

const commits = new WeakMap<object, Commit>();

/**
 * Where the write that returned `result` committed; `undefined` for anything
 * else. Works on what the typed write methods return.
 *
 * @example
 * const quotation = await seller.quotations.create(request);
 * buyer.consistency.observe(commitOf(quotation));
 */
export function commitOf(result: object): Commit | undefined {
  return commits.get(result);
}

/** Remembers where the write that returned `result` committed. */
export function recordCommit<T>(result: T, commit: Commit): T {
  if (typeof result === 'object' && result !== null) {
    commits.set(result, commit);
  }
  return result;
}
