import { createHash } from 'node:crypto';
import type { Contract } from 'fabric-contract-api';
import { FxContract } from '../../chaincode/src/contracts/fx';
import { HealthContract } from '../../chaincode/src/contracts/health';
import { MarginContract } from '../../chaincode/src/contracts/margin';
import { OrderContract } from '../../chaincode/src/contracts/order';
import { PartyContract } from '../../chaincode/src/contracts/party';
import { QuotationContract } from '../../chaincode/src/contracts/quotation';
import { TokenContract } from '../../chaincode/src/contracts/token';
import { checkCallsAgainstApi, FakeLedger, identity, ProposalOptions } from '../../test/support';
import { admins, BANKS, clerks, issuers, KYC_EXPIRY } from '../../test/unit/chaincode/contracts/token-world';
import { at, HASH, json, quotationTerms, TradeWorld } from '../../test/unit/chaincode/contracts/trade-world';

/**
 * Microbenchmarks of the chaincode's transactions on the in-memory ledger of the unit tests
 * (test/support): each operation is one proposal endorsed through fabric-shim's own dispatcher
 * (ChaincodeFromContract: metadata, argument checks, serializer, ClientIdentity parsing the
 * caller's X.509 certificate), the contract, and the in-memory stub. No gRPC, no peer, no
 * ordering: what is left of a transaction's cost on a network is the network's.
 *
 * Only the endorsement (`ledger.simulate`) is timed. What an operation needs first (the
 * order that `Order:fund` funds, the party that `Party:verifyKyc` verifies) is prepared by
 * untimed transactions, and a submitted operation is committed, untimed, before the next one,
 * so each runs on the state the one before left, as on a peer.
 *
 * The in-memory ledger copies its key maps at every commit (it is immutable, so that forks and
 * running simulations share it), so its commits, and the garbage collections they cause, grow
 * with the state. A case therefore starts again from a fresh fork of its set-up world every
 * `batch` operations, and the state an operation runs on stays within a few thousand keys.
 */

/** One proposal: the contract, the function, its arguments and who sends it. */
export interface Call {
  readonly contract: Contract;
  readonly fn: string;
  readonly args: readonly string[];
  readonly options: ProposalOptions;
}

/** A case's ledger and its operations. */
export interface Workload {
  readonly ledger: FakeLedger;
  /** Untimed: what operation `i` needs first. */
  prepare?(i: number): Promise<void>;
  /** The timed proposal of operation `i` (0-based, warm-up included). */
  call(i: number): Call;
}

export interface MicroCase {
  /** Unique: the transaction, and a variant in parentheses when one transaction has several. */
  readonly name: string;
  /** `Contract:function` as the contract API names it. */
  readonly transaction: string;
  readonly kind: 'submit' | 'evaluate';
  /** What one operation does, on what state. */
  readonly workload: string;
  setup(world: TradeWorld): Promise<Workload>;
}

export interface MicroOptions {
  /** Timed operations per case. */
  readonly iterations: number;
  /** Operations run before timing starts (JIT, caches), not counted. */
  readonly warmup: number;
  /** Operations on one fork of the set-up world before the case starts again on a fresh one (default 200). */
  readonly batch?: number;
  /** Hold each call to the published contract API, as the unit tests do (off: the chaincode alone). */
  readonly apiChecks?: boolean;
  /** Called as each case finishes. */
  readonly onResult?: (result: CaseResult) => void;
}

export interface CaseResult {
  readonly name: string;
  readonly transaction: string;
  readonly kind: 'submit' | 'evaluate';
  readonly workload: string;
  readonly iterations: number;
  /** Operations per second of endorsement time: iterations / the sum of their times. */
  readonly opsPerSecond: number;
  /** Microseconds per operation (wall clock, so on a busy machine also the time spent waiting for a core). */
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /**
   * CPU time (user + system, every thread of the process: GC helpers included) per operation,
   * on average: what an operation costs whether or not the process had to wait for a core.
   */
  readonly cpuUs: number;
  /** The most public world state keys a batch of the case ended with. */
  readonly stateKeys: number;
}

/** Operations on one fork of a case's set-up world. */
export const DEFAULT_BATCH = 200;

const health = new HealthContract();
// Instances of their own: the worlds' token and FX contracts log every write for the unit tests.
const token = new TokenContract();
const fx = new FxContract();
const party = new PartyContract();
const margin = new MarginContract();
const quotation = new QuotationContract();
const order = new OrderContract();

