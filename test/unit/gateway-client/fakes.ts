import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, type Contract, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';
import { CatchUp } from '../../../gateway-client/src/catch-up';
import { ConsistencyImpl } from '../../../gateway-client/src/consistency';
import { Invoker } from '../../../gateway-client/src/invoker';
import type { RetryPolicy, Timing } from '../../../gateway-client/src/retry';
import type { TransactionStatus } from '../../../gateway-client/src/qscc';

/** What the fake gateway does at each step; each handler gets the transaction id and how often that step ran for it. */
export interface Script {
  evaluate?(txId: string, attempt: number): Promise<string>;
  endorse?(txId: string, attempt: number): Promise<string>;
  submit?(txId: string, attempt: number): Promise<void>;
  status?(txId: string, attempt: number): Promise<number>;
  lookUp?(txId: string): Promise<TransactionStatus | undefined>;
  /** The MSP ids whose endorsements an endorsement carries; default CNBankMSP and USBankMSP. */
  endorsers?(txId: string, attempt: number): string[];
  /** The block a commit lands in; default 7. */
  block?(txId: string): bigint;
}

export interface ProposalRecord {
  txId: string;
  name: string;
  arguments: (string | Uint8Array)[];
  transientData?: Record<string, string | Uint8Array>;
  endorsingOrganizations?: string[];
}

/** A fake of fabric-gateway's Contract and the proposal, transaction and commit objects it hands out. */
export class FakeContract {
  readonly proposals: ProposalRecord[] = [];
  readonly steps: { step: 'evaluate' | 'endorse' | 'submit' | 'status' | 'lookUp'; txId: string }[] = [];
  readonly #script: Script;
  readonly #counts = new Map<string, number>();

  constructor(script: Script = {}) {
    this.#script = script;
  }

  /** The ids of transactions sent to the orderer, one entry per send. */
  get submitted(): string[] {
    return this.steps.filter((s) => s.step === 'submit').map((s) => s.txId);
  }

  stepsOf(step: FakeContract['steps'][number]['step']): string[] {
    return this.steps.filter((s) => s.step === step).map((s) => s.txId);
  }

  asContract(): Contract {
    return this as unknown as Contract;
  }

