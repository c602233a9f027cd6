import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { QuotationsImpl } from '../../../../gateway-client/src/contracts/quotations';
import { FakeContract, newInvoker } from '../fakes';
import { orderJson } from './trade-records';

function quotationsOn(ledger: FakeContract): QuotationsImpl {
  return new QuotationsImpl(new ContractCalls(newInvoker(ledger), 'Quotation'));
}

const quotationJson = JSON.stringify({
  quotationId: 'tx1',
  sellerId: 'CNEXP',
  buyerId: 'USIMP',
  lineItems: [{ description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: '6000', lineTotal: '6000000' }],
  currency: 'USD',
  totalAmount: '6000000',
  status: 'OPEN',
});

describe('Quotations', () => {
  it('submits a quotation as one JSON argument with unit prices as decimal strings, and returns amounts as bigint', async () => {
    const ledger = new FakeContract({ endorse: async () => quotationJson });
    const quotation = await quotationsOn(ledger).create({
      sellerId: 'CNEXP',
      buyerId: 'USIMP',
      lineItems: [{ description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: 6_000n }],
      currency: 'USD',
      incoterm: 'FOB',
      namedPlace: 'Shanghai',
      transportMode: 'SEA',
      deliveryDate: '2026-03-31T00:00:00Z',
      shipBy: '2026-03-11T00:00:00Z',
      validUntil: '2026-03-03T00:00:00Z',
      paymentTerms: { fundWithinDays: 3, settleWithinDays: 2 },
      settlementCurrency: 'CNY',
      fx: { provider: 'LP1', firmQuoteId: 'q1' },
    });
    expect(ledger.proposals[0].name).toBe('Quotation:createQuotation');
    const sent = JSON.parse(ledger.proposals[0].arguments[0] as string);
    expect(sent.lineItems).toEqual([{ description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unit: 'PCE', unitPrice: '6000' }]);
    expect(sent).not.toHaveProperty('chargeBearer');
    expect(sent.fx).toEqual({ provider: 'LP1', firmQuoteId: 'q1' });
    expect(ledger.submitted).toEqual(['tx1']);
    expect(quotation.totalAmount).toBe(6_000_000n);
    expect(quotation.lineItems[0]).toMatchObject({ unitPrice: 6_000n, lineTotal: 6_000_000n });
  });

  it('withdraws and rejects with the quotation id and the reason', async () => {
    const ledger = new FakeContract({ endorse: async () => quotationJson });
    const quotations = quotationsOn(ledger);
    await quotations.withdraw({ quotationId: 'tx1', reason: 'price changed' });
    await quotations.reject({ quotationId: 'tx1', reason: 'too dear' });
    expect(ledger.proposals.map((p) => [p.name, JSON.parse(p.arguments[0] as string)])).toEqual([
      ['Quotation:withdrawQuotation', { quotationId: 'tx1', reason: 'price changed' }],
      ['Quotation:rejectQuotation', { quotationId: 'tx1', reason: 'too dear' }],
    ]);
  });

  it('accepts by id and returns the order it created, amounts as bigint', async () => {
    const ledger = new FakeContract({ endorse: async () => `{"quotation":${quotationJson},"order":${orderJson()}}` });
    const order = await quotationsOn(ledger).accept('tx1');
    expect(ledger.proposals[0]).toMatchObject({ name: 'Quotation:acceptQuotation', arguments: ['tx1'] });
    expect(order).toMatchObject({
      orderId: 'ORD-20260301-0123456789abcdef',
      amount: 10_000_000n,
      escrowAmount: 10_005_000n,
      fees: { platformFee: 10_000n, debtorShare: 5_000n, creditorShare: 5_000n, chargeBearer: 'SHAR' },
      lineItems: [{ unitPrice: 6_000n, lineTotal: 6_000_000n }],
    });
    expect(order).not.toHaveProperty('dispute');
  });

  it('expires as a write and reads as a query', async () => {
    const ledger = new FakeContract({ endorse: async () => quotationJson, evaluate: async () => quotationJson });
    await quotationsOn(ledger).expire('tx1');
    const read = await quotationsOn(ledger).get('tx1');
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Quotation:expireQuotation', ['tx1']],
      ['Quotation:getQuotation', ['tx1']],
    ]);
    expect(ledger.submitted).toEqual(['tx1']);
    expect(read.totalAmount).toBe(6_000_000n);
  });
});
