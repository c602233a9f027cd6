import { addOutflow, checkSingleOrder, emptyOutflow } from '../../../../chaincode/src/domain/risk';
import { errorOf } from '../expect-error';

describe('risk', () => {
  const limit = { partyId: 'B', currency: 'USD', singleOrderMax: '100', dailyOutflowMax: '200', velocityAlertPerDay: 2, setBy: 'CH', setAt: 't', txId: 'x' };

  it('names the rule that fired', () => {
    expect(errorOf(() => checkSingleOrder(limit, 101n, 'buyer'))).toMatch(/^RISK_LIMIT_EXCEEDED: single-order limit: buyer B/);
    expect(errorOf(() => checkSingleOrder(undefined, 10n ** 18n, 'seller'))).toBe('no error');
    expect(errorOf(() => addOutflow(limit, { ...emptyOutflow('B', 'USD', '2026-03-01'), amount: '150' }, 51n))).toMatch(/^RISK_LIMIT_EXCEEDED: daily outflow limit: /);
  });

  it('alerts without rejecting, and counts without limits', () => {
    const { outflow, alerts } = addOutflow(limit, { ...emptyOutflow('B', 'USD', '2026-03-01'), amount: '100', payments: 2 }, 60n);
    expect(outflow).toMatchObject({ amount: '160', payments: 3 });
    expect(alerts.map((alert) => alert.rule)).toEqual(['VELOCITY_PAYMENTS_PER_DAY', 'DAILY_OUTFLOW_NEAR_LIMIT']);
    expect(addOutflow(undefined, emptyOutflow('B', 'USD', 'd'), 5n)).toEqual({ outflow: { partyId: 'B', currency: 'USD', day: 'd', amount: '5', payments: 1 }, alerts: [] });
  });
});
