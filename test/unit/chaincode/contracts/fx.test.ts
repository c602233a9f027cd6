import type { Page } from '../../../../model/src/paging';
import { ErrorCodes } from '../../../../model/src/errors';
import { admins, BANKS, clerks, KYC_EXPIRY, START, TokenWorld } from './token-world';

const json = (value: unknown): string => JSON.stringify(value);
const HOUR = '2026-03-01T01:00:00.000Z';

/** LP1 (CNBank) and LP2 (JPBank) provide liquidity; ALICE trades. */
async function world(): Promise<TokenWorld> {
  const w = await TokenWorld.create();
  await w.addParty('LP1', BANKS.CN, { roles: ['LIQUIDITY_PROVIDER'] });
  await w.addParty('LP2', BANKS.JP, { roles: ['TRADER', 'LIQUIDITY_PROVIDER'] });
  await w.addParty('ALICE', BANKS.CN);
  return w;
}

function rateArg(fields: Record<string, unknown> = {}): string {
  return json({ base: 'USD', quote: 'CNY', bid: '7.10', ask: '7.2', validFrom: START, validUntil: HOUR, provider: 'LP1', ...fields });
}

function referenceArg(fields: Record<string, unknown> = {}): string {
  return json({ base: 'USD', quote: 'CNY', bid: '7.15', ask: '7.15', validFrom: START, validUntil: '2026-03-02T00:00:00Z', ...fields });
}

async function post(w: TokenWorld, arg: string, as = w.user('LP1')): Promise<Record<string, unknown>> {
  return JSON.parse(await w.ledger.submit(w.fx, 'postRate', [arg], { as })) as Record<string, unknown>;
}

function lastEvent(w: TokenWorld): { name: string; payload: unknown } {
  const event = w.ledger.events[w.ledger.events.length - 1];
  return { name: event.name, payload: JSON.parse(event.payload.toString('utf8')) };
}

