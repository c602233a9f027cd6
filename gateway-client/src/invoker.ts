import { status as GrpcStatus } from '@grpc/grpc-js';
import { type Contract, type Proposal, type Status, StatusCode, type SubmittedTransaction, type Transaction } from '@hyperledger/fabric-gateway';
import { XborderError } from '@xborder/model/errors';
import { checkArguments } from '@xborder/model/transactions';
import type { CatchUp } from './catch-up.js';
import type { ConsistencyImpl } from './consistency.js';
import { callOptions, type Deadlines } from './deadlines.js';
import { endorsingMspIds } from './endorsements.js';
import {
  ChaincodeError,
  CommitFailedError,
  CommitUnknownError,
  GatewayRequestError,
  GatewayStatusError,
  isTransportError,
  type TransactionStage,
  toClientError,
} from './errors.js';
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
  /** The block it committed in. */
  blockNumber: bigint;
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
  /** The newest block seen; raised by every commit. */
  consistency: ConsistencyImpl;
  /** Waits for the peers a call uses to commit the newest block seen. */
  catchUp: CatchUp;
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

  /**
   * Runs a query on a peer; nothing goes to the orderer. The peer (of the
   * client's organisation, or of the one organisation the options name) has
   * committed the newest block seen before it runs the query.
   */
  async evaluate(name: string, args: readonly string[], options: InvokeOptions = {}): Promise<Uint8Array> {
    const { consistency, catchUp } = this.#options;
    if (consistency.seenBlock !== undefined) {
      await catchUp.reach(consistency.seenBlock, options.endorsingOrganizations ?? [catchUp.ownMspId], 'required', 'evaluate');
    }
    const proposal = this.#newProposal(name, args, options);
    return this.#repeatOnTransport('evaluate', proposal.getTransactionId(), () => proposal.evaluate(callOptions(this.#options.deadlines.evaluateMs)));
  }

  /**
   * Endorses, orders and waits for the commit of a write, with the retry
   * policy; endorsed only by peers that have committed the newest block seen.
   * Its block becomes the newest seen.
   */
  async submit(name: string, args: readonly string[], options: InvokeOptions = {}): Promise<SubmitResult> {
    const { retry, timing, consistency, catchUp } = this.#options;
    checkLocally(name, args);
    for (let attempt = 1; ; attempt++) {
      const proposal = this.#newProposal(name, args, options);
      const transactionId = proposal.getTransactionId();
      const transaction = await this.#endorseOnFreshState(proposal, options);
      const status = await this.#commit(transaction);
      consistency.observe(status.blockNumber);
      // The status came from the gateway peer, so that peer has committed the block.
      catchUp.committed(catchUp.ownMspId, status.blockNumber);
      if (status.successful) {
        return { result: transaction.getResult(), transactionId, blockNumber: status.blockNumber, attempts: attempt };
      }
      if (!CONFLICT_CODES.has(status.code) || attempt >= retry.maxCommitAttempts) {
        throw new CommitFailedError({ transactionId, validationCode: status.code, validationName: statusName(status.code), attempts: attempt });
      }
      await timing.sleep(backoffDelay(attempt, retry, timing.random));
    }
  }

  /**
   * Endorses on peers that have committed the newest block seen. Before: the
   * organisations likely to endorse are waited for. After: an endorsement or
   * a refusal from an organisation not known to have caught up before the
   * endorsement began may be an answer from older state, so that
   * organisation is waited for and the same proposal endorsed again; only an
   * answer from caught-up peers is returned or thrown.
   */
  async #endorseOnFreshState(proposal: Proposal, options: InvokeOptions): Promise<Transaction> {
    const { catchUp } = this.#options;
    const endorse = (): Promise<Transaction> =>
      this.#repeat('endorse', proposal.getTransactionId(), () => proposal.endorse(callOptions(this.#options.deadlines.endorseMs)), isReEndorsable);
    const seen = this.#options.consistency.seenBlock;
    if (seen === undefined) {
      const transaction = await endorse();
      catchUp.learn(endorsingMspIds(transaction.getBytes()));
      return transaction;
    }
    let fresh = await catchUp.reach(seen, options.endorsingOrganizations ?? catchUp.organizations, 'best-effort', 'endorse');
    // Each further round follows a wait that adds an organisation to `fresh`, so the loop ends.
    for (;;) {
      let answered: string[];
      let outcome: { transaction: Transaction } | { refusal: ChaincodeError };
      try {
        const transaction = await endorse();
        answered = endorsingMspIds(transaction.getBytes());
        outcome = { transaction };
      } catch (err) {
        if (!(err instanceof ChaincodeError)) {
          throw err;
        }
        answered = err.details.map((detail) => detail.mspId);
        outcome = { refusal: err };
      }
      catchUp.learn(answered);
      const unverified = [...new Set(answered)].filter((mspId) => !fresh.has(mspId));
      if (unverified.length === 0) {
        if ('refusal' in outcome) {
          throw outcome.refusal;
        }
        return outcome.transaction;
      }
      fresh = new Set([...fresh, ...(await catchUp.reach(seen, unverified, 'required', 'endorse'))]);
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
 * Refuses a write whose arguments the chaincode would refuse, with the same
 * parser and so the same code, before anything is sent: a ChaincodeError at
 * stage `validate`.
 */
function checkLocally(name: string, args: readonly string[]): void {
  try {
    checkArguments(name, args);
  } catch (err) {
    if (err instanceof XborderError) {
      throw new ChaincodeError(err.code, err.detail, { stage: 'validate' });
    }
    throw err;
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
