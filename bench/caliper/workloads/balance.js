'use strict';

// Queries: Token:balanceOf of each payer in turn, evaluated by the payer's bank's gateway peer
// (one peer, no ordering, no commit).
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { loadFixture, payersOfWorker } = require('./fixture');

class BalanceWorkload extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.fixture = loadFixture(roundArguments);
    this.payers = payersOfWorker(this.fixture, workerIndex, totalWorkers);
    this.sent = 0;
  }

  async submitTransaction() {
    const payer = this.payers[this.sent++ % this.payers.length];
    return this.sutAdapter.sendRequests({
      contractId: this.fixture.chaincode,
      contractFunction: 'Token:balanceOf',
      contractArguments: [payer.partyId, this.fixture.currency],
      invokerMspId: payer.mspId,
      invokerIdentity: payer.identity,
      readOnly: true,
    });
  }
}

module.exports.createWorkloadModule = () => new BalanceWorkload();
