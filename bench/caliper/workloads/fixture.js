'use strict';

// What prepare.mjs set up, as the workloads read it: the payers (each with its bank's MSP id,
// the customer identity bound to it and a payee of its own), the hot payee, the currency.
const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_FIXTURE = path.join(__dirname, '..', '.run', 'fixture.json');

/** The fixture named by the round's `fixture` argument, or .run/fixture.json. */
function loadFixture(roundArguments) {
  const file = path.resolve(roundArguments?.fixture ?? DEFAULT_FIXTURE);
  let fixture;
  try {
    fixture = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the fixture ${file} (${err.message}); run node prepare.mjs first`);
  }
  if (!Array.isArray(fixture.payers) || fixture.payers.length === 0 || !fixture.hotPayee || !fixture.currency || !fixture.chaincode) {
    throw new Error(`${file} is not a fixture of prepare.mjs: it needs payers, hotPayee, currency and chaincode`);
  }
  return fixture;
}

/**
 * The payers worker `workerIndex` of `totalWorkers` sends for: every totalWorkers-th one from
 * its index, so that no two workers ever debit the same account.
 */
function payersOfWorker(fixture, workerIndex, totalWorkers) {
  const payers = fixture.payers.filter((_, index) => index % totalWorkers === workerIndex);
  if (payers.length === 0) {
    throw new Error(`worker ${workerIndex} of ${totalWorkers} has no payer: the fixture has only ${fixture.payers.length}; use fewer workers`);
  }
  return payers;
}

module.exports = { loadFixture, payersOfWorker };
