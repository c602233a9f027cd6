import { createHash } from 'node:crypto';
import { BPS_SCALE } from '@xborder/model/clearing';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { Delivery, Dispute, DisputeInput, FINAL_ORDER_STATUSES, Order, OrderAction, OrderFees, OrderHistoryEntry, OrderStatus, Shipment } from '@xborder/model/order';
import { RiskRating } from '@xborder/model/party';
import { ChargeBearer, Quotation, termsOf } from '@xborder/model/quotation';
import { escrowAccount } from '@xborder/model/token';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The order number of the order a quotation becomes: the acceptance day and
 * 16 hex digits of sha256 of the quotation id. A quotation is accepted at most
 * once and quotation ids are transaction ids, so the number is unique (the
 * contract still refuses an existing key); every endorser derives the same
 * one; and at 29 characters it fits an ISO 20022 EndToEndIdentification (35).
 */
export function orderIdFor(quotationId: string, acceptedAt: string): string {
  const day = acceptedAt.slice(0, 10).replace(/-/g, '');
  return `ORD-${day}-${createHash('sha256').update(`order:${quotationId}`, 'utf8').digest('hex').slice(0, 16)}`;
}

/**
 * The platform fee of `amount` at `bps` basis points and its split by charge
 * bearer. One rounding mode for fees: half up to the minor unit (exact
 * integer arithmetic). SHAR splits the fee in two with the buyer's half
 * rounded down, so an odd minor unit falls to the seller.
 */
export function computeFees(amount: bigint, platformFeeBps: number, chargeBearer: ChargeBearer): OrderFees {
  const fee = (amount * BigInt(platformFeeBps) + BPS_SCALE / 2n) / BPS_SCALE;
  const debtorShare = chargeBearer === 'DEBT' ? fee : chargeBearer === 'CRED' ? 0n : fee / 2n;
  return {
    platformFeeBps,
    chargeBearer,
    platformFee: fee.toString(),
    debtorShare: debtorShare.toString(),
    creditorShare: (fee - debtorShare).toString(),
  };
}

/** What the seller's side receives before conversion: the instructed amount less the seller's fee share. */
export function convertedAmount(amount: bigint, fees: OrderFees): bigint {
  return amount - BigInt(fees.creditorShare);
}

export function addDays(time: string, days: number): string {
  return new Date(Date.parse(time) + days * DAY_MS).toISOString();
}

/** The order created by accepting `quotation` at `at`. The buyer must fund it by fundWithinDays, and never after shipBy. */
export function newOrder(quotation: Quotation, origin: { orderId: string; at: string; sellerRiskRating: RiskRating }): Order {
  const amount = BigInt(quotation.totalAmount);
  const fees = computeFees(amount, quotation.fees.platformFeeBps, quotation.fees.chargeBearer);
  if (quotation.fees.feeCollector !== undefined) {
    fees.feeCollector = quotation.fees.feeCollector;
  }
  const fundBy = addDays(origin.at, quotation.paymentTerms.fundWithinDays);
  return {
    ...termsOf(quotation),
    orderId: origin.orderId,
    quotationId: quotation.quotationId,
    amount: quotation.totalAmount,
    fees,
    escrowAmount: (amount + BigInt(fees.debtorShare)).toString(),
    escrowAccount: escrowAccount(origin.orderId),
    fundBy: fundBy < quotation.shipBy ? fundBy : quotation.shipBy,
    sellerRiskRating: origin.sellerRiskRating,
    status: 'CREATED',
    createdAt: origin.at,
    updatedAt: origin.at,
  };
}

/** The order must be in one of `allowed` for `action`; a final order names its end. */
export function requireStatus(order: Order, allowed: readonly OrderStatus[], action: string): void {
  if (!allowed.includes(order.status)) {
    const final = FINAL_ORDER_STATUSES.includes(order.status) ? ' (final)' : '';
    throw new XborderError(
      ErrorCodes.INVALID_STATE,
      `cannot ${action} order ${order.orderId}: it is ${order.status}${final}, ${action} needs ${allowed.join(' or ')}`,
    );
  }
}

/** CREATED -> FUNDED, before the fund-by date. */
export function fundOrder(order: Order, at: string): Order {
  requireStatus(order, ['CREATED'], 'fund');
  if (at >= order.fundBy) {
    throw new XborderError(ErrorCodes.DEADLINE_PASSED, `order ${order.orderId} had to be funded before ${order.fundBy}`);
  }
  return { ...order, status: 'FUNDED', fundedAt: at, updatedAt: at };
}

/** FUNDED -> SHIPPED, before the ship-by date; after it only a default or a dispute remains. */
export function shipOrder(order: Order, shipment: Shipment): Order {
  requireStatus(order, ['FUNDED'], 'ship');
  if (shipment.shippedAt >= order.shipBy) {
    throw new XborderError(ErrorCodes.DEADLINE_PASSED, `order ${order.orderId} had to ship before ${order.shipBy}: it can now be marked defaulted`);
  }
  return { ...order, status: 'SHIPPED', shipment, updatedAt: shipment.shippedAt };
}

/** SHIPPED -> DELIVERED; the settlement deadline starts now. */
export function deliverOrder(order: Order, delivery: Delivery): Order {
  requireStatus(order, ['SHIPPED'], 'confirm delivery of');
  return {
    ...order,
    status: 'DELIVERED',
    delivery,
    settlementDeadline: addDays(delivery.deliveredAt, order.paymentTerms.settleWithinDays),
    updatedAt: delivery.deliveredAt,
  };
}

/** CREATED -> CANCELLED: nothing was paid, so nothing moves. */
export function cancelOrder(order: Order, at: string): Order {
  requireStatus(order, ['CREATED'], 'cancel');
  return close(order, 'CANCELLED', at);
}

/** FUNDED | SHIPPED | DELIVERED -> DISPUTED: the escrow stays put until the clearing house decides. */
export function disputeOrder(order: Order, input: DisputeInput, raisedBy: string, at: string): Order {
  requireStatus(order, ['FUNDED', 'SHIPPED', 'DELIVERED'], 'dispute');
  const dispute: Dispute = { raisedBy, reason: input.reason, evidenceHashes: input.evidenceHashes, raisedAt: at, fromStatus: order.status };
  return { ...order, status: 'DISPUTED', dispute, updatedAt: at };
}

/** FUNDED -> DEFAULTED once the ship-by date has passed without shipment. */
export function defaultOrder(order: Order, at: string): Order {
  requireStatus(order, ['FUNDED'], 'mark default on');
  if (at < order.shipBy) {
    throw new XborderError(ErrorCodes.DEADLINE_NOT_REACHED, `order ${order.orderId} may ship until ${order.shipBy}; no default before then`);
  }
  return close(order, 'DEFAULTED', at);
}

/** A final status reached by settlement, refund, split, default or cancellation. */
export function close(order: Order, status: OrderStatus, at: string): Order {
  return { ...order, status, closedAt: at, updatedAt: at };
}

export function historyEntry(before: Order | undefined, after: Order, action: OrderAction, by: string, txId: string): OrderHistoryEntry {
  const entry: OrderHistoryEntry = { orderId: after.orderId, action, to: after.status, by, at: after.updatedAt, txId };
  if (before) {
    entry.from = before.status;
  }
  return entry;
}