const cnOperator = identity(BANKS.CN, 'bench-onboarding', {});
const cnVerifier = identity(BANKS.CN, 'bench-kyc', { 'kyc.verifier': 'true' });

/** A quotation of 1.00 USD (one line), so that thousands of open orders stay within the seller's margin and the buyer's funds. */
function smallQuotation(): string {
  return json(quotationTerms({ lineItems: [{ description: 'LED desk lamp', hsCode: '940520', quantity: '1', unit: 'PCE', unitPrice: '100' }] }));
}

function registration(partyId: string): { args: string[]; transient: Record<string, string | Uint8Array> } {
  const kyc = {
    legalName: `${partyId} Trading Pte Ltd`,
    registrationNumber: `REG-${partyId}`,
    address: '1 Harbour Road',
    beneficialOwners: [{ name: 'Owner', ownershipPercent: '100' }],
    documentHashes: [createHash('sha256').update(partyId).digest('hex')],
  };
  return {
    args: [json({ partyId, name: `${partyId} Ltd`, country: 'SG', roles: ['TRADER'] })],
    transient: { kyc: JSON.stringify(kyc), salt: Buffer.alloc(16, 7) },
  };
}

const benchParty = (i: number): string => `BENCH-P${i}`;

/** Orders of a case, advanced by untimed transactions to the stage its operation starts from. */
class OrderPipeline {
  readonly #orders = new Map<number, string>();

  constructor(readonly world: TradeWorld) {}

  async quotation(i: number): Promise<string> {
    const { quotationId } = JSON.parse(await this.world.ledger.submit(quotation, 'createQuotation', [smallQuotation()], { as: this.world.user('CNEXP') }));
    this.#orders.set(i, quotationId);
    return quotationId;
  }

  async created(i: number): Promise<string> {
    const quotationId = await this.quotation(i);
    const accepted = JSON.parse(await this.world.ledger.submit(quotation, 'acceptQuotation', [quotationId], { as: this.world.user('USIMP') }));
    this.#orders.set(i, accepted.order.orderId);
    return accepted.order.orderId;
  }

  async funded(i: number): Promise<string> {
    const orderId = await this.created(i);
    await this.world.ledger.submit(order, 'fund', [orderId], { as: this.world.user('USIMP') });
    return orderId;
  }

  async shipped(i: number): Promise<string> {
    const orderId = await this.funded(i);
    await this.world.ledger.submit(order, 'ship', [shipment(orderId)], { as: this.world.user('CNEXP') });
    return orderId;
  }

  async delivered(i: number): Promise<string> {
    const orderId = await this.shipped(i);
    await this.world.ledger.submit(order, 'confirmDelivery', [json({ orderId })], { as: this.world.user('USIMP') });
    return orderId;
  }

  /** The quotation or order id prepared for operation `i`. */
  id(i: number): string {
    const id = this.#orders.get(i);
    if (id === undefined) {
      throw new Error(`nothing prepared for operation ${i}`);
    }
    return id;
  }
}

const shipment = (orderId: string): string => json({ orderId, carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [HASH] });

/** A workload of one call repeated on the world's ledger, with no preparation. */
function repeat(world: TradeWorld, call: (i: number) => Call): Workload {
  return { ledger: world.ledger, call };
}

/**
 * The cases, in the order they run. Every case starts from its own fork of one trade world
 * (test/unit/chaincode/contracts/trade-world.ts): CNEXP sells, USIMP buys, LP1 provides
 * USD/CNY liquidity, SHIPCO carries, FEES collects; USIMP holds 500,000.00 USD.
 */
