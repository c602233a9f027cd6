import { Contract } from 'fabric-contract-api';
import { ClearingContract } from '../../../../chaincode/src/contracts/clearing';
import { MarginContract } from '../../../../chaincode/src/contracts/margin';
import { OrderContract } from '../../../../chaincode/src/contracts/order';
import { QuotationContract } from '../../../../chaincode/src/contracts/quotation';
import { RiskContract } from '../../../../chaincode/src/contracts/risk';
import { FakeClientIdentity, FakeLedger } from '../../../support';
import { expectRejected } from './fixtures';
import { admins, BANKS, clerks, START, TokenWorld } from './token-world';

/**
 * A trading world on top of TokenWorld, built only through transactions:
 * CNEXP (a Chinese exporter, CNBank), USIMP (a US importer, USBank), LP1 (a
 * liquidity provider at CNBank), SHIPCO (logistics, CNBank) and FEES (the
 * platform fee collector, USBank). The clearing house charges 10 bps and asks
 * margin of 5/10/20% by risk rating; LP1 quotes USD/CNY 7.1/7.2.
 */
export const DAY = 24 * 3600 * 1000;
export const at = (days: number, hours = 0): string => new Date(Date.parse(START) + days * DAY + hours * 3600_000).toISOString();
export const json = (value: unknown): string => JSON.stringify(value);
export const HASH = 'a'.repeat(64);

export const PARAMETERS = { platformFeeBps: 10, feeCollector: 'FEES', marginBps: { LOW: 500, MEDIUM: 1000, HIGH: 2000 } };

export interface QuotationTerms {
  [field: string]: unknown;
}

/** A USD quotation from CNEXP to USIMP of 100,000.00 USD (two lines), settled in CNY through LP1, FOB Shanghai by sea. */
export function quotationTerms(overrides: QuotationTerms = {}): QuotationTerms {
  return {
    sellerId: 'CNEXP',
    buyerId: 'USIMP',
    logisticsId: 'SHIPCO',
    lineItems: [
      { description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: '6000' },
      { description: 'Lamp shade, silk', hsCode: '9405990090', quantity: '2000', unitPrice: '2000' },
    ],
    currency: 'USD',
    incoterm: 'FOB',
    namedPlace: 'Shanghai',
    transportMode: 'SEA',
    deliveryDate: at(30),
    shipBy: at(10),
    validUntil: at(2),
    paymentTerms: { fundWithinDays: 3, settleWithinDays: 2 },
    settlementCurrency: 'CNY',
    chargeBearer: 'SHAR',
    fx: { provider: 'LP1' },
    ...overrides,
  };
}

export class TradeWorld {
  readonly quotation = new QuotationContract();
  readonly order = new OrderContract();
  readonly margin = new MarginContract();
  readonly risk = new RiskContract();
  readonly clearing = new ClearingContract();

  constructor(readonly tokens: TokenWorld) {}

  get ledger(): FakeLedger {
    return this.tokens.ledger;
  }

  static async create(options: { parameters?: unknown } = {}): Promise<TradeWorld> {
    const tokens = await TokenWorld.create();
    const w = new TradeWorld(tokens);
    await tokens.addParty('CNEXP', BANKS.CN);
    await tokens.addParty('USIMP', BANKS.US);
    await tokens.addParty('LP1', BANKS.CN, { roles: ['LIQUIDITY_PROVIDER'] });
    await tokens.addParty('SHIPCO', BANKS.CN, { roles: ['LOGISTICS'] });
    await tokens.addParty('FEES', BANKS.US);
    await w.ledger.submit(w.clearing, 'setTradeParameters', [json(options.parameters ?? PARAMETERS)], { as: admins.CH });
    await tokens.mint('USD', 'USIMP', '50000000', 'SEED-USIMP');
    await tokens.mint('USD', 'CNEXP', '5000000', 'SEED-CNEXP');
    await tokens.mint('CNY', 'LP1', '500000000', 'SEED-LP1');
    await w.postMargin('CNEXP', 'USD', '2000000');
    await w.postRate();
    return w;
  }

  fork(): TradeWorld {
    const copy = new TradeWorld(this.tokens.fork());
    copy.clock = this.clock;
    return copy;
  }

