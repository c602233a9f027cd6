import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError } from '@hyperledger/fabric-gateway';
import { ConsistencyImpl } from '../../../gateway-client/src/consistency';
import { ChaincodeError, ConsistencyTimeoutError } from '../../../gateway-client/src/errors';
import { FakeContract, newInvoker, serviceError, TRANSFER_ARGS } from './fakes';

const ORDER_ID = 'ORD-20260301-0123456789abcdef';

/** A chaincode refusal as the gateway reports it, from one peer of each organisation named. */
function refusal(txId: string, message: string, mspIds: string[]): EndorseError {
  return new EndorseError({
    code: GrpcStatus.ABORTED,
    message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
    details: mspIds.map((mspId, i) => ({ address: `127.0.0.1:70${i}1`, mspId, message: `chaincode response 500, ${message}` })),
    cause: serviceError(GrpcStatus.ABORTED, 'failed to endorse transaction'),
    transactionId: txId,
  });
}

/** Heights that each organisation's peer reports, changed by the test as blocks "commit". */
class Heights {
  readonly asked: string[] = [];
  readonly #heights: Map<string, bigint>;

  constructor(heights: Record<string, bigint>) {
    this.#heights = new Map(Object.entries(heights));
  }

  set(mspId: string, height: bigint): void {
    this.#heights.set(mspId, height);
  }

  heightOf = async (mspId: string): Promise<bigint> => {
    this.asked.push(mspId);
    return this.#heights.get(mspId) ?? 0n;
  };
}