export const CASES: readonly MicroCase[] = [
  {
    name: 'Health:ping',
    transaction: 'Health:ping',
    kind: 'evaluate',
    workload: "the dispatcher's floor: a query that reads nothing",
    setup: async (w) => repeat(w, () => ({ contract: health, fn: 'ping', args: [], options: { as: clerks.CN } })),
  },
  {
    name: 'Health:heartbeat',
    transaction: 'Health:heartbeat',
    kind: 'submit',
    workload: 'blind write of the caller organisation\'s heartbeat',
    setup: async (w) => repeat(w, () => ({ contract: health, fn: 'heartbeat', args: [], options: { as: clerks.CN } })),
  },
  {
    name: 'Party:registerParty',
    transaction: 'Party:registerParty',
    kind: 'submit',
    workload: "a new party, its KYC data (transient) into CNBank's private collection",
    setup: async (w) =>
      repeat(w, (i) => {
        const { args, transient } = registration(benchParty(i));
        return { contract: party, fn: 'registerParty', args, options: { as: cnOperator, transient } };
      }),
  },
  {
    name: 'Party:bindIdentity',
    transaction: 'Party:bindIdentity',
    kind: 'submit',
    workload: 'binds a client identity to a party registered just before',
    setup: async (w) => ({
      ledger: w.ledger,
      prepare: (i) => registerBenchParty(w, i),
      call: (i) => ({ contract: party, fn: 'bindIdentity', args: [benchParty(i), identity(BANKS.CN, `bench-user-${i}`).getID()], options: { as: admins.CN } }),
    }),
  },
  {
    name: 'Party:verifyKyc',
    transaction: 'Party:verifyKyc',
    kind: 'submit',
    workload: 'verifies the KYC of a party registered just before',
    setup: async (w) => ({
      ledger: w.ledger,
      prepare: (i) => registerBenchParty(w, i),
      call: (i) => ({
        contract: party,
        fn: 'verifyKyc',
        args: [benchParty(i), json({ level: 'STANDARD', riskRating: 'LOW', expiresAt: KYC_EXPIRY })],
        options: { as: cnVerifier },
      }),
    }),
  },
  {
    name: 'Party:getParty',
    transaction: 'Party:getParty',
    kind: 'evaluate',
    workload: "reads USIMP's party record",
    setup: async (w) => repeat(w, () => ({ contract: party, fn: 'getParty', args: ['USIMP'], options: { as: clerks.CH } })),
  },
  {
    name: 'Token:mint',
    transaction: 'Token:mint',
    kind: 'submit',
    workload: '1.00 USD to USIMP against a new deposit reference',
    setup: async (w) =>
      repeat(w, (i) => ({
        contract: token,
        fn: 'mint',
        args: [json({ currency: 'USD', to: 'USIMP', amount: '100', depositRef: `BENCH-DEP-${i}` })],
        options: { as: issuers.USD },
      })),
  },
  {
    name: 'Token:transfer',
    transaction: 'Token:transfer',
    kind: 'submit',
    workload: '0.01 USD from USIMP to FEES, no idempotency key',
    setup: async (w) => repeat(w, (i) => transferCall(w, i, false)),
  },
  {
    name: 'Token:transfer (idempotency key)',
    transaction: 'Token:transfer',
    kind: 'submit',
    workload: '0.01 USD from USIMP to FEES with a new idempotency key, as clients send it',
    setup: async (w) => repeat(w, (i) => transferCall(w, i, true)),
  },
  {
    name: 'Token:redeem',
    transaction: 'Token:redeem',
    kind: 'submit',
    workload: '0.01 USD of USIMP against a new withdrawal reference',
    setup: async (w) =>
      repeat(w, (i) => ({
        contract: token,
        fn: 'redeem',
        args: [json({ currency: 'USD', from: 'USIMP', amount: '1', withdrawalRef: `BENCH-WD-${i}` })],
        options: { as: w.user('USIMP') },
      })),
  },
  {
    name: 'Token:balanceOf',
    transaction: 'Token:balanceOf',
    kind: 'evaluate',
    workload: "USIMP's USD balance",
    setup: async (w) => repeat(w, () => ({ contract: token, fn: 'balanceOf', args: ['USIMP', 'USD'], options: { as: clerks.CH } })),
  },
  {
    name: 'Token:supplyCheck',
    transaction: 'Token:supplyCheck',
    kind: 'evaluate',
    workload: 'USD: every mint, redemption and account of the trade world',
    setup: async (w) => repeat(w, () => ({ contract: token, fn: 'supplyCheck', args: ['USD'], options: { as: clerks.CH } })),
  },
  {
    name: 'FX:postRate',
    transaction: 'FX:postRate',
    kind: 'submit',
    workload: "LP1's USD/CNY bid and ask for the next 24 hours",
    setup: async (w) =>
      repeat(w, () => ({
        contract: fx,
        fn: 'postRate',
        args: [json({ base: 'USD', quote: 'CNY', bid: '7.1', ask: '7.2', validFrom: w.clock, validUntil: at(1), provider: 'LP1' })],
        options: { as: w.user('LP1') },
      })),
  },
  {
    name: 'FX:currentRate',
    transaction: 'FX:currentRate',
    kind: 'evaluate',
    workload: "LP1's USD/CNY rate in force",
    setup: async (w) => repeat(w, () => ({ contract: fx, fn: 'currentRate', args: ['USD', 'CNY', 'LP1'], options: { as: clerks.CH } })),
  },
  {
    name: 'FX:lockQuote',
    transaction: 'FX:lockQuote',
    kind: 'submit',
    workload: 'LP1 locks a firm quote for 1,000.00 USD at its posted rate',
    setup: async (w) =>
      repeat(w, () => ({
        contract: fx,
        fn: 'lockQuote',
        args: [json({ provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: '100000', expiresAt: at(1) })],
        options: { as: w.user('LP1') },
      })),
  },
  {
    name: 'Margin:postMargin',
    transaction: 'Margin:postMargin',
    kind: 'submit',
    workload: 'CNEXP moves 0.01 USD into its margin account',
    setup: async (w) =>
      repeat(w, () => ({ contract: margin, fn: 'postMargin', args: [json({ partyId: 'CNEXP', currency: 'USD', amount: '1' })], options: { as: w.user('CNEXP') } })),
  },
  {
    name: 'Quotation:createQuotation',
    transaction: 'Quotation:createQuotation',
    kind: 'submit',
    workload: 'CNEXP quotes USIMP 1.00 USD (one line), settled in CNY through LP1',
    setup: async (w) => repeat(w, () => ({ contract: quotation, fn: 'createQuotation', args: [smallQuotation()], options: { as: w.user('CNEXP') } })),
  },
  {
    name: 'Quotation:acceptQuotation',
    transaction: 'Quotation:acceptQuotation',
    kind: 'submit',
    workload: 'USIMP accepts a quotation created just before: the order is created',
    setup: async (w) => {
      const orders = new OrderPipeline(w);
      return { ledger: w.ledger, prepare: (i) => orders.quotation(i).then(() => undefined), call: (i) => orderCall(w, 'acceptQuotation', orders.id(i), 'USIMP', quotation) };
    },
  },
  {
    name: 'Order:fund',
    transaction: 'Order:fund',
    kind: 'submit',
    workload: 'USIMP pays 1.00 USD and its fee share into the escrow of an order created just before',
    setup: async (w) => {
      const orders = new OrderPipeline(w);
      return { ledger: w.ledger, prepare: (i) => orders.created(i).then(() => undefined), call: (i) => orderCall(w, 'fund', orders.id(i), 'USIMP') };
    },
  },
  {
    name: 'Order:ship',
    transaction: 'Order:ship',
    kind: 'submit',
    workload: 'CNEXP ships an order funded just before',
    setup: async (w) => {
      const orders = new OrderPipeline(w);
      return { ledger: w.ledger, prepare: (i) => orders.funded(i).then(() => undefined), call: (i) => orderCall(w, 'ship', shipment(orders.id(i)), 'CNEXP') };
    },
  },
  {
    name: 'Order:confirmDelivery',
    transaction: 'Order:confirmDelivery',
    kind: 'submit',
    workload: 'USIMP confirms delivery of an order shipped just before',
    setup: async (w) => {
      const orders = new OrderPipeline(w);
      return {
        ledger: w.ledger,
        prepare: (i) => orders.shipped(i).then(() => undefined),
        call: (i) => orderCall(w, 'confirmDelivery', json({ orderId: orders.id(i) }), 'USIMP'),
      };
    },
  },
  {
    name: 'Order:settle',
    transaction: 'Order:settle',
    kind: 'submit',
    workload: 'CNEXP settles a delivered order: escrow paid out in CNY at LP1\'s rate, fees itemised',
    setup: async (w) => {
      const orders = new OrderPipeline(w);
      return { ledger: w.ledger, prepare: (i) => orders.delivered(i).then(() => undefined), call: (i) => orderCall(w, 'settle', orders.id(i), 'CNEXP') };
    },
  },
  {
    name: 'Order:getOrder',
    transaction: 'Order:getOrder',
    kind: 'evaluate',
    workload: 'reads one funded order',
    setup: async (w) => {
      const orderId = await new OrderPipeline(w).funded(0);
      return repeat(w, () => ({ contract: order, fn: 'getOrder', args: [orderId], options: { as: clerks.CH } }));
    },
  },
];

