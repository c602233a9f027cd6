import fc from 'fast-check';
import { MAX_AMOUNT } from '../../../../model/src/amount';
import { ErrorCodes } from '../../../../model/src/errors';
import { BANKS, issuers, START, TokenWorld } from './token-world';

/**
 * Invariant 1 (per currency, the sum of all balances equals minted minus
 * redeemed, never negative) over random sequences of mints, transfers and
 * redemptions, sequential and endorsed concurrently, against a plain model.
 */

const PARTIES = ['ALICE', 'DAN', 'BOB', 'CAROL'] as const;
/** CNY redemptions need a customer of the issuer, CNBank. */
const REDEEMERS = ['ALICE', 'DAN'] as const;

type Op =
  | { kind: 'mint'; to: string; amount: bigint }
  | { kind: 'transfer'; from: string; to: string; amount: bigint }
  | { kind: 'redeem'; from: string; amount: bigint };

const amount = fc.bigInt({ min: 1n, max: 1_000_000n });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('mint' as const), to: fc.constantFrom(...PARTIES), amount }),
  fc
    .record({ kind: fc.constant('transfer' as const), from: fc.constantFrom(...PARTIES), to: fc.constantFrom(...PARTIES), amount })
    .filter((transfer) => transfer.from !== transfer.to),
  fc.record({ kind: fc.constant('redeem' as const), from: fc.constantFrom(...REDEEMERS), amount }),
);

let base: TokenWorld;

beforeAll(async () => {
  base = await TokenWorld.create();
  await base.addParty('ALICE', BANKS.CN);
  await base.addParty('DAN', BANKS.CN);
  await base.addParty('BOB', BANKS.US);
  await base.addParty('CAROL', BANKS.JP);
  await base.addParty('LP1', BANKS.CN, { roles: ['LIQUIDITY_PROVIDER'] });
  const rate = { base: 'USD', quote: 'CNY', bid: '7.1', ask: '7.2', validFrom: START, validUntil: '2026-03-01T01:00:00Z', provider: 'LP1' };
  await base.ledger.submit(base.fx, 'postRate', [JSON.stringify(rate)], { as: base.user('LP1') });
});

function proposal(w: TokenWorld, step: Op, index: number): { fn: string; arg: string; as: ReturnType<TokenWorld['user']> } {
  switch (step.kind) {
    case 'mint':
      return { fn: 'mint', arg: JSON.stringify({ currency: 'CNY', to: step.to, amount: String(step.amount), depositRef: `D${index}` }), as: issuers.CNY };
    case 'transfer':
      return {
        fn: 'transfer',
        arg: JSON.stringify({ currency: 'CNY', from: step.from, to: step.to, amount: String(step.amount), reference: `R${index}` }),
        as: w.user(step.from),
      };
    case 'redeem':
      return { fn: 'redeem', arg: JSON.stringify({ currency: 'CNY', from: step.from, amount: String(step.amount), withdrawalRef: `W${index}` }), as: w.user(step.from) };
  }
}

function apply(model: Map<string, bigint>, step: Op): void {
  const add = (party: string, delta: bigint): void => {
    model.set(party, (model.get(party) ?? 0n) + delta);
  };
  if (step.kind === 'mint') {
    add(step.to, step.amount);
  } else if (step.kind === 'transfer') {
    add(step.from, -step.amount);
    add(step.to, step.amount);
  } else {
    add(step.from, -step.amount);
  }
}

async function expectMatchesModel(w: TokenWorld, model: Map<string, bigint>): Promise<void> {
  let total = 0n;
  for (const party of PARTIES) {
    const expected = model.get(party) ?? 0n;
    expect(expected >= 0n).toBe(true);
    expect(await w.balance(party, 'CNY')).toBe(expected);
    total += expected;
  }
  const check = await w.supplyCheck('CNY');
  expect(check).toMatchObject({ consistent: true, held: String(total), outstanding: String(total) });
}

describe('supply conservation', () => {
  it('holds over random sequential mints, transfers and redemptions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const w = base.fork();
        const model = new Map<string, bigint>();
        for (const [index, step] of ops.entries()) {
          const { fn, arg, as } = proposal(w, step, index);
          const covered = step.kind === 'mint' || (model.get(step.from) ?? 0n) >= step.amount;
          if (covered) {
            await w.ledger.submit(w.token, fn, [arg], { as });
            apply(model, step);
          } else {
            await expect(w.ledger.submit(w.token, fn, [arg], { as })).rejects.toThrow(/^INSUFFICIENT_FUNDS: /);
          }
        }
        await expectMatchesModel(w, model);
      }),
      { numRuns: 25 },
    );
  });

  it('holds when random batches are endorsed on one snapshot and validated together', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const w = base.fork();
        const model = new Map<string, bigint>();
        let index = 0;
        for (const batch of batches) {
          const sims = [];
          for (const step of batch) {
            const { fn, arg, as } = proposal(w, step, index++);
            sims.push({ step, sim: await w.ledger.simulate(w.token, fn, [arg], { as }) });
          }
          const endorsed = sims.filter(({ sim }) => sim.error === undefined);
          const codes = w.ledger.commit(...endorsed.map(({ sim }) => sim));
          endorsed.forEach(({ step }, position) => {
            if (codes[position] === 'VALID') {
              apply(model, step);
            }
          });
        }
        await expectMatchesModel(w, model);
      }),
      { numRuns: 25 },
    );
  });
});

