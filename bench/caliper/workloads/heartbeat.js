'use strict';

// Blind writes: Health:heartbeat reads nothing, so nothing it writes can conflict. The
// network's ceiling for the same chaincode, endorsement policy and clients, which the other
// rounds are measured against. Sent by the payers' identities in turn, so every bank's
// gateway peer takes its share, as the lanes of npm run bench do.
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { loadFixture, payersOfWorker } = require('./fixture');

class HeartbeatWorkload extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.fixture = loadFixture(roundArguments);
    this.senders = payersOfWorker(this.fixture, workerIndex, totalWorkers);
    this.sent = 0;
  }

  async submitTransaction() {
    const sender = this.senders[this.sent++ % this.senders.length];
    return this.sutAdapter.sendRequests({
      contractId: this.fixture.chaincode,
      contractFunction: 'Health:heartbeat',
      contractArguments: [],
      invokerMspId: sender.mspId,
      invokerIdentity: sender.identity,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new HeartbeatWorkload();
