import { Context, Info, Transaction } from 'fabric-contract-api';
import { pageOf, XborderContract } from './base';
import { openClaim } from '../domain/margin';
import { cancelOrder, close, defaultOrder, deliverOrder, disputeOrder, fundOrder, requireStatus, shipOrder } from '../domain/order';
import { addOutflow, isMonitored } from '../domain/risk';
import { Leg } from '../domain/token';
import { toBytes, canonicalJson } from '@xborder/model/canonical';
import { putClaim, putOrderExposure } from '../ledger/margin';
import { requireCallerMember, requireClearingHouse } from '../guards/members';
import * as orders from '../ledger/orders';
import { requireEligibleParty } from '../guards/parties';
import { getLimit, putOutflowEntry, putOutflowTotal, readOutflowTotal } from '../ledger/risk';
import { txTime } from '../ledger/time';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { Dispute, Order, parseCancelInput, parseDeliverInput, parseDisputeInput, parseResolveInput, parseShipInput } from '@xborder/model/order';
import { SettlementRecord } from '@xborder/model/settlement';
import { partyAccount } from '@xborder/model/token';
import { applySettlement, callerIsClearingHouse, moveOrderValue, orderEvent, prepareExposureClose, prepareSettlement, recordTransition, requireActor } from '../workflows/trade';

/**
 * Orders, created by Quotation:acceptQuotation. Every transition checks the
 * caller, the state and the time (transaction time only), writes the order
 * and one history line, and emits one event named after it.
 *
 *   fund            buyer                         CREATED -> FUNDED, before fundBy; escrows amount + buyer's fee share
 *   ship            seller or logistics party     FUNDED -> SHIPPED, before shipBy
 *   confirmDelivery buyer, or logistics w/ proof  SHIPPED -> DELIVERED
 *   settle          seller, buyer, clearing house DELIVERED -> SETTLED (payment-versus-payment when currencies differ)
 *   cancel          buyer or seller               CREATED -> CANCELLED
 *   dispute         buyer or seller               FUNDED | SHIPPED | DELIVERED -> DISPUTED
 *   resolveDispute  clearing house                DISPUTED -> SETTLED | REFUNDED | SPLIT
 *   markDefault     buyer or clearing house       FUNDED -> DEFAULTED at/after shipBy: refund + margin claim
 *
 * Settlement lives here rather than in a contract of its own: it is the
 * order's last transition and must change the order in the same transaction
 * that moves the escrow, so the rule "an order settles at most once" is the
 * order's own state check.
 */
@Info({ title: 'Order', description: 'Trade orders: escrow, shipment, delivery, settlement, disputes, defaults, history' })
export class OrderContract extends XborderContract.named('Order') {
  /** The buyer pays the escrow amount (order amount + its fee share) into `escrow:<orderId>`. Subject to its daily outflow limit. */
  @Transaction()
  async fund(ctx: Context, orderId: string): Promise<string> {
    const order = await orders.requireOrder(ctx, orderId);
    const by = await requireActor(ctx, [order.buyerId], `fund order ${order.orderId}`);
    const now = txTime(ctx);
    const funded = fundOrder(order, now);
    await requireEligibleParty(ctx, order.buyerId);
    await requireEligibleParty(ctx, order.sellerId);
    const amount = BigInt(order.escrowAmount);
    const day = now.slice(0, 10);
    const limit = await getLimit(ctx, order.buyerId, order.currency);
    const monitored = isMonitored(limit) ? addOutflow(limit, await readOutflowTotal(ctx, order.buyerId, order.currency, day), amount) : undefined;
    const alerts = monitored?.alerts ?? [];
    await moveOrderValue(ctx, order, 'ESCROW_FUND', [{ from: partyAccount(order.buyerId), to: order.escrowAccount, currency: order.currency, amount }]);
    await putOutflowEntry(ctx, { partyId: order.buyerId, currency: order.currency, day, amount: order.escrowAmount, orderId: order.orderId, txId: ctx.stub.getTxID() });
    if (monitored) {
      await putOutflowTotal(ctx, monitored.outflow);
    }
    await recordTransition(ctx, order, funded, 'FUND', by);
    ctx.stub.setEvent('OrderFunded', toBytes(orderEvent(ctx, funded, 'FUND', order, by, { escrowAmount: order.escrowAmount, alerts })));
    return canonicalJson({ order: funded, alerts });
  }

