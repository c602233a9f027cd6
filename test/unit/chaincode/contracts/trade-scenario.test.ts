import { clerks } from './token-world';
import { at, json, TradeWorld } from './trade-world';

/**
 * End-to-end trades on the stub: a Chinese exporter sells to a US importer for
 * 100,000.00 USD, paid in USD and settled in CNY at a firm quote; then the
 * same trade ending in a dispute, and one ending in a default.
 *
 * Numbers: total 10,000,000 USD minor units; platform fee 10 bps = 10,000,
 * shared (SHAR): buyer 5,000 on top of the escrow, seller 5,000 off the
 * converted amount. Escrow 10,005,000; converted 9,995,000 USD at the firm
 * rate 7.12 = 71,164,400 CNY minor units.
 */

const CONVERTED = '9995000';

async function lockFirmQuote(w: TradeWorld, expiresAt = at(7)): Promise<string> {
  const lock = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: CONVERTED, rate: '7.12', expiresAt };
  return JSON.parse(await w.ledger.submit(w.tokens.fx, 'lockQuote', [json(lock)], { as: w.user('LP1') })).quoteId;
}

async function supplyConsistent(w: TradeWorld): Promise<void> {
  for (const currency of ['USD', 'CNY']) {
    expect((await w.tokens.supplyCheck(currency)).consistent).toBe(true);
  }
}

describe('a CN exporter -> US importer trade paid in USD, settled in CNY at a firm quote', () => {
  it('runs from quotation to settlement with the right money everywhere', async () => {
    const w = await TradeWorld.create();
    const quoteId = await lockFirmQuote(w);
    const quotation = await w.createQuotation({ fx: { provider: 'LP1', firmQuoteId: quoteId } });
    expect(quotation).toMatchObject({ status: 'OPEN', totalAmount: '10000000', fees: { platformFeeBps: 10, chargeBearer: 'SHAR', feeCollector: 'FEES' } });

    w.setTime(at(0, 1));
    const accepted = JSON.parse(await w.ledger.submit(w.quotation, 'acceptQuotation', [quotation.quotationId], { as: w.user('USIMP') }));
    const orderId = accepted.order.orderId as string;
    expect(orderId).toMatch(/^ORD-20260301-[0-9a-f]{16}$/);
    expect(accepted.order).toMatchObject({ status: 'CREATED', escrowAmount: '10005000', fees: { platformFee: '10000', debtorShare: '5000', creditorShare: '5000' } });
    expect(accepted.quotation).toMatchObject({ status: 'ACCEPTED', orderId });

    w.setTime(at(1));
    const before = await w.balance('USIMP', 'USD');
    await w.fund(orderId);
    expect(await w.balance('USIMP', 'USD')).toBe(before - 10005000n);
    await supplyConsistent(w);

    w.setTime(at(2));
    await w.ship(orderId, w.user('SHIPCO'));
    w.setTime(at(4));
    await w.deliver(orderId);
    w.setTime(at(5));
    const lpCny = await w.balance('LP1', 'CNY');
    const { order, settlement } = await w.settle(orderId);

    expect(order.status).toBe('SETTLED');
    expect(await w.balance('CNEXP', 'CNY')).toBe(71164400n);
    expect(await w.balance('LP1', 'CNY')).toBe(lpCny - 71164400n);
    expect(await w.balance('LP1', 'USD')).toBe(9995000n);
    expect(await w.balance('FEES', 'USD')).toBe(10000n);
    expect(settlement).toEqual({
      orderId,
      endToEndId: orderId,
      uetr: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      kind: 'RELEASE',
      debtor: 'USIMP',
      creditor: 'CNEXP',
      instructedAmount: '10000000',
      instructedCurrency: 'USD',
      convertedAmount: CONVERTED,
      settledAmount: '71164400',
      settledCurrency: 'CNY',
      exchangeRate: { unitCurrency: 'USD', quotedCurrency: 'CNY', rate: '7.12', source: 'FIRM_QUOTE', provider: 'LP1', reference: quoteId },
      chargeBearer: 'SHAR',
      charges: [
        { type: 'PLATFORM_FEE', amount: '5000', currency: 'USD', bearer: 'DEBT' },
        { type: 'PLATFORM_FEE', amount: '5000', currency: 'USD', bearer: 'CRED' },
        // 9,995,000 at the posting's mid 7.15 is 71,464,250: the provider kept 299,850 in the rate.
        { type: 'FX_SPREAD', amount: '299850', currency: 'CNY', bearer: 'CRED' },
      ],
      settlementDate: at(5),
      settlementDeadline: at(6),
      deadlineMet: true,
      txId: expect.any(String),
    });
    expect((await w.query(w.tokens.fx, 'getFirmQuote', [quoteId])).status).toBe('USED');
    const escrow = await w.query(w.tokens.token, 'supplyCheck', ['USD']);
    expect(escrow).toMatchObject({ consistent: true });
    await supplyConsistent(w);

    const history = await w.query<{ action: string; to: string }[]>(w.order, 'getOrderHistory', [orderId]);
    expect(history.map((entry) => `${entry.action}:${entry.to}`)).toEqual(['CREATE:CREATED', 'FUND:FUNDED', 'SHIP:SHIPPED', 'DELIVER:DELIVERED', 'SETTLE:SETTLED']);
    const payments = await w.query<{ kind: string; legs: unknown[] }[]>(w.order, 'getOrderPayments', [orderId]);
    expect(payments.map((payment) => [payment.kind, payment.legs.length])).toEqual([
      ['ESCROW_FUND', 1],
      ['SETTLEMENT', 3],
    ]);
    expect(await w.query(w.order, 'getSettlement', [orderId])).toEqual(settlement);

    // The seller's exposure closed: its whole margin is free again.
    const position = await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD']);
    expect(position).toMatchObject({ openAmount: '0', required: '0', free: '2000000' });

    // Interbank obligations: USBank's customer paid CNBank's LP in USD, CNBank's LP paid CNBank's exporter (no obligation), fees stay at USBank.
    w.setTime(at(6));
    const run = JSON.parse(await w.ledger.submit(w.clearing, 'runNetting', [json({ cutoff: at(6) })], { as: clerks.CH }));
    expect(run.positions).toEqual([
      { currency: 'USD', mspId: 'CNBankMSP', receivable: CONVERTED, payable: '0', net: CONVERTED },
      { currency: 'USD', mspId: 'USBankMSP', receivable: '0', payable: CONVERTED, net: `-${CONVERTED}` },
    ]);
  });
});

