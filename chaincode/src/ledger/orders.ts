import { Context } from 'fabric-contract-api';
import { Order, OrderHistoryEntry, OrderPayment } from '@xborder/model/order';
import { SettlementRecord } from '@xborder/model/settlement';
import type { Page } from '@xborder/model/paging';
import { recordKind } from './records';
import { PageRequest, readJson, scanJson, scanJsonPage, writeJson } from './state';

/**
 * Orders and their trail:
 *   order~<orderId>                              Order
 *   order-party~<partyId>~<orderId>              { orderId, role } both parties' index
 *   order-history~<orderId>~<time>~<txId>        OrderHistoryEntry, one per transition
 *   order-payment~<orderId>~<time>~<txId>        OrderPayment, one per value-moving transaction
 *   settlement~<orderId>                         SettlementRecord (at most one per order)
 * History and payment rows are new keys per transaction, so recording them
 * never conflicts; their keys sort by time.
 */

const ORDER = 'order';
const ORDER_BY_PARTY = 'order-party';
const HISTORY = 'order-history';
const PAYMENT = 'order-payment';
const SETTLEMENT = 'settlement';

export const {
  get: getOrder,
  require: requireOrder,
  put: putOrder,
} = recordKind<Order>(ORDER, (order) => order.orderId, (orderId) => `order ${orderId} does not exist`);

export async function putOrderIndex(ctx: Context, order: Order): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(ORDER_BY_PARTY, [order.buyerId, order.orderId]), { orderId: order.orderId, role: 'BUYER' });
  await writeJson(ctx, ctx.stub.createCompositeKey(ORDER_BY_PARTY, [order.sellerId, order.orderId]), { orderId: order.orderId, role: 'SELLER' });
}

/** A page of all orders, ordered by id: for the clearing house's queries. */
export async function listOrders(ctx: Context, request: PageRequest): Promise<Page<Order>> {
  const { rows, bookmark } = await scanJsonPage<Order>(ctx, ORDER, [], request);
  return { records: rows.map((row) => row.value), bookmark };
}

/** A page of the orders a party buys or sells, ordered by id. */
export async function listPartyOrders(ctx: Context, partyId: string, request: PageRequest): Promise<Page<Order>> {
  const { rows, bookmark } = await scanJsonPage<{ orderId: string }>(ctx, ORDER_BY_PARTY, [partyId], request);
  const records: Order[] = [];
  for (const { value } of rows) {
    records.push(await requireOrder(ctx, value.orderId));
  }
  return { records, bookmark };
}

export async function putHistory(ctx: Context, entry: OrderHistoryEntry): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(HISTORY, [entry.orderId, entry.at, entry.txId]), entry);
}

export async function orderHistory(ctx: Context, orderId: string): Promise<OrderHistoryEntry[]> {
  return (await scanJson<OrderHistoryEntry>(ctx, HISTORY, [orderId])).map((row) => row.value);
}

export async function putPayment(ctx: Context, payment: OrderPayment): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(PAYMENT, [payment.orderId, payment.at, payment.txId]), payment);
}

export async function orderPayments(ctx: Context, orderId: string): Promise<OrderPayment[]> {
  return (await scanJson<OrderPayment>(ctx, PAYMENT, [orderId])).map((row) => row.value);
}

export async function getSettlement(ctx: Context, orderId: string): Promise<SettlementRecord | undefined> {
  return readJson<SettlementRecord>(ctx, ctx.stub.createCompositeKey(SETTLEMENT, [orderId]));
}

export async function putSettlement(ctx: Context, record: SettlementRecord): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(SETTLEMENT, [record.orderId]), record);
}