describe('Invoker with a seen block', () => {
  it('asks no heights while the client has seen no block', async () => {
    const heights = new Heights({});
    await newInvoker(new FakeContract(), { heightOf: heights.heightOf }).submit('Health:heartbeat', []);
    expect(heights.asked).toEqual([]);
  });

  it('sees the block of its own commit, and endorses the next write only after the other endorsing organisation has committed it', async () => {
    const heights = new Heights({ CNBankMSP: 8n, USBankMSP: 7n });
    const consistency = new ConsistencyImpl();
    const ledger = new FakeContract({
      status: async () => {
        // The next write's pre-check finds USBank one block behind; it commits that block a moment later.
        setTimeout(() => heights.set('USBankMSP', 8n), 0);
        return 0;
      },
    });
    const invoker = newInvoker(ledger, { heightOf: heights.heightOf, consistency, timing: realSleep() });
    await invoker.submit('Token:transfer', TRANSFER_ARGS);
    expect(consistency.seenBlock).toBe(7n);
    await invoker.submit('Token:transfer', TRANSFER_ARGS);
    expect(heights.asked.filter((m) => m === 'USBankMSP').length).toBeGreaterThanOrEqual(2);
    expect(heights.asked).not.toContain('CNBankMSP'); // its own commit told it that CNBank's peer has block 7
    expect(consistency.waits.count).toBe(1);
    expect(ledger.steps.map((s) => s.step)).toEqual(['endorse', 'submit', 'status', 'endorse', 'submit', 'status']);
  });

  it('never surfaces a refusal from an organisation that was behind: it waits for it and endorses the same proposal again', async () => {
    const heights = new Heights({ CNBankMSP: 13n, USBankMSP: 11n });
    const consistency = new ConsistencyImpl();
    consistency.observe(12n); // a token from the seller's bank: the quotation committed in block 12
    const ledger = new FakeContract({
      endorse: async (txId, attempt) => {
        if (attempt === 1) {
          heights.set('USBankMSP', 13n);
          throw refusal(txId, 'NOT_FOUND: quotation Q1 does not exist', ['USBankMSP']);
        }
        return '{"orderId":"O1"}';
      },
      endorsers: () => ['CNBankMSP', 'USBankMSP'],
    });
    const result = await newInvoker(ledger, { heightOf: heights.heightOf, consistency }).submit('Quotation:acceptQuotation', ['Q1']);
    expect(result).toMatchObject({ transactionId: 'tx1', attempts: 1 });
    expect(ledger.stepsOf('endorse')).toEqual(['tx1', 'tx1']);
    expect(ledger.submitted).toEqual(['tx1']);
  });

  it('surfaces a refusal from peers that had committed the block seen', async () => {
    const heights = new Heights({ CNBankMSP: 13n, USBankMSP: 13n });
    const consistency = new ConsistencyImpl();
    consistency.observe(12n);
    const ledger = new FakeContract({
      endorse: async (txId) => {
        throw refusal(txId, 'INSUFFICIENT_FUNDS: account party:P1 holds 5 USD, needs 10', ['CNBankMSP', 'USBankMSP']);
      },
    });
    const invoker = newInvoker(ledger, { heightOf: heights.heightOf, consistency });
    // Learn that USBank endorses, so the next call checks it up front.
    await expect(invoker.submit('Token:transfer', TRANSFER_ARGS)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const endorsementsBefore = ledger.stepsOf('endorse').length;
    const failure = invoker.submit('Token:transfer', TRANSFER_ARGS);
    await expect(failure).rejects.toBeInstanceOf(ChaincodeError);
    expect(ledger.stepsOf('endorse').length - endorsementsBefore).toBe(1);
    expect(ledger.submitted).toEqual([]);
  });

  it('endorses again when an organisation not checked beforehand endorsed, once it is known to have the block', async () => {
    const heights = new Heights({ CNBankMSP: 21n, JPBankMSP: 21n });
    const consistency = new ConsistencyImpl();
    consistency.observe(20n);
    const ledger = new FakeContract({ endorsers: () => ['CNBankMSP', 'JPBankMSP'] });
    await newInvoker(ledger, { heightOf: heights.heightOf, consistency }).submit('Order:fund', [ORDER_ID]);
    expect(ledger.stepsOf('endorse')).toEqual(['tx1', 'tx1']);
    expect(ledger.submitted).toEqual(['tx1']);
  });

  it('sends nothing when an endorsing organisation does not catch up within catchUpMs', async () => {
    const heights = new Heights({ CNBankMSP: 21n, JPBankMSP: 19n });
    const consistency = new ConsistencyImpl();
    consistency.observe(20n);
    const ledger = new FakeContract({ endorsers: () => ['CNBankMSP', 'JPBankMSP'] });
    const failure = newInvoker(ledger, { heightOf: heights.heightOf, consistency, catchUpMs: 1_000 }).submit('Order:fund', [ORDER_ID]);
    await expect(failure).rejects.toBeInstanceOf(ConsistencyTimeoutError);
    await expect(failure).rejects.toMatchObject({ blockNumber: 20n, organizations: ['JPBankMSP'], heights: { JPBankMSP: '19' } });
    expect(ledger.submitted).toEqual([]);
  });

  it('evaluates only once its own organisation has committed the block seen', async () => {
    const heights = new Heights({ CNBankMSP: 30n });
    const consistency = new ConsistencyImpl();
    consistency.observe(30n);
    const ledger = new FakeContract({
      evaluate: async () => '{"balance":"5"}',
    });
    const invoker = newInvoker(ledger, { heightOf: heights.heightOf, consistency, timing: realSleep() });
    setTimeout(() => heights.set('CNBankMSP', 31n), 5);
    await invoker.evaluate('Token:balanceOf', ['P1', 'USD']);
    expect(heights.asked.length).toBeGreaterThanOrEqual(2);
    expect(consistency.waits.count).toBe(1);
  });

  it('evaluates on the organisation the options name, after it has the block', async () => {
    const heights = new Heights({ CNBankMSP: 0n, ClearingHouseMSP: 31n });
    const consistency = new ConsistencyImpl();
    consistency.observe(30n);
    await newInvoker(new FakeContract(), { heightOf: heights.heightOf, consistency }).evaluate('Party:readKycData', ['P1'], { endorsingOrganizations: ['ClearingHouseMSP'] });
    expect(heights.asked).toEqual(['ClearingHouseMSP']);
  });

  it('makes clients that share a Consistency act on each other\'s commits', async () => {
    const consistency = new ConsistencyImpl();
    const seller = newInvoker(new FakeContract({ block: () => 44n }), { consistency });
    const heights = new Heights({ CNBankMSP: 44n });
    const buyer = newInvoker(new FakeContract(), { consistency, heightOf: heights.heightOf, catchUpMs: 100 });
    await seller.submit('Health:heartbeat', []);
    await expect(buyer.evaluate('Quotation:getQuotation', ['Q1'])).rejects.toBeInstanceOf(ConsistencyTimeoutError);
    heights.set('CNBankMSP', 45n);
    await expect(buyer.evaluate('Quotation:getQuotation', ['Q1'])).resolves.toBeDefined();
  });
});

/** Timing with real (short) sleeps, for tests where heights change on timers. */
function realSleep() {
  const start = Date.now();
  return {
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    random: () => 0.5,
    now: () => Date.now() - start,
  };
}