describe('a disputed trade', () => {
  it('is frozen while disputed and split by the clearing house', async () => {
    const w = await TradeWorld.create();
    const orderId = await w.openOrder();
    w.setTime(at(1));
    await w.fund(orderId);
    w.setTime(at(2));
    await w.ship(orderId);
    w.setTime(at(3));
    await w.postRate();
    const disputed = await w.dispute(orderId);
    expect(disputed).toMatchObject({ status: 'DISPUTED', dispute: { raisedBy: 'USIMP', fromStatus: 'SHIPPED' } });
    await w.expectRejected(w.order, 'settle', [orderId], w.user('CNEXP'), 'INVALID_STATE');

    const usd = await w.balance('USIMP', 'USD');
    // The seller gets 60,000.00 USD of the 100,000.00, converted at LP1's posted bid (the firm quote, if any, was for the whole amount).
    const { order, settlement } = await w.resolve(orderId, 'SPLIT', '6000000');
    expect(order).toMatchObject({ status: 'SPLIT', dispute: { outcome: 'SPLIT', sellerAmount: '6000000', resolvedBy: 'ClearingHouseMSP' } });
    // Fee on 6,000,000 is 6,000 (3,000 each); seller side 5,997,000 x 7.1 = 42,578,700 CNY; buyer gets 10,005,000 - 5,997,000 - 6,000 back.
    expect(settlement).toMatchObject({ kind: 'SPLIT', convertedAmount: '5997000', settledAmount: '42578700', refundedAmount: '4002000' });
    expect(await w.balance('USIMP', 'USD')).toBe(usd + 4002000n);
    expect(await w.balance('CNEXP', 'CNY')).toBe(42578700n);
    await supplyConsistent(w);
  });
});

describe('a defaulted trade', () => {
  it('refunds the buyer and lets the clearing house claim the seller margin for it', async () => {
    const w = await TradeWorld.create();
    const orderId = await w.openOrder();
    w.setTime(at(1));
    await w.fund(orderId);
    const usd = await w.balance('USIMP', 'USD');
    await w.expectRejected(w.order, 'markDefault', [orderId], w.user('USIMP'), 'DEADLINE_NOT_REACHED');

    w.setTime(at(10));
    await w.expectRejected(w.order, 'ship', [json({ orderId, carrier: 'C', trackingNumber: 'T', documentHashes: ['b'.repeat(64)] })], w.user('CNEXP'), 'DEADLINE_PASSED');
    const { order, claim } = JSON.parse(await w.ledger.submit(w.order, 'markDefault', [orderId], { as: w.user('USIMP') }));
    expect(order.status).toBe('DEFAULTED');
    expect(claim).toEqual({ orderId, partyId: 'CNEXP', beneficiary: 'USIMP', currency: 'USD', maxAmount: '500000', status: 'OPEN', openedAt: at(10) });
    expect(await w.balance('USIMP', 'USD')).toBe(usd + 10005000n);

    // The claim is reserved: the seller cannot withdraw it.
    expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ openAmount: '0', claimsReserved: '500000', required: '500000', free: '1500000' });
    await w.expectRejected(w.margin, 'withdrawMargin', [json({ partyId: 'CNEXP', currency: 'USD', amount: '1500001' })], w.user('CNEXP'), 'MARGIN_INSUFFICIENT');

    const decided = JSON.parse(await w.ledger.submit(w.margin, 'claimMargin', [json({ orderId, amount: '400000' })], { as: clerks.CH }));
    expect(decided).toMatchObject({ status: 'DECIDED', claimedAmount: '400000', decidedBy: 'ClearingHouseMSP' });
    expect(await w.balance('USIMP', 'USD')).toBe(usd + 10005000n + 400000n);
    expect(await w.query(w.margin, 'getMarginPosition', ['CNEXP', 'USD'])).toMatchObject({ held: '1600000', claimsReserved: '0', free: '1600000' });
    await w.expectRejected(w.margin, 'claimMargin', [json({ orderId, amount: '1' })], clerks.CH, 'INVALID_STATE');
    await w.expectRejected(w.order, 'markDefault', [orderId], w.user('USIMP'), 'INVALID_STATE');
    await supplyConsistent(w);
    const payments = await w.query<{ kind: string }[]>(w.order, 'getOrderPayments', [orderId]);
    expect(payments.map((payment) => payment.kind)).toEqual(['ESCROW_FUND', 'ESCROW_REFUND', 'MARGIN_CLAIM']);
  });
});
