// Sets up what the Caliper workloads send from, with the world `npm run bench` builds
// (bench/lib/setup.mjs): payers ("traders") bound to the banks' customer identities and holding
// USD, a receive-only payee for each, and one hot payee. Writes .run/fixture.json for the
// workloads. Uses the repository's client, so the repository must be installed and built (npm ci
// && npm run build at its root). `node prepare.mjs --help`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runIdAt } from '../../cli/dist/scenario/cast.js';
import { BANKS, buildWorld, customerIdentities, networkAt } from '../lib/setup.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `node prepare.mjs [options]

  --run-dir DIR    the network's run directory, with connection/<org>.json
                   (default $XBORDER_RUN_DIR, else network/.run of this repository)
  --payers N       payers, one per customer identity (default 64; at most the
                   identities user1..userN of CNBank, USBank and JPBank less two)
  --out FILE       the fixture (default .run/fixture.json next to this script)
  --help

Every payer is KYC-verified, holds 1,000,000.00 USD and acts through a customer
identity of its own, which it takes over from whichever party had it: npm run
bench and the scenario do the same, so run this again after either of them,
before the next Caliper run.`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      'run-dir': { type: 'string', default: process.env.XBORDER_RUN_DIR ?? path.join(HERE, '..', '..', 'network', '.run') },
      payers: { type: 'string', default: '64' },
      out: { type: 'string', default: path.join(HERE, '.run', 'fixture.json') },
      help: { type: 'boolean', default: false },
    },
  });
  const payers = Number(values.payers);
  if (!Number.isInteger(payers) || payers < 1) {
    throw new Error(`--payers must be a positive integer, got '${values.payers}'`);
  }
  return { help: values.help, runDir: path.resolve(values['run-dir']), payers, out: path.resolve(values.out) };
}

async function main() {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const available = BANKS.length * customerIdentities(options.runDir).length - 2;
  if (options.payers > available) {
    throw new Error(`--payers ${options.payers}: the network has customer identities for ${available} payers`);
  }
  const runId = `CAL-${runIdAt(new Date())}`;
  const network = networkAt(options.runDir);
  const log = (line) => console.log(`prepare ${runId}: ${line}`);
  try {
    const world = await buildWorld({ network, runDir: options.runDir, runId, lanes: options.payers, parts: 1, needs: { parts: false, trade: false }, log });
    const { channel, chaincode } = JSON.parse(readFileSync(path.join(options.runDir, 'connection', `${BANKS[0].org}.json`), 'utf8'));
    const fixture = {
      runId,
      preparedAt: new Date().toISOString(),
      runDir: options.runDir,
      channel,
      chaincode,
      currency: 'USD',
      hotPayee: world.hotPayee.partyId,
      payers: world.traders.map((trader, lane) => ({
        org: trader.org,
        mspId: trader.client.mspId,
        identity: trader.identity,
        partyId: trader.partyId,
        payee: world.payees[lane].partyId,
      })),
    };
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(fixture, null, 2)}\n`);
    log(`${fixture.payers.length} payers, as many payees and a hot payee; fixture ${path.relative(process.cwd(), options.out)}`);
  } finally {
    network.close();
  }
}

main().catch((err) => {
  console.error(`prepare: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
