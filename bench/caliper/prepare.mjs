// Sets up what the Caliper workloads send from: payer parties bound to the banks' customer
// identities (user1..userN), a payee of its own for each payer, one hot payee, and USD minted to
// every payer. Writes .run/fixture.json for the workloads. Uses the repository's client through
// bench/lib/setup.mjs, so the repository must be installed and built (npm ci && npm run build at
// its root). `node prepare.mjs --help`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { customerIdentities, ensureConsortium, networkAt, onboard, PAYER_BANKS } from '../lib/setup.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CURRENCY = 'USD';
const CURRENCY_ISSUER = 'usbank';

const USAGE = `node prepare.mjs [options]

  --run-dir DIR          the network's run directory, with connection/<org>.json
                         (default \$XBORDER_RUN_DIR, else network/.run of this repository)
  --payers-per-bank N    payers at each of CNBank, USBank and JPBank, one per
                         customer identity (default: every customer identity)
  --mint MINOR           USD cents minted to each payer (default 100000)
  --out FILE             the fixture (default .run/fixture.json next to this script)
  --help

An identity acts for one party, so each payer takes its customer identity over
from whichever party had it (npm run bench and the scenario do the same): run
this again after either of them, before the next Caliper run.`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      'run-dir': { type: 'string', default: process.env.XBORDER_RUN_DIR ?? path.join(HERE, '..', '..', 'network', '.run') },
      'payers-per-bank': { type: 'string' },
      mint: { type: 'string', default: '100000' },
      out: { type: 'string', default: path.join(HERE, '.run', 'fixture.json') },
      help: { type: 'boolean', default: false },
    },
  });
  const positive = (name) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a positive integer, got '${values[name]}'`);
    }
    return value;
  };
  return {
    help: values.help,
    runDir: path.resolve(values['run-dir']),
    payersPerBank: values['payers-per-bank'] === undefined ? undefined : positive('payers-per-bank'),
    mint: BigInt(positive('mint')),
    out: path.resolve(values.out),
  };
}

function runIdAt(time) {
  const iso = time.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

async function main() {
  const options = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const network = networkAt(options.runDir);
  const customers = customerIdentities(options.runDir).slice(0, options.payersPerBank);
  const runId = runIdAt(new Date());
  const prefix = `CAL-${runId}`;
  const payers = PAYER_BANKS.flatMap(({ org, country }) =>
    customers.map((identity) => ({ org, country, identity, partyId: `${prefix}-${country}-${identity}`, payee: `${prefix}-${country}-${identity}-PAYEE` })),
  );
  const hotPayee = `${prefix}-HOT`;
  console.log(`prepare ${runId}: ${payers.length} payers (${customers.length} per bank), as many payees and one hot payee; ${options.mint} ${CURRENCY} cents each`);

  await ensureConsortium(network);
  await onboard(network, 'cnbank', { partyId: hotPayee, name: `Caliper hot payee ${runId}`, country: 'CN' }, []);
  const clients = [];
  try {
    // Each payer's customer identity is bound to it by its bank's operator, banks side by side.
    await Promise.all(
      PAYER_BANKS.map(async ({ org }) => {
        for (const payer of payers.filter((p) => p.org === org)) {
          const client = await network.connect(org, payer.identity);
          clients.push(client);
          payer.mspId = client.mspId;
          await onboard(network, org, { partyId: payer.partyId, name: `Caliper payer ${payer.partyId}`, country: payer.country }, [client.identityId]);
          await onboard(network, org, { partyId: payer.payee, name: `Caliper payee ${payer.payee}`, country: payer.country }, []);
          console.log(`  ${payer.partyId} (${org} ${payer.identity}) and its payee`);
        }
      }),
    );
    const issuer = await network.connect(CURRENCY_ISSUER, 'issuer');
    clients.push(issuer);
    for (const payer of payers) {
      await issuer.tokens.mint({ currency: CURRENCY, to: payer.partyId, amount: options.mint, depositRef: `${prefix}-DEP-${payer.partyId}` });
    }
  } finally {
    for (const client of clients) {
      client.close();
    }
  }

  const { channel, chaincode } = JSON.parse(readFileSync(network.profileOf(PAYER_BANKS[0].org), 'utf8'));
  const fixture = {
    runId,
    preparedAt: new Date().toISOString(),
    runDir: options.runDir,
    channel,
    chaincode,
    currency: CURRENCY,
    mintedPerPayer: String(options.mint),
    hotPayee,
    payers: payers.map(({ org, mspId, identity, partyId, payee }) => ({ org, mspId, identity, partyId, payee })),
  };
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`Fixture: ${path.relative(process.cwd(), options.out)}`);
}

main().catch((err) => {
  console.error(`prepare: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
