import {
  ChaincodeError,
  connect,
  createConsistency,
  type CreateQuotationRequest,
  ErrorCodes,
  type Member,
  type OrderResult,
  type Party,
  type SettlementResult,
  type XborderClient,
} from '@xborder/gateway-client';
import { formatMoney, shortId } from '../format.js';
import { profilePath } from '../profiles.js';
import {
  BANK_NAMES,
  type CastRole,
  castOf,
  DEPOSITS,
  documentHash,
  ISSUERS,
  MARGIN,
  MEMBERS,
  type Org,
  ORGS,
  type PartyDefinition,
  RATES,
  TRADE_PARAMETERS,
} from './cast.js';
import type { Progress } from './progress.js';
import type { BalanceLine, Check, Money, OrderLine, RateLine, ScenarioReport, SupplyLine } from './report.js';
import { moveIdentityTo } from './bindings.js';

export interface ScenarioOptions {
  connectionDir: string;
  runId: string;
  progress: Progress;
  /**
   * How long the seller of the third trade has to ship. It never ships, so the
   * scenario waits until this has passed before the buyer may declare the
   * default. Default 20 seconds.
   */
  shipWindowMs?: number;
}

/** The scenario could not go on: the ledger is not as it expects. */
export class ScenarioError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ScenarioError';
    this.code = code;
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CURRENCIES = ['CNY', 'USD', 'JPY'];
const ORG_OF_MSP: Readonly<Record<string, Org>> = { CNBankMSP: 'cnbank', USBankMSP: 'usbank', JPBankMSP: 'jpbank', ClearingHouseMSP: 'clearinghouse' };

const iso = (ms: number): string => new Date(ms).toISOString();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One open client per organisation and identity, closed together at the end.
 * They share one Consistency: each step is endorsed on state that includes
 * every step before it, whichever organisation committed that.
 */
class Connections {
  readonly #dir: string;
  readonly #clients = new Map<string, Promise<XborderClient>>();
  readonly consistency = createConsistency();

  constructor(dir: string) {
    this.#dir = dir;
  }

  as(org: Org, identity: string): Promise<XborderClient> {
    const key = `${org}/${identity}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = connect({ profile: profilePath(this.#dir, org), identity, retry: { maxCommitAttempts: 10, maxDelayMs: 2_000 }, consistency: this.consistency });
      this.#clients.set(key, client);
    }
    return client;
  }

  async closeAll(): Promise<void> {
    const settled = await Promise.allSettled(this.#clients.values());
    for (const result of settled) {
      if (result.status === 'fulfilled') {
        result.value.close();
      }
    }
  }
}

/**
 * Plays the whole story through @xborder/gateway-client (and the trade
 * wrapper for the contracts it has no typed methods for), printing each step,
 * and returns what the report shows. Throws a StepFailure at the first step
 * that fails; checks that merely do not hold end up in `report.checks`.
 */
export async function playScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const { runId, progress } = options;
  const shipWindowMs = options.shipWindowMs ?? 20_000;
  const startedAt = Date.now();
  const cast = castOf(runId);
  const connections = new Connections(options.connectionDir);
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string): void => {
    checks.push({ name, ok, detail });
  };
  try {
    const as = (org: Org, identity: string): Promise<XborderClient> => connections.as(org, identity);
    const actor = (role: CastRole): Promise<XborderClient> => as(cast[role].org, cast[role].identity as string);

    // ---- Network ----
    progress.section('Network');
    const pings = await progress.step(
      "Every organisation's peer answers through its chaincode server",
      () => Promise.all(ORGS.map(async (org) => (await as(org, 'user1')).health.ping())),
      (answers) => `${answers[0].chaincode} ${answers[0].version} at ${answers.map((a) => a.mspId).join(', ')}`,
    );
    const reader = await as('cnbank', 'user1');
    const minorUnits: Record<string, number> = {};
    for (const code of CURRENCIES) {
      minorUnits[code] = (await reader.tokens.getCurrency(code)).minorUnits;
    }
    const money = (amount: bigint | string, currency: string): string => formatMoney(BigInt(amount), currency, minorUnits[currency]);

    // ---- Consortium ----
    progress.section('Consortium');
    const consortium = await progress.step(
      'Consortium: CNBank (CNY), USBank (USD), JPBank (JPY) issuers and the clearing house',
      async () => ensureConsortium(await as('cnbank', 'operator')),
      (c) => (c.bootstrappedNow ? `bootstrapped now by CNBank's operator (${c.members.length} members)` : `already bootstrapped (${c.members.length} members): skipped`),
    );

