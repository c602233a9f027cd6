import fc from 'fast-check';
import { addDays, computeFees, convertedAmount, orderIdFor } from '../../../../chaincode/src/domain/order';

describe('computeFees', () => {
  it.each([
    ['SHAR', 10000000n, 10, { platformFee: '10000', debtorShare: '5000', creditorShare: '5000' }],
    ['SHAR', 15n, 10000 / 10, { platformFee: '2', debtorShare: '1', creditorShare: '1' }],
    ['SHAR', 30n, 1000, { platformFee: '3', debtorShare: '1', creditorShare: '2' }],
    ['DEBT', 12345n, 100, { platformFee: '123', debtorShare: '123', creditorShare: '0' }],
    ['CRED', 12350n, 100, { platformFee: '124', debtorShare: '0', creditorShare: '124' }],
    ['CRED', 1n, 1000, { platformFee: '0', debtorShare: '0', creditorShare: '0' }],
  ] as const)('%s on %s at %s bps rounds half up and gives the odd unit to the seller', (bearer, amount, bps, expected) => {
    expect(computeFees(amount, bps, bearer)).toEqual({ platformFeeBps: bps, chargeBearer: bearer, ...expected });
  });

  it('always splits the whole fee and leaves a positive converted amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 63n) - 1n }), fc.integer({ min: 0, max: 1000 }), fc.constantFrom('DEBT' as const, 'CRED' as const, 'SHAR' as const), (amount, bps, bearer) => {
        const fees = computeFees(amount, bps, bearer);
        expect(BigInt(fees.debtorShare) + BigInt(fees.creditorShare)).toBe(BigInt(fees.platformFee));
        expect(convertedAmount(amount, fees) > 0n).toBe(true);
      }),
    );
  });
});

describe('orderIdFor', () => {
  it('is deterministic, fits an ISO 20022 end-to-end id and differs per quotation', () => {
    const id = orderIdFor('tx0042', '2026-03-01T10:00:00.000Z');
    expect(id).toBe(orderIdFor('tx0042', '2026-03-01T10:00:00.000Z'));
    expect(id).toMatch(/^ORD-20260301-[0-9a-f]{16}$/);
    expect(id.length).toBeLessThanOrEqual(35);
    expect(orderIdFor('tx0043', '2026-03-01T10:00:00.000Z')).not.toBe(id);
  });

  it('adds whole days in UTC', () => {
    expect(addDays('2026-02-27T12:00:00.000Z', 3)).toBe('2026-03-02T12:00:00.000Z');
  });
});
