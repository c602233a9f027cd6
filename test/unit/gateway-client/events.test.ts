import { status as GrpcStatus } from '@grpc/grpc-js';
import { type ChaincodeEvent, type ChaincodeEventsOptions, type Checkpointer, checkpointers, type Network } from '@hyperledger/fabric-gateway';
import { ConsistencyImpl } from '../../../gateway-client/src/consistency';
import { DomainEventStreamImpl } from '../../../gateway-client/src/events';
import type { DomainEvent } from '../../../gateway-client/src/event-types';
import { gatewayError, utf8 } from './fakes';

/** Chaincode events on a fake ledger, served like the gateway does: from a block, after the checkpointed transaction. */
class FakeEventNetwork {
  readonly opens: { startBlock?: bigint; fromCheckpoint?: [bigint, string | undefined] }[] = [];
  /** For each stream opened: deliver this many events, then fail with this gRPC code. */
  readonly failures: { after: number; code: number }[] = [];

  constructor(readonly events: ChaincodeEvent[]) {}

  asNetwork(): Network {
    return this as unknown as Network;
  }

  async getChaincodeEvents(_chaincode: string, options: ChaincodeEventsOptions) {
    const checkpointBlock = options.checkpoint?.getBlockNumber();
    const checkpointTx = options.checkpoint?.getTransactionId();
    this.opens.push(checkpointBlock === undefined ? { startBlock: options.startBlock } : { fromCheckpoint: [checkpointBlock, checkpointTx] });
    const from = checkpointBlock ?? options.startBlock ?? 0n;
    let pending = this.events.filter((e) => e.blockNumber >= from);
    if (checkpointBlock !== undefined && checkpointTx !== undefined) {
      const index = pending.findIndex((e) => e.blockNumber === checkpointBlock && e.transactionId === checkpointTx);
      pending = pending.slice(index + 1);
    }
    const failure = this.failures.shift();
    let closed = false;
    let wake: () => void = () => undefined;
    async function* serve(): AsyncGenerator<ChaincodeEvent> {
      let delivered = 0;
      for (const event of pending) {
        if (failure && delivered === failure.after) {
          throw gatewayError(failure.code);
        }
        delivered += 1;
        yield event;
      }
      if (failure) {
        throw gatewayError(failure.code);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (closed) {
          resolve();
        }
      });
      throw gatewayError(GrpcStatus.CANCELLED);
    }
    const iterator = serve();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: () => {
        closed = true;
        wake();
      },
      [Symbol.dispose]: () => undefined,
    };
  }
}

function event(blockNumber: bigint, n: number): ChaincodeEvent {
  return {
    blockNumber,
    transactionId: `tx${n}`,
    chaincodeName: 'xborder',
    eventName: 'TokensTransferred',
    payload: utf8(`{"amount":"${n}","currency":"USD","from":"A","to":"B","reference":"r${n}","at":"2026-01-01T00:00:00Z","txId":"tx${n}"}`),
  };
}

const ledgerEvents = [event(5n, 1), event(5n, 2), event(6n, 3), event(8n, 4), event(8n, 5)];

function stream(network: FakeEventNetwork, checkpointer?: Checkpointer, maxAttempts = 5, consistency = new ConsistencyImpl()): DomainEventStreamImpl {
  return new DomainEventStreamImpl({
    network: network.asNetwork(),
    chaincode: 'xborder',
    ...(checkpointer ? { checkpointer } : {}),
    startBlock: 5n,
    reconnect: { maxAttempts, initialDelayMs: 1, maxDelayMs: 1 },
    timing: { sleep: () => Promise.resolve(), random: () => 0, now: () => 0 },
    consistency,
  });
}

async function take(events: DomainEventStreamImpl, count: number): Promise<DomainEvent[]> {
  const seen: DomainEvent[] = [];
  for await (const e of events) {
    seen.push(e);
    if (seen.length === count) {
      await events.checkpoint();
      break;
    }
  }
  return seen;
}

const ids = (events: DomainEvent[]): string[] => events.map((e) => e.transactionId);

