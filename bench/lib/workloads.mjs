import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { commitOf } from '@xborder/gateway-client';
import { evaluate, submit } from './ops.mjs';
import { inPool, RATE } from './setup.mjs';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LINE_ITEMS = [{ description: 'LED panel light 600x600 mm, 40 W', hsCode: '940542', quantity: '10', unit: 'PCE', unitPrice: 100_00n }];

/** The steps of one trade: who takes each (seller or buyer) and what it sends, given the results so far. */
const TRADE_STEPS = [
  {
    step: 'quote',
    by: 'seller',
    send: (client, t) => {
      const now = Date.now();
      return client.quotations.create({
        sellerId: t.seller.partyId,
        buyerId: t.buyer.partyId,
        currency: 'USD',
        settlementCurrency: 'CNY',
        fx: { provider: t.lp.partyId },
        lineItems: LINE_ITEMS,
        incoterm: 'FOB',
        namedPlace: 'Port of Shenzhen (Yantian)',
        transportMode: 'SEA',
        paymentTerms: { fundWithinDays: 5, settleWithinDays: 3 },
        chargeBearer: 'SHAR',
        validUntil: new Date(now + HOUR).toISOString(),
        shipBy: new Date(now + 10 * DAY).toISOString(),
        deliveryDate: new Date(now + 30 * DAY).toISOString(),
      });
    },
  },
  { step: 'accept', by: 'buyer', send: (client, t) => client.quotations.accept(t.quotation.quotationId) },
  { step: 'fund', by: 'buyer', send: (client, t) => client.orders.fund(t.order.orderId) },
  {
    step: 'ship',
    by: 'seller',
    send: (client, t) =>
      client.orders.ship({ orderId: t.order.orderId, carrier: 'COSCO Shipping Lines', trackingNumber: `BENCH${t.index}`, documentHashes: [sha256(`bill of lading ${t.order.orderId}`)] }),
  },
  { step: 'deliver', by: 'buyer', send: (client, t) => client.orders.confirmDelivery({ orderId: t.order.orderId }) },
  { step: 'settle', by: 'seller', send: (client, t) => client.orders.settle(t.order.orderId) },
];

/**
 * The workloads. Each one's `prepare(world, run)` reads what its checks need
 * and answers { operation(index), check(outcomes) }: operation i runs on lane
 * i % lanes (its parties), resolves to an outcome (lib/ops.mjs) and never
 * throws; check compares balances after the run with what the committed
 * operations moved, and checks the supply of every currency touched.
 * `run` is { workload, mode, lanes, count, runId, options }.
 */
export const WORKLOADS = [
  {
    key: 'a',
    name: 'baseline',
    summary: 'blind writes (Health:heartbeat, reads nothing), one per lane: the ceiling',
    txPerOperation: 1,
    prepare: prepareBaseline,
  },
  {
    key: 'b',
    name: 'distinct',
    summary: 'transfers, each lane its own payer and its own payee',
    txPerOperation: 1,
    prepare: (world, run) => prepareTransfers(world, run, { payerOf: (lane) => world.traders[lane], payeeOf: (lane) => world.payees[lane] }),
  },
  {
    key: 'c',
    name: 'hot-payee',
    summary: 'transfers into one account, each lane its own payer',
    txPerOperation: 1,
    prepare: (world, run) => prepareTransfers(world, run, { payerOf: (lane) => world.traders[lane], payeeOf: () => world.hotPayee }),
  },
  {
    key: 'd',
    name: 'hot-payer',
    summary: 'transfers from one account spread over --parts parts, lane i spending part i, each lane its own payee',
    txPerOperation: 1,
    prepare: (world, run) =>
      prepareTransfers(world, run, {
        payerOf: () => world.hotPayer,
        payeeOf: (lane) => world.payees[lane],
        partOf: (lane) => lane % run.options.parts,
      }),
  },
  {
    key: 'e',
    name: 'order-path',
    summary: 'trades quotation to settlement (quote, accept, fund, ship, deliver, settle), USD paid in CNY through one liquidity provider',
    txPerOperation: TRADE_STEPS.length,
    prepare: prepareTrades,
  },
  {
    key: 'f',
    name: 'queries',
    summary: 'evaluations in turn: a balance, an order, the USD/CNY rate',
    txPerOperation: 1,
    prepare: prepareQueries,
  },
];

/** How many operations a workload runs for `count`: a trade is 6 transactions, and every lane runs one at least. */
export function operationsOf(workload, count, lanes) {
  return workload.txPerOperation === 1 ? count : Math.max(lanes, Math.ceil(count / workload.txPerOperation));
}

function prepareBaseline(world, run) {
  return {
    operation: async (index) => ({ index, ...(await submit(() => world.traders[index % run.lanes].client.health.heartbeat(), run.options.maxAttempts)) }),
    check: async () => ({ checks: {}, money: {} }),
  };
}

// ---- transfers ----

