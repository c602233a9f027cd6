import type { Page } from '../../../../model/src/paging';
import { ErrorCodes } from '../../../../model/src/errors';
import { lastEvent } from './fixtures';
import { admins, clerks } from './token-world';
import { at, json, PARAMETERS, TradeWorld } from './trade-world';

let base: TradeWorld;

beforeAll(async () => {
  base = await TradeWorld.create();
});

describe('Clearing:setTradeParameters', () => {
  it('replaces the parameters; defaults apply before any are set', async () => {
    const w = base.fork();
    expect(await w.query(w.clearing, 'getTradeParameters', [])).toMatchObject(PARAMETERS);
    const set = JSON.parse(await w.ledger.submit(w.clearing, 'setTradeParameters', [json({ platformFeeBps: 0, marginBps: { LOW: 0, MEDIUM: 0, HIGH: 0 } })], { as: admins.CH }));
    expect(set).toMatchObject({ platformFeeBps: 0, updatedBy: 'ClearingHouseMSP' });
    expect(lastEvent(w.ledger)).toEqual({ name: 'TradeParametersSet', payload: set });
  });

  it.each([
    ['a clearing house identity without admin', PARAMETERS, clerks.CH, ErrorCodes.UNAUTHORIZED],
    ['a bank admin', PARAMETERS, admins.US, ErrorCodes.UNAUTHORIZED],
    ['a fee without a collector', { ...PARAMETERS, feeCollector: undefined }, admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['a fee above 10%', { ...PARAMETERS, platformFeeBps: 1001 }, admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['margin falling with risk', { ...PARAMETERS, marginBps: { LOW: 500, MEDIUM: 400, HIGH: 2000 } }, admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['a missing rating', { ...PARAMETERS, marginBps: { LOW: 500, MEDIUM: 1000 } }, admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['a missing fee', { marginBps: PARAMETERS.marginBps }, admins.CH, ErrorCodes.INVALID_ARGUMENT],
    ['an unknown collector', { ...PARAMETERS, feeCollector: 'NOBODY' }, admins.CH, ErrorCodes.NOT_FOUND],
  ])('rejects %s', async (_name, parameters, as, code) => {
    const w = base.fork();
    await w.expectRejected(w.clearing, 'setTradeParameters', [json(parameters)], as, code);
  });
});

describe('Clearing:runNetting', () => {
  async function settledTrades(): Promise<TradeWorld> {
    const w = base.fork();
    // USIMP (USBank) buys from CNEXP (CNBank) twice in USD, settled in USD; CNEXP buys once from USIMP.
    for (const [seller, buyer] of [
      ['CNEXP', 'USIMP'],
      ['CNEXP', 'USIMP'],
      ['USIMP', 'CNEXP'],
    ]) {
      const terms = { sellerId: seller, buyerId: buyer, settlementCurrency: 'USD', fx: undefined, chargeBearer: 'CRED' };
      if (seller === 'USIMP') {
        await w.postMargin('USIMP', 'USD', '1000000');
      }
      const { quotationId } = await w.createQuotation(terms, seller);
      const { order } = JSON.parse(await w.ledger.submit(w.quotation, 'acceptQuotation', [quotationId], { as: w.user(buyer) }));
      await w.fund(order.orderId, buyer);
      await w.ship(order.orderId, w.user(seller));
      await w.deliver(order.orderId, w.user(buyer));
      await w.settle(order.orderId, w.user(seller));
    }
    return w;
  }

  it('nets settled obligations per currency and member, once', async () => {
    const w = await settledTrades();
    const pending = (await w.query<Page<unknown>>(w.clearing, 'listPendingObligations', ['', ''])).records;
    // USIMP's two purchases: USBank owes CNBank 9,990,000 each (the fee goes to FEES, also at USBank).
    // CNEXP's purchase: CNBank owes USBank 9,990,000 to USIMP and 10,000 to FEES.
    expect(pending).toHaveLength(4);
    w.setTime(at(1));
    const run = JSON.parse(await w.ledger.submit(w.clearing, 'runNetting', [json({ cutoff: at(1) })], { as: clerks.CH }));
    expect(run).toMatchObject({ cutoff: at(1), obligations: 4, complete: true, gross: [{ currency: 'USD', amount: '29980000' }] });
    expect(run.positions).toEqual([
      { currency: 'USD', mspId: 'CNBankMSP', receivable: '19980000', payable: '10000000', net: '9980000' },
      { currency: 'USD', mspId: 'USBankMSP', receivable: '10000000', payable: '19980000', net: '-9980000' },
    ]);
    expect(lastEvent(w.ledger)).toEqual({ name: 'NettingRecorded', payload: run });
    expect(await w.query(w.clearing, 'listPendingObligations', ['', ''])).toEqual({ records: [], bookmark: '' });
    expect(await w.query(w.clearing, 'getNettingRun', [run.runId])).toEqual(run);
    expect(await w.query(w.clearing, 'listNettingRuns', ['', ''])).toEqual({ records: [run], bookmark: '' });
    await w.expectRejected(w.clearing, 'runNetting', [json({ cutoff: at(1) })], clerks.CH, ErrorCodes.INVALID_STATE);
    for (const currency of ['USD', 'CNY']) {
      expect((await w.tokens.supplyCheck(currency)).consistent).toBe(true);
    }
  });

  it('rejects a cutoff in the future, a party as caller and an unknown run', async () => {
    const w = await settledTrades();
    await w.expectRejected(w.clearing, 'runNetting', [json({ cutoff: at(1) })], clerks.CH, ErrorCodes.INVALID_ARGUMENT);
    await w.expectRejected(w.clearing, 'runNetting', [json({ cutoff: at(0) })], w.user('USIMP'), ErrorCodes.UNAUTHORIZED);
    await w.expectRejected(w.clearing, 'runNetting', [json({ cutoff: 'yesterday' })], clerks.CH, ErrorCodes.INVALID_ARGUMENT);
    await expect(w.ledger.evaluate(w.clearing, 'getNettingRun', ['tx9999'], { as: clerks.CH })).rejects.toThrow(/^NOT_FOUND: /);
  });

  it('fails a run that a concurrently committed settlement would have changed (phantom read), instead of missing it', async () => {
    const w = base.fork();
    const orderId = await w.openOrder({ settlementCurrency: 'USD', fx: undefined });
    await w.fund(orderId);
    await w.ship(orderId);
    await w.deliver(orderId);
    const first = await w.openOrder({ settlementCurrency: 'USD', fx: undefined });
    await w.fund(first);
    await w.ship(first);
    await w.deliver(first);
    await w.settle(first);
    w.setTime(at(0, 1));
    const run = await w.ledger.simulate(w.clearing, 'runNetting', [json({ cutoff: at(0, 1) })], { as: clerks.CH });
    const settle = await w.ledger.simulate(w.order, 'settle', [orderId], { as: w.user('CNEXP') });
    expect(w.ledger.commit(settle, run)).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
  });
});
