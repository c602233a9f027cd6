import { createHash } from 'node:crypto';
import {
  ChaincodeError,
  type CreateQuotationRequest,
  ErrorCodes,
  type OrderPaymentResult,
  type TradeParameters,
  type XborderClient,
} from '../../gateway-client/src';
import { as, ensureConsortium, ensureTradeParameters, onboardParty, RUN } from './support/world';

/**
 * The trade lifecycle on the running network through @xborder/gateway-client,
 * as users of three organisations: a Chinese exporter (CNBank, user2), a US
 * importer (USBank, user3), a liquidity provider (CNBank, user3) and the
 * clearing house. Parties, deposits and quotations are new on every run (the
 * users' bindings move to this run's parties); the
 * consortium and the trade parameters are created only when the ledger has
 * none. Expected amounts are worked out here from the order's fee terms and
 * the rates, with the chaincode's documented rounding: fees half up (SHAR: the
 * buyer's half rounded down), conversion towards the liquidity provider.
 */
const SELLER = `CNEXP-${RUN}`;
const BUYER = `USIMP-${RUN}`;
const LP = `LPCN-${RUN}`;
const BID = '7.1234567';
const ASK = '7.2';
const MARGIN = 2_000_000n;
const HOUR = 3600 * 1000;

describe('trade: a Chinese exporter sells to a US importer, paid in USD and settled in CNY', () => {
  let seller: XborderClient;
  let buyer: XborderClient;
  let lp: XborderClient;
  let clearing: XborderClient;
  let parameters: TradeParameters;
  let units: { USD: number; CNY: number };

  beforeAll(async () => {
    await ensureConsortium();
    parameters = await ensureTradeParameters();
    [seller, buyer, lp, clearing] = await Promise.all([as('cnbank', 'user2'), as('usbank', 'user3'), as('cnbank', 'user3'), as('clearinghouse', 'operator')]);
    await using cnOperator = await as('cnbank', 'operator');
    await using cnVerifier = await as('cnbank', 'verifier');
    await using usOperator = await as('usbank', 'operator');
    await using usVerifier = await as('usbank', 'verifier');
    const cn = { operator: cnOperator, verifier: cnVerifier };
    await onboardParty(cn, { partyId: SELLER, name: 'Shenzhen Lamp Works', country: 'CN', roles: ['TRADER'] }, [seller]);
    await onboardParty(cn, { partyId: LP, name: 'Bund FX', country: 'CN', roles: ['LIQUIDITY_PROVIDER'] }, [lp]);
    await onboardParty({ operator: usOperator, verifier: usVerifier }, { partyId: BUYER, name: 'Great Lakes Lighting', country: 'US', roles: ['TRADER'] }, [buyer]);

    await using usIssuer = await as('usbank', 'issuer');
    await using cnIssuer = await as('cnbank', 'issuer');
    await usIssuer.tokens.mint({ currency: 'USD', to: BUYER, amount: 20_000_000n, depositRef: `TR-B-${RUN}` });
    await usIssuer.tokens.mint({ currency: 'USD', to: SELLER, amount: MARGIN, depositRef: `TR-S-${RUN}` });
    await cnIssuer.tokens.mint({ currency: 'CNY', to: LP, amount: 500_000_000n, depositRef: `TR-LP-${RUN}` });
    await seller.margin.post({ partyId: SELLER, currency: 'USD', amount: MARGIN });
    const from = Date.now() - 60_000;
    await lp.fx.postRate({ base: 'USD', quote: 'CNY', bid: BID, ask: ASK, validFrom: iso(from), validUntil: iso(from + 23 * HOUR), provider: LP });
    units = { USD: (await buyer.tokens.getCurrency('USD')).minorUnits, CNY: (await buyer.tokens.getCurrency('CNY')).minorUnits };
  });

  afterAll(() => {
    for (const client of [seller, buyer, lp, clearing]) {
      client?.close();
    }
  });

  const usd = async (partyId: string): Promise<bigint> => (await buyer.tokens.getBalance(partyId, 'USD')).balance;
  const cny = async (partyId: string): Promise<bigint> => (await buyer.tokens.getBalance(partyId, 'CNY')).balance;

  /** USD converted to CNY at a rate, rounded down: the liquidity provider pays. */
  const toCny = (amount: bigint, rate: bigint): bigint => (amount * rate * 10n ** BigInt(units.CNY)) / (10n ** BigInt(units.USD) * RATE_SCALE);

  function quotation(overrides: Partial<CreateQuotationRequest> = {}): CreateQuotationRequest {
    const now = Date.now();
    return {
      sellerId: SELLER,
      buyerId: BUYER,
      lineItems: [
        { description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: 6_000n },
        { description: 'Lamp shade, silk', hsCode: '9405990090', quantity: '2000', unitPrice: 2_000n },
        { description: 'Spare bulbs', hsCode: '853952', quantity: '8', unit: 'PCE', unitPrice: 50n },
      ],
      currency: 'USD',
      incoterm: 'FOB',
      namedPlace: 'Shanghai',
      transportMode: 'SEA',
      validUntil: iso(now + HOUR),
      shipBy: iso(now + 48 * HOUR),
      deliveryDate: iso(now + 240 * HOUR),
      paymentTerms: { fundWithinDays: 3, settleWithinDays: 2 },
      settlementCurrency: 'CNY',
      fx: { provider: LP },
      ...overrides,
    };
  }

  async function supplyConsistent(): Promise<void> {
    for (const currency of ['USD', 'CNY']) {
      const check = await clearing.tokens.checkSupply(currency);
      expect(check).toMatchObject({ currency, consistent: true });
      expect(check.held).toBe(check.outstanding);
    }
  }

  /** Every transition of the order, in order, each with a transaction committed VALID on the ledger. */
  async function expectHistory(orderId: string, transitions: string[]): Promise<string[]> {
    const history = await clearing.orders.getHistory(orderId);
    expect(history.map((entry) => `${entry.action}:${entry.from ?? '-'}->${entry.to}`)).toEqual(transitions);
    const txIds = history.map((entry) => entry.txId);
    expect(new Set(txIds).size).toBe(txIds.length);
    for (const txId of txIds) {
      expect(await clearing.transactionStatus(txId)).toMatchObject({ transactionId: txId, successful: true, name: 'VALID' });
    }
    return txIds;
  }

  it('runs from a firm-quoted quotation to settlement with the right money everywhere', async () => {
    const amount = 10_000_400n;
    const fees = sharedFees(amount, parameters.platformFeeBps);
    const converted = amount - fees.creditor;
    const quote = await lp.fx.lockQuote({ provider: LP, base: 'USD', quote: 'CNY', side: 'SELL', amount: converted, expiresAt: iso(Date.now() + 72 * HOUR) });
    const settled = toCny(converted, scaleRate(BID));
    expect(quote).toMatchObject({ baseAmount: converted, quoteAmount: settled, rate: BID, status: 'LOCKED' });

    const quoted = await seller.quotations.create(quotation({ fx: { provider: LP, firmQuoteId: quote.quoteId } }));
    expect(quoted).toMatchObject({ status: 'OPEN', totalAmount: amount, fees: { platformFeeBps: parameters.platformFeeBps, chargeBearer: 'SHAR' } });
    expect(quoted.lineItems.map((line) => line.lineTotal)).toEqual([6_000_000n, 4_000_000n, 400n]);

    const order = await buyer.quotations.accept(quoted.quotationId);
    const { orderId } = order;
    expect(orderId).toMatch(/^ORD-[0-9]{8}-[0-9a-f]{16}$/);
    expect(order).toMatchObject({
      status: 'CREATED',
      amount,
      escrowAmount: amount + fees.debtor,
      escrowAccount: `escrow:${orderId}`,
      fees: { platformFee: fees.fee, debtorShare: fees.debtor, creditorShare: fees.creditor },
      fx: { provider: LP, firmQuoteId: quote.quoteId },
    });
    expect(await buyer.quotations.get(quoted.quotationId)).toMatchObject({ status: 'ACCEPTED', orderId });
    await expect(buyer.quotations.accept(quoted.quotationId)).rejects.toMatchObject({ code: ErrorCodes.INVALID_STATE });

    const before = { buyerUsd: await usd(BUYER), sellerCny: await cny(SELLER), lpUsd: await usd(LP), lpCny: await cny(LP) };
    const funded = await buyer.orders.fund(orderId);
    expect(funded.order).toMatchObject({ status: 'FUNDED', fundedAt: expect.any(String) });
    expect(await usd(BUYER)).toBe(before.buyerUsd - amount - fees.debtor);

    const shipped = await seller.orders.ship({ orderId, carrier: 'COSCO Shipping', trackingNumber: `COSU${RUN}`, documentHashes: [sha256(`bill of lading ${RUN}`)] });
    expect(shipped).toMatchObject({ status: 'SHIPPED', shipment: { shippedBy: SELLER, carrier: 'COSCO Shipping' } });
    const delivered = await buyer.orders.confirmDelivery({ orderId });
    expect(delivered).toMatchObject({ status: 'DELIVERED', delivery: { confirmedBy: BUYER } });

    const settlement = await seller.orders.settle(orderId);
    const spread = toCny(converted, (scaleRate(BID) + scaleRate(ASK)) / 2n) - settled;
    expect(settlement).toEqual({
      orderId,
      endToEndId: orderId,
      uetr: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      kind: 'RELEASE',
      debtor: BUYER,
      creditor: SELLER,
      instructedAmount: amount,
      instructedCurrency: 'USD',
      convertedAmount: converted,
      settledAmount: settled,
      settledCurrency: 'CNY',
      exchangeRate: { unitCurrency: 'USD', quotedCurrency: 'CNY', rate: BID, source: 'FIRM_QUOTE', provider: LP, reference: quote.quoteId },
      chargeBearer: 'SHAR',
      charges: [
        ...(fees.debtor > 0n ? [{ type: 'PLATFORM_FEE', amount: fees.debtor, currency: 'USD', bearer: 'DEBT' }] : []),
        ...(fees.creditor > 0n ? [{ type: 'PLATFORM_FEE', amount: fees.creditor, currency: 'USD', bearer: 'CRED' }] : []),
        { type: 'FX_SPREAD', amount: spread, currency: 'CNY', bearer: 'CRED' },
      ],
      settlementDate: expect.any(String),
      settlementDeadline: addDays(delivered.delivery?.deliveredAt ?? '', 2),
      deadlineMet: true,
      txId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await buyer.orders.getSettlement(orderId)).toEqual(settlement);
    expect(await clearing.orders.get(orderId)).toMatchObject({ status: 'SETTLED', closedAt: settlement.settlementDate });

    expect(await cny(SELLER)).toBe(before.sellerCny + settled);
    expect(await usd(BUYER)).toBe(before.buyerUsd - amount - fees.debtor);
    expect(await usd(LP)).toBe(before.lpUsd + converted);
    expect(await cny(LP)).toBe(before.lpCny - settled);
    expect(await lp.fx.getFirmQuote(quote.quoteId)).toMatchObject({ status: 'USED', usedFor: orderId });

    const payments = await buyer.orders.getPayments(orderId);
    expect(payments.map((payment) => payment.kind)).toEqual(['ESCROW_FUND', 'SETTLEMENT']);
    expect(escrowBalance(payments, `escrow:${orderId}`)).toBe(0n);
    await supplyConsistent();

    const txIds = await expectHistory(orderId, [
      'CREATE:-->CREATED',
      'FUND:CREATED->FUNDED',
      'SHIP:FUNDED->SHIPPED',
      'DELIVER:SHIPPED->DELIVERED',
      'SETTLE:DELIVERED->SETTLED',
    ]);
    expect(txIds[4]).toBe(settlement.txId);
    expect((await seller.orders.listForParty(SELLER).all()).map((o) => o.orderId)).toContain(orderId);

    // At most once: a second settlement is refused, and the seller's exposure has closed.
    await expect(buyer.orders.settle(orderId)).rejects.toMatchObject({ name: 'ChaincodeError', code: ErrorCodes.INVALID_STATE });
    expect(await seller.margin.getPosition(SELLER, 'USD')).toMatchObject({ openAmount: 0n, openOrders: 0, required: 0n, held: MARGIN, free: MARGIN });
  });

  it('freezes a disputed order and splits it when the clearing house decides so', async () => {
    const amount = 2_000_000n;
    const sellerAmount = 1_200_000n;
    const quoted = await seller.quotations.create(quotation({ lineItems: [{ description: 'Floor lamp', hsCode: '940520', quantity: '100', unitPrice: 20_000n }] }));
    const { orderId, escrowAmount } = await buyer.quotations.accept(quoted.quotationId);
    expect(escrowAmount).toBe(amount + sharedFees(amount, parameters.platformFeeBps).debtor);
    await buyer.orders.fund(orderId);
    await seller.orders.ship({ orderId, carrier: 'Evergreen', trackingNumber: `EGLV${RUN}`, documentHashes: [sha256(`waybill ${RUN}`)] });

    const disputed = await buyer.orders.dispute({ orderId, reason: '40% of the lamps arrived broken', evidenceHashes: [sha256(`photos ${RUN}`)] });
    expect(disputed).toMatchObject({ status: 'DISPUTED', dispute: { raisedBy: BUYER, fromStatus: 'SHIPPED' } });
    const refused = seller.orders.settle(orderId);
    await expect(refused).rejects.toBeInstanceOf(ChaincodeError);
    await expect(refused).rejects.toMatchObject({ code: ErrorCodes.INVALID_STATE });
    await expect(buyer.orders.resolveDispute({ orderId, outcome: 'REFUND', resolution: 'not the buyer to decide' })).rejects.toMatchObject({
      code: ErrorCodes.UNAUTHORIZED,
    });

    const before = { buyerUsd: await usd(BUYER), sellerCny: await cny(SELLER) };
    const { order, settlement } = await clearing.orders.resolveDispute({ orderId, outcome: 'SPLIT', sellerAmount, resolution: 'seller paid for the lamps that arrived whole' });
    const fees = sharedFees(sellerAmount, parameters.platformFeeBps);
    const converted = sellerAmount - fees.creditor;
    const settled = toCny(converted, scaleRate(BID));
    const refunded = escrowAmount - converted - fees.fee;
    expect(order).toMatchObject({ status: 'SPLIT', dispute: { outcome: 'SPLIT', sellerAmount, resolvedBy: 'ClearingHouseMSP' } });
    expect(settlement).toMatchObject({
      kind: 'SPLIT',
      instructedAmount: sellerAmount,
      convertedAmount: converted,
      settledAmount: settled,
      refundedAmount: refunded,
      exchangeRate: { rate: BID, source: 'POSTED_RATE', provider: LP },
    });
    expect(await usd(BUYER)).toBe(before.buyerUsd + refunded);
    expect(await cny(SELLER)).toBe(before.sellerCny + settled);
    expect(escrowBalance(await clearing.orders.getPayments(orderId), `escrow:${orderId}`)).toBe(0n);
    await supplyConsistent();
    await expectHistory(orderId, ['CREATE:-->CREATED', 'FUND:CREATED->FUNDED', 'SHIP:FUNDED->SHIPPED', 'DISPUTE:SHIPPED->DISPUTED', 'RESOLVE:DISPUTED->SPLIT']);
  });

  it('refunds the buyer when the seller misses the ship-by date, and lets the clearing house claim the seller margin', async () => {
    const amount = 1_000_000n;
    // Accepted, funded, then shipBy passes: validUntil <= shipBy, so both are a few seconds away.
    const shipBy = Date.now() + 8_000;
    const quoted = await seller.quotations.create(
      quotation({
        lineItems: [{ description: 'Desk lamp, brass', hsCode: '940520', quantity: '50', unitPrice: 20_000n }],
        settlementCurrency: 'USD',
        fx: undefined,
        validUntil: iso(shipBy),
        shipBy: iso(shipBy),
        deliveryDate: iso(shipBy + 120 * HOUR),
      }),
    );
    const { orderId, escrowAmount } = await buyer.quotations.accept(quoted.quotationId);
    await buyer.orders.fund(orderId);
    await expect(buyer.orders.markDefault(orderId)).rejects.toMatchObject({ code: ErrorCodes.DEADLINE_NOT_REACHED });
    const positionBefore = await seller.margin.getPosition(SELLER, 'USD');
    const buyerBefore = await usd(BUYER);

    while (Date.now() <= shipBy + 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await expect(seller.orders.ship({ orderId, carrier: 'Late Lines', trackingNumber: 'LATE1', documentHashes: [sha256('late')] })).rejects.toMatchObject({
      code: ErrorCodes.DEADLINE_PASSED,
    });
    const { order, claim } = await buyer.orders.markDefault(orderId);
    const maxAmount = (amount * BigInt(parameters.marginBps.LOW) + 9_999n) / 10_000n;
    expect(order.status).toBe('DEFAULTED');
    expect(claim).toEqual({ orderId, partyId: SELLER, beneficiary: BUYER, currency: 'USD', maxAmount, status: 'OPEN', openedAt: order.closedAt });
    expect(await usd(BUYER)).toBe(buyerBefore + escrowAmount);
    expect(await seller.margin.getPosition(SELLER, 'USD')).toMatchObject({ openAmount: 0n, claimsReserved: maxAmount, required: maxAmount });
    await expect(seller.margin.withdraw({ partyId: SELLER, currency: 'USD', amount: positionBefore.held - maxAmount + 1n })).rejects.toMatchObject({
      code: ErrorCodes.MARGIN_INSUFFICIENT,
    });

    await expect(buyer.margin.claim({ orderId, amount: maxAmount })).rejects.toMatchObject({ code: ErrorCodes.UNAUTHORIZED });
    const decided = await clearing.margin.claim({ orderId, amount: maxAmount });
    expect(decided).toMatchObject({ status: 'DECIDED', claimedAmount: maxAmount, decidedBy: 'ClearingHouseMSP' });
    expect(await buyer.margin.getClaim(orderId)).toEqual(decided);
    expect(await usd(BUYER)).toBe(buyerBefore + escrowAmount + maxAmount);
    expect(await seller.margin.getPosition(SELLER, 'USD')).toMatchObject({ held: positionBefore.held - maxAmount, claimsReserved: 0n, required: 0n });
    await expect(clearing.margin.claim({ orderId, amount: 1n })).rejects.toMatchObject({ code: ErrorCodes.INVALID_STATE });

    const payments = await clearing.orders.getPayments(orderId);
    expect(payments.map((payment) => payment.kind)).toEqual(['ESCROW_FUND', 'ESCROW_REFUND', 'MARGIN_CLAIM']);
    expect(escrowBalance(payments, `escrow:${orderId}`)).toBe(0n);
    await supplyConsistent();
    await expectHistory(orderId, ['CREATE:-->CREATED', 'FUND:CREATED->FUNDED', 'DEFAULT:FUNDED->DEFAULTED']);
    expect((await clearing.orders.list('DEFAULTED').all()).map((o) => o.orderId)).toContain(orderId);
  });
});

const RATE_SCALE = 10n ** 10n;

/** A decimal rate string as the chaincode holds it: an integer scaled by 10^10. */
function scaleRate(rate: string): bigint {
  const [whole, fraction = ''] = rate.split('.');
  return BigInt(whole + fraction.padEnd(10, '0'));
}

/** The platform fee of `amount`, half up, and its SHAR split: the buyer's half rounded down. */
function sharedFees(amount: bigint, bps: number): { fee: bigint; debtor: bigint; creditor: bigint } {
  const fee = (amount * BigInt(bps) + 5_000n) / 10_000n;
  return { fee, debtor: fee / 2n, creditor: fee - fee / 2n };
}

/** What an account holds after an order's payments: credits minus debits. */
function escrowBalance(payments: OrderPaymentResult[], account: string): bigint {
  let balance = 0n;
  for (const leg of payments.flatMap((payment) => payment.legs)) {
    balance += (leg.to === account ? leg.amount : 0n) - (leg.from === account ? leg.amount : 0n);
  }
  return balance;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function addDays(time: string, days: number): string {
  return iso(Date.parse(time) + days * 24 * HOUR);
}
