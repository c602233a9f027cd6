import { ErrorCodes } from '../../../../model/src/errors';
import { lastEvent } from './fixtures';
import { admins, BANKS, clerks } from './token-world';
import { at, json, PARAMETERS, quotationTerms, TradeWorld } from './trade-world';

let base: TradeWorld;

beforeAll(async () => {
  base = await TradeWorld.create();
  await base.tokens.addParty('PENDING', BANKS.US, { verify: false });
});

async function lock(w: TradeWorld, amount = '9995000', expiresAt = at(7)): Promise<string> {
  const request = { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount, expiresAt };
  return JSON.parse(await w.ledger.submit(w.tokens.fx, 'lockQuote', [json(request)], { as: w.user('LP1') })).quoteId;
}

describe('Quotation:createQuotation', () => {
  it('records an OPEN quotation with line totals and the fee terms in force', async () => {
    const w = base.fork();
    const quotation = await w.createQuotation();
    expect(quotation).toMatchObject({
      quotationId: expect.any(String),
      status: 'OPEN',
      totalAmount: '10000000',
      lineItems: [
        { hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: '6000', lineTotal: '6000000' },
        { hsCode: '9405990090', quantity: '2000', unitPrice: '2000', lineTotal: '4000000' },
      ],
      fees: { platformFeeBps: 10, chargeBearer: 'SHAR', feeCollector: 'FEES' },
      fx: { provider: 'LP1' },
    });
    expect(lastEvent(w.ledger)).toMatchObject({ name: 'QuotationCreated', payload: { quotationId: quotation.quotationId, status: 'OPEN' } });
    expect(await w.query(w.quotation, 'getQuotation', [quotation.quotationId])).toEqual(quotation);
  });

  it.each([
    ['malformed JSON', '{', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', { discount: '5' }, ErrorCodes.INVALID_ARGUMENT],
    ['a missing ship-by date', { shipBy: undefined }, ErrorCodes.INVALID_ARGUMENT],
    ['a 4-digit HS code', { lineItems: [{ description: 'x', hsCode: '9405', quantity: '1', unitPrice: '1' }] }, ErrorCodes.INVALID_ARGUMENT],
    ['a fractional quantity', { lineItems: [{ description: 'x', hsCode: '940520', quantity: '1.5', unitPrice: '1' }] }, ErrorCodes.INVALID_ARGUMENT],
    ['a unit price with decimals', { lineItems: [{ description: 'x', hsCode: '940520', quantity: '1', unitPrice: '1.5' }] }, ErrorCodes.INVALID_AMOUNT],
    ['a numeric unit price', { lineItems: [{ description: 'x', hsCode: '940520', quantity: '1', unitPrice: 100 }] }, ErrorCodes.INVALID_AMOUNT],
    ['a line total past 2^63-1', { lineItems: [{ description: 'x', hsCode: '940520', quantity: '999999999999', unitPrice: '99999999999' }] }, ErrorCodes.INVALID_AMOUNT],
    [
      'a total past 2^63-1',
      {
        lineItems: [
          { description: 'x', hsCode: '940520', quantity: '1', unitPrice: '9223372036854775807' },
          { description: 'y', hsCode: '940520', quantity: '1', unitPrice: '1' },
        ],
      },
      ErrorCodes.INVALID_AMOUNT,
    ],
    ['no line items', { lineItems: [] }, ErrorCodes.INVALID_ARGUMENT],
    ['a sea-only rule by air', { incoterm: 'CIF', transportMode: 'AIR' }, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown Incoterm', { incoterm: 'FOT' }, ErrorCodes.INVALID_ARGUMENT],
    ['ship-by after delivery', { shipBy: at(31) }, ErrorCodes.INVALID_ARGUMENT],
    ['validity after ship-by', { validUntil: at(11) }, ErrorCodes.INVALID_ARGUMENT],
    ['validity already over', { validUntil: '2026-02-28T00:00:00Z' }, ErrorCodes.INVALID_ARGUMENT],
    ['validity beyond 90 days', { validUntil: at(91), shipBy: at(100), deliveryDate: at(120) }, ErrorCodes.INVALID_ARGUMENT],
    ['an impossible date', { deliveryDate: '2026-02-30T00:00:00Z' }, ErrorCodes.INVALID_ARGUMENT],
    ['cross-currency without a provider', { fx: undefined }, ErrorCodes.INVALID_ARGUMENT],
    ['a provider for one currency', { settlementCurrency: 'USD' }, ErrorCodes.INVALID_ARGUMENT],
    ['the seller as provider', { fx: { provider: 'CNEXP' } }, ErrorCodes.INVALID_ARGUMENT],
    ['seller and buyer the same', { buyerId: 'CNEXP' }, ErrorCodes.INVALID_ARGUMENT],
    ['logistics that is the buyer', { logisticsId: 'USIMP' }, ErrorCodes.INVALID_ARGUMENT],
    ['fund within 0 days', { paymentTerms: { fundWithinDays: 0, settleWithinDays: 2 } }, ErrorCodes.INVALID_ARGUMENT],
    ['missing settle days', { paymentTerms: { fundWithinDays: 1 } }, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown charge bearer', { chargeBearer: 'OUR' }, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown currency', { currency: 'ABC' }, ErrorCodes.UNKNOWN_CURRENCY],
    ['an unknown buyer', { buyerId: 'NOBODY' }, ErrorCodes.NOT_FOUND],
    ['a buyer whose KYC is pending', { buyerId: 'PENDING' }, ErrorCodes.KYC_NOT_VERIFIED],
    ['a provider without the role', { fx: { provider: 'FEES' } }, ErrorCodes.UNAUTHORIZED],
    ['a logistics party without the role', { logisticsId: 'FEES' }, ErrorCodes.UNAUTHORIZED],
    ['an unknown firm quote', { fx: { provider: 'LP1', firmQuoteId: 'tx9999' } }, ErrorCodes.NOT_FOUND],
  ])('rejects %s', async (_name, overrides, code) => {
    const w = base.fork();
    const arg = typeof overrides === 'string' ? overrides : json(quotationTerms(overrides));
    await w.expectRejected(w.quotation, 'createQuotation', [arg], w.user('CNEXP'), code);
  });

  it('rejects a caller not bound to the seller, and a seller that is not a trader', async () => {
    const w = base.fork();
    await w.expectRejected(w.quotation, 'createQuotation', [json(quotationTerms())], w.user('USIMP'), ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.quotation, 'createQuotation', [json(quotationTerms({ sellerId: 'SHIPCO', logisticsId: undefined }))], w.user('SHIPCO'), ErrorCodes.UNAUTHORIZED);
  });

  it('accepts a matching firm quote once, and refuses mismatched, reused or expired ones', async () => {
    const w = base.fork();
    const quoteId = await lock(w);
    const wrongAmount = await lock(w, '10000000');
    await w.expectRejected(w.quotation, 'createQuotation', [json(quotationTerms({ fx: { provider: 'LP1', firmQuoteId: wrongAmount } }))], w.user('CNEXP'), ErrorCodes.INVALID_ARGUMENT);
    await w.createQuotation({ fx: { provider: 'LP1', firmQuoteId: quoteId } });
    await w.expectRejected(w.quotation, 'createQuotation', [json(quotationTerms({ fx: { provider: 'LP1', firmQuoteId: quoteId } }))], w.user('CNEXP'), ErrorCodes.FX_QUOTE_ALREADY_USED);
    const shortLived = await lock(w, '9995000', at(0, 1));
    w.setTime(at(0, 2));
    await w.expectRejected(w.quotation, 'createQuotation', [json(quotationTerms({ fx: { provider: 'LP1', firmQuoteId: shortLived } }))], w.user('CNEXP'), ErrorCodes.FX_QUOTE_EXPIRED);
  });
});

describe('Quotation:acceptQuotation', () => {
  it('creates the order in the same transaction and accepts a quotation at most once', async () => {
    const w = base.fork();
    const { quotationId } = await w.createQuotation();
    const result = JSON.parse(await w.ledger.submit(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') }));
    expect(result.quotation).toMatchObject({ status: 'ACCEPTED', orderId: result.order.orderId });
    expect(result.order).toMatchObject({ status: 'CREATED', quotationId, buyerId: 'USIMP', sellerId: 'CNEXP', amount: '10000000', fundBy: at(3), shipBy: at(10), sellerRiskRating: 'LOW' });
    expect(lastEvent(w.ledger)).toMatchObject({ name: 'OrderCreated', payload: { orderId: result.order.orderId, action: 'CREATE', status: 'CREATED', by: 'USIMP' } });
    await w.expectRejected(w.quotation, 'acceptQuotation', [quotationId], w.user('USIMP'), ErrorCodes.INVALID_STATE);
  });

  it('lets only one of two concurrent acceptances commit', async () => {
    const w = base.fork();
    const { quotationId } = await w.createQuotation();
    const first = await w.ledger.simulate(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') });
    const second = await w.ledger.simulate(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') });
    expect(w.ledger.commit(first, second)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
  });

  it('keeps the fee terms of the quotation when the clearing house changes the fee', async () => {
    const w = base.fork();
    const { quotationId } = await w.createQuotation();
    await w.ledger.submit(w.clearing, 'setTradeParameters', [json({ ...PARAMETERS, platformFeeBps: 50 })], { as: admins.CH });
    const { order } = JSON.parse(await w.ledger.submit(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') }));
    expect(order.fees).toMatchObject({ platformFeeBps: 10, platformFee: '10000' });
  });

  it.each([
    ['the seller as caller', 'CNEXP', 0, ErrorCodes.UNAUTHORIZED],
    ['an expired quotation', 'USIMP', 2, ErrorCodes.DEADLINE_PASSED],
  ])('rejects %s', async (_name, caller, day, code) => {
    const w = base.fork();
    const { quotationId } = await w.createQuotation();
    w.setTime(at(day));
    await w.expectRejected(w.quotation, 'acceptQuotation', [quotationId], w.user(caller), code);
  });

  it('rejects an unknown or malformed id', async () => {
    const w = base.fork();
    await w.expectRejected(w.quotation, 'acceptQuotation', ['tx9999'], w.user('USIMP'), ErrorCodes.NOT_FOUND);
    await w.expectRejected(w.quotation, 'acceptQuotation', ['bad id'], w.user('USIMP'), ErrorCodes.INVALID_ARGUMENT);
  });

  it('refuses an under-margined seller, naming the requirement', async () => {
    const w = base.fork();
    // 2,000,000 margin at 5% covers 40,000,000 of exposure: four orders of 10,000,000, not a fifth.
    for (let index = 0; index < 4; index += 1) {
      await w.openOrder();
    }
    const { quotationId } = await w.createQuotation();
    await w.expectRejected(w.quotation, 'acceptQuotation', [quotationId], w.user('USIMP'), ErrorCodes.MARGIN_INSUFFICIENT);
    await w.postMargin('CNEXP', 'USD', '500000');
    await w.ledger.submit(w.quotation, 'acceptQuotation', [quotationId], { as: w.user('USIMP') });
  });

  it('refuses a seller whose KYC has been revoked since quoting', async () => {
    const w = base.fork();
    const { quotationId } = await w.createQuotation();
    await w.ledger.submit(w.tokens.party, 'setSanction', ['CNEXP', 'listed'], { as: clerks.CH });
    await w.expectRejected(w.quotation, 'acceptQuotation', [quotationId], w.user('USIMP'), ErrorCodes.PARTY_SANCTIONED);
  });
});

describe('Quotation withdraw, reject and expire', () => {
  it('lets the seller withdraw and the buyer reject an OPEN quotation, with reasons', async () => {
    const w = base.fork();
    const first = await w.createQuotation();
    const withdrawn = JSON.parse(await w.ledger.submit(w.quotation, 'withdrawQuotation', [json({ quotationId: first.quotationId, reason: 'price error' })], { as: w.user('CNEXP') }));
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', reason: 'price error' });
    expect(lastEvent(w.ledger).name).toBe('QuotationWithdrawn');
    await w.expectRejected(w.quotation, 'acceptQuotation', [first.quotationId], w.user('USIMP'), ErrorCodes.INVALID_STATE);

    const second = await w.createQuotation();
    await w.expectRejected(w.quotation, 'rejectQuotation', [json({ quotationId: second.quotationId, reason: 'no' })], w.user('CNEXP'), ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.quotation, 'withdrawQuotation', [json({ quotationId: second.quotationId, reason: 'no' })], w.user('USIMP'), ErrorCodes.UNAUTHORIZED);
    const rejected = JSON.parse(await w.ledger.submit(w.quotation, 'rejectQuotation', [json({ quotationId: second.quotationId, reason: 'too dear' })], { as: w.user('USIMP') }));
    expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'too dear' });
    expect(lastEvent(w.ledger).name).toBe('QuotationRejected');
    await w.expectRejected(w.quotation, 'withdrawQuotation', [json({ quotationId: second.quotationId, reason: 'x' })], w.user('CNEXP'), ErrorCodes.INVALID_STATE);
  });

  it('reads as EXPIRED after its validity and can be persisted so by any member', async () => {
    const w = base.fork();
    const { quotationId } = await w.createQuotation();
    await w.expectRejected(w.quotation, 'expireQuotation', [quotationId], clerks.CH, ErrorCodes.INVALID_STATE);
    w.setTime(at(2));
    expect(await w.query(w.quotation, 'getQuotation', [quotationId])).toMatchObject({ status: 'EXPIRED' });
    await w.expectRejected(w.quotation, 'rejectQuotation', [json({ quotationId, reason: 'late' })], w.user('USIMP'), ErrorCodes.DEADLINE_PASSED);
    await w.expectRejected(w.quotation, 'expireQuotation', [quotationId], clerks.OUTSIDER, ErrorCodes.UNAUTHORIZED);
    const expired = JSON.parse(await w.ledger.submit(w.quotation, 'expireQuotation', [quotationId], { as: clerks.CH }));
    expect(expired).toMatchObject({ status: 'EXPIRED', closedAt: at(2) });
    expect(lastEvent(w.ledger).name).toBe('QuotationExpired');
    await w.expectRejected(w.quotation, 'expireQuotation', [quotationId], clerks.CH, ErrorCodes.INVALID_STATE);
  });
});
