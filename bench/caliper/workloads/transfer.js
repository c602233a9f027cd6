'use strict';

// Token:transfer of `amount` USD cents (default 1), each payer in turn paying, as its own
// customer identity:
//   payee: "own" (default)  its own payee, so no two transfers share an account;
//   payee: "hot"            the one hot payee, so every transfer credits the same account.
// A payer's debits serialise (each reads its balance), so a worker sends for its own payers
// only and takes them in turn; conflicts appear only when a payer comes round again before its
// last transfer committed (rate x latency above the worker's payers). Each transfer carries a
// new idempotency key, as the repository's client sends it.
const crypto = require('node:crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { loadFixture, payersOfWorker } = require('./fixture');

class TransferWorkload extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    const payee = roundArguments.payee ?? 'own';
    if (payee !== 'own' && payee !== 'hot') {
      throw new Error(`transfer.js: the payee argument is "own" or "hot", got ${JSON.stringify(payee)}`);
    }
    this.fixture = loadFixture(roundArguments);
    this.payers = payersOfWorker(this.fixture, workerIndex, totalWorkers);
    this.payeeOf = payee === 'hot' ? () => this.fixture.hotPayee : (payer) => payer.payee;
    this.amount = String(roundArguments.amount ?? 1);
    // Keys of this launch: a transfer repeated with an earlier key would pay nothing.
    this.keyPrefix = `CAL-${this.fixture.runId}-${crypto.randomBytes(4).toString('hex')}-r${roundIndex}-w${workerIndex}`;
    this.sent = 0;
  }

  async submitTransaction() {
    const payer = this.payers[this.sent % this.payers.length];
    const number = this.sent++;
    const transfer = {
      currency: this.fixture.currency,
      from: payer.partyId,
      to: this.payeeOf(payer),
      amount: this.amount,
      reference: `caliper ${this.keyPrefix} #${number}`,
      idempotencyKey: `${this.keyPrefix}-${number}`,
    };
    return this.sutAdapter.sendRequests({
      contractId: this.fixture.chaincode,
      contractFunction: 'Token:transfer',
      contractArguments: [JSON.stringify(transfer)],
      invokerMspId: payer.mspId,
      invokerIdentity: payer.identity,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new TransferWorkload();
