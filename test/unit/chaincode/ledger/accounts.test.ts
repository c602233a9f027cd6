import { Context, Contract, Transaction } from 'fabric-contract-api';
import { MAX_INFLOWS_PER_DEBIT } from '../../../../chaincode/src/domain/token';
import { postMovement } from '../../../../chaincode/src/ledger/accounts';
import { canonicalJson } from '../../../../model/src/canonical';
import { ErrorCodes } from '../../../../model/src/errors';
import { AccountId } from '../../../../model/src/token';
import { admins, BANKS, TokenWorld } from '../contracts/token-world';

/**
 * The hot-account design, exercised through Fabric's endorse-then-validate
 * cycle: transactions are endorsed on one committed snapshot and then
 * validated in block order, exactly where conflicts would show.
 */

const json = (value: unknown): string => JSON.stringify(value);

/** Stands in for the trade contracts: moves value between any accounts (escrow, margin) with ledger/accounts. */
class AccountsProbe extends Contract {
  constructor() {
    super('AccountsProbe');
  }

  @Transaction()
  async move(ctx: Context, legsJson: string): Promise<string> {
    const legs = (JSON.parse(legsJson) as { from?: AccountId; to?: AccountId; currency: string; amount: string }[]).map((leg) => ({
      ...leg,
      amount: BigInt(leg.amount),
    }));
    const posted = await postMovement(ctx, { kind: 'TRANSFER', reference: 'probe', legs });
    return canonicalJson(posted);
  }
}

async function world(): Promise<TokenWorld> {
  const w = await TokenWorld.create();
  for (const [partyId, mspId] of [
    ['ALICE', BANKS.CN],
    ['BOB', BANKS.US],
    ['CAROL', BANKS.JP],
    ['DAN', BANKS.CN],
  ] as const) {
    await w.addParty(partyId, mspId);
  }
  return w;
}

function transferArg(from: string, to: string, amount: string): string {
  return json({ currency: 'CNY', from, to, amount, reference: `${from} pays ${to}` });
}

async function pending(w: TokenWorld, partyId: string): Promise<number> {
  return (await w.queryJson<{ pendingInflows: number }>(w.token, 'balanceOf', [partyId, 'CNY'])).pendingInflows;
}

describe('concurrent credits into one account', () => {
  it('commits two transfers into one account endorsed on the same snapshot', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '1000');
    await w.mint('CNY', 'CAROL', '1000');
    const fromAlice = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'BOB', '300')], { as: w.user('ALICE') });
    const fromCarol = await w.ledger.simulate(w.token, 'transfer', [transferArg('CAROL', 'BOB', '200')], { as: w.user('CAROL') });
    // Neither reads a key the other writes: each credit is a new key named after its own transaction.
    for (const [one, other] of [
      [fromAlice, fromCarol],
      [fromCarol, fromAlice],
    ]) {
      const readByOther = [...other.reads.keys(), ...other.rangeQueries.flatMap((query) => query.reads.map((read) => read.key))];
      expect([...one.writes.keys()].filter((key) => readByOther.includes(key))).toEqual([]);
    }
    expect(w.ledger.commit(fromAlice, fromCarol)).toEqual(['VALID', 'VALID']);
    expect(await w.balance('BOB', 'CNY')).toBe(500n);
    expect(await w.balance('ALICE', 'CNY')).toBe(700n);
    expect(await w.balance('CAROL', 'CNY')).toBe(800n);
    expect(await pending(w, 'BOB')).toBe(2);
    expect(await w.supplyCheck('CNY')).toMatchObject({ outstanding: '2000', held: '2000', consistent: true });
  });

  it('commits a whole block of payments into one account, mints included', async () => {
    const w = await world();
    for (const payer of ['ALICE', 'CAROL', 'DAN']) {
      await w.mint('CNY', payer, '100');
    }
    const sims = [];
    for (const payer of ['ALICE', 'CAROL', 'DAN']) {
      sims.push(await w.ledger.simulate(w.token, 'transfer', [transferArg(payer, 'BOB', '100')], { as: w.user(payer) }));
    }
    sims.push(await w.ledger.simulate(w.token, 'mint', [json({ currency: 'CNY', to: 'BOB', amount: '5', depositRef: 'X' })], { as: admins.CN }));
    expect(w.ledger.commit(...sims)).toEqual(['VALID', 'VALID', 'VALID', 'VALID']);
    expect(await w.balance('BOB', 'CNY')).toBe(305n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '305', outstanding: '305', consistent: true });
  });
});