    // ---- Onboarding ----
    progress.section('Onboarding: personal KYC data goes as transient data, to the bank and the clearing house only');
    const expiresAt = iso(Date.now() + 365 * DAY);
    const parties = {} as Record<CastRole, Party>;
    for (const definition of Object.values(cast)) {
      const onboarded = await progress.step(
        `${BANK_NAMES[definition.org]} onboards ${definition.name} (${definition.country})`,
        () => onboard(connections, definition, expiresAt),
        ({ party, released }) =>
          `${party.partyId} ${party.kyc.status} (${party.kyc.riskRating} risk) by ${BANK_NAMES[definition.org]}'s verifier` +
          (definition.identity ? `; acts as ${definition.identity}${released ? `, released from ${released}` : ''}` : ''),
      );
      parties[definition.role] = onboarded.party;
    }

    // ---- Tokens ----
    progress.section('Tokens issued against fiat deposits');
    for (const [index, deposit] of DEPOSITS.entries()) {
      const bank = ORG_OF_MSP[ISSUERS[deposit.currency]];
      const to = cast[deposit.to];
      await progress.step(
        `${BANK_NAMES[bank]} mints ${money(deposit.amount, deposit.currency)} to ${to.name} (${deposit.purpose})`,
        async () =>
          (await as(bank, 'issuer')).tokens.mint({ currency: deposit.currency, to: to.partyId, amount: deposit.amount, depositRef: `DEP-${runId}-${index + 1}` }),
        (minted) => `deposit ${minted.depositRef}, tx ${shortId(minted.txId)}`,
      );
    }

    // ---- Rates, parameters, margin ----
    progress.section('FX rates, trade parameters and margin');
    const liquidity = await actor('liquidity');
    const rates: RateLine[] = [];
    const now = Date.now();
    for (const rate of RATES) {
      const posting = await progress.step(
        `${cast.liquidity.name} posts ${rate.base}/${rate.quote} bid ${rate.bid} ask ${rate.ask}`,
        () =>
          liquidity.fx.postRate({ ...rate, provider: cast.liquidity.partyId, validFrom: iso(now - 5_000), validUntil: iso(now + 12 * HOUR) }),
        (p) => `valid until ${p.validUntil}, tx ${shortId(p.txId)}`,
      );
      rates.push({ pair: `${posting.base}/${posting.quote}`, bid: posting.bid, ask: posting.ask, provider: posting.provider, validUntil: posting.validUntil, txId: posting.txId });
    }
    const clearing = await as('clearinghouse', 'operator');
    const { platformFeeBps, marginBps } = TRADE_PARAMETERS;
    await progress.step(
      `Clearing house sets a ${platformFeeBps / 100}% platform fee and margin of ${marginBps.LOW / 100}/${marginBps.MEDIUM / 100}/${marginBps.HIGH / 100}% for LOW/MEDIUM/HIGH risk sellers`,
      () => clearing.clearing.setTradeParameters({ platformFeeBps, marginBps: { ...marginBps }, feeCollector: cast.fees.partyId }),
      (parameters) => `fees to ${cast.fees.partyId}, tx ${shortId(parameters.txId ?? '')}`,
    );
    const seller = await actor('exporter');
    for (const margin of MARGIN) {
      await progress.step(
        `${cast.exporter.name} posts ${money(margin.amount, margin.currency)} margin`,
        () => seller.margin.post({ partyId: cast.exporter.partyId, currency: margin.currency, amount: margin.amount }),
        (posted) => `tx ${shortId(posted.txId)}`,
      );
    }

