import { status as GrpcStatus } from '@grpc/grpc-js';
import { CatchUp, PeerHeights } from '../../../gateway-client/src/catch-up';
import { ConsistencyImpl } from '../../../gateway-client/src/consistency';
import { ConsistencyTimeoutError } from '../../../gateway-client/src/errors';
import { fakeTiming, gatewayError } from './fakes';

/** Peers whose heights follow a script: each query of an organisation takes the next height of its list (the last one repeats). */
function peers(heights: Record<string, (bigint | 'down')[]>) {
  const asked: string[] = [];
  const heightOf = async (mspId: string): Promise<bigint> => {
    asked.push(mspId);
    const list = heights[mspId];
    const next = list.length > 1 ? list.shift() : list[0];
    if (next === 'down') {
      throw gatewayError(GrpcStatus.UNAVAILABLE);
    }
    return next as bigint;
  };
  return { asked, heightOf };
}

function catchUpWith(heightOf: (mspId: string) => Promise<bigint>, deadlineMs = 1_000) {
  const consistency = new ConsistencyImpl();
  const timing = fakeTiming();
  return { catchUp: new CatchUp({ ownMspId: 'CNBankMSP', heightOf, consistency, deadlineMs, timing }), consistency, timing };
}

describe('CatchUp.reach', () => {
  it('asks nothing about an organisation already known to have committed the block', async () => {
    const { asked, heightOf } = peers({ CNBankMSP: [1n] });
    const { catchUp } = catchUpWith(heightOf);
    catchUp.committed('CNBankMSP', 7n);
    await expect(catchUp.reach(7n, ['CNBankMSP'], 'required', 'endorse')).resolves.toEqual(new Set(['CNBankMSP']));
    expect(asked).toEqual([]);
  });

  it('does not count it as a wait when the first answer is new enough', async () => {
    const { heightOf } = peers({ USBankMSP: [8n] });
    const { catchUp, consistency, timing } = catchUpWith(heightOf);
    await expect(catchUp.reach(7n, ['USBankMSP'], 'required', 'endorse')).resolves.toEqual(new Set(['USBankMSP']));
    expect(consistency.waits.count).toBe(0);
    expect(timing.delays).toEqual([]);
  });

  it('polls a lagging organisation with growing pauses until it has committed the block, and reports the wait', async () => {
    const { asked, heightOf } = peers({ CNBankMSP: [8n], USBankMSP: [6n, 7n, 7n, 8n] });
    const { catchUp, consistency, timing } = catchUpWith(heightOf);
    await expect(catchUp.reach(7n, ['CNBankMSP', 'USBankMSP'], 'required', 'endorse')).resolves.toEqual(new Set(['CNBankMSP', 'USBankMSP']));
    expect(asked.filter((m) => m === 'CNBankMSP')).toHaveLength(1);
    expect(asked.filter((m) => m === 'USBankMSP')).toHaveLength(4);
    expect(timing.delays).toEqual([10, 20, 40]);
    expect(consistency.waits).toEqual({ count: 1, totalMs: 70, longestMs: 70 });
  });

  it('reports as lagging only the organisations still behind after their first answer, and whole milliseconds', async () => {
    const heard: unknown[] = [];
    const consistency = new ConsistencyImpl({ onWait: (wait) => heard.push(wait) });
    const { heightOf } = peers({ CNBankMSP: [8n], USBankMSP: [7n, 8n] });
    const base = fakeTiming();
    let reads = 0;
    const timing = { ...base, now: () => base.now() + (reads++ % 2) * 0.4 };
    const catchUp = new CatchUp({ ownMspId: 'CNBankMSP', heightOf, consistency, deadlineMs: 1_000, timing });
    await catchUp.reach(7n, ['CNBankMSP', 'USBankMSP'], 'required', 'endorse');
    expect(heard).toEqual([{ blockNumber: 7n, organizations: ['USBankMSP'], waitedMs: 10 }]);
  });

  it('in required mode, throws ConsistencyTimeoutError naming the lagging organisation and its height at the deadline', async () => {
    const { heightOf } = peers({ USBankMSP: [5n] });
    const { catchUp, consistency } = catchUpWith(heightOf, 500);
    const failure = catchUp.reach(7n, ['USBankMSP'], 'required', 'evaluate');
    await expect(failure).rejects.toBeInstanceOf(ConsistencyTimeoutError);
    await expect(failure).rejects.toMatchObject({ blockNumber: 7n, organizations: ['USBankMSP'], heights: { USBankMSP: '5' }, waitedMs: 500, stage: 'evaluate' });
    expect(consistency.waits.count).toBe(1);
  });

  it('in required mode, keeps asking an organisation that cannot be reached until the deadline', async () => {
    const { heightOf } = peers({ JPBankMSP: ['down'] });
    const { catchUp } = catchUpWith(heightOf, 300);
    await expect(catchUp.reach(7n, ['JPBankMSP'], 'required', 'endorse')).rejects.toMatchObject({
      name: 'ConsistencyTimeoutError',
      heights: { JPBankMSP: 'unknown' },
    });
  });

  it('in best-effort mode, leaves out an organisation that cannot be reached, without waiting for it', async () => {
    const { heightOf } = peers({ CNBankMSP: [8n], JPBankMSP: ['down'] });
    const { catchUp, timing } = catchUpWith(heightOf);
    await expect(catchUp.reach(7n, ['CNBankMSP', 'JPBankMSP'], 'best-effort', 'endorse')).resolves.toEqual(new Set(['CNBankMSP']));
    expect(timing.delays).toEqual([]);
  });

  it('in best-effort mode, leaves out an organisation still behind at the deadline', async () => {
    const { heightOf } = peers({ CNBankMSP: [8n], USBankMSP: [3n] });
    const { catchUp } = catchUpWith(heightOf, 200);
    await expect(catchUp.reach(7n, ['CNBankMSP', 'USBankMSP'], 'best-effort', 'endorse')).resolves.toEqual(new Set(['CNBankMSP']));
  });

  it('shares one height query among concurrent waits for the same organisation', async () => {
    let release: (height: bigint) => void = () => undefined;
    let queries = 0;
    const heightOf = (): Promise<bigint> => {
      queries += 1;
      return new Promise((resolve) => {
        release = resolve;
      });
    };
    const { catchUp } = catchUpWith(heightOf);
    const both = Promise.all([catchUp.reach(7n, ['USBankMSP'], 'required', 'endorse'), catchUp.reach(7n, ['USBankMSP'], 'required', 'evaluate')]);
    await Promise.resolve();
    release(9n);
    await expect(both).resolves.toEqual([new Set(['USBankMSP']), new Set(['USBankMSP'])]);
    expect(queries).toBe(1);
  });

  it('learns organisations, own first, and never forgets a height', async () => {
    const { heightOf } = peers({ USBankMSP: [10n, 4n] });
    const { catchUp } = catchUpWith(heightOf);
    catchUp.learn(['USBankMSP', 'CNBankMSP', 'JPBankMSP']);
    expect(catchUp.organizations).toEqual(['CNBankMSP', 'USBankMSP', 'JPBankMSP']);
    await catchUp.reach(9n, ['USBankMSP'], 'required', 'endorse');
    catchUp.committed('USBankMSP', 2n);
    expect(catchUp.caughtUp(9n)).toEqual(new Set(['USBankMSP']));
  });

  it('shares heights and height queries among the clients of one gateway peer, and keeps others apart', async () => {
    const { asked, heightOf } = peers({ USBankMSP: [8n], JPBankMSP: [8n] });
    const shared = new PeerHeights();
    const consistency = new ConsistencyImpl();
    const timing = fakeTiming();
    const client = (heights?: PeerHeights) => new CatchUp({ ownMspId: 'CNBankMSP', heightOf, consistency, deadlineMs: 1_000, timing, ...(heights ? { heights } : {}) });
    const [a, b, apart] = [client(shared), client(shared), client()];
    // Concurrent waits of two clients: one query.
    await Promise.all([a.reach(7n, ['USBankMSP'], 'required', 'endorse'), b.reach(7n, ['USBankMSP'], 'required', 'endorse')]);
    expect(asked).toEqual(['USBankMSP']);
    // What one client learnt (a query, or its own commit) the other knows.
    a.committed('CNBankMSP', 7n);
    await b.reach(7n, ['CNBankMSP', 'USBankMSP'], 'required', 'endorse');
    expect(asked).toEqual(['USBankMSP']);
    // A client with heights of its own asks for itself.
    await apart.reach(7n, ['USBankMSP'], 'required', 'endorse');
    expect(asked).toEqual(['USBankMSP', 'USBankMSP']);
    // Organisations one client saw endorse, the others check up front; the own organisation stays first.
    a.learn(['JPBankMSP']);
    expect(b.organizations).toEqual(['CNBankMSP', 'JPBankMSP']);
    expect(apart.organizations).toEqual(['CNBankMSP']);
  });
});