describe('a debit concurrent with a credit to the same account', () => {
  it('does not conflict when the base row covers the debit (no inflow is read)', async () => {
    const w = await world();
    await w.mint('CNY', 'BOB', '1000');
    await w.transfer('CNY', 'BOB', 'CAROL', '1'); // folds the mint into BOB's base row: 999
    await w.mint('CNY', 'ALICE', '100');
    const credit = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'BOB', '100')], { as: w.user('ALICE') });
    const debit = await w.ledger.simulate(w.token, 'transfer', [transferArg('BOB', 'CAROL', '500')], { as: w.user('BOB') });
    expect(debit.rangeQueries).toEqual([]);
    expect(w.ledger.commit(credit, debit)).toEqual(['VALID', 'VALID']);
    expect(await w.balance('BOB', 'CNY')).toBe(599n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '1100', consistent: true });
  });

  it('conflicts safely when the debit had to fold inflows: the debit fails whole and succeeds on retry', async () => {
    const w = await world();
    await w.mint('CNY', 'BOB', '1000');
    await w.mint('CNY', 'ALICE', '100');
    const credit = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'BOB', '100')], { as: w.user('ALICE') });
    const debit = await w.ledger.simulate(w.token, 'transfer', [transferArg('BOB', 'CAROL', '500')], { as: w.user('BOB') });
    expect(w.ledger.commit(credit, debit)).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
    // Nothing of the debit was applied: BOB kept the new credit and the old inflow.
    expect(await w.balance('BOB', 'CNY')).toBe(1100n);
    expect(await w.balance('CAROL', 'CNY')).toBe(0n);
    await w.transfer('CNY', 'BOB', 'CAROL', '500');
    expect(await w.balance('BOB', 'CNY')).toBe(600n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '1100', outstanding: '1100', consistent: true });
  });

  it('commits both when the debit is ordered first', async () => {
    const w = await world();
    await w.mint('CNY', 'BOB', '1000');
    await w.mint('CNY', 'ALICE', '100');
    const credit = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'BOB', '100')], { as: w.user('ALICE') });
    const debit = await w.ledger.simulate(w.token, 'transfer', [transferArg('BOB', 'CAROL', '500')], { as: w.user('BOB') });
    expect(w.ledger.commit(debit, credit)).toEqual(['VALID', 'VALID']);
    expect(await w.balance('BOB', 'CNY')).toBe(600n);
  });
});

describe('concurrent debits of one account', () => {
  it('never lets two spends of the same balance both commit', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '1000');
    const first = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'BOB', '800')], { as: w.user('ALICE') });
    const second = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'CAROL', '800')], { as: w.user('ALICE') });
    const codes = w.ledger.commit(first, second);
    expect(codes[0]).toBe('VALID');
    expect(codes[1]).not.toBe('VALID');
    expect(await w.balance('ALICE', 'CNY')).toBe(200n);
    expect((await w.balance('BOB', 'CNY')) + (await w.balance('CAROL', 'CNY'))).toBe(800n);
  });
});