    const exporter = await actor('exporter');
    const chicago = await actor('chicago');
    const osaka = await actor('osaka');
    const orders: OrderLine[] = [];

    // ---- Trade 3 opens first, so that its ship-by date passes while trades 1 and 2 run ----
    progress.section(`Trade 3 opens: ${cast.exporter.name} must ship to ${cast.chicago.name} within ${Math.round(shipWindowMs / 1000)}s`);
    const opened = Date.now();
    const third = await openTrade(progress, exporter, chicago, money, {
      sellerId: cast.exporter.partyId,
      buyerId: cast.chicago.partyId,
      lineItems: [{ description: 'Hybrid solar inverter 5 kW', hsCode: '850440', quantity: '400', unit: 'PCE', unitPrice: 62_00n }],
      currency: 'USD',
      incoterm: 'FCA',
      namedPlace: "Shenzhen Bao'an International Airport",
      transportMode: 'AIR',
      validUntil: iso(opened + shipWindowMs),
      shipBy: iso(opened + shipWindowMs),
      deliveryDate: iso(opened + shipWindowMs + 14 * DAY),
      paymentTerms: { fundWithinDays: 1, settleWithinDays: 3 },
      settlementCurrency: 'CNY',
      chargeBearer: 'SHAR',
      fx: { provider: cast.liquidity.partyId },
    });

    // ---- Trade 1: the happy path with a firm quote ----
    progress.section(`Trade 1: ${cast.exporter.name} sells to ${cast.chicago.name} in USD, paid in CNY at a firm quote`);
    const firstItems = [{ description: 'LED panel light 600x600 mm, 40 W', hsCode: '940542', quantity: '2000', unit: 'PCE', unitPrice: 48_50n }];
    const firstTotal = firstItems.reduce((sum, item) => sum + BigInt(item.quantity) * item.unitPrice, 0n);
    const firm = await progress.step(
      `${cast.liquidity.name} locks a firm quote: sells CNY for ${money(firstTotal, 'USD')}`,
      // The buyer bears the charges (DEBT), so the whole instructed amount is converted.
      () => liquidity.fx.lockQuote({ provider: cast.liquidity.partyId, base: 'USD', quote: 'CNY', side: 'SELL', amount: firstTotal, expiresAt: iso(Date.now() + HOUR) }),
      (q) => `${money(q.quoteAmount, 'CNY')} at ${q.rate}, until ${q.expiresAt}, quote ${shortId(q.quoteId)}`,
    );
    const tradeStart = Date.now();
    const first = await openTrade(progress, exporter, chicago, money, {
      sellerId: cast.exporter.partyId,
      buyerId: cast.chicago.partyId,
      lineItems: firstItems,
      currency: 'USD',
      incoterm: 'CIF',
      namedPlace: 'Port of Los Angeles',
      transportMode: 'SEA',
      validUntil: iso(tradeStart + HOUR),
      shipBy: iso(tradeStart + 10 * DAY),
      deliveryDate: iso(tradeStart + 30 * DAY),
      paymentTerms: { fundWithinDays: 5, settleWithinDays: 3 },
      settlementCurrency: 'CNY',
      chargeBearer: 'DEBT',
      fx: { provider: cast.liquidity.partyId, firmQuoteId: firm.quoteId },
    });
    first.before.push({ step: 'firm FX quote', txId: firm.quoteId });
    await ship(progress, exporter, first, 'COSCO Shipping Lines', `COSU${runId.replace(/-/g, '')}`);
    await progress.step(`${cast.chicago.name} confirms delivery`, () => chicago.orders.confirmDelivery({ orderId: first.orderId }), (o) => `${o.status} at ${o.delivery?.deliveredAt ?? '?'}`);
    const sellerCnyBefore = (await reader.tokens.getBalance(cast.exporter.partyId, 'CNY')).balance;
    const settled = await timed(
      progress,
      `${cast.exporter.name} settles: escrow USD to the liquidity provider, CNY to the seller, in one transaction`,
      () => exporter.orders.settle(first.orderId),
      (settlement) => `${money(settlement.settledAmount, 'CNY')} paid, UETR ${settlement.uetr}, tx ${shortId(settlement.txId)}`,
    );
    const sellerCnyAfter = (await reader.tokens.getBalance(cast.exporter.partyId, 'CNY')).balance;
    const firstSettlement = settled.result;
    const firstOrder = await reader.orders.get(first.orderId);
    check('Trade 1 settled', firstOrder.status === 'SETTLED', `order ${first.orderId} is ${firstOrder.status}`);
    check(
      'Trade 1 paid the firm quote',
      firstSettlement.settledAmount === firm.quoteAmount && firstSettlement.exchangeRate?.source === 'FIRM_QUOTE',
      `${money(firstSettlement.settledAmount, 'CNY')} settled at ${firstSettlement.exchangeRate?.rate ?? '?'} (${firstSettlement.exchangeRate?.source ?? 'no rate'}); quote locked ${money(firm.quoteAmount, 'CNY')}`,
    );
    check(
      "Trade 1 credited the seller's CNY account",
      sellerCnyAfter - sellerCnyBefore === firstSettlement.settledAmount,
      `balance ${money(sellerCnyBefore, 'CNY')} -> ${money(sellerCnyAfter, 'CNY')}`,
    );
    const usedQuote = await liquidity.fx.getFirmQuote(firm.quoteId);
    check('Firm quote used once', usedQuote.status === 'USED' && usedQuote.usedFor === first.orderId, `quote ${shortId(firm.quoteId)} is ${usedQuote.status}`);
    orders.push(await orderLine(reader, 'Trade 1', 'delivered and settled across currencies at a firm quote', first, { settlement: firstSettlement, closingMs: settled.ms }));

