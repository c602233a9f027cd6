import { netPositions, obligationsFromLegs } from '../../../../chaincode/src/domain/netting';

describe('netting', () => {
  it('keeps only legs between members and nets them to zero per currency', () => {
    const members: Record<string, string> = { 'party:A': 'M1', 'party:B': 'M2', 'party:C': 'M3', 'escrow:O': 'M1' };
    const legs = [
      { from: 'escrow:O' as const, to: 'party:B' as const, currency: 'USD', amount: 100n },
      { from: 'escrow:O' as const, to: 'party:A' as const, currency: 'USD', amount: 7n },
      { from: 'party:B' as const, to: 'party:C' as const, currency: 'CNY', amount: 50n },
      { to: 'party:C' as const, currency: 'CNY', amount: 1n },
    ];
    const obligations = obligationsFromLegs(legs, (account) => members[account], { orderId: 'O', at: 't', txId: 'x' });
    expect(obligations.map((o) => [o.currency, o.payer, o.payee, o.amount, o.leg])).toEqual([
      ['USD', 'M1', 'M2', '100', 0],
      ['CNY', 'M2', 'M3', '50', 2],
    ]);
    const { positions, gross } = netPositions([...obligations, { ...obligations[0], payer: 'M2', payee: 'M1', amount: '40' }]);
    expect(gross).toEqual([
      { currency: 'CNY', amount: '50' },
      { currency: 'USD', amount: '140' },
    ]);
    expect(positions.map((p) => `${p.currency} ${p.mspId} ${p.net}`)).toEqual(['CNY M2 -50', 'CNY M3 50', 'USD M1 -60', 'USD M2 60']);
  });
});