  /** `shipmentJson`: `{"orderId","carrier","trackingNumber","documentHashes":[sha256 hex]}`. */
  @Transaction()
  async ship(ctx: Context, shipmentJson: string): Promise<string> {
    const input = parseShipInput(shipmentJson);
    const order = await orders.requireOrder(ctx, input.orderId);
    const by = await requireActor(ctx, [order.sellerId, order.logisticsId], `ship order ${order.orderId}`);
    const shipment = { carrier: input.carrier, trackingNumber: input.trackingNumber, documentHashes: input.documentHashes, shippedAt: txTime(ctx), shippedBy: by };
    const shipped = shipOrder(order, shipment);
    await recordTransition(ctx, order, shipped, 'SHIP', by);
    ctx.stub.setEvent('OrderShipped', toBytes(orderEvent(ctx, shipped, 'SHIP', order, by, { shipment: shipped.shipment })));
    return canonicalJson(shipped);
  }

  /** `deliveryJson`: `{"orderId","proofHash"?}`; the logistics party must give the proof of delivery's hash. */
  @Transaction()
  async confirmDelivery(ctx: Context, deliveryJson: string): Promise<string> {
    const input = parseDeliverInput(deliveryJson);
    const order = await orders.requireOrder(ctx, input.orderId);
    const by = await requireActor(ctx, [order.buyerId, order.logisticsId], `confirm delivery of order ${order.orderId}`);
    if (by === order.logisticsId && input.proofHash === undefined) {
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'delivery.proofHash is required when the logistics party confirms delivery');
    }
    const delivered = deliverOrder(order, { deliveredAt: txTime(ctx), confirmedBy: by, ...(input.proofHash ? { proofHash: input.proofHash } : {}) });
    await recordTransition(ctx, order, delivered, 'DELIVER', by);
    ctx.stub.setEvent('OrderDelivered', toBytes(orderEvent(ctx, delivered, 'DELIVER', order, by, { delivery: delivered.delivery })));
    return canonicalJson(delivered);
  }

  /**
   * Pays the seller: escrow -> seller in one currency; escrow -> liquidity
   * provider in the price currency and liquidity provider -> seller in the
   * settlement currency in the same transaction when they differ. Fees go to
   * the fee collector. Returns `{order, settlement}`.
   */
  @Transaction()
  async settle(ctx: Context, orderId: string): Promise<string> {
    const order = await orders.requireOrder(ctx, orderId);
    const by = await requireActor(ctx, [order.sellerId, order.buyerId], `settle order ${order.orderId}`, true);
    requireStatus(order, ['DELIVERED'], 'settle');
    const prepared = await prepareSettlement(ctx, order, 'RELEASE', BigInt(order.amount));
    const settled = close(order, 'SETTLED', txTime(ctx));
    await applySettlement(ctx, order, prepared);
    await recordTransition(ctx, order, settled, 'SETTLE', by);
    ctx.stub.setEvent('OrderSettled', toBytes(orderEvent(ctx, settled, 'SETTLE', order, by, { settlement: prepared.plan.record })));
    return canonicalJson({ order: settled, settlement: prepared.plan.record });
  }

  /** `cancelJson`: `{"orderId","reason"}`; only before funding, so nothing moves. */
  @Transaction()
  async cancel(ctx: Context, cancelJson: string): Promise<string> {
    const input = parseCancelInput(cancelJson);
    const order = await orders.requireOrder(ctx, input.orderId);
    const by = await requireActor(ctx, [order.buyerId, order.sellerId], `cancel order ${order.orderId}`);
    const cancelled: Order = { ...cancelOrder(order, txTime(ctx)), cancelReason: input.reason };
    const { exposure } = await prepareExposureClose(ctx, order, false);
    await putOrderExposure(ctx, order.orderId, exposure);
    await recordTransition(ctx, order, cancelled, 'CANCEL', by);
    ctx.stub.setEvent('OrderCancelled', toBytes(orderEvent(ctx, cancelled, 'CANCEL', order, by, { reason: input.reason })));
    return canonicalJson(cancelled);
  }

  /** `disputeJson`: `{"orderId","reason","evidenceHashes"?}`; freezes the escrow until the clearing house resolves. */
  @Transaction()
  async dispute(ctx: Context, disputeJson: string): Promise<string> {
    const input = parseDisputeInput(disputeJson);
    const order = await orders.requireOrder(ctx, input.orderId);
    const by = await requireActor(ctx, [order.buyerId, order.sellerId], `dispute order ${order.orderId}`);
    const disputed = disputeOrder(order, input, by, txTime(ctx));
    await recordTransition(ctx, order, disputed, 'DISPUTE', by);
    ctx.stub.setEvent('OrderDisputed', toBytes(orderEvent(ctx, disputed, 'DISPUTE', order, by, { dispute: disputed.dispute })));
    return canonicalJson(disputed);
  }

  /**
   * The clearing house decides a dispute. `resolutionJson`:
   * `{"orderId","outcome":"RELEASE"|"REFUND"|"SPLIT","sellerAmount"?,"resolution"}`.
   * RELEASE settles as `settle` does; REFUND returns the whole escrow to the
   * buyer; SPLIT settles `sellerAmount` of the order amount (its own fee, at
   * the posted rate) and returns the rest of the escrow to the buyer.
   */
  @Transaction()
  async resolveDispute(ctx: Context, resolutionJson: string): Promise<string> {
    const input = parseResolveInput(resolutionJson);
    const clearing = await requireClearingHouse(ctx);
    const order = await orders.requireOrder(ctx, input.orderId);
    requireStatus(order, ['DISPUTED'], 'resolve the dispute of');
    const now = txTime(ctx);
    const dispute: Dispute = { ...(order.dispute as Dispute), outcome: input.outcome, resolution: input.resolution, resolvedBy: clearing.mspId, resolvedAt: now };
    if (input.sellerAmount !== undefined) {
      dispute.sellerAmount = input.sellerAmount.toString();
    }
    const status = input.outcome === 'RELEASE' ? 'SETTLED' : input.outcome === 'SPLIT' ? 'SPLIT' : 'REFUNDED';
    const resolved: Order = { ...close(order, status, now), dispute };
    let settlement: SettlementRecord | undefined;
    if (input.outcome === 'REFUND') {
      await requireEligibleParty(ctx, order.buyerId);
      const { exposure } = await prepareExposureClose(ctx, order, false);
      await moveOrderValue(ctx, order, 'ESCROW_REFUND', [refundLeg(order)]);
      await putOrderExposure(ctx, order.orderId, exposure);
    } else {
      const prepared = await prepareSettlement(ctx, order, input.outcome, input.sellerAmount ?? BigInt(order.amount));
      await applySettlement(ctx, order, prepared);
      settlement = prepared.plan.record;
    }
    await recordTransition(ctx, order, resolved, 'RESOLVE', clearing.mspId);
    ctx.stub.setEvent('DisputeResolved', toBytes(orderEvent(ctx, resolved, 'RESOLVE', order, clearing.mspId, { dispute: resolved.dispute, settlement })));
    return canonicalJson({ order: resolved, settlement });
  }

  /**
   * The seller missed the ship-by date: refunds the whole escrow to the buyer
   * and opens a margin claim for the order's margin, reserved in the seller's
   * margin until the clearing house decides it (Margin:claimMargin).
   */
  @Transaction()
  async markDefault(ctx: Context, orderId: string): Promise<string> {
    const order = await orders.requireOrder(ctx, orderId);
    const by = await requireActor(ctx, [order.buyerId], `mark order ${order.orderId} defaulted`, true);
    const now = txTime(ctx);
    const defaulted = defaultOrder(order, now);
    await requireEligibleParty(ctx, order.buyerId);
    const { exposure, reserved } = await prepareExposureClose(ctx, order, true);
    const claim = openClaim(order, reserved, now);
    await moveOrderValue(ctx, order, 'ESCROW_REFUND', [refundLeg(order)]);
    await putOrderExposure(ctx, order.orderId, exposure);
    await putClaim(ctx, claim);
    await recordTransition(ctx, order, defaulted, 'DEFAULT', by);
    ctx.stub.setEvent('OrderDefaulted', toBytes(orderEvent(ctx, defaulted, 'DEFAULT', order, by, { refunded: order.escrowAmount, claim })));
    return canonicalJson({ order: defaulted, claim });
  }

  @Transaction(false)
  async getOrder(ctx: Context, orderId: string): Promise<string> {
    await requireCallerMember(ctx);
    return canonicalJson(await orders.requireOrder(ctx, orderId));
  }

  /** Every transition of the order, oldest first: action, from, to, by, time and transaction id. */
  @Transaction(false)
  async getOrderHistory(ctx: Context, orderId: string): Promise<string> {
    await requireCallerMember(ctx);
    const order = await orders.requireOrder(ctx, orderId);
    return canonicalJson(await orders.orderHistory(ctx, order.orderId));
  }

  /** Every value movement linked to the order (funding, settlement legs, refunds, margin claims), oldest first. */
  @Transaction(false)
  async getOrderPayments(ctx: Context, orderId: string): Promise<string> {
    await requireCallerMember(ctx);
    const order = await orders.requireOrder(ctx, orderId);
    return canonicalJson(await orders.orderPayments(ctx, order.orderId));
  }

  /** The settlement record; NOT_FOUND until the order settles (or splits). */
  @Transaction(false)
  async getSettlement(ctx: Context, orderId: string): Promise<string> {
    await requireCallerMember(ctx);
    const record = await orders.getSettlement(ctx, orderId);
    if (!record) {
      throw new XborderError(ErrorCodes.NOT_FOUND, `order ${orderId} has no settlement`);
    }
    return canonicalJson(record);
  }

  /** A page of the orders a party buys or sells, by order id. Caller: an identity bound to the party, or the clearing house. */
  @Transaction(false)
  async listPartyOrders(ctx: Context, partyId: string, pageSize: string, bookmark: string): Promise<string> {
    await requireActor(ctx, [partyId], `list the orders of ${partyId}`, true);
    return canonicalJson(await orders.listPartyOrders(ctx, partyId, pageOf(pageSize, bookmark)));
  }

  /**
   * The clearing house's view across all orders, a page at a time by order id, optionally of
   * one status ('' for all): a filtered page holds fewer than `pageSize` orders, or none.
   */
  @Transaction(false)
  async listOrders(ctx: Context, status: string, pageSize: string, bookmark: string): Promise<string> {
    if (!(await callerIsClearingHouse(ctx))) {
      throw new XborderError(ErrorCodes.UNAUTHORIZED, 'only the clearing house lists all orders');
    }
    const page = await orders.listOrders(ctx, pageOf(pageSize, bookmark));
    return canonicalJson(status === '' ? page : { ...page, records: page.records.filter((order) => order.status === status) });
  }
}

/** The whole escrow back to the buyer. */
function refundLeg(order: Order): Leg {
  return { from: order.escrowAccount, to: partyAccount(order.buyerId), currency: order.currency, amount: BigInt(order.escrowAmount) };
}
