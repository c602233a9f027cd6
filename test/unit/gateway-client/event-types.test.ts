import { parseDomainEvent } from '../../../gateway-client/src/event-types';
import { utf8 } from './fakes';

const origin = { transactionId: 'tx1', blockNumber: 3n };

describe('parseDomainEvent', () => {
  it('types a known event and converts its amounts', () => {
    const parsed = parseDomainEvent({ ...origin, eventName: 'TokensMinted', payload: utf8('{"amount":"12500","currency":"USD","depositRef":"D1"}') });
    expect(parsed).toEqual({ ...origin, name: 'TokensMinted', payload: { amount: 12_500n, currency: 'USD', depositRef: 'D1' } });
  });

  it('delivers an unknown event name as Unrecognised with its parsed payload', () => {
    expect(parseDomainEvent({ ...origin, eventName: 'OrderShipped', payload: utf8('{"orderId":"O1"}') })).toEqual({
      ...origin,
      name: 'Unrecognised',
      eventName: 'OrderShipped',
      payload: { orderId: 'O1' },
    });
  });

  it('delivers a payload that is not JSON as Unrecognised with its bytes', () => {
    const parsed = parseDomainEvent({ ...origin, eventName: 'TokensMinted', payload: utf8('not json') });
    expect(parsed).toMatchObject({ name: 'Unrecognised', eventName: 'TokensMinted' });
  });
});
