import { status as GrpcStatus } from '@grpc/grpc-js';
import { type ChaincodeEvent, type Checkpointer, checkpointers, type CloseableAsyncIterable, type Network } from '@hyperledger/fabric-gateway';
import type { ConsistencyImpl } from './consistency.js';
import { type DomainEvent, parseDomainEvent } from './event-types.js';
import { GatewayStatusError, toClientError, type XborderClientError } from './errors.js';
import { backoffDelay, type Timing } from './retry.js';

/** How an event stream reconnects after the peer went away. */
export interface ReconnectPolicy {
  /** Consecutive failed reopenings before the stream gives up and throws. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT_POLICY: Readonly<ReconnectPolicy> = Object.freeze({ maxAttempts: 60, initialDelayMs: 250, maxDelayMs: 5_000 });

/** Where a stream starts and where it records its progress. */
export interface DomainEventsOptions {
  /**
   * Records each event once it has been processed, and is where the stream
   * resumes: pass the same checkpointer (e.g. `checkpointers.file(path)` of
   * @hyperledger/fabric-gateway) after a restart and no event is missed or
   * seen twice. Default: an in-memory one, which survives reconnections but
   * not restarts.
   */
  checkpointer?: Checkpointer;
  /** Block to start from when the checkpointer holds no position. Default: the next block to be committed. */
  startBlock?: bigint;
  reconnect?: Partial<ReconnectPolicy>;
}

/**
 * The chaincode's events, in ledger order, as typed {@link DomainEvent}s.
 *
 * An event counts as processed, and is checkpointed, when the loop asks for
 * the next one; so an application that stops while handling an event gets it
 * again after a restart. Leaving the loop with `break` does not checkpoint the
 * event in hand: call {@link DomainEventStream.checkpoint} first if it was
 * handled. When the peer goes away the stream reopens from the checkpoint by
 * itself.
 *
 * @example
 * const checkpointer = await checkpointers.file('events.checkpoint');
 * await using events = await client.events({ checkpointer });
 * for await (const event of events) {
 *   if (event.name === 'TokensTransferred') {
 *     await book(event.payload);
 *   }
 * }
 */
export interface DomainEventStream extends AsyncIterable<DomainEvent>, AsyncDisposable {
  /** Checkpoints the event last delivered, marking it processed. */
  checkpoint(): Promise<void>;
  /** Ends the stream; a loop over it finishes. */
  close(): void;
}

export interface DomainEventStreamOptions {
  network: Network;
  chaincode: string;
  checkpointer?: Checkpointer;
  startBlock: bigint;
  reconnect: ReconnectPolicy;
  timing: Timing;
  /** Sees each event's block as it is delivered. */
  consistency: ConsistencyImpl;
}

/** Failures after which the same stream is worth reopening: the peer restarted or the connection dropped. */
const RECONNECT_CODES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.INTERNAL, GrpcStatus.CANCELLED]);

/** An open stream that fails only after this long counts as a fresh start for the attempt count. */
const HEALTHY_STREAM_MS = 30_000;

export class DomainEventStreamImpl implements DomainEventStream {
  readonly #options: DomainEventStreamOptions;
  readonly #checkpointer: Checkpointer;
  #pending: ChaincodeEvent | undefined;
  #current: CloseableAsyncIterable<ChaincodeEvent> | undefined;
  #closed = false;
  #iterated = false;

  constructor(options: DomainEventStreamOptions) {
    this.#options = options;
    this.#checkpointer = options.checkpointer ?? checkpointers.inMemory();
  }

  async checkpoint(): Promise<void> {
    const event = this.#pending;
    this.#pending = undefined;
    if (event) {
      await this.#checkpointer.checkpointChaincodeEvent(event);
    }
  }

  close(): void {
    this.#closed = true;
    this.#current?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<DomainEvent> {
    if (this.#iterated) {
      throw new Error('a DomainEventStream can be iterated once; open another with client.events()');
    }
    this.#iterated = true;
    const { network, chaincode, reconnect, timing } = this.#options;
    let failures = 0;
    try {
      while (!this.#closed) {
        const openedAt = Date.now();
        try {
          this.#current = await network.getChaincodeEvents(chaincode, { checkpoint: this.#checkpointer, startBlock: this.#options.startBlock });
          for await (const event of this.#current) {
            failures = 0;
            this.#pending = event;
            // Whatever the application does about this event runs on state that includes it.
            this.#options.consistency.observe(event.blockNumber);
            yield parseDomainEvent(event);
            await this.checkpoint();
          }
          // The peer ended the stream (shutting down): reopen it after a pause, like after a failure.
          if (!this.#closed) {
            failures += 1;
            await timing.sleep(backoffDelay(failures, reconnect, timing.random));
          }
        } catch (err) {
          if (this.#closed) {
            return;
          }
          const mapped = toClientError(err, 'events');
          if (!isReconnectable(mapped)) {
            throw mapped;
          }
          failures = Date.now() - openedAt > HEALTHY_STREAM_MS ? 1 : failures + 1;
          if (failures >= reconnect.maxAttempts) {
            throw mapped;
          }
          await timing.sleep(backoffDelay(failures, reconnect, timing.random));
        } finally {
          this.#current?.close();
          this.#current = undefined;
        }
      }
    } finally {
      this.#closed = true;
    }
  }
}

function isReconnectable(err: XborderClientError): boolean {
  return err instanceof GatewayStatusError && RECONNECT_CODES.has(err.grpcCode);
}
