import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  aggregateLegs,
  checkIssuerOperator,
  checkMintReplay,
  checkRedemptionReplay,
  checkSupply,
  checkTransferReplay,
  covers,
  firstPart,
  MAX_INFLOWS_PER_DEBIT,
  movementLines,
  needsAnotherInflow,
  partsFrom,
  settleDebit,
  spreadEvenly,
  summariseSupply,
} from '../../../../chaincode/src/domain/token';
import { ErrorCodes } from '../../../../model/src/errors';
import { MAX_BALANCE_PARTS, MintRecord, RedemptionRecord, TransferRecord } from '../../../../model/src/token';
import { codeOf } from '../expect-error';

describe('aggregateLegs', () => {
  it('sums legs per currency and account and sorts them the same way on every run', () => {
    const changes = aggregateLegs([
      { from: 'party:B', to: 'escrow:O1', currency: 'USD', amount: 5n },
      { from: 'party:A', to: 'party:B', currency: 'USD', amount: 7n },
      { from: 'party:B', to: 'party:A', currency: 'CNY', amount: 3n },
    ]);
    expect(changes).toEqual([
      { account: 'party:A', currency: 'CNY', debit: 0n, credit: 3n },
      { account: 'party:B', currency: 'CNY', debit: 3n, credit: 0n },
      { account: 'escrow:O1', currency: 'USD', debit: 0n, credit: 5n },
      { account: 'party:A', currency: 'USD', debit: 7n, credit: 0n },
      { account: 'party:B', currency: 'USD', debit: 5n, credit: 7n },
    ]);
  });

  it.each([
    ['no legs', [], ErrorCodes.INVALID_ARGUMENT],
    ['a zero amount', [{ to: 'party:A' as const, currency: 'USD', amount: 0n }], ErrorCodes.INVALID_AMOUNT],
    ['a negative amount', [{ to: 'party:A' as const, currency: 'USD', amount: -1n }], ErrorCodes.INVALID_AMOUNT],
    ['neither side', [{ currency: 'USD', amount: 1n }], ErrorCodes.INVALID_ARGUMENT],
    ['the same account twice', [{ from: 'party:A' as const, to: 'party:A' as const, currency: 'USD', amount: 1n }], ErrorCodes.INVALID_ARGUMENT],
  ])('rejects %s', (_name, legs, code) => {
    expect(codeOf(() => aggregateLegs(legs))).toBe(code);
  });
});

describe('settleDebit and needsAnotherInflow', () => {
  const change = { account: 'party:A' as const, currency: 'USD', debit: 100n, credit: 0n };

  it('needs no inflow when the parts cover the debit', () => {
    expect(needsAnotherInflow(change, [100n], [])).toBe(false);
    expect(settleDebit(change, [150n], false)).toBe(50n);
    expect(settleDebit(change, [60n, 40n, 5n], false)).toBe(5n);
  });

  it('folds inflows until covered', () => {
    expect(needsAnotherInflow(change, [40n], [50n])).toBe(true);
    expect(needsAnotherInflow(change, [40n], [50n, 10n])).toBe(false);
    expect(settleDebit(change, [40n, 50n, 30n], false)).toBe(20n);
  });

  it('counts credits of the same transaction towards the debit', () => {
    expect(settleDebit({ ...change, credit: 60n }, [40n], false)).toBe(0n);
    expect(needsAnotherInflow({ ...change, credit: 60n }, [40n], [])).toBe(false);
    expect(covers({ ...change, credit: 60n }, [40n])).toBe(true);
    expect(covers(change, [99n])).toBe(false);
  });

  it('stops at the cap', () => {
    const folded = Array.from({ length: MAX_INFLOWS_PER_DEBIT }, () => 0n);
    expect(needsAnotherInflow(change, [0n], folded)).toBe(false);
  });

  it('rejects a shortfall with INSUFFICIENT_FUNDS and advises consolidation only when inflows were left', () => {
    expect(() => settleDebit(change, [10n, 20n], false)).toThrow(/^INSUFFICIENT_FUNDS: account party:A holds 30 USD, needs 100$/);
    expect(() => settleDebit(change, [10n, 20n], true)).toThrow(/call Token:consolidate and retry/);
  });
});

describe('parts of a balance', () => {
  it('reads parts from the first one, wrapping round', () => {
    expect(partsFrom(2, 4)).toEqual([2, 3, 0, 1]);
    expect(partsFrom(0, 1)).toEqual([0]);
  });

  it('starts at the payer\'s hint, taken modulo the parts', () => {
    expect(firstPart(64, 'ffffffff', 5)).toBe(5);
    expect(firstPart(64, 'ffffffff', 69)).toBe(5);
    expect(firstPart(1, 'ffffffff', 7)).toBe(0);
  });

  it('otherwise starts where the transaction id points, the same on every endorser', () => {
    expect(firstPart(64, 'tx0001')).toBe(firstPart(64, 'tx0001'));
    expect(firstPart(64, 'tx0001')).toBe(createHash('sha256').update('tx0001').digest().readUInt32BE(0) % 64);
    const txIds = Array.from({ length: 512 }, (_, n) => createHash('sha256').update(String(n)).digest('hex'));
    const used = new Set(txIds.map((txId) => firstPart(64, txId)));
    // 512 hashed ids over 64 parts: every part is someone's first choice.
    expect(used.size).toBe(64);
  });

  it('spreads a balance evenly, to the minor unit, the larger parts first', () => {
    expect(spreadEvenly(10n, 4)).toEqual([3n, 3n, 2n, 2n]);
    expect(spreadEvenly(3n, 5)).toEqual([1n, 1n, 1n, 0n, 0n]);
    expect(spreadEvenly(0n, 2)).toEqual([0n, 0n]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), fc.integer({ min: 1, max: MAX_BALANCE_PARTS }), (total, parts) => {
        const spread = spreadEvenly(total, parts);
        const largest = spread[0];
        return spread.length === parts && spread.reduce((a, b) => a + b, 0n) === total && spread.every((part) => part >= 0n && largest - part <= 1n);
      }),
    );
  });
});