  user(partyId: string): FakeClientIdentity {
    return this.tokens.user(partyId);
  }

  /** The proposal time of the following transactions. */
  clock = START;

  setTime(time: string): void {
    this.clock = time;
    this.ledger.setTime(time);
  }

  /** LP1's USD/CNY rate for 24 hours from the current ledger time. */
  async postRate(bid = '7.1', ask = '7.2', from = this.clock): Promise<void> {
    const until = new Date(Date.parse(from) + DAY).toISOString();
    const rate = { base: 'USD', quote: 'CNY', bid, ask, validFrom: from, validUntil: until, provider: 'LP1' };
    await this.ledger.submit(this.tokens.fx, 'postRate', [json(rate)], { as: this.user('LP1') });
  }

  async postMargin(partyId: string, currency: string, amount: string): Promise<string> {
    return this.ledger.submit(this.margin, 'postMargin', [json({ partyId, currency, amount })], { as: this.user(partyId) });
  }

  async createQuotation(overrides: QuotationTerms = {}, seller = 'CNEXP'): Promise<{ quotationId: string; [key: string]: unknown }> {
    return JSON.parse(await this.ledger.submit(this.quotation, 'createQuotation', [json(quotationTerms(overrides))], { as: this.user(seller) }));
  }

  /** Creates and accepts a quotation; returns the order id. */
  async openOrder(overrides: QuotationTerms = {}): Promise<string> {
    const { quotationId } = await this.createQuotation(overrides);
    const buyer = (overrides.buyerId as string | undefined) ?? 'USIMP';
    const result = JSON.parse(await this.ledger.submit(this.quotation, 'acceptQuotation', [quotationId], { as: this.user(buyer) }));
    return result.order.orderId as string;
  }

  async fund(orderId: string, buyer = 'USIMP'): Promise<Record<string, unknown>> {
    return JSON.parse(await this.ledger.submit(this.order, 'fund', [orderId], { as: this.user(buyer) }));
  }

  async ship(orderId: string, as = this.user('CNEXP')): Promise<Record<string, unknown>> {
    const shipment = { orderId, carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [HASH] };
    return JSON.parse(await this.ledger.submit(this.order, 'ship', [json(shipment)], { as }));
  }

  async deliver(orderId: string, as = this.user('USIMP'), proofHash?: string): Promise<Record<string, unknown>> {
    return JSON.parse(await this.ledger.submit(this.order, 'confirmDelivery', [json({ orderId, ...(proofHash ? { proofHash } : {}) })], { as }));
  }

  async settle(orderId: string, as = this.user('CNEXP')): Promise<{ order: Record<string, unknown>; settlement: Record<string, unknown> }> {
    return JSON.parse(await this.ledger.submit(this.order, 'settle', [orderId], { as }));
  }

  async dispute(orderId: string, as = this.user('USIMP')): Promise<Record<string, unknown>> {
    return JSON.parse(await this.ledger.submit(this.order, 'dispute', [json({ orderId, reason: 'goods damaged', evidenceHashes: [HASH] })], { as }));
  }

  async resolve(orderId: string, outcome: string, sellerAmount?: string): Promise<{ order: Record<string, unknown>; settlement?: Record<string, unknown> }> {
    const resolution = { orderId, outcome, resolution: 'arbitrated', ...(sellerAmount ? { sellerAmount } : {}) };
    return JSON.parse(await this.ledger.submit(this.order, 'resolveDispute', [json(resolution)], { as: clerks.CH }));
  }

  async orderOf(orderId: string): Promise<Record<string, unknown>> {
    return this.query(this.order, 'getOrder', [orderId]);
  }

  async query<T = Record<string, unknown>>(contract: Contract, fn: string, args: string[], as: FakeClientIdentity = clerks.CH): Promise<T> {
    return JSON.parse(await this.ledger.evaluate(contract, fn, args, { as })) as T;
  }

  async balance(partyId: string, currency: string): Promise<bigint> {
    return this.tokens.balance(partyId, currency);
  }

  /** Rejected with `code` before any write, event or state change. */
  async expectRejected(contract: Contract, fn: string, args: string[], as: FakeClientIdentity, code: string): Promise<void> {
    await expectRejected(this.ledger, contract, fn, args, { as }, code);
  }
}
