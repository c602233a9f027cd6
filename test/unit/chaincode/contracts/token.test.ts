import type { Page } from '../../../../model/src/paging';
import { ErrorCodes } from '../../../../model/src/errors';
import { identity } from '../../../support';
import { admins, BANKS, clerks, issuers, KYC_EXPIRY, TokenWorld } from './token-world';

const json = (value: unknown): string => JSON.stringify(value);

async function world(): Promise<TokenWorld> {
  const w = await TokenWorld.create();
  await w.addParty('ALICE', BANKS.CN);
  await w.addParty('BOB', BANKS.US);
  await w.addParty('CAROL', BANKS.JP);
  return w;
}

function lastEvent(w: TokenWorld): { name: string; payload: Record<string, unknown> } {
  const event = w.ledger.events[w.ledger.events.length - 1];
  return { name: event.name, payload: JSON.parse(event.payload.toString('utf8')) as Record<string, unknown> };
}

describe('Token:registerCurrency', () => {
  it('lets a clearing house admin add a currency outside the ISO table', async () => {
    const w = await world();
    const result = JSON.parse(await w.ledger.submit(w.token, 'registerCurrency', [json({ code: 'KES', name: 'Kenyan shilling', minorUnits: 2 })], { as: admins.CH }));
    expect(result).toEqual({
      code: 'KES',
      name: 'Kenyan shilling',
      minorUnits: 2,
      source: 'REGISTERED',
      registeredBy: BANKS.CH,
      registeredAt: '2026-03-01T00:00:00.000Z',
      txId: expect.any(String),
    });
    expect(lastEvent(w)).toEqual({ name: 'CurrencyRegistered', payload: result });
    expect(await w.queryJson(w.token, 'getCurrency', ['KES'])).toEqual(result);
    const codes = (await w.queryJson<{ code: string }[]>(w.token, 'listCurrencies', [])).map((currency) => currency.code);
    expect(codes).toContain('KES');
    expect(codes).toEqual([...codes].sort());
  });

  it("lets the currency's issuer operator register it, after which it can mint", async () => {
    const w = await world();
    await w.expectRejected(w.token, 'mint', [json({ currency: 'XTS', to: 'BOB', amount: '5', depositRef: 'D1' })], issuers.USD, ErrorCodes.UNKNOWN_CURRENCY);
    await w.ledger.submit(w.token, 'registerCurrency', [json({ code: 'XTS', name: 'Test units', minorUnits: 3 })], { as: issuers.USD });
    await w.ledger.submit(w.token, 'mint', [json({ currency: 'XTS', to: 'BOB', amount: '5', depositRef: 'D1' })], { as: issuers.USD });
    expect(await w.balance('BOB', 'XTS')).toBe(5n);
  });

  it.each([
    ['malformed JSON', '{', admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', json({ code: 'KES', name: 'K', minorUnits: 2, decimals: 2 }), admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['a lower-case code', json({ code: 'kes', name: 'K', minorUnits: 2 }), admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['minor units as a string', json({ code: 'KES', name: 'K', minorUnits: '2' }), admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['minor units above 4', json({ code: 'KES', name: 'K', minorUnits: 5 }), admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['missing minor units', json({ code: 'KES', name: 'K' }), admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['a built-in code', json({ code: 'USD', name: 'K', minorUnits: 2 }), admins.CH, ErrorCodes.ALREADY_EXISTS],
    ['a clearing house identity without admin role', json({ code: 'KES', name: 'K', minorUnits: 2 }), clerks.CH, ErrorCodes.UNAUTHORIZED],
    ['an issuer of another currency', json({ code: 'KES', name: 'K', minorUnits: 2 }), issuers.CNY, ErrorCodes.UNAUTHORIZED],
    ['an issuer clerk without role', json({ code: 'XTS', name: 'K', minorUnits: 2 }), clerks.US, ErrorCodes.UNAUTHORIZED],
    ['an outsider', json({ code: 'KES', name: 'K', minorUnits: 2 }), clerks.OUTSIDER, ErrorCodes.UNAUTHORIZED],
  ])('rejects %s', async (_name, arg, as, code) => {
    const w = await world();
    await w.expectRejected(w.token, 'registerCurrency', [arg], as, code);
  });

  it('rejects registering twice', async () => {
    const w = await world();
    const arg = json({ code: 'KES', name: 'Kenyan shilling', minorUnits: 2 });
    await w.ledger.submit(w.token, 'registerCurrency', [arg], { as: admins.CH });
    await w.expectRejected(w.token, 'registerCurrency', [arg], admins.CH, ErrorCodes.ALREADY_EXISTS);
  });

  it('answers currency queries and rejects unknown or malformed codes', async () => {
    const w = await world();
    expect(await w.queryJson(w.token, 'getCurrency', ['JPY'])).toEqual({ code: 'JPY', name: 'Japanese yen', minorUnits: 0, source: 'ISO4217' });
    await expect(w.ledger.evaluate(w.token, 'getCurrency', ['KES'], { as: clerks.CH })).rejects.toThrow(/^UNKNOWN_CURRENCY: /);
    await expect(w.ledger.evaluate(w.token, 'getCurrency', ['usd'], { as: clerks.CH })).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});

describe('Token:mint', () => {
  const mintArg = (fields: Record<string, unknown> = {}): string => json({ currency: 'CNY', to: 'ALICE', amount: '10000', depositRef: 'DEP-1', ...fields });

  it('credits the party, records the deposit and emits TokensMinted', async () => {
    const w = await world();
    const result = JSON.parse(await w.ledger.submit(w.token, 'mint', [mintArg()], { as: issuers.CNY }));
    expect(result).toEqual({
      currency: 'CNY',
      depositRef: 'DEP-1',
      to: 'ALICE',
      account: 'party:ALICE',
      amount: '10000',
      issuer: BANKS.CN,
      mintedAt: '2026-03-01T00:00:00.000Z',
      txId: expect.any(String),
    });
    expect(lastEvent(w)).toEqual({ name: 'TokensMinted', payload: result });
    expect(await w.balance('ALICE', 'CNY')).toBe(10000n);
    expect(await w.queryJson(w.token, 'totalSupply', ['CNY'])).toEqual({ currency: 'CNY', minted: '10000', redeemed: '0', outstanding: '10000' });
    const history = (await w.queryJson<Page<Record<string, unknown>>>(w.token, 'accountHistory', ['ALICE', 'CNY', '', ''])).records;
    expect(history).toEqual([
      { account: 'party:ALICE', currency: 'CNY', direction: 'CREDIT', amount: '10000', kind: 'MINT', reference: 'DEP-1', at: '2026-03-01T00:00:00.000Z', txId: result.txId, leg: 0 },
    ]);
  });

  it('accepts an admin of the issuer as well as its issuer role', async () => {
    const w = await world();
    await w.ledger.submit(w.token, 'mint', [mintArg()], { as: admins.CN });
    expect(await w.balance('ALICE', 'CNY')).toBe(10000n);
  });

  it('returns the first result for the same deposit again and writes nothing', async () => {
    const w = await world();
    const first = await w.ledger.submit(w.token, 'mint', [mintArg()], { as: issuers.CNY });
    const events = w.ledger.events.length;
    const replay = await w.ledger.simulate(w.token, 'mint', [mintArg()], { as: admins.CN });
    expect(replay.result).toBe(first);
    expect(replay.writes.size).toBe(0);
    expect(replay.event).toBeUndefined();
    expect(w.ledger.commit(replay)).toEqual(['VALID']);
    expect(w.ledger.events.length).toBe(events);
    expect(await w.balance('ALICE', 'CNY')).toBe(10000n);
  });

  it('rejects a different mint under the same deposit reference', async () => {
    const w = await world();
    await w.ledger.submit(w.token, 'mint', [mintArg()], { as: issuers.CNY });
    await w.addParty('DAVE', BANKS.CN);
    await w.expectRejected(w.token, 'mint', [mintArg({ amount: '10001' })], issuers.CNY, ErrorCodes.DUPLICATE_DEPOSIT_REF);
    await w.expectRejected(w.token, 'mint', [mintArg({ to: 'DAVE' })], issuers.CNY, ErrorCodes.DUPLICATE_DEPOSIT_REF);
  });

  it('scopes deposit references per currency', async () => {
    const w = await world();
    await w.mint('CNY', 'ALICE', '100', 'SAME-REF');
    await w.mint('USD', 'ALICE', '200', 'SAME-REF');
    expect(await w.balance('ALICE', 'USD')).toBe(200n);
  });

  it('never lets two mints of one deposit both commit', async () => {
    const w = await world();
    const first = await w.ledger.simulate(w.token, 'mint', [mintArg()], { as: issuers.CNY });
    const second = await w.ledger.simulate(w.token, 'mint', [mintArg()], { as: issuers.CNY });
    expect(w.ledger.commit(first, second)).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
    expect(await w.balance('ALICE', 'CNY')).toBe(10000n);
  });

  it('lets mints of different deposits commit together (no supply counter)', async () => {
    const w = await world();
    const sims = [];
    for (const ref of ['A', 'B', 'C']) {
      sims.push(await w.ledger.simulate(w.token, 'mint', [mintArg({ depositRef: ref })], { as: issuers.CNY }));
    }
    expect(w.ledger.commit(...sims)).toEqual(['VALID', 'VALID', 'VALID']);
    expect(await w.balance('ALICE', 'CNY')).toBe(30000n);
  });

  it.each([
    ['malformed JSON', 'not json', issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', mintArg({ memo: 'x' }), issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['a missing amount', json({ currency: 'CNY', to: 'ALICE', depositRef: 'D' }), issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['a null amount', mintArg({ amount: null }), issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['a zero amount', mintArg({ amount: '0' }), issuers.CNY, ErrorCodes.INVALID_AMOUNT],
    ['a bad deposit reference', mintArg({ depositRef: 'has space' }), issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['a JSON array', '[]', issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown currency', mintArg({ currency: 'KES' }), issuers.CNY, ErrorCodes.UNKNOWN_CURRENCY],
    ['a currency without issuer', mintArg({ currency: 'EUR' }), issuers.CNY, ErrorCodes.NOT_ISSUER],
    ["another member's currency", mintArg({ currency: 'USD' }), issuers.CNY, ErrorCodes.NOT_ISSUER],
    ['the clearing house', mintArg(), admins.CH, ErrorCodes.NOT_ISSUER],
    ['an issuer clerk without role', mintArg(), clerks.CN, ErrorCodes.UNAUTHORIZED],
    ['a party identity of the issuer', mintArg(), identity(BANKS.CN, 'user-ALICE', {}), ErrorCodes.UNAUTHORIZED],
    ['an unknown party', mintArg({ to: 'NOBODY' }), issuers.CNY, ErrorCodes.NOT_FOUND],
  ])('rejects %s', async (_name, arg, as, code) => {
    const w = await world();
    await w.expectRejected(w.token, 'mint', [arg], as, code);
  });

  it('rejects an unverified, sanctioned or expired party and a frozen account', async () => {
    const w = await world();
    await w.addParty('PENDING', BANKS.CN, { verify: false });
    await w.expectRejected(w.token, 'mint', [mintArg({ to: 'PENDING' })], issuers.CNY, ErrorCodes.KYC_NOT_VERIFIED);
    await w.ledger.submit(w.token, 'freeze', [json({ partyId: 'ALICE', currency: 'CNY', reason: 'court order' })], { as: admins.CH });
    await w.expectRejected(w.token, 'mint', [mintArg()], issuers.CNY, ErrorCodes.ACCOUNT_FROZEN);
    await w.ledger.submit(w.party, 'setSanction', ['BOB', 'listed'], { as: admins.CH });
    await w.expectRejected(w.token, 'mint', [mintArg({ currency: 'USD', to: 'BOB' })], issuers.USD, ErrorCodes.PARTY_SANCTIONED);
    w.ledger.setTime(KYC_EXPIRY);
    await w.expectRejected(w.token, 'mint', [mintArg({ currency: 'JPY', to: 'CAROL' })], issuers.JPY, ErrorCodes.KYC_EXPIRED);
  });

  it('rejects a suspended issuer', async () => {
    const w = await world();
    const proposal = JSON.parse(
      await w.ledger.submit(w.consortium, 'propose', [json({ action: 'SUSPEND', mspId: BANKS.CN, reason: 'audit' })], { as: admins.US }),
    ) as { proposalId: string };
    for (const admin of [admins.US, admins.JP, admins.CH]) {
      const open = JSON.parse(await w.ledger.evaluate(w.consortium, 'getProposal', [proposal.proposalId], { as: admin })) as { status: string };
      if (open.status === 'OPEN') {
        await w.ledger.submit(w.consortium, 'vote', [proposal.proposalId, 'YES'], { as: admin });
      }
    }
    await w.expectRejected(w.token, 'mint', [mintArg()], issuers.CNY, ErrorCodes.NOT_ISSUER);
  });
});

describe('Token:redeem', () => {
  const redeemArg = (fields: Record<string, unknown> = {}): string => json({ currency: 'USD', from: 'BOB', amount: '300', withdrawalRef: 'WD-1', ...fields });

  async function funded(): Promise<TokenWorld> {
    const w = await world();
    await w.mint('USD', 'BOB', '1000');
    return w;
  }

  it("burns the holder's tokens at its own request and emits TokensRedeemed", async () => {
    const w = await funded();
    const result = JSON.parse(await w.ledger.submit(w.token, 'redeem', [redeemArg()], { as: w.user('BOB') }));
    expect(result).toEqual({
      currency: 'USD',
      withdrawalRef: 'WD-1',
      from: 'BOB',
      account: 'party:BOB',
      amount: '300',
      issuer: BANKS.US,
      redeemedAt: '2026-03-01T00:00:00.000Z',
      txId: expect.any(String),
    });
    expect(lastEvent(w)).toEqual({ name: 'TokensRedeemed', payload: result });
    expect(await w.balance('BOB', 'USD')).toBe(700n);
    expect(await w.queryJson(w.token, 'totalSupply', ['USD'])).toEqual({ currency: 'USD', minted: '1000', redeemed: '300', outstanding: '700' });
    expect(await w.supplyCheck('USD')).toMatchObject({ held: '700', outstanding: '700', consistent: true });
  });

  it('is idempotent per withdrawal reference', async () => {
    const w = await funded();
    const first = await w.ledger.submit(w.token, 'redeem', [redeemArg()], { as: w.user('BOB') });
    const replay = await w.ledger.simulate(w.token, 'redeem', [redeemArg()], { as: w.user('BOB') });
    expect(replay.result).toBe(first);
    expect(replay.writes.size).toBe(0);
    await w.expectRejected(w.token, 'redeem', [redeemArg({ amount: '1' })], w.user('BOB'), ErrorCodes.DUPLICATE_WITHDRAWAL_REF);
  });

  it('rejects every rule with no write', async () => {
    const w = await funded();
    await w.addParty('ERIN', BANKS.US);
    await w.mint('CNY', 'ALICE', '1000');
    await w.expectRejected(w.token, 'redeem', ['{'], w.user('BOB'), ErrorCodes.INVALID_ARGUMENT);
    await w.expectRejected(w.token, 'redeem', [redeemArg({ amount: '1.5' })], w.user('BOB'), ErrorCodes.INVALID_AMOUNT);
    await w.expectRejected(w.token, 'redeem', [redeemArg({ currency: 'KES' })], w.user('BOB'), ErrorCodes.UNKNOWN_CURRENCY);
    // ALICE banks with CNBank: she redeems USD only through a USBank customer, never at CNBank.
    await w.expectRejected(w.token, 'redeem', [redeemArg({ currency: 'CNY', from: 'ALICE' })], w.user('BOB'), ErrorCodes.NOT_ISSUER);
    await w.expectRejected(w.token, 'redeem', [redeemArg({ from: 'ALICE' })], w.user('ALICE'), ErrorCodes.NOT_ISSUER);
    await w.expectRejected(w.token, 'redeem', [redeemArg()], issuers.USD, ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.token, 'redeem', [redeemArg()], w.user('ERIN'), ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.token, 'redeem', [redeemArg({ amount: '1001' })], w.user('BOB'), ErrorCodes.INSUFFICIENT_FUNDS);
    await w.ledger.submit(w.token, 'freeze', [json({ partyId: 'BOB', currency: 'USD', reason: 'review' })], { as: issuers.USD });
    await w.expectRejected(w.token, 'redeem', [redeemArg()], w.user('BOB'), ErrorCodes.ACCOUNT_FROZEN);
    await w.ledger.submit(w.token, 'unfreeze', [json({ partyId: 'BOB', currency: 'USD', reason: 'cleared' })], { as: issuers.USD });
    await w.ledger.submit(w.party, 'setSanction', ['BOB', 'listed'], { as: admins.CH });
    await w.expectRejected(w.token, 'redeem', [redeemArg()], w.user('BOB'), ErrorCodes.PARTY_SANCTIONED);
  });
});

describe('Token:transfer', () => {
  const transferArg = (fields: Record<string, unknown> = {}): string =>
    json({ currency: 'CNY', from: 'ALICE', to: 'BOB', amount: '400', reference: 'INV-7', ...fields });

  async function funded(): Promise<TokenWorld> {
    const w = await world();
    await w.mint('CNY', 'ALICE', '1000');
    return w;
  }

  it('moves value, records both statements and emits TokensTransferred', async () => {
    const w = await funded();
    const result = JSON.parse(await w.ledger.submit(w.token, 'transfer', [transferArg()], { as: w.user('ALICE') }));
    expect(result).toEqual({ currency: 'CNY', from: 'ALICE', to: 'BOB', amount: '400', reference: 'INV-7', at: '2026-03-01T00:00:00.000Z', txId: expect.any(String) });
    expect(lastEvent(w)).toEqual({ name: 'TokensTransferred', payload: result });
    expect(await w.balance('ALICE', 'CNY')).toBe(600n);
    expect(await w.balance('BOB', 'CNY')).toBe(400n);
    const alice = (await w.queryJson<Page<{ direction: string; counterparty?: string; kind: string }>>(w.token, 'accountHistory', ['ALICE', 'CNY', '', ''])).records;
    expect(alice.map((line) => [line.kind, line.direction, line.counterparty])).toEqual([
      ['MINT', 'CREDIT', undefined],
      ['TRANSFER', 'DEBIT', 'party:BOB'],
    ]);
    const bob = (await w.queryJson<Page<{ direction: string; counterparty?: string }>>(w.token, 'accountHistory', ['BOB', 'CNY', '', ''])).records;
    expect(bob.map((line) => [line.direction, line.counterparty])).toEqual([['CREDIT', 'party:ALICE']]);
    expect(await w.supplyCheck('CNY')).toMatchObject({ held: '1000', outstanding: '1000', accounts: 2, consistent: true });
  });

  it('replays a retried transfer by idempotency key and refuses the key for another transfer', async () => {
    const w = await funded();
    const arg = transferArg({ idempotencyKey: 'pay-1' });
    const first = await w.ledger.submit(w.token, 'transfer', [arg], { as: w.user('ALICE') });
    expect(JSON.parse(first)).toMatchObject({ idempotencyKey: 'pay-1' });
    const retry = await w.ledger.simulate(w.token, 'transfer', [arg], { as: w.user('ALICE') });
    expect(retry.result).toBe(first);
    expect(retry.writes.size).toBe(0);
    await w.expectRejected(w.token, 'transfer', [transferArg({ idempotencyKey: 'pay-1', amount: '1' })], w.user('ALICE'), ErrorCodes.DUPLICATE_IDEMPOTENCY_KEY);
    await w.ledger.submit(w.token, 'transfer', [transferArg({ idempotencyKey: 'pay-2' })], { as: w.user('ALICE') });
    expect(await w.balance('BOB', 'CNY')).toBe(800n);
  });

  it.each([
    ['malformed JSON', '{"currency":', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', transferArg({ fee: '1' }), ErrorCodes.INVALID_ARGUMENT],
    ['a missing reference', json({ currency: 'CNY', from: 'ALICE', to: 'BOB', amount: '1' }), ErrorCodes.INVALID_ARGUMENT],
    ['a transfer to oneself', transferArg({ to: 'ALICE' }), ErrorCodes.INVALID_ARGUMENT],
    ['a bad idempotency key', transferArg({ idempotencyKey: 'a b' }), ErrorCodes.INVALID_ARGUMENT],
    ['a negative amount', transferArg({ amount: '-1' }), ErrorCodes.INVALID_AMOUNT],
    ['an unknown currency', transferArg({ currency: 'KES' }), ErrorCodes.UNKNOWN_CURRENCY],
    ['more than the balance', transferArg({ amount: '1001' }), ErrorCodes.INSUFFICIENT_FUNDS],
    ['an unknown receiver', transferArg({ to: 'NOBODY' }), ErrorCodes.NOT_FOUND],
  ])('rejects %s', async (_name, arg, code) => {
    const w = await funded();
    await w.expectRejected(w.token, 'transfer', [arg], w.user('ALICE'), code);
  });

  it('rejects a caller not bound to the sender', async () => {
    const w = await funded();
    await w.expectRejected(w.token, 'transfer', [transferArg()], w.user('BOB'), ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.token, 'transfer', [transferArg()], admins.CN, ErrorCodes.UNAUTHORIZED);
  });

  it('rejects ineligible senders and receivers and frozen accounts on either side', async () => {
    const w = await funded();
    await w.addParty('PENDING', BANKS.US, { verify: false });
    await w.expectRejected(w.token, 'transfer', [transferArg({ to: 'PENDING' })], w.user('ALICE'), ErrorCodes.KYC_NOT_VERIFIED);
    await w.ledger.submit(w.token, 'freeze', [json({ partyId: 'BOB', currency: 'CNY', reason: 'review' })], { as: issuers.CNY });
    await w.expectRejected(w.token, 'transfer', [transferArg()], w.user('ALICE'), ErrorCodes.ACCOUNT_FROZEN);
    await w.ledger.submit(w.token, 'unfreeze', [json({ partyId: 'BOB', currency: 'CNY', reason: 'cleared' })], { as: issuers.CNY });
    await w.ledger.submit(w.token, 'freeze', [json({ partyId: 'ALICE', currency: 'CNY', reason: 'review' })], { as: admins.CH });
    await w.expectRejected(w.token, 'transfer', [transferArg()], w.user('ALICE'), ErrorCodes.ACCOUNT_FROZEN);
    await w.ledger.submit(w.token, 'unfreeze', [json({ partyId: 'ALICE', currency: 'CNY', reason: 'cleared' })], { as: admins.CH });
    await w.ledger.submit(w.party, 'setSanction', ['BOB', 'listed'], { as: admins.CH });
    await w.expectRejected(w.token, 'transfer', [transferArg()], w.user('ALICE'), ErrorCodes.PARTY_SANCTIONED);
    await w.ledger.submit(w.party, 'setSanction', ['ALICE', 'listed'], { as: admins.CH });
    await w.expectRejected(w.token, 'transfer', [transferArg({ to: 'CAROL' })], w.user('ALICE'), ErrorCodes.PARTY_SANCTIONED);
  });

  it('rejects a sender whose KYC has expired', async () => {
    const w = await funded();
    await w.mint('JPY', 'CAROL', '5');
    w.ledger.setTime(KYC_EXPIRY);
    await w.expectRejected(w.token, 'transfer', [transferArg({ currency: 'JPY', from: 'CAROL', amount: '5' })], w.user('CAROL'), ErrorCodes.KYC_EXPIRED);
  });

  it('transfers a frozen currency freely in another currency', async () => {
    const w = await funded();
    await w.mint('USD', 'ALICE', '50');
    await w.ledger.submit(w.token, 'freeze', [json({ partyId: 'ALICE', currency: 'CNY', reason: 'review' })], { as: issuers.CNY });
    await w.transfer('USD', 'ALICE', 'BOB', '50');
    expect(await w.balance('BOB', 'USD')).toBe(50n);
  });
});

describe('Token:freeze and Token:unfreeze', () => {
  const freezeArg = (fields: Record<string, unknown> = {}): string => json({ partyId: 'ALICE', currency: 'CNY', reason: 'court order 42', ...fields });

  it('freezes and unfreezes with one event each, shown in the balance', async () => {
    const w = await world();
    const frozen = JSON.parse(await w.ledger.submit(w.token, 'freeze', [freezeArg()], { as: issuers.CNY }));
    expect(frozen).toEqual({ account: 'party:ALICE', currency: 'CNY', reason: 'court order 42', frozenBy: BANKS.CN, frozenAt: '2026-03-01T00:00:00.000Z', txId: expect.any(String) });
    expect(lastEvent(w)).toEqual({ name: 'AccountFrozen', payload: frozen });
    expect(await w.queryJson(w.token, 'balanceOf', ['ALICE', 'CNY'])).toEqual({ account: 'party:ALICE', currency: 'CNY', balance: '0', pendingInflows: 0, parts: 1, frozen: true });
    const lifted = JSON.parse(await w.ledger.submit(w.token, 'unfreeze', [freezeArg({ reason: 'order lifted' })], { as: admins.CH }));
    expect(lifted).toEqual({ account: 'party:ALICE', currency: 'CNY', reason: 'order lifted', unfrozenBy: BANKS.CH, unfrozenAt: '2026-03-01T00:00:00.000Z', txId: expect.any(String) });
    expect(lastEvent(w)).toEqual({ name: 'AccountUnfrozen', payload: lifted });
    expect(await w.queryJson(w.token, 'balanceOf', ['ALICE', 'CNY'])).toMatchObject({ frozen: false });
    await w.mint('CNY', 'ALICE', '10');
    expect(await w.balance('ALICE', 'CNY')).toBe(10n);
  });

  it.each([
    ['malformed JSON', 'freeze', '{', issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['a missing reason', 'freeze', json({ partyId: 'ALICE', currency: 'CNY' }), issuers.CNY, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown currency', 'freeze', freezeArg({ currency: 'KES' }), admins.CH, ErrorCodes.UNKNOWN_CURRENCY],
    ['an unknown party', 'freeze', freezeArg({ partyId: 'NOBODY' }), issuers.CNY, ErrorCodes.NOT_FOUND],
    ["another currency's issuer", 'freeze', freezeArg(), issuers.USD, ErrorCodes.UNAUTHORIZED],
    ['an issuer clerk', 'freeze', freezeArg(), clerks.CN, ErrorCodes.UNAUTHORIZED],
    ['a clearing house clerk', 'freeze', freezeArg(), clerks.CH, ErrorCodes.UNAUTHORIZED],
    ['an outsider', 'freeze', freezeArg(), clerks.OUTSIDER, ErrorCodes.UNAUTHORIZED],
    ['unfreezing an unfrozen account', 'unfreeze', freezeArg(), issuers.CNY, ErrorCodes.INVALID_STATE],
    ['unfreezing by another issuer', 'unfreeze', freezeArg(), issuers.JPY, ErrorCodes.UNAUTHORIZED],
  ])('rejects %s', async (_name, fn, arg, as, code) => {
    const w = await world();
    await w.expectRejected(w.token, fn, [arg], as, code);
  });

  it('rejects freezing twice', async () => {
    const w = await world();
    await w.ledger.submit(w.token, 'freeze', [freezeArg()], { as: issuers.CNY });
    await w.expectRejected(w.token, 'freeze', [freezeArg()], admins.CH, ErrorCodes.INVALID_STATE);
  });
});

describe('Token queries', () => {
  it('reject malformed arguments, unknown currencies and unknown parties', async () => {
    const w = await world();
    const query = (fn: string, args: string[]): Promise<string> => w.ledger.evaluate(w.token, fn, args, { as: clerks.CH });
    await expect(query('balanceOf', ['ALICE', 'cny'])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(query('balanceOf', ['ALICE', 'KES'])).rejects.toThrow(/^UNKNOWN_CURRENCY: /);
    await expect(query('balanceOf', ['NOBODY', 'CNY'])).rejects.toThrow(/^NOT_FOUND: /);
    await expect(query('balanceOf', ['bad id', 'CNY'])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(query('accountHistory', ['NOBODY', 'CNY', '', ''])).rejects.toThrow(/^NOT_FOUND: /);
    await expect(query('totalSupply', ['KES'])).rejects.toThrow(/^UNKNOWN_CURRENCY: /);
    await expect(query('supplyCheck', [''])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    expect(JSON.parse(await query('accountHistory', ['ALICE', 'CNY', '', ''])).records).toEqual([]);
    expect(JSON.parse(await query('supplyCheck', ['CNY']))).toEqual({ currency: 'CNY', minted: '0', redeemed: '0', outstanding: '0', held: '0', accounts: 0, consistent: true });
  });
});