describe('DomainEventStream', () => {
  it('delivers typed events with bigint amounts', async () => {
    const [first] = await take(stream(new FakeEventNetwork(ledgerEvents)), 1);
    expect(first.name).toBe('TokensTransferred');
    if (first.name === 'TokensTransferred') {
      expect(first.payload.amount).toBe(1n);
    }
    expect(first).toMatchObject({ transactionId: 'tx1', blockNumber: 5n });
  });

  it('counts the block of every event it delivers as seen, so that what the handler does next runs on state that includes it', async () => {
    const consistency = new ConsistencyImpl();
    consistency.observe(6n);
    const iterator = stream(new FakeEventNetwork(ledgerEvents), undefined, 5, consistency)[Symbol.asyncIterator]();
    await iterator.next();
    expect(consistency.seenBlock).toBe(6n);
    await iterator.next();
    await iterator.next();
    await iterator.next();
    expect(consistency.seenBlock).toBe(8n);
    await iterator.return?.();
  });

  it('checkpoints an event only when the next one is asked for', async () => {
    const checkpointer = checkpointers.inMemory();
    const events = stream(new FakeEventNetwork(ledgerEvents), checkpointer);
    const iterator = events[Symbol.asyncIterator]();
    await iterator.next();
    expect(checkpointer.getTransactionId()).toBeUndefined();
    await iterator.next();
    expect([checkpointer.getBlockNumber(), checkpointer.getTransactionId()]).toEqual([5n, 'tx1']);
    await iterator.return?.();
    expect(checkpointer.getTransactionId()).toBe('tx1');
  });

  it('resumed from a checkpoint after a restart, sees every event exactly once', async () => {
    const network = new FakeEventNetwork(ledgerEvents);
    const checkpointer = checkpointers.inMemory();
    const before = await take(stream(network, checkpointer), 2);
    const after = await take(stream(network, checkpointer), 3);
    expect([...ids(before), ...ids(after)]).toEqual(['tx1', 'tx2', 'tx3', 'tx4', 'tx5']);
    expect(network.opens[1]).toEqual({ fromCheckpoint: [5n, 'tx2'] });
  });

  it('reopens the stream from its checkpoint when the peer becomes UNAVAILABLE', async () => {
    const network = new FakeEventNetwork(ledgerEvents);
    network.failures.push({ after: 2, code: GrpcStatus.UNAVAILABLE }, { after: 0, code: GrpcStatus.UNAVAILABLE });
    const seen = await take(stream(network), 5);
    expect(ids(seen)).toEqual(['tx1', 'tx2', 'tx3', 'tx4', 'tx5']);
    expect(network.opens).toEqual([{ startBlock: 5n }, { fromCheckpoint: [5n, 'tx2'] }, { fromCheckpoint: [5n, 'tx2'] }]);
  });

  it('reopens from the pinned start block when it fails before any event', async () => {
    const network = new FakeEventNetwork(ledgerEvents);
    network.failures.push({ after: 0, code: GrpcStatus.UNAVAILABLE });
    expect(ids(await take(stream(network), 1))).toEqual(['tx1']);
    expect(network.opens).toEqual([{ startBlock: 5n }, { startBlock: 5n }]);
  });

  it('gives up after maxAttempts consecutive failures', async () => {
    const network = new FakeEventNetwork(ledgerEvents);
    network.failures.push(...Array.from({ length: 3 }, () => ({ after: 0, code: GrpcStatus.UNAVAILABLE })));
    await expect(take(stream(network, undefined, 3), 1)).rejects.toMatchObject({ name: 'TransportError', stage: 'events' });
  });

  it('does not reconnect on a refusal', async () => {
    const network = new FakeEventNetwork(ledgerEvents);
    network.failures.push({ after: 0, code: GrpcStatus.PERMISSION_DENIED });
    await expect(take(stream(network), 1)).rejects.toMatchObject({ name: 'GatewayRequestError', grpcCode: GrpcStatus.PERMISSION_DENIED });
    expect(network.opens).toHaveLength(1);
  });

  it('ends a loop when closed', async () => {
    const events = stream(new FakeEventNetwork(ledgerEvents));
    const seen: string[] = [];
    for await (const e of events) {
      seen.push(e.transactionId);
      if (seen.length === 5) {
        setTimeout(() => events.close(), 5);
      }
    }
    expect(seen).toHaveLength(5);
  });
});