    // ---- Trade 2: a dispute the clearing house splits ----
    progress.section(`Trade 2: ${cast.exporter.name} sells to ${cast.osaka.name} in JPY; a dispute the clearing house resolves`);
    const osakaJpyBefore = (await reader.tokens.getBalance(cast.osaka.partyId, 'JPY')).balance;
    const secondStart = Date.now();
    const second = await openTrade(progress, exporter, osaka, money, {
      sellerId: cast.exporter.partyId,
      buyerId: cast.osaka.partyId,
      lineItems: [{ description: 'LiFePO4 battery module 51.2 V 100 Ah', hsCode: '850760', quantity: '500', unit: 'PCE', unitPrice: 9_800n }],
      currency: 'JPY',
      incoterm: 'FOB',
      namedPlace: 'Port of Shenzhen (Yantian)',
      transportMode: 'SEA',
      validUntil: iso(secondStart + HOUR),
      shipBy: iso(secondStart + 10 * DAY),
      deliveryDate: iso(secondStart + 25 * DAY),
      paymentTerms: { fundWithinDays: 5, settleWithinDays: 3 },
      settlementCurrency: 'CNY',
      chargeBearer: 'SHAR',
      fx: { provider: cast.liquidity.partyId },
    });
    await ship(progress, exporter, second, 'Evergreen Marine', `EGLV${runId.replace(/-/g, '')}`);
    const reason = '18 of 500 modules arrived with cracked casings';
    await progress.step(`${cast.osaka.name} disputes: ${reason}`, () =>
      osaka.orders.dispute({ orderId: second.orderId, reason, evidenceHashes: [documentHash(`survey report ${second.orderId}`)] }),
      (o) => `${o.status}, escrow held until the clearing house decides`,
    );
    const sellerAmount = (second.order.amount * 9n) / 10n;
    const resolved = await timed(
      progress,
      `Clearing house resolves: ${money(sellerAmount, 'JPY')} (90%) to the seller, the rest back to the buyer`,
      () =>
        clearing.orders.resolveDispute({
          orderId: second.orderId,
          outcome: 'SPLIT',
          sellerAmount,
          resolution: 'Survey confirms 18 damaged modules: 90% released to the seller, the rest refunded to the buyer',
        }),
      ({ settlement }) => (settlement ? `${money(settlement.settledAmount, 'CNY')} to the seller, ${money(settlement.refundedAmount ?? 0n, 'JPY')} refunded, tx ${shortId(settlement.txId)}` : 'no settlement'),
    );
    const osakaJpyAfter = (await reader.tokens.getBalance(cast.osaka.partyId, 'JPY')).balance;
    const secondSettlement = resolved.result.settlement;
    const refunded = secondSettlement?.refundedAmount ?? 0n;
    check('Trade 2 split by the clearing house', resolved.result.order.status === 'SPLIT', `order ${second.orderId} is ${resolved.result.order.status}`);
    check(
      'Trade 2 refunded the buyer the rest of the escrow',
      refunded > 0n && osakaJpyBefore - osakaJpyAfter === second.order.escrowAmount - refunded,
      `buyer paid ${money(second.order.escrowAmount, 'JPY')} into escrow and got ${money(refunded, 'JPY')} back; balance ${money(osakaJpyBefore, 'JPY')} -> ${money(osakaJpyAfter, 'JPY')}`,
    );
    orders.push(await orderLine(reader, 'Trade 2', 'shipped, disputed, split by the clearing house', second, { settlement: secondSettlement, closingMs: resolved.ms }));

