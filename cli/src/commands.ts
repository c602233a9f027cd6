import { common } from '@hyperledger/fabric-protos';
import type { OrderStatus } from '@xborder/model/order';
import { ChaincodeError, ErrorCodes, type XborderClient } from '@xborder/gateway-client';
import { type CommandSpec, integerOption, type Options, stringOption, UsageError } from './args.js';
import { describeError } from './errors.js';
import { toJson } from './format.js';
import { listOrgs } from './profiles.js';
import {
  type MinorUnits,
  type OrgStatus,
  renderBalance,
  renderEvent,
  renderNetworkStatus,
  renderOrder,
  renderOrderList,
  renderParty,
  renderRate,
  renderRateHistory,
  renderSupply,
} from './views.js';

/** What a command runs with: its options, a way to connect, and where to print. */
export interface CommandContext {
  options: Options;
  json: boolean;
  connectionDir: string;
  /** A client as --identity of `org` (default: --org). The caller closes it at exit. */
  connect(org?: string): Promise<XborderClient>;
  print(text: string): void;
}

export interface Command extends CommandSpec {
  /** Resolves to the exit code (0 when absent). */
  run(context: CommandContext, args: Record<string, string>): Promise<number | void>;
}

/** JSON or text, as --json asks. */
function show(context: CommandContext, value: unknown, text: () => string): void {
  context.print(context.json ? toJson(value) : text());
}

/** Minor units of the currencies in `codes`, read once from the ledger's currency table. */
async function minorUnits(client: XborderClient, codes: Iterable<string>): Promise<MinorUnits> {
  const units = new Map<string, number>();
  for (const code of new Set(codes)) {
    units.set(code, (await client.tokens.getCurrency(code)).minorUnits);
  }
  return (code) => units.get(code) ?? 0;
}

function parsePair(text: string): [string, string] {
  const match = /^([A-Za-z]{3})[/-]([A-Za-z]{3})$/.exec(text);
  if (!match) {
    throw new UsageError(`PAIR must look like USD/CNY, got '${text}'`);
  }
  return [match[1].toUpperCase(), match[2].toUpperCase()];
}