async function registerBenchParty(w: TradeWorld, i: number): Promise<void> {
  const { args, transient } = registration(benchParty(i));
  await w.ledger.submit(party, 'registerParty', args, { as: cnOperator, transient });
}

function transferCall(w: TradeWorld, i: number, withKey: boolean): Call {
  const transfer = { currency: 'USD', from: 'USIMP', to: 'FEES', amount: '1', reference: `bench ${i}`, ...(withKey ? { idempotencyKey: `BENCH-${i}` } : {}) };
  return { contract: token, fn: 'transfer', args: [json(transfer)], options: { as: w.user('USIMP') } };
}

function orderCall(w: TradeWorld, fn: string, arg: string, caller: string, contract: Contract = order): Call {
  return { contract, fn, args: [arg], options: { as: w.user(caller) } };
}

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Runs one case on forks of `base`, a fresh one every `batch` operations: warm-up, then `iterations` timed operations. */
export async function runCase(micro: MicroCase, base: TradeWorld, options: MicroOptions): Promise<CaseResult> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const samples: number[] = [];
  let cpuUs = 0;
  let workload: Workload | undefined;
  let stateKeys = 0;
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    if (workload === undefined || i % batch === 0) {
      stateKeys = Math.max(stateKeys, workload?.ledger.stateKeys().length ?? 0);
      workload = await micro.setup(base.fork());
    }
    const { ledger } = workload;
    await workload.prepare?.(i);
    const { contract, fn, args, options: proposal } = workload.call(i);
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const sim = await ledger.simulate(contract, fn, args, proposal);
    const elapsed = process.hrtime.bigint() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (sim.error !== undefined) {
      throw new Error(`${micro.name}, operation ${i}: ${sim.error.message}`);
    }
    if (micro.kind === 'submit') {
      const [code] = ledger.commit(sim);
      if (code !== 'VALID') {
        throw new Error(`${micro.name}, operation ${i}: invalidated at commit: ${code}`);
      }
    }
    if (i >= options.warmup) {
      samples.push(Number(elapsed) / 1000);
      cpuUs += cpu.user + cpu.system;
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const totalUs = samples.reduce((sum, us) => sum + us, 0);
  return {
    name: micro.name,
    transaction: micro.transaction,
    kind: micro.kind,
    workload: micro.workload,
    iterations: samples.length,
    opsPerSecond: round(samples.length / (totalUs / 1e6), 0),
    meanUs: round(totalUs / samples.length, 1),
    p50Us: round(percentile(sorted, 0.5), 1),
    p99Us: round(percentile(sorted, 0.99), 1),
    maxUs: round(sorted[sorted.length - 1], 1),
    cpuUs: round(cpuUs / samples.length, 1),
    stateKeys: Math.max(stateKeys, workload?.ledger.stateKeys().length ?? 0),
  };
}