    // ---- Trade 3: the seller never ships ----
    progress.section(`Trade 3: ${cast.exporter.name} misses the ship-by date; default and margin claim`);
    const wait = Date.parse(third.order.shipBy) + 1_000 - Date.now();
    if (wait > 0) {
      progress.note(`waiting ${(wait / 1000).toFixed(1)}s for the ship-by date ${third.order.shipBy} to pass`);
      await sleep(wait);
    }
    const chicagoUsdBefore = (await reader.tokens.getBalance(cast.chicago.partyId, 'USD')).balance;
    const defaulted = await timed(
      progress,
      `${cast.chicago.name} declares the default: escrow refunded, margin claim opened`,
      () => chicago.orders.markDefault(third.orderId),
      ({ claim }) => `${money(third.order.escrowAmount, 'USD')} refunded, claim up to ${money(claim.maxAmount, 'USD')}`,
    );
    const claim = await progress.step(
      `Clearing house awards the buyer the seller's margin for the order`,
      () => clearing.margin.claim({ orderId: third.orderId, amount: defaulted.result.claim.maxAmount }),
      (c) => `${money(c.claimedAmount ?? 0n, 'USD')} from ${cast.exporter.partyId}'s margin, tx ${shortId(c.decidedTxId ?? '')}`,
    );
    third.after.push({ step: 'margin claim', txId: claim.decidedTxId ?? '' });
    const chicagoUsdAfter = (await reader.tokens.getBalance(cast.chicago.partyId, 'USD')).balance;
    const claimed = claim.claimedAmount ?? 0n;
    check('Trade 3 defaulted', defaulted.result.order.status === 'DEFAULTED', `order ${third.orderId} is ${defaulted.result.order.status}`);
    check(
      'Trade 3 refunded the buyer and paid the margin claim',
      claim.status === 'DECIDED' && claimed > 0n && chicagoUsdAfter - chicagoUsdBefore === third.order.escrowAmount + claimed,
      `refund ${money(third.order.escrowAmount, 'USD')} + claim ${money(claimed, 'USD')}; balance ${money(chicagoUsdBefore, 'USD')} -> ${money(chicagoUsdAfter, 'USD')}`,
    );
    orders.push(
      await orderLine(reader, 'Trade 3', 'funded, never shipped: defaulted, margin claimed', third, {
        closingMs: defaulted.ms,
        refunded: { amount: third.order.escrowAmount.toString(), currency: third.order.currency },
        marginClaim: { amount: claimed.toString(), currency: third.order.currency },
      }),
    );