async function prepareTransfers(world, run, { payerOf, payeeOf, partOf }) {
  const { amount, maxAttempts } = run.options;
  const lanes = Math.min(run.lanes, run.count);
  const payers = unique(Array.from({ length: lanes }, (_, lane) => payerOf(lane)));
  const payees = unique(Array.from({ length: lanes }, (_, lane) => payeeOf(lane)));
  const before = await balancesOf(world.reader, [...payers, ...payees], 'USD');
  const tag = `${run.workload.key}${run.mode === 'closed' ? 'C' : 'F'}`;
  return {
    async operation(index) {
      const payer = payerOf(index % run.lanes);
      const request = {
        currency: 'USD',
        from: payer.partyId,
        to: payeeOf(index % run.lanes).partyId,
        amount,
        reference: `bench ${run.runId} ${run.workload.name} ${run.mode} #${index}`,
        idempotencyKey: `BENCH-${run.runId}-${tag}-${index}`,
        ...(partOf ? { part: partOf(index % run.lanes) } : {}),
      };
      return { index, ...(await submit(() => payer.client.tokens.transfer(request), maxAttempts)) };
    },
    async check(outcomes) {
      const expected = new Map();
      const add = (party, delta) => expected.set(party.partyId, (expected.get(party.partyId) ?? 0n) + delta);
      for (const outcome of outcomes.filter((o) => o.committed)) {
        add(payerOf(outcome.index % run.lanes), -amount);
        add(payeeOf(outcome.index % run.lanes), amount);
      }
      catchUp(world, [...payers, ...payees]);
      const payerLines = await moneyLines(world.reader, payers, 'USD', before, expected);
      const payeeLines = await moneyLines(world.reader, payees, 'USD', before, expected);
      const supply = await supplyOf(world.reader, ['USD']);
      const money = { payers: payerLines, payees: payeeLines, supply };
      if (partOf) {
        money.payerParts = (await world.reader.tokens.getBalance(payers[0].partyId, 'USD')).parts;
      }
      return { checks: { payeesExact: allExact(payeeLines), payersExact: allExact(payerLines), ...supplyChecks(supply) }, money };
    },
  };
}

// ---- the order path ----

const KEEP = { quote: 'quotation', accept: 'order', fund: 'funded', settle: 'settlement' };

/** Trade i: seller trader i, buyer trader i + 1 (mod lanes), so every trader sells in one lane and buys in another. */
function partiesOfTrade(world, lanes, index) {
  return { seller: world.traders[index % lanes], buyer: world.traders[(index + 1) % lanes], lp: world.lp };
}

/**
 * One trade, each step as an identity bound to the party that takes it,
 * having observed the commit of the step before (the client's consistency
 * token: the next step is endorsed on state that includes it). A step that
 * fails ends the trade.
 */
async function runTrade(world, run, index) {
  const started = performance.now();
  const trade = { index, ...partiesOfTrade(world, run.lanes, index) };
  const steps = [];
  let previous;
  for (const { step, by, send } of TRADE_STEPS) {
    const client = trade[by].client;
    if (previous !== undefined) {
      client.consistency.observe(commitOf(previous));
    }
    const { value, ...outcome } = await submit(() => send(client, trade), run.options.maxAttempts);
    steps.push({ step, ...outcome });
    if (!outcome.committed) {
      break;
    }
    trade[KEEP[step] ?? step] = value;
    previous = value;
  }
  const last = steps.at(-1);
  const done = steps.length === TRADE_STEPS.length && last.committed;
  return {
    index,
    committed: done,
    gaveUp: last.gaveUp,
    attempts: steps.reduce((sum, s) => sum + s.attempts, 0),
    committedTransactions: steps.filter((s) => s.committed).length,
    rejects: steps.flatMap((s) => s.rejects),
    ...(last.failure !== undefined ? { failure: `${last.step}: ${last.failure}` } : {}),
    ...(done ? { latencyMs: performance.now() - started } : {}),
    steps,
    trade,
  };
}