  newProposal(name: string, options: Omit<ProposalRecord, 'txId' | 'name'>): unknown {
    const txId = `tx${this.proposals.length + 1}`;
    this.proposals.push({ txId, name, ...options });
    const run = <T>(step: 'evaluate' | 'endorse' | 'submit' | 'status', handler: ((id: string, n: number) => Promise<T>) | undefined, fallback: T): Promise<T> => {
      const key = `${step}:${txId}`;
      const attempt = (this.#counts.get(key) ?? 0) + 1;
      this.#counts.set(key, attempt);
      this.steps.push({ step, txId });
      return handler ? handler(txId, attempt) : Promise.resolve(fallback);
    };
    const script = this.#script;
    return {
      getTransactionId: () => txId,
      evaluate: async () => utf8(await run('evaluate', script.evaluate, '{}')),
      endorse: async () => {
        const result = utf8(await run('endorse', script.endorse, '{}'));
        const endorsers = script.endorsers?.(txId, this.#counts.get(`endorse:${txId}`) ?? 1) ?? ['CNBankMSP', 'USBankMSP'];
        return {
          getTransactionId: () => txId,
          getResult: () => result,
          getBytes: () => preparedTransaction(endorsers),
          submit: async () => {
            await run('submit', script.submit, undefined);
            return {
              getTransactionId: () => txId,
              getResult: () => result,
              getStatus: async () => {
                const code = await run('status', script.status, StatusCode.VALID);
                return { code, successful: code === StatusCode.VALID, transactionId: txId, blockNumber: script.block?.(txId) ?? 7n };
              },
            };
          },
        };
      },
    };
  }

  lookUp = async (txId: string): Promise<TransactionStatus | undefined> => {
    this.steps.push({ step: 'lookUp', txId });
    return this.#script.lookUp ? this.#script.lookUp(txId) : undefined;
  };
}

/** A prepared transaction (as `Transaction.getBytes()`) carrying one endorsement per MSP id. */
export function preparedTransaction(endorserMspIds: readonly string[]): Uint8Array {
  const endorsements = endorserMspIds.map((mspId) => {
    const endorsement = new peer.Endorsement();
    const identity = new msp.SerializedIdentity();
    identity.setMspid(mspId);
    endorsement.setEndorser(identity.serializeBinary());
    return endorsement;
  });
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setEndorsementsList(endorsements);
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);
  const payload = new common.Payload();
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  const prepared = new gateway.PreparedTransaction();
  prepared.setEnvelope(envelope);
  return prepared.serializeBinary();
}

/** Timing whose sleeps return at once and advance a fake clock by their length. */
export function fakeTiming(): Timing & { delays: number[] } {
  let clock = 0;
  const delays: number[] = [];
  return {
    delays,
    sleep(ms: number) {
      delays.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => clock,
  };
}


export const testPolicy: RetryPolicy = { maxCommitAttempts: 3, maxTransportAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 };

export interface InvokerSetup {
  retry?: RetryPolicy;
  /** Each organisation's ledger height as its peer reports it; default 1000 for all. */
  heightOf?(mspId: string): Promise<bigint>;
  consistency?: ConsistencyImpl;
  timing?: Timing;
  catchUpMs?: number;
}

/** An Invoker of CNBankMSP on the fake contract. */
export function newInvoker(contract: FakeContract, setup: InvokerSetup | RetryPolicy = {}): Invoker {
  const { retry = testPolicy, heightOf = () => Promise.resolve(1000n), consistency = new ConsistencyImpl(), timing = fakeTiming(), catchUpMs = 5_000 } =
    'maxCommitAttempts' in setup ? { retry: setup } : setup;
  return new Invoker({
    contract: contract.asContract(),
    lookUp: contract.lookUp,
    deadlines: { evaluateMs: 1_000, endorseMs: 1_000, submitMs: 1_000, commitStatusMs: 1_000, catchUpMs },
    retry,
    timing,
    consistency,
    catchUp: new CatchUp({ ownMspId: 'CNBankMSP', heightOf, consistency, deadlineMs: catchUpMs, timing }),
  });
}

/** The arguments of a well-formed transfer, which passes the client's own check of what it sends. */
export const TRANSFER_ARGS: readonly string[] = ['{"currency":"USD","from":"P1","to":"P2","amount":"5","reference":"r1"}'];

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function serviceError(code: number, message: string): ServiceError {
  return Object.assign(new Error(`${code} ${message}`), { code, details: message, metadata: new Metadata() });
}

/** An EndorseError as the gateway reports a chaincode refusal: ABORTED with each peer's message. */
export function chaincodeRefusal(txId: string, message: string): EndorseError {
  return new EndorseError({
    code: GrpcStatus.ABORTED,
    message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
    details: [
      { address: '127.0.0.1:7030', mspId: 'CNBankMSP', message: `chaincode response 500, ${message}` },
      { address: '127.0.0.1:7060', mspId: 'ClearingHouseMSP', message: `chaincode response 500, ${message}` },
    ],
    cause: serviceError(GrpcStatus.ABORTED, 'failed to endorse transaction'),
    transactionId: txId,
  });
}

export function gatewayError(code: number, txId?: string): GatewayError {
  const properties = { code, message: `${code} gateway says no`, details: [], cause: serviceError(code, 'gateway says no') };
  return txId ? new CommitStatusError({ ...properties, transactionId: txId }) : new GatewayError(properties);
}

export function endorseError(code: number, txId: string): EndorseError {
  return new EndorseError({ code, message: `${code} endorse failed`, details: [], cause: serviceError(code, 'endorse failed'), transactionId: txId });
}
