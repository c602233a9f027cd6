import { createHash } from 'node:crypto';
import { formatAmount } from '@xborder/model/amount';
import { BPS_SCALE, TradeParameters } from '@xborder/model/clearing';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { MarginClaim, MarginExposure, MarginPosition } from '@xborder/model/margin';
import { RiskRating } from '@xborder/model/party';

/**
 * Margin rules. A seller's required margin in a currency is
 *   ceil(open exposure x marginBps[risk rating] / 10000) + margin reserved for open default claims,
 * rounded up so that the requirement is never understated. The rating is the
 * seller's current KYC risk rating, so a downgrade raises the requirement of
 * its whole open book at once.
 */

export function emptyExposure(partyId: string, currency: string): MarginExposure {
  return { partyId, currency, openAmount: '0', openOrders: 0, claimsReserved: '0', updatedAt: '', txId: '' };
}

/**
 * How many shards a seller's exposure is kept in, so that closing its orders
 * (settlements above all) does not serialise on one key. See ledger/margin.
 */
export const EXPOSURE_SHARDS = 16;

/** The shard an order's exposure is kept in: drawn from a hash of its id, the same on every endorser. */
export function exposureShardOf(orderId: string): number {
  return createHash('sha256').update(orderId).digest().readUInt32BE(0) % EXPOSURE_SHARDS;
}

/** The whole exposure from its shards; the latest change's time and transaction. */
export function sumExposures(empty: MarginExposure, shards: readonly MarginExposure[]): MarginExposure {
  let latest: MarginExposure | undefined;
  let openAmount = 0n;
  let claimsReserved = 0n;
  let openOrders = 0;
  for (const shard of shards) {
    openAmount += BigInt(shard.openAmount);
    claimsReserved += BigInt(shard.claimsReserved);
    openOrders += shard.openOrders;
    if (shard.updatedAt !== '' && (latest === undefined || shard.updatedAt > latest.updatedAt || (shard.updatedAt === latest.updatedAt && shard.txId > latest.txId))) {
      latest = shard;
    }
  }
  return {
    ...empty,
    openAmount: formatAmount(openAmount),
    openOrders,
    claimsReserved: formatAmount(claimsReserved),
    updatedAt: latest?.updatedAt ?? '',
    txId: latest?.txId ?? '',
  };
}

export function marginFor(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps) + BPS_SCALE - 1n) / BPS_SCALE;
}

export function requiredMargin(exposure: MarginExposure, bps: number): bigint {
  return marginFor(BigInt(exposure.openAmount), bps) + BigInt(exposure.claimsReserved);
}

export function marginBpsFor(parameters: TradeParameters, rating: RiskRating): number {
  return parameters.marginBps[rating];
}

/** The exposure after an order opens (delta > 0) or closes (delta < 0), and claims reserved or released. */
export function changeExposure(
  exposure: MarginExposure,
  change: { amount: bigint; orders: number; reserved?: bigint },
  at: string,
  txId: string,
): MarginExposure {
  const openAmount = BigInt(exposure.openAmount) + change.amount;
  const claimsReserved = BigInt(exposure.claimsReserved) + (change.reserved ?? 0n);
  const openOrders = exposure.openOrders + change.orders;
  if (openAmount < 0n || claimsReserved < 0n || openOrders < 0) {
    // Only a corrupted record gets here: every close follows its own open.
    throw new XborderError(ErrorCodes.INVALID_STATE, `margin exposure of ${exposure.partyId} in ${exposure.currency} would go negative`);
  }
  return { ...exposure, openAmount: formatAmount(openAmount), openOrders, claimsReserved: formatAmount(claimsReserved), updatedAt: at, txId };
}

export function marginPosition(exposure: MarginExposure, held: bigint, rating: RiskRating, bps: number): MarginPosition {
  const required = requiredMargin(exposure, bps);
  return {
    partyId: exposure.partyId,
    currency: exposure.currency,
    held: formatAmount(held),
    openAmount: exposure.openAmount,
    openOrders: exposure.openOrders,
    claimsReserved: exposure.claimsReserved,
    riskRating: rating,
    marginBps: bps,
    required: formatAmount(required),
    free: formatAmount(held > required ? held - required : 0n),
    shortfall: formatAmount(required > held ? required - held : 0n),
  };
}

export function openClaim(order: { orderId: string; sellerId: string; buyerId: string; currency: string }, maxAmount: bigint, at: string): MarginClaim {
  return {
    orderId: order.orderId,
    partyId: order.sellerId,
    beneficiary: order.buyerId,
    currency: order.currency,
    maxAmount: formatAmount(maxAmount),
    status: 'OPEN',
    openedAt: at,
  };
}

/** The clearing house decides an open claim once, for at most its maximum ("0" waives it). */
export function decideClaim(claim: MarginClaim, amount: bigint, decision: { by: string; at: string; txId: string }): MarginClaim {
  if (claim.status !== 'OPEN') {
    throw new XborderError(ErrorCodes.INVALID_STATE, `margin claim of order ${claim.orderId} was decided in ${claim.decidedTxId}`);
  }
  if (amount > BigInt(claim.maxAmount)) {
    throw new XborderError(ErrorCodes.INVALID_AMOUNT, `claim.amount ${formatAmount(amount)} exceeds the claim's maximum ${claim.maxAmount} ${claim.currency}`);
  }
  return { ...claim, status: 'DECIDED', claimedAmount: formatAmount(amount), decidedBy: decision.by, decidedAt: decision.at, decidedTxId: decision.txId };
}