export const COMMANDS: readonly Command[] = [
  {
    path: ['kyc', 'status'],
    args: [{ name: 'PARTY', description: 'party id' }],
    summary: "a party's public KYC record: status, level, risk rating, verifier, expiry, sanctions",
    details: 'Personal data is never on the public record; only its salted hash is.',
    examples: ['xborder --org cnbank kyc status SZ-EXPORTER-20260301-101500'],
    async run(context, { PARTY }) {
      const party = await (await context.connect()).parties.get(PARTY);
      show(context, party, () => renderParty(party));
    },
  },
  {
    path: ['tokens', 'balance'],
    args: [
      { name: 'PARTY', description: 'party id' },
      { name: 'CURRENCY', description: 'ISO 4217 code, e.g. USD' },
    ],
    summary: "a party's token balance in one currency",
    examples: ['xborder --org usbank tokens balance CHI-IMPORTER-20260301-101500 USD --json'],
    async run(context, { PARTY, CURRENCY }) {
      const client = await context.connect();
      const balance = await client.tokens.getBalance(PARTY, CURRENCY.toUpperCase());
      const units = await minorUnits(client, [balance.currency]);
      show(context, balance, () => renderBalance(balance, units(balance.currency)));
    },
  },
  {
    path: ['tokens', 'supply'],
    args: [{ name: 'CURRENCY', description: 'ISO 4217 code, e.g. CNY' }],
    summary: 'minted, redeemed and held supply of a currency, and whether the supply invariant holds',
    details: 'Exits with 1 when the sum of all balances, escrows and margins differs from minted - redeemed.',
    async run(context, { CURRENCY }) {
      const client = await context.connect();
      const check = await client.tokens.checkSupply(CURRENCY.toUpperCase());
      const units = await minorUnits(client, [check.currency]);
      show(context, check, () => renderSupply(check, units(check.currency)));
      return check.consistent ? 0 : 1;
    },
  },
  {
    path: ['orders', 'list'],
    args: [],
    options: [
      { name: 'party', value: 'PARTY', description: 'only the orders this party buys or sells (as an identity bound to it); default: all orders, as the clearing house' },
      { name: 'status', value: 'STATUS', description: 'only orders in this status: CREATED, FUNDED, SHIPPED, DELIVERED, SETTLED, DISPUTED, REFUNDED, SPLIT, DEFAULTED, CANCELLED' },
    ],
    summary: 'orders, newest last',
    details: 'Listing every order is the clearing house\'s view: use --org clearinghouse, or --party with an identity bound to that party.',
    examples: ['xborder --org clearinghouse orders list --status SETTLED', 'xborder --org usbank --identity user1 orders list --party CHI-IMPORTER-20260301-101500'],
    async run(context) {
      const client = await context.connect();
      const party = stringOption(context.options, 'party');
      const status = stringOption(context.options, 'status')?.toUpperCase() as OrderStatus | undefined;
      const all = await (party === undefined ? client.orders.list(status) : client.orders.listForParty(party)).all();
      const orders = party !== undefined && status !== undefined ? all.filter((o) => o.status === status) : all;
      const units = await minorUnits(client, orders.map((o) => o.currency));
      show(context, orders, () => renderOrderList(orders, units));
    },
  },
  {
    path: ['orders', 'show'],
    args: [{ name: 'ORDER', description: 'order id, e.g. ORD-20260301-0123456789abcdef' }],
    summary: 'one order: terms, fees, shipment, dispute, settlement and its history with transaction ids',
    async run(context, { ORDER }) {
      const client = await context.connect();
      const order = await client.orders.get(ORDER);
      const history = await client.orders.getHistory(ORDER);
      const settlement = await client.orders.getSettlement(ORDER).catch((err: unknown) => {
        if (err instanceof ChaincodeError && err.is(ErrorCodes.NOT_FOUND)) {
          return undefined;
        }
        throw err;
      });
      const units = await minorUnits(client, [order.currency, order.settlementCurrency]);
      show(context, { order, history, settlement }, () => renderOrder(order, history, settlement, units));
    },
  },
  {
    path: ['fx', 'rates'],
    args: [{ name: 'PAIR', description: 'BASE/QUOTE, e.g. USD/CNY: the price of 1 BASE in QUOTE' }],
    options: [
      { name: 'provider', value: 'PARTY', description: "the rate of this liquidity provider (default: the latest in force from any source)" },
      { name: 'history', description: 'every posting of the pair instead of the one in force' },
    ],
    summary: 'the FX rate in force for a currency pair, or its history',
    examples: ['xborder fx rates USD/CNY', 'xborder fx rates JPY/CNY --history --json'],
    async run(context, { PAIR }) {
      const [base, quote] = parsePair(PAIR);
      const client = await context.connect();
      if (context.options.history === true) {
        const postings = await client.fx.listRates(base, quote).all();
        show(context, postings, () => renderRateHistory(postings));
        return;
      }
      const posting = await client.fx.getCurrentRate(base, quote, stringOption(context.options, 'provider'));
      show(context, posting, () => renderRate(posting));
    },
  },
  {
    path: ['events', 'tail'],
    args: [],
    options: [
      { name: 'from-block', value: 'N', description: 'start at block N (default: the next block to be committed)' },
      { name: 'count', value: 'N', description: 'stop after N events (default: run until Ctrl-C)' },
    ],
    summary: 'follow the chaincode events, one line each (one JSON object per line with --json)',
    examples: ['xborder events tail', 'xborder events tail --from-block 0 --count 20 --json'],
    async run(context) {
      const fromBlock = integerOption(context.options, 'from-block');
      const count = integerOption(context.options, 'count');
      const client = await context.connect();
      const stream = await client.events(fromBlock === undefined ? {} : { startBlock: BigInt(fromBlock) });
      const stop = (): void => stream.close();
      process.once('SIGINT', stop);
      try {
        let seen = 0;
        for await (const event of stream) {
          context.print(context.json ? JSON.stringify(event, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) : renderEvent(event));
          seen += 1;
          if (count !== undefined && seen >= count) {
            await stream.checkpoint();
            break;
          }
        }
      } finally {
        process.removeListener('SIGINT', stop);
        stream.close();
      }
    },
  },
  {
    path: ['network', 'status'],
    args: [],
    summary: "each organisation's peer: reachable, chain height, chaincode version, query latency",
    details: 'Checks every organisation with a connection profile, or only --org when given. Exits with 1 when one is down.',
    async run(context) {
      const explicit = stringOption(context.options, 'org');
      const orgs = explicit ? [explicit.toLowerCase()] : listOrgs(context.connectionDir);
      if (orgs.length === 0) {
        throw new Error(`no connection profiles in ${context.connectionDir}: start the network (npm start) or pass --connection-dir`);
      }
      const rows = await Promise.all(orgs.map((org) => orgStatus(context, org)));
      show(context, rows, () => renderNetworkStatus(rows));
      return rows.every((row) => row.up) ? 0 : 1;
    },
  },
];

async function orgStatus(context: CommandContext, org: string): Promise<OrgStatus> {
  try {
    const client = await context.connect(org);
    const started = Date.now();
    const ping = await client.health.ping();
    const latencyMs = Date.now() - started;
    const info = await client.network.getContract('qscc').evaluateTransaction('GetChainInfo', client.network.getName());
    const height = BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
    return { org, mspId: client.mspId, endpoint: client.profile?.endpoint, up: true, chaincodeVersion: ping.version, height, latencyMs };
  } catch (err) {
    return { org, up: false, error: describeError(err) };
  }
}
