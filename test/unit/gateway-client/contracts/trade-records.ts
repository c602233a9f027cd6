/** Chaincode results as they come over the wire (amounts as decimal strings), for the trade contract tests. */

export const ORDER_ID = 'ORD-20260301-0123456789abcdef';

export function orderJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    orderId: ORDER_ID,
    quotationId: 'tx1',
    sellerId: 'CNEXP',
    buyerId: 'USIMP',
    lineItems: [{ description: 'LED desk lamp', hsCode: '940520', quantity: '1000', unitPrice: '6000', lineTotal: '6000000' }],
    currency: 'USD',
    amount: '10000000',
    settlementCurrency: 'CNY',
    fees: { platformFeeBps: 10, chargeBearer: 'SHAR', platformFee: '10000', debtorShare: '5000', creditorShare: '5000', feeCollector: 'FEES' },
    escrowAmount: '10005000',
    escrowAccount: `escrow:${ORDER_ID}`,
    status: 'CREATED',
    ...overrides,
  });
}

export const settlementJson = JSON.stringify({
  orderId: ORDER_ID,
  endToEndId: ORDER_ID,
  kind: 'RELEASE',
  instructedAmount: '10000000',
  instructedCurrency: 'USD',
  convertedAmount: '9995000',
  settledAmount: '71164400',
  settledCurrency: 'CNY',
  exchangeRate: { unitCurrency: 'USD', quotedCurrency: 'CNY', rate: '7.12', source: 'FIRM_QUOTE', provider: 'LP1', reference: 'q1' },
  chargeBearer: 'SHAR',
  charges: [
    { type: 'PLATFORM_FEE', amount: '5000', currency: 'USD', bearer: 'DEBT' },
    { type: 'FX_SPREAD', amount: '299850', currency: 'CNY', bearer: 'CRED' },
  ],
  deadlineMet: true,
});

export const claimJson = JSON.stringify({ orderId: ORDER_ID, partyId: 'CNEXP', beneficiary: 'USIMP', currency: 'USD', maxAmount: '500000', status: 'OPEN' });
