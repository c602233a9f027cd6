import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, type Contract, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
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
        return {
          getTransactionId: () => txId,
          getResult: () => result,
          submit: async () => {
            await run('submit', script.submit, undefined);
            return {
              getTransactionId: () => txId,
              getResult: () => result,
              getStatus: async () => {
                const code = await run('status', script.status, StatusCode.VALID);
                return { code, successful: code === StatusCode.VALID, transactionId: txId, blockNumber: 7n };
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

export const instantTiming: Timing & { delays: number[] } = {
  delays: [],
  sleep(ms: number) {
    this.delays.push(ms);
    return Promise.resolve();
  },
  random: () => 0.5,
};

export const testPolicy: RetryPolicy = { maxCommitAttempts: 3, maxTransportAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 };

export function newInvoker(contract: FakeContract, retry: RetryPolicy = testPolicy): Invoker {
  return new Invoker({
    contract: contract.asContract(),
    lookUp: contract.lookUp,
    deadlines: { evaluateMs: 1_000, endorseMs: 1_000, submitMs: 1_000, commitStatusMs: 1_000 },
    retry,
    timing: { sleep: () => Promise.resolve(), random: () => 0.5 },
  });
}

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