    // ---- Final state ----
    progress.section('Final balances and the supply invariant');
    const balances = await progress.step(
      'Final balances of every party, and the margin the exporter still holds',
      () => finalBalances(reader, Object.values(cast)),
      (lines) => `${lines.length} non-zero accounts`,
    );
    const supply: SupplyLine[] = [];
    for (const currency of CURRENCIES) {
      const result = await progress.step(
        `Supply of ${currency}: every balance, escrow and margin adds up to minted - redeemed`,
        () => reader.tokens.checkSupply(currency),
        (s) => `${s.consistent ? 'holds' : 'BROKEN'}: ${money(s.held, currency)} held in ${s.accounts} accounts, ${money(s.outstanding, currency)} outstanding`,
      );
      supply.push({
        currency,
        minted: result.minted.toString(),
        redeemed: result.redeemed.toString(),
        outstanding: result.outstanding.toString(),
        held: result.held.toString(),
        accounts: result.accounts,
        consistent: result.consistent,
      });
      check(`Supply invariant ${currency}`, result.consistent, `held ${money(result.held, currency)} = minted ${money(result.minted, currency)} - redeemed ${money(result.redeemed, currency)}`);
    }

    const finishedAt = Date.now();
    return {
      runId,
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      durationMs: finishedAt - startedAt,
      consistencyWaits: { ...connections.consistency.waits },
      consistencyToken: connections.consistency.token() ?? '0',
      chaincode: { name: pings[0].chaincode, version: pings[0].version, channel: reader.network.getName() },
      consortium: {
        bootstrappedNow: consortium.bootstrappedNow,
        members: consortium.members.map((m) => ({ mspId: m.mspId, name: m.name, roles: [...m.roles], issuerOf: [...m.issuerOf] })),
      },
      parties: Object.values(cast).map((definition) => {
        const party = parties[definition.role];
        return {
          partyId: party.partyId,
          name: party.name,
          mspId: party.mspId,
          country: party.country,
          roles: [...party.roles],
          kycStatus: party.kyc.status,
          riskRating: party.kyc.riskRating,
          ...(definition.identity ? { identity: `${definition.identity}@${definition.org}` } : {}),
        };
      }),
      rates,
      orders,
      balances,
      supply,
      checks,
      steps: progress.steps,
      minorUnits,
    };
  } finally {
    await connections.closeAll();
  }
}

/** The consortium of this ledger: bootstrapped now as CNBank's operator, or as an earlier run left it, checked to have the members the story needs. */
async function ensureConsortium(operator: XborderClient): Promise<{ bootstrappedNow: boolean; members: Member[] }> {
  let members = await operator.consortium.listMembers();
  let bootstrappedNow = false;
  if (members.length === 0) {
    try {
      members = (await operator.consortium.bootstrap({ members: [...MEMBERS] })).members;
      bootstrappedNow = true;
    } catch (err) {
      // Someone else bootstrapped it in between: use theirs.
      if (!(err instanceof ChaincodeError && err.is(ErrorCodes.CONSORTIUM_ALREADY_BOOTSTRAPPED))) {
        throw err;
      }
      members = await operator.consortium.listMembers();
    }
  }
  for (const [currency, mspId] of Object.entries(ISSUERS)) {
    const member = members.find((m) => m.mspId === mspId);
    if (!member || member.status !== 'ACTIVE' || !member.issuerOf.includes(currency)) {
      throw new ScenarioError('CONSORTIUM_MISMATCH', `the consortium on this ledger has no active ${mspId} issuing ${currency}; the scenario needs it`);
    }
  }
  if (!members.some((m) => m.mspId === 'ClearingHouseMSP' && m.status === 'ACTIVE' && m.roles.includes('CLEARING'))) {
    throw new ScenarioError('CONSORTIUM_MISMATCH', 'the consortium on this ledger has no active ClearingHouseMSP with role CLEARING; the scenario needs it');
  }
  return { bootstrappedNow, members };
}

