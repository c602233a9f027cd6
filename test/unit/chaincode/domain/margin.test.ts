import { changeExposure, decideClaim, emptyExposure, marginFor, marginPosition, openClaim } from '../../../../chaincode/src/domain/margin';
import { codeOf } from '../expect-error';

describe('margin', () => {
  it('rounds the requirement up and never lets exposure go negative', () => {
    expect(marginFor(1n, 500)).toBe(1n);
    expect(marginFor(10000n, 500)).toBe(500n);
    const open = changeExposure(emptyExposure('S', 'USD'), { amount: 100n, orders: 1 }, 't', 'tx');
    expect(marginPosition(open, 3n, 'LOW', 500)).toMatchObject({ required: '5', free: '0', shortfall: '2' });
    expect(codeOf(() => changeExposure(open, { amount: -101n, orders: -1 }, 't', 'tx'))).toBe('INVALID_STATE');
  });

  it('decides a claim once, up to its maximum', () => {
    const claim = openClaim({ orderId: 'O', sellerId: 'S', buyerId: 'B', currency: 'USD' }, 50n, 't');
    expect(codeOf(() => decideClaim(claim, 51n, { by: 'CH', at: 't', txId: 'x' }))).toBe('INVALID_AMOUNT');
    const decided = decideClaim(claim, 50n, { by: 'CH', at: 't', txId: 'x' });
    expect(codeOf(() => decideClaim(decided, 1n, { by: 'CH', at: 't', txId: 'y' }))).toBe('INVALID_STATE');
  });
});