describe('FX:postRate', () => {
  it("records a liquidity provider's posting with normalised rates and emits FxRatePosted", async () => {
    const w = await world();
    const posting = await post(w, rateArg());
    expect(posting).toEqual({
      base: 'USD',
      quote: 'CNY',
      bid: '7.1',
      ask: '7.2',
      validFrom: START,
      validUntil: HOUR,
      source: 'LIQUIDITY_PROVIDER',
      provider: 'LP1',
      mspId: BANKS.CN,
      postedAt: START,
      txId: expect.any(String),
    });
    expect(lastEvent(w)).toEqual({ name: 'FxRatePosted', payload: posting });
    expect(await w.queryJson(w.fx, 'currentRate', ['USD', 'CNY', 'LP1'])).toEqual(posting);
    expect(await w.queryJson(w.fx, 'currentRate', ['USD', 'CNY', ''])).toEqual(posting);
  });

  it('records a clearing house reference rate', async () => {
    const w = await world();
    const posting = await post(w, referenceArg(), clerks.CH);
    expect(posting).toMatchObject({ source: 'CLEARING_HOUSE', provider: BANKS.CH, mspId: BANKS.CH });
    expect(await w.queryJson(w.fx, 'referenceRate', ['USD', 'CNY'])).toEqual(posting);
    await expect(w.ledger.evaluate(w.fx, 'currentRate', ['USD', 'CNY', 'LP1'], { as: clerks.CH })).rejects.toThrow(/^RATE_NOT_FOUND: /);
  });

  it('keeps every posting as history and serves the one in force', async () => {
    const w = await world();
    const first = await post(w, rateArg());
    const second = await post(w, rateArg({ bid: '7.11', ask: '7.21' })); // same window: a correction, posted later
    w.ledger.setTime('2026-03-01T00:30:00Z');
    const third = await post(w, rateArg({ provider: 'LP2', bid: '7.05', ask: '7.3', validFrom: '2026-03-01T00:30:00Z' }), w.user('LP2'));
    const reference = await post(w, referenceArg(), clerks.CH);
    const history = (await w.queryJson<Page<Record<string, unknown>>>(w.fx, 'rateHistory', ['USD', 'CNY', '', ''])).records;
    expect([...history].sort(byWindowThenPosting)).toEqual([reference, first, second, third].sort(byWindowThenPosting));
    // Key order: by source, then day of validity; the providers' sources (lp:...) sort before the reference.
    expect(history[history.length - 1]).toEqual(reference);
    expect(await w.queryJson(w.fx, 'currentRate', ['USD', 'CNY', 'LP1'])).toEqual(second);
    expect(await w.queryJson(w.fx, 'currentRate', ['USD', 'CNY', ''])).toEqual(third);
    w.ledger.setTime(HOUR); // every provider window has closed; the day-long reference rate remains
    expect(await w.queryJson(w.fx, 'currentRate', ['USD', 'CNY', ''])).toEqual(reference);
    await expect(w.ledger.evaluate(w.fx, 'currentRate', ['USD', 'CNY', 'LP1'], { as: clerks.CH })).rejects.toThrow(
      /^RATE_NOT_FOUND: no USD\/CNY rate of LP1 is valid at 2026-03-01T01:00:00.000Z/,
    );
    expect(await w.queryJson(w.fx, 'rateHistory', ['CNY', 'USD', '', ''])).toEqual({ records: [], bookmark: '' });
  });

  it('finds a rate whose window started the day before', async () => {
    const w = await world();
    w.ledger.setTime('2026-03-01T20:00:00Z');
    const overnight = await post(w, rateArg({ validFrom: '2026-03-01T20:00:00Z', validUntil: '2026-03-02T10:00:00Z' }));
    w.ledger.setTime('2026-03-02T09:59:59.999Z');
    expect(await w.queryJson(w.fx, 'currentRate', ['USD', 'CNY', 'LP1'])).toEqual(overnight);
  });

  it.each([
    ['malformed JSON', '{', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown field', rateArg({ spread: '0.1' }), ErrorCodes.INVALID_ARGUMENT],
    ['one currency twice', rateArg({ quote: 'USD' }), ErrorCodes.INVALID_ARGUMENT],
    ['an empty window', rateArg({ validUntil: START }), ErrorCodes.INVALID_ARGUMENT],
    ['a window over 24 hours', rateArg({ validUntil: '2026-03-02T00:00:01Z' }), ErrorCodes.INVALID_ARGUMENT],
    ['a window already over', rateArg({ validFrom: '2026-02-28T20:00:00Z', validUntil: START }), ErrorCodes.INVALID_ARGUMENT],
    ['a bid above the ask', rateArg({ bid: '7.3' }), ErrorCodes.INVALID_RATE],
    ['a zero bid', rateArg({ bid: '0' }), ErrorCodes.INVALID_RATE],
    ['a rate with 11 decimals', rateArg({ ask: '7.20000000001' }), ErrorCodes.INVALID_RATE],
    ['a numeric rate', rateArg({ ask: 7.2 }), ErrorCodes.INVALID_RATE],
    ['an exponent', rateArg({ ask: '7e0' }), ErrorCodes.INVALID_RATE],
    ['an unknown currency', rateArg({ base: 'KES' }), ErrorCodes.UNKNOWN_CURRENCY],
    ['an unknown provider', rateArg({ provider: 'NOBODY' }), ErrorCodes.NOT_FOUND],
    ["another provider's name", rateArg({ provider: 'LP2' }), ErrorCodes.UNAUTHORIZED],
  ])('rejects %s', async (_name, arg, code) => {
    const w = await world();
    await w.expectRejected(w.fx, 'postRate', [arg], w.user('LP1'), code);
  });

  it('rejects a party without the liquidity provider role', async () => {
    const w = await world();
    await w.expectRejected(w.fx, 'postRate', [rateArg({ provider: 'ALICE' })], w.user('ALICE'), ErrorCodes.UNAUTHORIZED);
  });

  it('rejects an ineligible liquidity provider', async () => {
    const w = await world();
    await w.addParty('LP3', BANKS.US, { roles: ['LIQUIDITY_PROVIDER'], verify: false });
    await w.expectRejected(w.fx, 'postRate', [rateArg({ provider: 'LP3' })], w.user('LP3'), ErrorCodes.KYC_NOT_VERIFIED);
    await w.ledger.submit(w.party, 'setSanction', ['LP1', 'listed'], { as: admins.CH });
    await w.expectRejected(w.fx, 'postRate', [rateArg()], w.user('LP1'), ErrorCodes.PARTY_SANCTIONED);
    w.ledger.setTime(KYC_EXPIRY);
    const later = { validFrom: KYC_EXPIRY, validUntil: '2027-03-01T01:00:00Z' };
    await w.expectRejected(w.fx, 'postRate', [rateArg({ ...later, provider: 'LP2' })], w.user('LP2'), ErrorCodes.KYC_EXPIRED);
  });

  it('rejects a reference rate from anyone but the clearing house', async () => {
    const w = await world();
    await w.expectRejected(w.fx, 'postRate', [referenceArg()], admins.CN, ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.fx, 'postRate', [referenceArg()], w.user('LP1'), ErrorCodes.UNAUTHORIZED);
  });
});

describe('FX rate queries', () => {
  it('reject malformed pairs and provider ids and unknown currencies', async () => {
    const w = await world();
    const query = (fn: string, args: string[]): Promise<string> => w.ledger.evaluate(w.fx, fn, args, { as: clerks.CH });
    await expect(query('currentRate', ['USD', 'USD', ''])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(query('currentRate', ['USD', 'cny', ''])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(query('currentRate', ['USD', 'CNY', 'L P'])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(query('currentRate', ['USD', 'CNY', ''])).rejects.toThrow(/^RATE_NOT_FOUND: no USD\/CNY rate is valid/);
    await expect(query('rateHistory', ['KES', 'CNY', '', ''])).rejects.toThrow(/^UNKNOWN_CURRENCY: /);
    await expect(query('referenceRate', ['USD', 'CNY'])).rejects.toThrow(/^RATE_NOT_FOUND: no USD\/CNY rate of the clearing house/);
  });
});

describe('FX firm quotes', () => {
  const quoteArg = (fields: Record<string, unknown> = {}): string =>
    json({ provider: 'LP1', base: 'USD', quote: 'JPY', side: 'SELL', amount: '12345', expiresAt: '2026-03-01T00:10:00Z', ...fields });

  async function quoting(): Promise<TokenWorld> {
    const w = await world();
    await post(w, rateArg({ quote: 'JPY', bid: '150.5', ask: '151' }));
    return w;
  }

  async function lock(w: TokenWorld, arg = quoteArg()): Promise<Record<string, unknown>> {
    return JSON.parse(await w.ledger.submit(w.fx, 'lockQuote', [arg], { as: w.user('LP1') })) as Record<string, unknown>;
  }

  it('locks the posted bid for a SELL, rounding the payout down, and emits FxQuoteLocked', async () => {
    const w = await quoting();
    const quote = await lock(w);
    expect(quote).toEqual({
      quoteId: expect.any(String),
      provider: 'LP1',
      base: 'USD',
      quote: 'JPY',
      side: 'SELL',
      baseAmount: '12345',
      quoteAmount: '18579', // 123.45 USD x 150.5 = 18579.225 JPY, the provider pays: down
      rate: '150.5',
      postingTxId: expect.any(String),
      lockedAt: START,
      expiresAt: '2026-03-01T00:10:00.000Z',
      status: 'LOCKED',
    });
    expect(lastEvent(w)).toEqual({ name: 'FxQuoteLocked', payload: quote });
    expect(await w.queryJson(w.fx, 'getFirmQuote', [quote.quoteId as string])).toEqual(quote);
    w.ledger.setTime('2026-03-01T00:10:00Z');
    expect(await w.queryJson(w.fx, 'getFirmQuote', [quote.quoteId as string])).toEqual({ ...quote, status: 'EXPIRED' });
  });

  it('locks the ask for a BUY, rounding the charge up, and accepts a better rate', async () => {
    const w = await quoting();
    expect(await lock(w, quoteArg({ side: 'BUY' }))).toMatchObject({ rate: '151', quoteAmount: '18641' }); // 18640.95 up
    expect(await lock(w, quoteArg({ side: 'BUY', rate: '150.75' }))).toMatchObject({ rate: '150.75', quoteAmount: '18611' }); // 18610.0875 up
  });

  it.each([
    ['malformed JSON', '[', ErrorCodes.INVALID_ARGUMENT],
    ['an unknown side', quoteArg({ side: 'BID' }), ErrorCodes.INVALID_ARGUMENT],
    ['an expiry now', quoteArg({ expiresAt: START }), ErrorCodes.INVALID_ARGUMENT],
    ['an expiry over 7 days away', quoteArg({ expiresAt: '2026-03-08T00:00:01Z' }), ErrorCodes.INVALID_ARGUMENT],
    ['a malformed amount', quoteArg({ amount: '1e3' }), ErrorCodes.INVALID_AMOUNT],
    ['an amount worth less than a yen', quoteArg({ amount: '0' }), ErrorCodes.INVALID_AMOUNT],
    ['a rate worse for the taker', quoteArg({ rate: '150.4' }), ErrorCodes.INVALID_RATE],
    ['a malformed rate', quoteArg({ rate: '150.' }), ErrorCodes.INVALID_RATE],
    ['an unknown currency', quoteArg({ quote: 'KES' }), ErrorCodes.UNKNOWN_CURRENCY],
    ['a pair the provider has not posted', quoteArg({ quote: 'CNY' }), ErrorCodes.RATE_NOT_FOUND],
    ["another provider's name", quoteArg({ provider: 'LP2' }), ErrorCodes.UNAUTHORIZED],
  ])('lockQuote rejects %s', async (_name, arg, code) => {
    const w = await quoting();
    await w.expectRejected(w.fx, 'lockQuote', [arg], w.user('LP1'), code);
  });

  it('lockQuote rejects a provider whose posting has lapsed and a trader without the role', async () => {
    const w = await quoting();
    await w.expectRejected(w.fx, 'lockQuote', [quoteArg({ provider: 'ALICE' })], w.user('ALICE'), ErrorCodes.UNAUTHORIZED);
    w.ledger.setTime(HOUR);
    await w.expectRejected(w.fx, 'lockQuote', [quoteArg({ expiresAt: '2026-03-01T02:00:00Z' })], w.user('LP1'), ErrorCodes.RATE_NOT_FOUND);
  });

  it('cancels an open quote once, by its provider only', async () => {
    const w = await quoting();
    const quote = await lock(w);
    const arg = json({ quoteId: quote.quoteId });
    await w.expectRejected(w.fx, 'cancelQuote', [arg], w.user('LP2'), ErrorCodes.UNAUTHORIZED);
    const cancelled = JSON.parse(await w.ledger.submit(w.fx, 'cancelQuote', [arg], { as: w.user('LP1') }));
    expect(cancelled).toEqual({ ...quote, status: 'CANCELLED', cancelledAt: START });
    expect(lastEvent(w)).toEqual({ name: 'FxQuoteCancelled', payload: cancelled });
    await w.expectRejected(w.fx, 'cancelQuote', [arg], w.user('LP1'), ErrorCodes.INVALID_STATE);
  });

  it('cannot cancel an expired quote', async () => {
    const w = await quoting();
    const quote = await lock(w);
    w.ledger.setTime('2026-03-01T00:10:00Z');
    await w.expectRejected(w.fx, 'cancelQuote', [json({ quoteId: quote.quoteId })], w.user('LP1'), ErrorCodes.FX_QUOTE_EXPIRED);
  });

  it.each([
    ['malformed JSON', '{', ErrorCodes.INVALID_ARGUMENT],
    ['a malformed id', json({ quoteId: 'a b' }), ErrorCodes.INVALID_ARGUMENT],
    ['an unknown quote', json({ quoteId: 'tx9999' }), ErrorCodes.NOT_FOUND],
  ])('cancelQuote rejects %s', async (_name, arg, code) => {
    const w = await quoting();
    await w.expectRejected(w.fx, 'cancelQuote', [arg], w.user('LP1'), code);
  });

  it('getFirmQuote rejects malformed and unknown ids', async () => {
    const w = await quoting();
    await expect(w.ledger.evaluate(w.fx, 'getFirmQuote', ['a/b'], { as: clerks.CH })).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(w.ledger.evaluate(w.fx, 'getFirmQuote', ['tx9999'], { as: clerks.CH })).rejects.toThrow(/^NOT_FOUND: /);
  });
});

function byWindowThenPosting(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const key = (posting: Record<string, unknown>): string => `${posting.validFrom as string}|${posting.postedAt as string}|${posting.txId as string}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