/**
 * Registers a party with its KYC data (transient), binds the identity that
 * acts for it, and has the bank's verifier verify it. An identity acts for one
 * party at a time, so one still bound to a party of an earlier run is released
 * from it first.
 */
async function onboard(connections: Connections, definition: PartyDefinition, expiresAt: string): Promise<{ party: Party; released?: string }> {
  const operator = await connections.as(definition.org, 'operator');
  const verifier = await connections.as(definition.org, 'verifier');
  const { partyId, name, country, roles } = definition;
  await operator.parties.register({ partyId, name, country, roles, level: 'STANDARD' }, definition.kyc);
  let released: string | undefined;
  if (definition.identity) {
    const user = await connections.as(definition.org, definition.identity);
    released = await moveIdentityTo(operator, partyId, user.identityId);
  }
  const party = await verifier.parties.verifyKyc(partyId, { level: 'STANDARD', riskRating: 'LOW', expiresAt });
  return released ? { party, released } : { party };
}

/** A trade in progress: its order as last returned, and transactions that are not order transitions. */
interface TradeInProgress {
  orderId: string;
  order: OrderResult;
  quotationId: string;
  /** Before the quotation (a firm quote). */
  before: { step: string; txId: string }[];
  /** After the order closed (a margin claim). */
  after: { step: string; txId: string }[];
}

/** Runs a step and also returns how long it took, endorsement to commit. */
async function timed<T>(progress: Progress, title: string, action: () => Promise<T>, describe?: (result: T) => string): Promise<{ result: T; ms: number }> {
  let ms = 0;
  const result = await progress.step(
    title,
    async () => {
      const started = Date.now();
      const value = await action();
      ms = Date.now() - started;
      return value;
    },
    describe,
  );
  return { result, ms };
}

/** Quotation, acceptance (which creates the order) and escrow funding. */
async function openTrade(
  progress: Progress,
  seller: XborderClient,
  buyer: XborderClient,
  money: (amount: bigint | string, currency: string) => string,
  request: CreateQuotationRequest,
): Promise<TradeInProgress> {
  const goods = request.lineItems.map((item) => `${item.quantity} x ${item.description}`).join(', ');
  const quotation = await progress.step(
    `Seller quotes ${goods}, ${request.incoterm} ${request.namedPlace}`,
    () => seller.quotations.create(request),
    (q) => `${money(q.totalAmount, q.currency)}, paid in ${q.settlementCurrency}, valid until ${q.validUntil}, tx ${shortId(q.quotationId)}`,
  );
  const accepted = await progress.step(
    'Buyer accepts the quotation: the order is created',
    () => buyer.quotations.accept(quotation.quotationId),
    (order) => order.orderId,
  );
  const funded = await progress.step(
    'Buyer funds the escrow',
    () => buyer.orders.fund(accepted.orderId),
    ({ order }) =>
      `${money(order.escrowAmount, order.currency)} into ${order.escrowAccount} (order ${money(order.amount, order.currency)} + buyer's fee share ${money(order.fees.debtorShare, order.currency)})`,
  );
  return { orderId: accepted.orderId, order: funded.order, quotationId: quotation.quotationId, before: [], after: [] };
}

async function ship(progress: Progress, seller: XborderClient, trade: TradeInProgress, carrier: string, trackingNumber: string): Promise<void> {
  const documentHashes = ['bill of lading', 'commercial invoice', 'packing list'].map((name) => documentHash(`${name} ${trade.orderId}`));
  trade.order = await progress.step(
    `Seller ships with ${carrier}, ${documentHashes.length} document hashes on the ledger`,
    () => seller.orders.ship({ orderId: trade.orderId, carrier, trackingNumber, documentHashes }),
    (order) => `${order.status}, tracking ${trackingNumber}`,
  );
}