describe('movementLines', () => {
  it('writes one line per side of each leg with the counterparty', () => {
    const lines = movementLines(
      [
        { from: 'party:A', to: 'party:B', currency: 'USD', amount: 5n },
        { to: 'party:C', currency: 'USD', amount: 2n },
        { from: 'party:D', currency: 'USD', amount: 1n },
      ],
      'TRANSFER',
      'INV-1',
      '2026-03-01T00:00:00.000Z',
      'tx1',
    );
    expect(lines.map((line) => [line.account, line.direction, line.amount, line.counterparty, line.leg])).toEqual([
      ['party:A', 'DEBIT', '5', 'party:B', 0],
      ['party:B', 'CREDIT', '5', 'party:A', 0],
      ['party:C', 'CREDIT', '2', undefined, 1],
      ['party:D', 'DEBIT', '1', undefined, 2],
    ]);
  });
});

describe('checkIssuerOperator', () => {
  it('accepts an issuer or admin identity of the issuer organisation', () => {
    expect(() => checkIssuerOperator('USD', 'USBankMSP', 'USBankMSP', 'issuer')).not.toThrow();
    expect(() => checkIssuerOperator('USD', 'USBankMSP', 'USBankMSP', 'admin')).not.toThrow();
  });

  it.each([
    ['no active issuer', undefined, 'USBankMSP', 'issuer', ErrorCodes.NOT_ISSUER],
    ['another organisation', 'USBankMSP', 'CNBankMSP', 'issuer', ErrorCodes.NOT_ISSUER],
    ['no role attribute', 'USBankMSP', 'USBankMSP', null, ErrorCodes.UNAUTHORIZED],
    ['a client role', 'USBankMSP', 'USBankMSP', 'client', ErrorCodes.UNAUTHORIZED],
  ])('rejects %s', (_name, issuer, caller, role, code) => {
    expect(codeOf(() => checkIssuerOperator('USD', issuer, caller, role))).toBe(code);
  });
});

describe('replay checks', () => {
  const mint: MintRecord = {
    currency: 'USD',
    depositRef: 'D1',
    to: 'P1',
    account: 'party:P1',
    amount: '100',
    issuer: 'USBankMSP',
    mintedAt: 't',
    txId: 'tx',
  };
  const redemption: RedemptionRecord = {
    currency: 'USD',
    withdrawalRef: 'W1',
    from: 'P1',
    account: 'party:P1',
    amount: '100',
    issuer: 'USBankMSP',
    redeemedAt: 't',
    txId: 'tx',
  };
  const transfer: TransferRecord = { currency: 'USD', from: 'P1', to: 'P2', amount: '100', reference: 'r', idempotencyKey: 'k', at: 't', txId: 'tx' };

  it('accepts the same request and rejects a different one under the same reference', () => {
    expect(() => checkMintReplay(mint, { currency: 'USD', depositRef: 'D1', to: 'P1', amount: 100n })).not.toThrow();
    expect(codeOf(() => checkMintReplay(mint, { currency: 'USD', depositRef: 'D1', to: 'P1', amount: 101n }))).toBe(ErrorCodes.DUPLICATE_DEPOSIT_REF);
    expect(codeOf(() => checkMintReplay(mint, { currency: 'USD', depositRef: 'D1', to: 'P2', amount: 100n }))).toBe(ErrorCodes.DUPLICATE_DEPOSIT_REF);
    expect(() => checkRedemptionReplay(redemption, { currency: 'USD', withdrawalRef: 'W1', from: 'P1', amount: 100n })).not.toThrow();
    expect(codeOf(() => checkRedemptionReplay(redemption, { currency: 'USD', withdrawalRef: 'W1', from: 'P2', amount: 100n }))).toBe(
      ErrorCodes.DUPLICATE_WITHDRAWAL_REF,
    );
    const same = { currency: 'USD', from: 'P1', to: 'P2', amount: 100n, reference: 'r', idempotencyKey: 'k' };
    expect(() => checkTransferReplay(transfer, same)).not.toThrow();
    for (const different of [{ currency: 'EUR' }, { to: 'P3' }, { amount: 1n }, { reference: 'other' }]) {
      expect(codeOf(() => checkTransferReplay(transfer, { ...same, ...different }))).toBe(ErrorCodes.DUPLICATE_IDEMPOTENCY_KEY);
    }
  });
});

describe('supply', () => {
  it('sums mints and redemptions and compares them with holdings', () => {
    const summary = summariseSupply('USD', [100n, 50n], [30n]);
    expect(summary).toEqual({ currency: 'USD', minted: '150', redeemed: '30', outstanding: '120' });
    expect(checkSupply(summary, 120n, 3)).toEqual({ ...summary, held: '120', accounts: 3, consistent: true });
    expect(checkSupply(summary, 119n, 3).consistent).toBe(false);
    expect(checkSupply(summariseSupply('USD', [], []), 0n, 0).consistent).toBe(true);
  });
});