describe('an account spread over parts', () => {
  const spread = async (w: TokenWorld, partyId: string, parts: number): Promise<{ parts: number; balance: string; folded: number }> =>
    JSON.parse(await w.ledger.submit(w.token, 'consolidate', [json({ partyId, currency: 'CNY', parts })], { as: w.user(partyId) }));
  const payFromPart = (from: string, to: string, amount: string, part: number): string =>
    json({ currency: 'CNY', from, to, amount, reference: `${from} pays ${to} from part ${part}`, part });
  const partsOf = async (w: TokenWorld, partyId: string): Promise<number> =>
    (await w.queryJson<{ parts: number }>(w.token, 'balanceOf', [partyId, 'CNY'])).parts;

  it('spreads the balance evenly, folding inflows, and says so once', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '1000', 'D1');
    await w.mint('CNY', 'ALICE', '3', 'D2');
    expect(await spread(w, 'ALICE', 4)).toMatchObject({ parts: 4, balance: '1003', folded: 2 });
    expect(await partsOf(w, 'ALICE')).toBe(4);
    expect(await pending(w, 'ALICE')).toBe(0);
    const events = w.ledger.events.length;
    // Already folded and even over four parts: nothing to write.
    const again = await w.ledger.simulate(w.token, 'consolidate', [json({ partyId: 'ALICE', currency: 'CNY', parts: 4 })], { as: w.user('ALICE') });
    expect(again.writes.size).toBe(0);
    expect(w.ledger.commit(again)).toEqual(['VALID']);
    expect(w.ledger.events.length).toBe(events);
    // Back to one part: the layout row goes and the balance is whole again.
    expect(await spread(w, 'ALICE', 1)).toMatchObject({ parts: 1, balance: '1003', folded: 0 });
    expect(await partsOf(w, 'ALICE')).toBe(1);
    expect(await w.balance('ALICE', 'CNY')).toBe(1003n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '1003', consistent: true });
  });

  it('commits concurrent debits of one account in one block when each spends its own part', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '6400');
    await spread(w, 'ALICE', 64);
    const sims = [];
    for (let part = 0; part < 32; part++) {
      sims.push(await w.ledger.simulate(w.token, 'transfer', [payFromPart('ALICE', 'BOB', '100', part)], { as: w.user('ALICE') }));
    }
    // Every debit reads and writes one part of ALICE and nothing another debit writes.
    for (const sim of sims) {
      expect(sim.rangeQueries).toEqual([]);
      expect([...sim.writes.keys()].filter((key) => key.includes('token-balance'))).toHaveLength(1);
    }
    expect(w.ledger.commit(...sims)).toEqual(sims.map(() => 'VALID'));
    expect(await w.balance('ALICE', 'CNY')).toBe(3200n);
    expect(await w.balance('BOB', 'CNY')).toBe(3200n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '6400', consistent: true });
  });

  it('lets two debits of the same part race safely: one commits, the other changes nothing', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '400');
    await spread(w, 'ALICE', 4);
    const first = await w.ledger.simulate(w.token, 'transfer', [payFromPart('ALICE', 'BOB', '60', 1)], { as: w.user('ALICE') });
    const second = await w.ledger.simulate(w.token, 'transfer', [payFromPart('ALICE', 'CAROL', '60', 5)], { as: w.user('ALICE') });
    expect(w.ledger.commit(first, second)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
    expect(await w.balance('ALICE', 'CNY')).toBe(340n);
    expect(await w.balance('CAROL', 'CNY')).toBe(0n);
  });

  it('makes up a short part from its neighbours and spreads what is left over the parts it read', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '400');
    await spread(w, 'ALICE', 4); // 100 in each part
    const sim = await w.ledger.simulate(w.token, 'transfer', [payFromPart('ALICE', 'BOB', '250', 3)], { as: w.user('ALICE') });
    // Parts 3, 0 and 1 (wrapping round) cover 250; part 2 is not read. The 50 left goes 17, 17, 16 in that order.
    const partsRead = [...sim.reads.keys()].filter((key) => key.includes('token-balance')).map((key) => key.split('\u0000')[4]);
    expect(partsRead.sort()).toEqual(['000', '001', '003']);
    expect(w.ledger.commit(sim)).toEqual(['VALID']);
    const rows = w.ledger
      .stateKeys()
      .filter((key) => key.startsWith('\u0000token-balance\u0000'))
      .map((key) => JSON.parse((w.ledger.getState(key) as Buffer).toString()) as { part: number; balance: string });
    expect(rows.map((row) => [row.part, row.balance])).toEqual([
      [0, '17'],
      [1, '16'],
      [2, '100'],
      [3, '17'],
    ]);
    expect(await w.balance('ALICE', 'CNY')).toBe(150n);
  });

  it('folds inflows only when every part together falls short, and refuses an overdraft with no write', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '200', 'D1');
    await spread(w, 'ALICE', 2);
    await w.mint('CNY', 'ALICE', '50', 'D2');
    await w.transfer('CNY', 'ALICE', 'BOB', '220');
    expect(await pending(w, 'ALICE')).toBe(0);
    expect(await w.balance('ALICE', 'CNY')).toBe(30n);
    const overdraft = await w.ledger.simulate(w.token, 'transfer', [transferArg('ALICE', 'BOB', '31')], { as: w.user('ALICE') });
    expect(overdraft.error?.message).toMatch(/^INSUFFICIENT_FUNDS: account party:ALICE holds 30 CNY, needs 31/);
    expect(overdraft.writes.size).toBe(0);
  });
});

