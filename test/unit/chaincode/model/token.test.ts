import fc from 'fast-check';
import { MAX_AMOUNT } from '../../../../model/src/amount';
import { ErrorCodes } from '../../../../model/src/errors';
import {
  escrowAccount,
  marginAccount,
  parseConsolidateInput,
  parseFreezeInput,
  parseMintInput,
  parseRedeemInput,
  parseTransferInput,
  partyAccount,
} from '../../../../model/src/token';
import { codeOf } from '../expect-error';

describe('account ids', () => {
  it('name the owner kind', () => {
    expect([partyAccount('P1'), escrowAccount('ORDER-1'), marginAccount('P1')]).toEqual(['party:P1', 'escrow:ORDER-1', 'margin:P1']);
  });
});

describe('token inputs', () => {
  it('parse amounts to bigint', () => {
    expect(parseMintInput('{"currency":"USD","to":"P1","amount":"12500","depositRef":"DEP/2026:1"}')).toEqual({
      currency: 'USD',
      to: 'P1',
      amount: 12500n,
      depositRef: 'DEP/2026:1',
    });
    expect(parseRedeemInput('{"currency":"USD","from":"P1","amount":"1","withdrawalRef":"W1"}').amount).toBe(1n);
    expect(parseTransferInput('{"currency":"USD","from":"P1","to":"P2","amount":"9223372036854775807","reference":"r"}')).toEqual({
      currency: 'USD',
      from: 'P1',
      to: 'P2',
      amount: MAX_AMOUNT,
      reference: 'r',
    });
    expect(parseTransferInput('{"currency":"USD","from":"P1","to":"P2","amount":"5","reference":"r","idempotencyKey":"k-1"}').idempotencyKey).toBe('k-1');
    expect(parseFreezeInput('{"partyId":"P1","currency":"USD","reason":"r"}')).toEqual({ partyId: 'P1', currency: 'USD', reason: 'r' });
    expect(parseConsolidateInput('{"partyId":"P1","currency":"USD"}')).toEqual({ partyId: 'P1', currency: 'USD' });
  });

  const malformedAmounts: unknown[] = ['1e3', '0x10', '1.5', '-1', '', ' 1', '1 ', '+1', '01', '0', '9223372036854775808', '1_000', '١', 12500, 1.5, -1, true, [], {}];
  const parsers = [
    (amount: unknown) => parseMintInput(JSON.stringify({ currency: 'USD', to: 'P1', amount, depositRef: 'D' })),
    (amount: unknown) => parseRedeemInput(JSON.stringify({ currency: 'USD', from: 'P1', amount, withdrawalRef: 'W' })),
    (amount: unknown) => parseTransferInput(JSON.stringify({ currency: 'USD', from: 'P1', to: 'P2', amount, reference: 'r' })),
  ];

  it.each(malformedAmounts.map((amount) => [JSON.stringify(amount), amount]))('rejects the amount %s with INVALID_AMOUNT', (_label, amount) => {
    for (const parse of parsers) {
      expect(codeOf(() => parse(amount))).toBe(ErrorCodes.INVALID_AMOUNT);
    }
  });

  it('rejects every string that is not a canonical decimal in range', () => {
    fc.assert(
      fc.property(fc.string(), (amount) => {
        const valid = /^(0|[1-9][0-9]*)$/.test(amount) && BigInt(amount) > 0n && BigInt(amount) <= MAX_AMOUNT;
        const json = JSON.stringify({ currency: 'USD', to: 'P1', amount, depositRef: 'D' });
        expect(codeOf(() => parseMintInput(json))).toBe(valid ? 'no error' : ErrorCodes.INVALID_AMOUNT);
      }),
    );
  });

  it.each([
    ['a missing amount', () => parseMintInput('{"currency":"USD","to":"P1","depositRef":"D"}')],
    ['a null amount', () => parseRedeemInput('{"currency":"USD","from":"P1","amount":null,"withdrawalRef":"W"}')],
    ['an unknown field', () => parseMintInput('{"currency":"USD","to":"P1","amount":"1","depositRef":"D","x":1}')],
    ['a lower-case currency', () => parseMintInput('{"currency":"usd","to":"P1","amount":"1","depositRef":"D"}')],
    ['a deposit reference with a space', () => parseMintInput('{"currency":"USD","to":"P1","amount":"1","depositRef":"D 1"}')],
    ['a transfer to oneself', () => parseTransferInput('{"currency":"USD","from":"P1","to":"P1","amount":"1","reference":"r"}')],
    ['an overlong reference', () => parseTransferInput(JSON.stringify({ currency: 'USD', from: 'P1', to: 'P2', amount: '1', reference: 'r'.repeat(141) }))],
    ['a party id with a colon', () => parseFreezeInput('{"partyId":"party:P1","currency":"USD","reason":"r"}')],
    ['a JSON string', () => parseConsolidateInput('"P1"')],
  ])('rejects %s with INVALID_ARGUMENT', (_name, parse) => {
    expect(codeOf(parse)).toBe(ErrorCodes.INVALID_ARGUMENT);
  });
});