/** Runs `cases` one after another, each on a fork of one trade world built first. */
export async function runMicrobenchmarks(cases: readonly MicroCase[], options: MicroOptions): Promise<CaseResult[]> {
  const batch = options.batch ?? DEFAULT_BATCH;
  if (!Number.isInteger(options.iterations) || options.iterations < 1 || !Number.isInteger(options.warmup) || options.warmup < 0 || !Number.isInteger(batch) || batch < 1) {
    throw new Error(`iterations and batch must be positive integers and warmup a non-negative one, got ${options.iterations}, ${batch} and ${options.warmup}`);
  }
  checkCallsAgainstApi(options.apiChecks ?? false);
  try {
    const base = await TradeWorld.create();
    const results: CaseResult[] = [];
    for (const micro of cases) {
      const result = await runCase(micro, base, options);
      options.onResult?.(result);
      results.push(result);
    }
    return results;
  } finally {
    checkCallsAgainstApi(true);
  }
}

/** The results side by side, one row each. */
export function renderTable(results: readonly CaseResult[]): string {
  const rows = [
    ['TRANSACTION', 'KIND', 'OPS', 'OPS/S', 'MEAN µs', 'P50 µs', 'P99 µs', 'MAX µs', 'CPU µs', 'KEYS'],
    ...results.map((r) => [
      r.name,
      r.kind,
      String(r.iterations),
      String(r.opsPerSecond),
      r.meanUs.toFixed(1),
      r.p50Us.toFixed(1),
      r.p99Us.toFixed(1),
      r.maxUs.toFixed(1),
      r.cpuUs.toFixed(1),
      String(r.stateKeys),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]): string => row.map((cell, i) => (i <= 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}
