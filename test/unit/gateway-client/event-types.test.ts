import { parseDomainEvent } from '../../../gateway-client/src/event-types';
import { utf8 } from './fakes';

const origin = { transactionId: 'tx1', blockNumber: 3n };

describe('parseDomainEvent', () => {
  it('types a known event and converts its amounts', () => {
    const parsed = parseDomainEvent({ ...origin, eventName: 'TokensMinted', payload: utf8('{"amount":"12500","currency":"USD","depositRef":"D1"}') });
    expect(parsed).toEqual({ ...origin, name: 'TokensMinted', payload: { amount: 12_500n, currency: 'USD', depositRef: 'D1' } });
  });

  it('delivers an unknown event name as Unrecognised with its parsed payload', () => {
    expect(parseDomainEvent({ ...origin, eventName: 'OrderLost', payload: utf8('{"orderId":"O1"}') })).toEqual({
      ...origin,
      name: 'Unrecognised',
      eventName: 'OrderLost',
      payload: { orderId: 'O1' },
    });
  });

  it('converts the amounts of trade events, nested records included', () => {
    const settled = {
      orderId: 'O1',
      action: 'SETTLE',
      status: 'SETTLED',
      amount: '10000000',
      settlement: { instructedAmount: '10000000', convertedAmount: '9995000', settledAmount: '71164400', charges: [{ type: 'FX_SPREAD', amount: '299850' }] },
    };
    const parsed = parseDomainEvent({ ...origin, eventName: 'OrderSettled', payload: utf8(JSON.stringify(settled)) });
    expect(parsed.name === 'OrderSettled' && parsed.payload).toMatchObject({
      amount: 10_000_000n,
      settlement: { settledAmount: 71_164_400n, charges: [{ amount: 299_850n }] },
    });
    const defaulted = { orderId: 'O1', amount: '100', refunded: '105', claim: { maxAmount: '5', status: 'OPEN' } };
    const parsedDefault = parseDomainEvent({ ...origin, eventName: 'OrderDefaulted', payload: utf8(JSON.stringify(defaulted)) });
    expect(parsedDefault.name === 'OrderDefaulted' && parsedDefault.payload).toMatchObject({ refunded: 105n, claim: { maxAmount: 5n } });
    const netting = { runId: 'tx1', gross: [{ currency: 'USD', amount: '7' }], positions: [{ currency: 'USD', mspId: 'A', receivable: '0', payable: '7', net: '-7' }] };
    const parsedRun = parseDomainEvent({ ...origin, eventName: 'NettingRecorded', payload: utf8(JSON.stringify(netting)) });
    expect(parsedRun.name === 'NettingRecorded' && parsedRun.payload.positions[0].net).toBe(-7n);
  });

  it('delivers a known event with a malformed amount as Unrecognised', () => {
    const parsed = parseDomainEvent({ ...origin, eventName: 'QuotationCreated', payload: utf8('{"quotationId":"q","totalAmount":"1.5"}') });
    expect(parsed).toMatchObject({ name: 'Unrecognised', eventName: 'QuotationCreated', payload: { totalAmount: '1.5' } });
  });

  it('delivers a payload that is not JSON as Unrecognised with its bytes', () => {
    const parsed = parseDomainEvent({ ...origin, eventName: 'TokensMinted', payload: utf8('not json') });
    expect(parsed).toMatchObject({ name: 'Unrecognised', eventName: 'TokensMinted' });
  });
});
