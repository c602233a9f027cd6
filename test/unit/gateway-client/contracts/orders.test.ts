import { ContractCalls } from '../../../../gateway-client/src/contracts/calls';
import { OrdersImpl } from '../../../../gateway-client/src/contracts/orders';
import { FakeContract, newInvoker } from '../fakes';
import { claimJson, ORDER_ID, orderJson, settlementJson } from './trade-records';

function ordersOn(ledger: FakeContract): OrdersImpl {
  return new OrdersImpl(new ContractCalls(newInvoker(ledger), 'Order'));
}

const HASH = 'a'.repeat(64);

describe('Orders', () => {
  it('sends each transition with its arguments, as a submit', async () => {
    const ledger = new FakeContract({ endorse: async () => orderJson() });
    const orders = ordersOn(ledger);
    await orders.ship({ orderId: ORDER_ID, carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [HASH] });
    await orders.confirmDelivery({ orderId: ORDER_ID });
    await orders.cancel({ orderId: ORDER_ID, reason: 'changed plans' });
    await orders.dispute({ orderId: ORDER_ID, reason: 'goods damaged' });
    expect(ledger.proposals.map((p) => [p.name, JSON.parse(p.arguments[0] as string)])).toEqual([
      ['Order:ship', { orderId: ORDER_ID, carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [HASH] }],
      ['Order:confirmDelivery', { orderId: ORDER_ID }],
      ['Order:cancel', { orderId: ORDER_ID, reason: 'changed plans' }],
      ['Order:dispute', { orderId: ORDER_ID, reason: 'goods damaged' }],
    ]);
    expect(ledger.submitted).toHaveLength(4);
  });

  it('funds by order id and returns the order with the velocity alerts', async () => {
    const alert = { rule: 'VELOCITY_PAYMENTS_PER_DAY', partyId: 'USIMP', currency: 'USD', day: '2026-03-01', value: '3', threshold: '2' };
    const ledger = new FakeContract({ endorse: async () => `{"order":${orderJson({ status: 'FUNDED' })},"alerts":[${JSON.stringify(alert)}]}` });
    const funded = await ordersOn(ledger).fund(ORDER_ID);
    expect(ledger.proposals[0]).toMatchObject({ name: 'Order:fund', arguments: [ORDER_ID] });
    expect(funded.order).toMatchObject({ status: 'FUNDED', escrowAmount: 10_005_000n });
    expect(funded.alerts).toEqual([alert]);
  });

  it('settles and returns the settlement record, amounts and charges as bigint', async () => {
    const ledger = new FakeContract({ endorse: async () => `{"order":${orderJson({ status: 'SETTLED' })},"settlement":${settlementJson}}` });
    const settlement = await ordersOn(ledger).settle(ORDER_ID);
    expect(ledger.proposals[0]).toMatchObject({ name: 'Order:settle', arguments: [ORDER_ID] });
    expect(settlement).toMatchObject({
      instructedAmount: 10_000_000n,
      convertedAmount: 9_995_000n,
      settledAmount: 71_164_400n,
      exchangeRate: { rate: '7.12', source: 'FIRM_QUOTE' },
      charges: [
        { type: 'PLATFORM_FEE', amount: 5_000n, bearer: 'DEBT' },
        { type: 'FX_SPREAD', amount: 299_850n, currency: 'CNY' },
      ],
    });
    expect(settlement).not.toHaveProperty('refundedAmount');
  });

  it('sends a split with the seller amount as a decimal string and converts the dispute and the settlement', async () => {
    const dispute = { raisedBy: 'USIMP', reason: 'damaged', evidenceHashes: [], fromStatus: 'SHIPPED', outcome: 'SPLIT', sellerAmount: '6000000' };
    const split = JSON.parse(settlementJson);
    const ledger = new FakeContract({
      endorse: async () => JSON.stringify({ order: JSON.parse(orderJson({ status: 'SPLIT', dispute })), settlement: { ...split, kind: 'SPLIT', refundedAmount: '4002000' } }),
    });
    const resolved = await ordersOn(ledger).resolveDispute({ orderId: ORDER_ID, outcome: 'SPLIT', sellerAmount: 6_000_000n, resolution: 'arbitrated' });
    expect(JSON.parse(ledger.proposals[0].arguments[0] as string)).toEqual({ orderId: ORDER_ID, outcome: 'SPLIT', sellerAmount: '6000000', resolution: 'arbitrated' });
    expect(resolved.order.dispute?.sellerAmount).toBe(6_000_000n);
    expect(resolved.settlement).toMatchObject({ kind: 'SPLIT', refundedAmount: 4_002_000n });
  });

  it('returns a refund without a settlement', async () => {
    const ledger = new FakeContract({ endorse: async () => `{"order":${orderJson({ status: 'REFUNDED' })}}` });
    const resolved = await ordersOn(ledger).resolveDispute({ orderId: ORDER_ID, outcome: 'REFUND', resolution: 'not delivered' });
    expect(JSON.parse(ledger.proposals[0].arguments[0] as string)).not.toHaveProperty('sellerAmount');
    expect(resolved).toEqual({ order: expect.objectContaining({ status: 'REFUNDED' }) });
  });

  it('marks a default and returns the margin claim it opened', async () => {
    const ledger = new FakeContract({ endorse: async () => `{"order":${orderJson({ status: 'DEFAULTED' })},"claim":${claimJson}}` });
    const { order, claim } = await ordersOn(ledger).markDefault(ORDER_ID);
    expect(ledger.proposals[0]).toMatchObject({ name: 'Order:markDefault', arguments: [ORDER_ID] });
    expect(order.status).toBe('DEFAULTED');
    expect(claim).toMatchObject({ maxAmount: 500_000n, status: 'OPEN' });
  });

  it('evaluates the queries and converts their amounts', async () => {
    const payment = { orderId: ORDER_ID, kind: 'ESCROW_FUND', legs: [{ from: 'party:USIMP', to: `escrow:${ORDER_ID}`, currency: 'USD', amount: '10005000' }], at: 't', txId: 'tx9' };
    const answers: Record<string, string> = {
      'Order:getOrder': orderJson(),
      'Order:getOrderHistory': `[{"orderId":"${ORDER_ID}","action":"CREATE","to":"CREATED","by":"USIMP","at":"t","txId":"tx1"}]`,
      'Order:getOrderPayments': JSON.stringify([payment]),
      'Order:getSettlement': settlementJson,
      'Order:listPartyOrders': `{"bookmark":"","records":[${orderJson()}]}`,
      'Order:listOrders': `{"bookmark":"","records":[${orderJson()}]}`,
    };
    const ledger: FakeContract = new FakeContract({ evaluate: async (txId) => answers[ledger.proposals.find((p) => p.txId === txId)?.name ?? ''] });
    const orders = ordersOn(ledger);
    expect((await orders.get(ORDER_ID)).amount).toBe(10_000_000n);
    expect((await orders.getHistory(ORDER_ID))[0]).toMatchObject({ action: 'CREATE', txId: 'tx1' });
    expect((await orders.getPayments(ORDER_ID))[0].legs[0].amount).toBe(10_005_000n);
    expect((await orders.getSettlement(ORDER_ID)).settledAmount).toBe(71_164_400n);
    expect((await orders.listForParty('USIMP').all())[0].escrowAmount).toBe(10_005_000n);
    await orders.list().all();
    await orders.list('SETTLED').page({ pageSize: 20 });
    expect(ledger.proposals.map((p) => [p.name, p.arguments])).toEqual([
      ['Order:getOrder', [ORDER_ID]],
      ['Order:getOrderHistory', [ORDER_ID]],
      ['Order:getOrderPayments', [ORDER_ID]],
      ['Order:getSettlement', [ORDER_ID]],
      ['Order:listPartyOrders', ['USIMP', '', '']],
      ['Order:listOrders', ['', '', '']],
      ['Order:listOrders', ['SETTLED', '20', '']],
    ]);
    expect(ledger.submitted).toEqual([]);
  });
});