describe('an account spread over parts, paying and paid concurrently', () => {
  /** One payment out of ALICE's spread account (with or without a part hint), or one into it. */
  type HotOp = { kind: 'pay'; to: string; amount: bigint; part?: number } | { kind: 'receive'; from: string; amount: bigint };
  const hotOp: fc.Arbitrary<HotOp> = fc.oneof(
    fc.record(
      { kind: fc.constant('pay' as const), to: fc.constantFrom('BOB', 'CAROL', 'DAN'), amount: fc.bigInt({ min: 1n, max: 400n }), part: fc.integer({ min: 0, max: 255 }) },
      { requiredKeys: ['kind', 'to', 'amount'] },
    ),
    fc.record({ kind: fc.constant('receive' as const), from: fc.constantFrom('BOB', 'CAROL'), amount: fc.bigInt({ min: 1n, max: 400n }) }),
  );

  it('never overdraws, loses or doubles money, whatever the parts, hints and interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16 }),
        fc.bigInt({ min: 0n, max: 2_000n }),
        fc.array(fc.array(hotOp, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        async (parts, funds, batches) => {
          const w = base.fork();
          const model = new Map<string, bigint>([['ALICE', funds], ['BOB', 5_000n], ['CAROL', 5_000n]]);
          for (const [party, held] of model) {
            if (held > 0n) {
              await w.mint('CNY', party, String(held), `FUND-${party}`);
            }
          }
          await w.ledger.submit(w.token, 'consolidate', [JSON.stringify({ partyId: 'ALICE', currency: 'CNY', parts })], { as: w.user('ALICE') });
          let index = 0;
          for (const batch of batches) {
            const sims = [];
            for (const step of batch) {
              const reference = `H${index++}`;
              const arg =
                step.kind === 'pay'
                  ? { currency: 'CNY', from: 'ALICE', to: step.to, amount: String(step.amount), reference, part: step.part }
                  : { currency: 'CNY', from: step.from, to: 'ALICE', amount: String(step.amount), reference };
              const sim = await w.ledger.simulate(w.token, 'transfer', [JSON.stringify(arg)], { as: w.user(step.kind === 'pay' ? 'ALICE' : step.from) });
              if (sim.error === undefined) {
                sims.push({ step, sim });
              } else {
                expect(sim.error.message).toMatch(/^INSUFFICIENT_FUNDS: /);
              }
            }
            const codes = w.ledger.commit(...sims.map(({ sim }) => sim));
            sims.forEach(({ step }, position) => {
              if (codes[position] === 'VALID') {
                apply(model, step.kind === 'pay' ? { kind: 'transfer', from: 'ALICE', to: step.to, amount: step.amount } : { kind: 'transfer', from: step.from, to: 'ALICE', amount: step.amount });
              }
            });
          }
          await expectMatchesModel(w, model);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('malformed amounts', () => {
  const malformed = fc.oneof(
    fc.constantFrom('1e3', '0x10', '1.5', '-1', '', ' 1', '1 ', '01', '+1', '0', '9223372036854775808', '99999999999999999999999'),
    fc.string().filter((text) => !(/^[1-9][0-9]*$/.test(text) && BigInt(text) <= MAX_AMOUNT)),
    // NaN and infinities serialise to null, a missing amount (INVALID_ARGUMENT), covered elsewhere.
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
  );

  it('are rejected by every value-moving transaction with INVALID_AMOUNT and no write', async () => {
    const w = base.fork();
    await w.mint('CNY', 'ALICE', '1000');
    await fc.assert(
      fc.asyncProperty(malformed, async (value) => {
        const requests: [TokenWorld['token'] | TokenWorld['fx'], string, unknown, ReturnType<TokenWorld['user']>][] = [
          [w.token, 'mint', { currency: 'CNY', to: 'ALICE', amount: value, depositRef: 'D' }, issuers.CNY],
          [w.token, 'transfer', { currency: 'CNY', from: 'ALICE', to: 'BOB', amount: value, reference: 'r' }, w.user('ALICE')],
          [w.token, 'redeem', { currency: 'CNY', from: 'ALICE', amount: value, withdrawalRef: 'W' }, w.user('ALICE')],
          [w.fx, 'lockQuote', { provider: 'LP1', base: 'USD', quote: 'CNY', side: 'SELL', amount: value, expiresAt: '2026-03-01T00:10:00Z' }, w.user('LP1')],
        ];
        for (const [contract, fn, input, as] of requests) {
          await w.expectRejected(contract, fn, [JSON.stringify(input)], as, ErrorCodes.INVALID_AMOUNT);
        }
      }),
      { numRuns: 40 },
    );
  });
});