async function prepareTrades(world, run) {
  const lanes = Math.min(run.lanes, run.count);
  const traders = world.traders.slice(0, lanes);
  const accounts = [...traders, world.lp, world.fees];
  const before = { USD: await balancesOf(world.reader, accounts, 'USD'), CNY: await balancesOf(world.reader, accounts, 'CNY') };
  return {
    operation: (index) => runTrade(world, run, index),
    async check(outcomes) {
      const expected = { USD: new Map(), CNY: new Map() };
      const add = (currency, party, delta) => expected[currency].set(party.partyId, (expected[currency].get(party.partyId) ?? 0n) + delta);
      const escrows = [];
      for (const { trade } of outcomes) {
        if (trade.order) {
          world.orders.push(trade.order.orderId);
        }
        if (trade.funded) {
          add('USD', trade.buyer, -trade.funded.order.escrowAmount);
          escrows.push(trade);
        }
        if (trade.settlement) {
          const s = trade.settlement;
          const fee = s.charges.filter((c) => c.type === 'PLATFORM_FEE').reduce((sum, c) => sum + c.amount, 0n);
          add('CNY', trade.seller, s.settledAmount);
          add('CNY', trade.lp, -s.settledAmount);
          add('USD', trade.lp, s.convertedAmount);
          add('USD', world.fees, fee);
        }
      }
      catchUp(world, traders);
      const line = (currency, parties) => moneyLines(world.reader, parties, currency, before[currency], expected[currency]);
      const money = {
        traders: [...(await line('USD', traders)), ...(await line('CNY', traders))],
        liquidityProvider: [...(await line('USD', [world.lp])), ...(await line('CNY', [world.lp]))],
        feeCollector: await line('USD', [world.fees]),
        escrows: await escrowLines(world.reader, escrows),
        supply: await supplyOf(world.reader, ['USD', 'CNY']),
      };
      money.liquidityProviderParts = (await world.reader.tokens.getBalance(world.lp.partyId, 'CNY')).parts;
      return {
        checks: {
          buyersAndSellersExact: allExact(money.traders),
          liquidityProviderExact: allExact(money.liquidityProvider),
          feesExact: allExact(money.feeCollector),
          escrowsExact: allExact(money.escrows),
          ...supplyChecks(money.supply),
        },
        money,
      };
    },
  };
}

/**
 * What each order's escrow holds by its recorded payments (funding in,
 * settlement legs out): the escrow amount the buyer funded while the order is
 * open, nothing once it settled.
 */
async function escrowLines(reader, trades) {
  return inPool(trades, 16, async (trade) => {
    const { orderId, escrowAccount, escrowAmount } = trade.funded.order;
    let held = 0n;
    for (const payment of await reader.orders.getPayments(orderId)) {
      for (const leg of payment.legs) {
        held += (leg.to === escrowAccount ? leg.amount : 0n) - (leg.from === escrowAccount ? leg.amount : 0n);
      }
    }
    const expected = trade.settlement ? 0n : escrowAmount;
    return { account: escrowAccount, currency: 'USD', held: String(held), expected: String(expected), exact: held === expected };
  });
}

// ---- queries ----

async function prepareQueries(world, run) {
  if (world.orders.length === 0) {
    // Without the order path before it, one trade up to its order gives the queries an order to read.
    const { trade } = await runTrade(world, run, 0);
    if (!trade.order) {
      throw new Error('queries: could not create an order to read');
    }
    world.orders.push(trade.order.orderId);
  }
  const reads = [
    (client, index) => client.tokens.getBalance(world.traders[index % run.lanes].partyId, 'USD'),
    (client, index) => client.orders.get(world.orders[index % world.orders.length]),
    (client) => client.fx.getCurrentRate(RATE.base, RATE.quote, world.lp.partyId),
  ];
  return {
    async operation(index) {
      const client = world.traders[index % run.lanes].client;
      const { value, ...outcome } = await evaluate(() => reads[index % reads.length](client, index));
      const rateAnswer = index % reads.length === 2 && outcome.committed ? value.bid === RATE.bid && value.ask === RATE.ask : undefined;
      return { index, ...outcome, ...(rateAnswer !== undefined ? { rateAnswer } : {}) };
    },
    async check(outcomes) {
      const rates = outcomes.filter((o) => o.rateAnswer !== undefined);
      return { checks: { rateAnswersExact: rates.every((o) => o.rateAnswer) }, money: { rateAnswers: rates.length } };
    },
  };
}

// ---- balances and supply ----

const unique = (parties) => [...new Map(parties.map((p) => [p.partyId, p])).values()];

async function balancesOf(reader, parties, currency) {
  const balances = await inPool(parties, 16, (p) => reader.tokens.getBalance(p.partyId, currency));
  return new Map(parties.map((p, i) => [p.partyId, balances[i].balance]));
}

/** The reader's peer answers once it has committed every lane's last transaction. */
function catchUp(world, parties) {
  for (const p of [...parties, world.hotPayer, world.lp]) {
    if (p.client) {
      world.reader.consistency.observe(p.client.consistency.token());
    }
  }
}

async function moneyLines(reader, parties, currency, before, expected) {
  const after = await balancesOf(reader, parties, currency);
  return parties.map(({ partyId }) => {
    const change = after.get(partyId) - before.get(partyId);
    const wanted = expected.get(partyId) ?? 0n;
    return { partyId, currency, before: String(before.get(partyId)), after: String(after.get(partyId)), expectedChange: String(wanted), exact: change === wanted };
  });
}

async function supplyOf(reader, currencies) {
  const supply = {};
  for (const currency of currencies) {
    const s = await reader.tokens.checkSupply(currency);
    supply[currency] = { minted: String(s.minted), redeemed: String(s.redeemed), held: String(s.held), accounts: s.accounts, consistent: s.consistent };
  }
  return supply;
}

const allExact = (lines) => lines.every((line) => line.exact);
const supplyChecks = (supply) => Object.fromEntries(Object.entries(supply).map(([currency, s]) => [`supply${currency}`, s.consistent]));
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