/** What the order history calls each transition, as the report names it. */
const STEP_NAMES: Readonly<Record<string, string>> = {
  CREATE: 'acceptance',
  FUND: 'escrow funding',
  SHIP: 'shipment',
  DELIVER: 'delivery confirmed',
  SETTLE: 'settlement',
  CANCEL: 'cancellation',
  DISPUTE: 'dispute',
  RESOLVE: 'dispute resolution',
  DEFAULT: 'default',
};

/** The report's line of a closed trade, its transactions read back from the order's history on the ledger. */
async function orderLine(
  reader: XborderClient,
  trade: string,
  story: string,
  progressOf: TradeInProgress,
  outcome: { settlement?: SettlementResult; closingMs: number; refunded?: Money; marginClaim?: Money },
): Promise<OrderLine> {
  const order = await reader.orders.get(progressOf.orderId);
  const history = await reader.orders.getHistory(progressOf.orderId);
  const transitions = history.map((entry) => ({ step: STEP_NAMES[entry.action] ?? entry.action.toLowerCase(), txId: entry.txId }));
  const closing = transitions[transitions.length - 1];
  const { settlement } = outcome;
  const line: OrderLine = {
    trade,
    story,
    orderId: order.orderId,
    quotationId: order.quotationId,
    seller: order.sellerId,
    buyer: order.buyerId,
    goods: order.lineItems.map((item) => `${item.quantity} x ${item.description} (HS ${item.hsCode})`).join(', '),
    status: order.status,
    instructed: { amount: order.amount.toString(), currency: order.currency },
    escrow: { amount: order.escrowAmount.toString(), currency: order.currency },
    fees: (settlement?.charges ?? []).map((charge) => ({ type: charge.type, amount: charge.amount.toString(), currency: charge.currency, bearer: charge.bearer })),
    acceptedAt: order.createdAt,
    closing: { step: closing.step, txId: closing.txId, ms: outcome.closingMs },
    transactions: [...progressOf.before, { step: 'quotation', txId: progressOf.quotationId }, ...transitions, ...progressOf.after],
  };
  if (order.closedAt) {
    line.closedAt = order.closedAt;
  }
  if (settlement) {
    line.settled = { amount: settlement.settledAmount.toString(), currency: settlement.settledCurrency };
    line.uetr = settlement.uetr;
    if (settlement.refundedAmount !== undefined) {
      line.refunded = { amount: settlement.refundedAmount.toString(), currency: settlement.instructedCurrency };
    }
    if (settlement.exchangeRate) {
      const rate = settlement.exchangeRate;
      line.rate = { pair: `${rate.unitCurrency}/${rate.quotedCurrency}`, rate: rate.rate, source: rate.source, provider: rate.provider };
    }
  }
  if (outcome.refunded) {
    line.refunded = outcome.refunded;
  }
  if (outcome.marginClaim) {
    line.marginClaim = outcome.marginClaim;
  }
  return line;
}

async function finalBalances(reader: XborderClient, definitions: PartyDefinition[]): Promise<BalanceLine[]> {
  const lines: BalanceLine[] = [];
  for (const definition of definitions) {
    for (const currency of CURRENCIES) {
      const { balance } = await reader.tokens.getBalance(definition.partyId, currency);
      if (balance !== 0n) {
        lines.push({ partyId: definition.partyId, account: 'party', currency, balance: balance.toString() });
      }
      if (definition.role === 'exporter') {
        const { held } = await reader.margin.getPosition(definition.partyId, currency);
        if (held !== 0n) {
          lines.push({ partyId: definition.partyId, account: 'margin', currency, balance: held.toString() });
        }
      }
    }
  }
  return lines;
}