describe('folding inflows', () => {
  it('folds only as many inflows as the debit needs', async () => {
    const w = await world();
    for (let index = 0; index < 5; index += 1) {
      await w.mint('CNY', 'BOB', '100', `D${index}`);
    }
    expect(await pending(w, 'BOB')).toBe(5);
    await w.transfer('CNY', 'BOB', 'CAROL', '250');
    expect(await pending(w, 'BOB')).toBe(2);
    expect(await w.balance('BOB', 'CNY')).toBe(250n);
    await w.transfer('CNY', 'BOB', 'CAROL', '50'); // the base (50) covers it: nothing more is folded
    expect(await pending(w, 'BOB')).toBe(2);
    expect(await w.balance('BOB', 'CNY')).toBe(200n);
  });

  it(`asks for consolidation past ${MAX_INFLOWS_PER_DEBIT} inflows, and consolidate folds them`, async () => {
    const w = await world();
    const count = MAX_INFLOWS_PER_DEBIT + 1;
    for (let index = 0; index < count; index += 1) {
      await w.mint('CNY', 'BOB', '1', `D${index}`);
    }
    const message = await w.expectRejected(w.token, 'transfer', [transferArg('BOB', 'CAROL', String(count))], w.user('BOB'), ErrorCodes.INSUFFICIENT_FUNDS);
    expect(message).toMatch(/call Token:consolidate and retry/);
    const result = JSON.parse(await w.ledger.submit(w.token, 'consolidate', [json({ partyId: 'BOB', currency: 'CNY' })], { as: w.user('BOB') }));
    expect(result).toEqual({ account: 'party:BOB', currency: 'CNY', folded: MAX_INFLOWS_PER_DEBIT, balance: String(MAX_INFLOWS_PER_DEBIT), parts: 1, at: expect.any(String), txId: expect.any(String) });
    const event = w.ledger.events[w.ledger.events.length - 1];
    expect({ name: event.name, payload: JSON.parse(event.payload.toString()) }).toEqual({ name: 'AccountConsolidated', payload: result });
    expect(await pending(w, 'BOB')).toBe(1);
    await w.transfer('CNY', 'BOB', 'CAROL', String(count));
    expect(await w.balance('BOB', 'CNY')).toBe(0n);
    expect(await w.balance('CAROL', 'CNY')).toBe(BigInt(count));
  });

  it('consolidates nothing without a write or an event', async () => {
    const w = await world();
    const sim = await w.ledger.simulate(w.token, 'consolidate', [json({ partyId: 'BOB', currency: 'CNY' })], { as: w.user('BOB') });
    expect(JSON.parse(sim.result ?? '')).toMatchObject({ folded: 0, balance: '0' });
    expect(sim.writes.size).toBe(0);
    expect(sim.event).toBeUndefined();
  });

  it.each([
    ['malformed JSON', '{', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', json({ partyId: 'BOB', currency: 'CNY', all: true }), ErrorCodes.INVALID_ARGUMENT],
    ['an unknown currency', json({ partyId: 'BOB', currency: 'KES' }), ErrorCodes.UNKNOWN_CURRENCY],
    ["another party's account", json({ partyId: 'ALICE', currency: 'CNY' }), ErrorCodes.UNAUTHORIZED],
  ])('consolidate rejects %s', async (_name, arg, code) => {
    const w = await world();
    await w.expectRejected(w.token, 'consolidate', [arg], w.user('BOB'), code);
  });
});

describe('generic accounts (escrow, margin)', () => {
  async function probeWorld(): Promise<{ w: TokenWorld; probe: AccountsProbe; move: (legs: unknown[]) => Promise<string> }> {
    const w = await world();
    const probe = new AccountsProbe();
    return { w, probe, move: (legs) => w.ledger.submit(probe, 'move', [json(legs)], { as: admins.CH }) };
  }

  it('counts escrow and margin accounts in the supply check', async () => {
    const { w, move } = await probeWorld();
    await w.mint('CNY', 'ALICE', '1000');
    await move([
      { from: 'party:ALICE', to: 'escrow:ORDER-1', currency: 'CNY', amount: '600' },
      { from: 'party:ALICE', to: 'margin:ALICE', currency: 'CNY', amount: '100' },
    ]);
    expect(await w.balance('ALICE', 'CNY')).toBe(300n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '1000', outstanding: '1000', accounts: 3, consistent: true });
    await move([
      { from: 'escrow:ORDER-1', to: 'party:BOB', currency: 'CNY', amount: '550' },
      { from: 'escrow:ORDER-1', to: 'party:DAN', currency: 'CNY', amount: '50' },
    ]);
    expect(await w.balance('BOB', 'CNY')).toBe(550n);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '1000', consistent: true });
  });

  it('reads and writes an account once when one transaction debits and credits it', async () => {
    const { w, probe } = await probeWorld();
    await w.mint('CNY', 'ALICE', '100');
    const sim = await w.ledger.simulate(
      probe,
      'move',
      [
        json([
          { from: 'party:ALICE', to: 'escrow:O2', currency: 'CNY', amount: '100' },
          { from: 'escrow:O2', to: 'party:BOB', currency: 'CNY', amount: '30' },
        ]),
      ],
      { as: admins.CH },
    );
    expect(JSON.parse(sim.result ?? '')).toEqual([
      { account: 'escrow:O2', currency: 'CNY', debit: '30', credit: '100', base: '70' },
      { account: 'party:ALICE', currency: 'CNY', debit: '100', credit: '0', base: '0' },
      { account: 'party:BOB', currency: 'CNY', debit: '0', credit: '30' },
    ]);
    expect(w.ledger.commit(sim)).toEqual(['VALID']);
    // ALICE paid out everything, so it holds no row any more: two accounts hold the 100.
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '100', accounts: 2, consistent: true });
  });

  it('refuses a frozen account even when the movement nets to zero for it', async () => {
    const { w, probe } = await probeWorld();
    await w.mint('CNY', 'ALICE', '100');
    await w.ledger.submit(w.token, 'freeze', [json({ partyId: 'BOB', currency: 'CNY', reason: 'review' })], { as: admins.CH });
    const legs = [
      { from: 'party:ALICE', to: 'party:BOB', currency: 'CNY', amount: '10' },
      { from: 'party:BOB', to: 'party:ALICE', currency: 'CNY', amount: '10' },
    ];
    const sim = await w.ledger.simulate(probe, 'move', [json(legs)], { as: admins.CH });
    expect(sim.error?.message).toMatch(/^ACCOUNT_FROZEN: account party:BOB is frozen in CNY/);
  });
});
