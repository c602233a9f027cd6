import { computeFees, newOrder } from '../../../../chaincode/src/domain/order';
import { checkSellerAmount, midRate, planSettlement, uetrFor } from '../../../../chaincode/src/domain/settlement';
import { Quotation } from '../../../../model/src/quotation';
import { CHARGE_TYPES, RATE_SOURCES_USED } from '../../../../model/src/settlement';
import { codeOf } from '../expect-error';

const quotation: Quotation = {
  quotationId: 'tx1',
  sellerId: 'S',
  buyerId: 'B',
  lineItems: [{ description: 'd', hsCode: '940520', quantity: '1', unitPrice: '1000', lineTotal: '1000' }],
  currency: 'USD',
  totalAmount: '1000',
  incoterm: 'EXW',
  namedPlace: 'p',
  transportMode: 'ROAD',
  deliveryDate: '2026-03-10T00:00:00.000Z',
  shipBy: '2026-03-05T00:00:00.000Z',
  paymentTerms: { fundWithinDays: 1, settleWithinDays: 1 },
  settlementCurrency: 'JPY',
  fx: { provider: 'LP' },
  fees: { platformFeeBps: 100, chargeBearer: 'SHAR', feeCollector: 'F' },
  validUntil: '2026-03-02T00:00:00.000Z',
  status: 'OPEN',
  createdAt: '2026-03-01T00:00:00.000Z',
  txId: 'tx1',
};
const order = newOrder(quotation, { orderId: 'ORD-20260301-0000000000000001', at: '2026-03-01T00:00:00.000Z', sellerRiskRating: 'LOW' });
const at = '2026-03-03T00:00:00.000Z';

describe('planSettlement', () => {
  it('empties the escrow exactly: seller side + fee + refund = escrow', () => {
    const conversion = { source: 'POSTED_RATE' as const, provider: 'LP', reference: 'tx9', direction: 'BASE_TO_QUOTE' as const, rate: 1_505_000_000_000n, mid: 1_510_000_000_000n };
    for (const [kind, sellerAmount] of [['RELEASE', 1000n], ['SPLIT', 333n]] as const) {
      const { legs, record } = planSettlement(order, { kind, sellerAmount, conversion, units: { from: 2, to: 0 }, at, txId: 'tx10' });
      const outOfEscrow = legs.filter((leg) => leg.from === order.escrowAccount).reduce((sum, leg) => sum + leg.amount, 0n);
      expect(outOfEscrow).toBe(BigInt(order.escrowAmount));
      expect(record.kind).toBe(kind);
    }
  });

  it('converts 995 USD cents at 150.5 into 1497 JPY (rounded down) and itemises the spread against the mid', () => {
    const conversion = { source: 'POSTED_RATE' as const, provider: 'LP', reference: 'tx9', direction: 'BASE_TO_QUOTE' as const, rate: 1_505_000_000_000n, mid: 1_510_000_000_000n };
    const { record } = planSettlement(order, { kind: 'RELEASE', sellerAmount: 1000n, conversion, units: { from: 2, to: 0 }, at, txId: 'tx10' });
    expect(record).toMatchObject({ convertedAmount: '995', settledAmount: '1497', exchangeRate: { rate: '150.5' } });
    expect(record.charges).toEqual([
      { type: 'PLATFORM_FEE', amount: '5', currency: 'USD', bearer: 'DEBT' },
      { type: 'PLATFORM_FEE', amount: '5', currency: 'USD', bearer: 'CRED' },
      { type: 'FX_SPREAD', amount: '5', currency: 'JPY', bearer: 'CRED' },
    ]);
  });

  it('refuses an amount worth less than one minor unit, a missing conversion and a missing fee collector', () => {
    const tiny = { source: 'POSTED_RATE' as const, provider: 'LP', reference: 'r', direction: 'BASE_TO_QUOTE' as const, rate: 1n };
    expect(codeOf(() => planSettlement(order, { kind: 'RELEASE', sellerAmount: 1000n, conversion: tiny, units: { from: 2, to: 0 }, at, txId: 't' }))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => planSettlement(order, { kind: 'RELEASE', sellerAmount: 1000n, units: { from: 2, to: 0 }, at, txId: 't' }))).toBe('RATE_NOT_FOUND');
    const noCollector = { ...order, settlementCurrency: 'USD', fx: undefined, fees: { ...computeFees(1000n, 100, 'SHAR') } };
    expect(codeOf(() => planSettlement(noCollector, { kind: 'RELEASE', sellerAmount: 1000n, units: { from: 2, to: 2 }, at, txId: 't' }))).toBe('INVALID_STATE');
  });

  it('checks the seller amount of a release and a split', () => {
    expect(codeOf(() => checkSellerAmount(order, 'RELEASE', 999n))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => checkSellerAmount(order, 'SPLIT', 0n))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => checkSellerAmount(order, 'SPLIT', 999n))).toBe('no error');
  });
});

describe('uetrFor', () => {
  it('is a UUID v4 / variant 1, stable per order id', () => {
    const uetr = uetrFor('ORD-20260301-0000000000000001');
    expect(uetr).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uetrFor('ORD-20260301-0000000000000001')).toBe(uetr);
    expect(uetrFor('ORD-20260301-0000000000000002')).not.toBe(uetr);
    expect(midRate(7n, 8n)).toBe(7n);
    expect([...CHARGE_TYPES, ...RATE_SOURCES_USED]).toEqual(['PLATFORM_FEE', 'FX_SPREAD', 'FIRM_QUOTE', 'POSTED_RATE']);
  });
});
