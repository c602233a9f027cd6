import type { Commit, Contract, Gateway, Proposal, ProposalOptions, SubmittedTransaction, Transaction } from '@hyperledger/fabric-gateway';
import { callOptions, type Deadlines } from './deadlines.js';
import { toClientError } from './errors.js';
import { statusName, type TransactionStatus } from './qscc.js';

/**
 * Off-line signing: the proposal, the endorsed transaction and the commit
 * status request are each signed by a holder of the key elsewhere (a hardware
 * device, another service), and run here. Connect without a private key or
 * signer to use a client for this only. Errors are this library's errors;
 * nothing is retried, since what is resent must be signed again.
 *
 * @example
 * const unsigned = client.offline.newProposal('Token:transfer', { arguments: [encodeArgument(request)] });
 * const proposal = client.offline.newSignedProposal(unsigned.getBytes(), await sign(unsigned.getDigest()));
 * const unsignedTx = await client.offline.endorse(proposal);
 * const transaction = client.offline.newSignedTransaction(unsignedTx.getBytes(), await sign(unsignedTx.getDigest()));
 * const unsignedCommit = await client.offline.submit(transaction);
 * const commit = client.offline.newSignedCommit(unsignedCommit.getBytes(), await sign(unsignedCommit.getDigest()));
 * const status = await client.offline.status(commit);
 */
export interface OfflineSigning {
  /** An unsigned proposal of `transactionName` (`Contract:function`, e.g. `Token:transfer`). */
  newProposal(transactionName: string, options?: ProposalOptions): Proposal;
  /** A proposal from its bytes and a signature over its digest. */
  newSignedProposal(bytes: Uint8Array, signature: Uint8Array): Proposal;
  /** An endorsed transaction from its bytes and a signature over its digest. */
  newSignedTransaction(bytes: Uint8Array, signature: Uint8Array): Transaction;
  /** A commit status request from its bytes and a signature over its digest. */
  newSignedCommit(bytes: Uint8Array, signature: Uint8Array): Commit;
  /** Evaluates a signed proposal (a query). */
  evaluate(proposal: Proposal): Promise<Uint8Array>;
  /** Endorses a signed proposal; the result is to be signed before `submit`. */
  endorse(proposal: Proposal): Promise<Transaction>;
  /** Sends a signed transaction to the orderer; the result is to be signed before `status`. */
  submit(transaction: Transaction): Promise<SubmittedTransaction>;
  /** Waits for the commit of a transaction, given a signed commit status request. */
  status(commit: Commit): Promise<TransactionStatus>;
}

export class OfflineSigningImpl implements OfflineSigning {
  readonly #gateway: Gateway;
  readonly #contract: Contract;
  readonly #deadlines: Deadlines;

  constructor(gateway: Gateway, contract: Contract, deadlines: Deadlines) {
    this.#gateway = gateway;
    this.#contract = contract;
    this.#deadlines = deadlines;
  }

  newProposal(transactionName: string, options?: ProposalOptions): Proposal {
    return this.#contract.newProposal(transactionName, options);
  }

  newSignedProposal(bytes: Uint8Array, signature: Uint8Array): Proposal {
    return this.#gateway.newSignedProposal(bytes, signature);
  }

  newSignedTransaction(bytes: Uint8Array, signature: Uint8Array): Transaction {
    return this.#gateway.newSignedTransaction(bytes, signature);
  }

  newSignedCommit(bytes: Uint8Array, signature: Uint8Array): Commit {
    return this.#gateway.newSignedCommit(bytes, signature);
  }

  async evaluate(proposal: Proposal): Promise<Uint8Array> {
    try {
      return await proposal.evaluate(callOptions(this.#deadlines.evaluateMs));
    } catch (err) {
      throw toClientError(err, 'evaluate', proposal.getTransactionId());
    }
  }

  async endorse(proposal: Proposal): Promise<Transaction> {
    try {
      return await proposal.endorse(callOptions(this.#deadlines.endorseMs));
    } catch (err) {
      throw toClientError(err, 'endorse', proposal.getTransactionId());
    }
  }

  async submit(transaction: Transaction): Promise<SubmittedTransaction> {
    try {
      return await transaction.submit(callOptions(this.#deadlines.submitMs));
    } catch (err) {
      throw toClientError(err, 'submit', transaction.getTransactionId());
    }
  }

  async status(commit: Commit): Promise<TransactionStatus> {
    try {
      const status = await commit.getStatus(callOptions(this.#deadlines.commitStatusMs));
      return { ...status, name: statusName(status.code) };
    } catch (err) {
      throw toClientError(err, 'commit', commit.getTransactionId());
    }
  }
}
