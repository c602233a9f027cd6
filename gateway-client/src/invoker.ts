import { status as GrpcStatus } from '@grpc/grpc-js';
import { type Contract, type Proposal, type Status, StatusCode, type SubmittedTransaction, type Transaction } from '@hyperledger/fabric-gateway';
import { callOptions, type Deadlines } from './deadlines.js';
import { CommitFailedError, CommitUnknownError, GatewayRequestError, GatewayStatusError, isTransportError, type TransactionStage, toClientError } from './errors.js';
import { backoffDelay, type RetryPolicy, type Timing } from './retry.js';
import { statusName, type TransactionStatus } from './qscc.js';

/** Proposal options the typed methods set: private data and who endorses it. */
export interface InvokeOptions {
  /** Private data for the chaincode; never recorded in the block. */
  transientData?: Record<string, Uint8Array>;
  /** Only these organisations' peers receive the proposal (and its transient data). */
  endorsingOrganizations?: string[];
}

/** A committed write. */
export interface SubmitResult {
  /** The transaction function's return value. */
  result: Uint8Array;
  transactionId: string;
  blockNumber?: bigint;
  /** How many transactions it took (more than 1 after read conflicts). */
  attempts: number;
}

export interface InvokerOptions {
  contract: Contract;
  /** Finds a transaction in the ledger by id (qscc), for ambiguous outcomes. */
  lookUp(transactionId: string): Promise<TransactionStatus | undefined>;
  deadlines: Deadlines;
  retry: RetryPolicy;
  timing: Timing;
}

/** Validation codes that mean "ran on stale state": the write is redone as a new transaction. */
const CONFLICT_CODES: ReadonlySet<number> = new Set([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);

/**
 * Runs transaction functions with the retry policy. Evaluations and
 * endorsements are repeated on transport failures. A write that fails
 * validation on a read conflict is endorsed again as a new transaction. Once
 * a transaction has gone to the orderer, only that same transaction is ever
 * asked about or resent (Fabric refuses a duplicate transaction id, so a
 * resend cannot commit twice); a second transaction is never created for it.
 */
export class Invoker {
  readonly #options: InvokerOptions;

  constructor(options: InvokerOptions) {
    this.#options = options;
  }

  /** Runs a query on a peer; nothing goes to the orderer. */
  async evaluate(name: string, args: readonly string[], options: InvokeOptions = {}): Promise<Uint8Array> {
    const proposal = this.#newProposal(name, args, options);
    return this.#repeatOnTransport('evaluate', proposal.getTransactionId(), () => proposal.evaluate(callOptions(this.#options.deadlines.evaluateMs)));
  }

  /** Endorses, orders and waits for the commit of a write, with the retry policy. */
  async submit(name: string, args: readonly string[], options: InvokeOptions = {}): Promise<SubmitResult> {
    const { retry, timing } = this.#options;
    for (let attempt = 1; ; attempt++) {
      const proposal = this.#newProposal(name, args, options);
      const transactionId = proposal.getTransactionId();
      const transaction = await this.#repeat('endorse', transactionId, () => proposal.endorse(callOptions(this.#options.deadlines.endorseMs)), isReEndorsable);
      const status = await this.#commit(transaction);
      if (status.successful) {
        return { result: transaction.getResult(), transactionId, blockNumber: status.blockNumber, attempts: attempt };
      }
      if (!CONFLICT_CODES.has(status.code) || attempt >= retry.maxCommitAttempts) {
        throw new CommitFailedError({ transactionId, validationCode: status.code, validationName: statusName(status.code), attempts: attempt });
      }
      await timing.sleep(backoffDelay(attempt, retry, timing.random));
    }
  }

  #newProposal(name: string, args: readonly string[], options: InvokeOptions): Proposal {
    return this.#options.contract.newProposal(name, {
      arguments: [...args],
      ...(options.transientData ? { transientData: options.transientData } : {}),
      ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
    });
  }

  /** Hands the transaction to the orderer and learns its validation status; resends and re-asks only this transaction. */
  async #commit(transaction: Transaction): Promise<TransactionStatus> {
    const transactionId = transaction.getTransactionId();
    let submitted: SubmittedTransaction;
    try {
      submitted = await this.#repeat('submit', transactionId, () => transaction.submit(callOptions(this.#options.deadlines.submitMs)), isResendable);
    } catch (err) {
      if (!isResendable(err)) {
        throw err;
      }
      return this.#resolveAmbiguous(transactionId, err);
    }
    let status: Status;
    try {
      status = await this.#repeatOnTransport('commit', transactionId, () => submitted.getStatus(callOptions(this.#options.deadlines.commitStatusMs)));
    } catch (err) {
      if (!isTransportError(err)) {
        throw err;
      }
      return this.#resolveAmbiguous(transactionId, err);
    }
    if (status.code === StatusCode.DUPLICATE_TXID) {
      // A resend reached the ledger after the first copy: the first copy's status is the transaction's.
      return this.#resolveAmbiguous(transactionId, new Error(`transaction ${transactionId} was ordered twice`));
    }
    return { transactionId, code: status.code, name: statusName(status.code), successful: status.successful, blockNumber: status.blockNumber };
  }

  /** The status recorded in the ledger for this same transaction id, or CommitUnknownError. */
  async #resolveAmbiguous(transactionId: string, cause: unknown): Promise<TransactionStatus> {
    try {
      const found = await this.#repeatOnTransport('commit', transactionId, () => this.#options.lookUp(transactionId));
      if (found) {
        return found;
      }
    } catch (lookUpError) {
      throw new CommitUnknownError(transactionId, new AggregateError([cause, lookUpError], 'submit and status look-up both failed'));
    }
    throw new CommitUnknownError(transactionId, cause);
  }

  async #repeatOnTransport<T>(stage: TransactionStage, transactionId: string, step: () => Promise<T>): Promise<T> {
    return this.#repeat(stage, transactionId, step, isTransportError);
  }

  async #repeat<T>(stage: TransactionStage, transactionId: string, step: () => Promise<T>, repeatable: (err: unknown) => boolean): Promise<T> {
    const { retry, timing } = this.#options;
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (err) {
        const mapped = toClientError(err, stage, transactionId);
        if (!repeatable(mapped) || attempt >= retry.maxTransportAttempts) {
          throw mapped;
        }
        await timing.sleep(backoffDelay(attempt, retry, timing.random));
      }
    }
  }
}

/**
 * Endorsement failures worth endorsing the same proposal again: transport
 * failures, and endorsers whose answers differ because they had committed
 * different blocks when they ran it. Nothing has gone to the orderer yet, so
 * endorsing again cannot pay twice.
 */
function isReEndorsable(err: unknown): boolean {
  if (isTransportError(err)) {
    return true;
  }
  return err instanceof GatewayStatusError && [err.message, ...err.details.map((d) => d.message)].some((m) => m.includes(DIVERGENT_ENDORSEMENTS));
}

/** What the gateway reports when endorsing peers computed different results. */
const DIVERGENT_ENDORSEMENTS = 'ProposalResponsePayloads do not match';

/**
 * Submit failures worth resending the same transaction for: transport
 * failures, and the orderer refusing for now (ABORTED, e.g. no Raft leader).
 */
function isResendable(err: unknown): boolean {
  return isTransportError(err) || (err instanceof GatewayRequestError && err.grpcCode === GrpcStatus.ABORTED);
}
