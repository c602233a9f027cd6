import { createHash } from 'node:crypto';
import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { formatRate } from '@xborder/model/fx';
import { Order } from '@xborder/model/order';
import { AppliedRate, Charge, SettlementRecord } from '@xborder/model/settlement';
import { partyAccount } from '@xborder/model/token';
import { convert } from './fx';
import { computeFees, convertedAmount } from './order';
import { Leg } from './token';

/**
 * Settlement arithmetic. Amounts are exact bigints; two rounding rules apply
 * and nowhere else: fees round half up (domain/order computeFees), conversion
 * rounds towards the liquidity provider (domain/fx convert), so the escrow
 * always pays out exactly what it holds and the provider never pays a
 * fraction it did not price.
 */

/** How the price currency (P) converts into the settlement currency (S) for one settlement. */
export interface Conversion {
  source: AppliedRate['source'];
  provider: string;
  /** The firm quote id, or the rate posting's transaction id. */
  reference: string;
  /** BASE_TO_QUOTE when the rate is quoted as P/S (the taker sells P at the bid); QUOTE_TO_BASE when S/P (it buys S at the ask). */
  direction: 'BASE_TO_QUOTE' | 'QUOTE_TO_BASE';
  rate: bigint;
  /** Mid of the posting's bid and ask, to itemise the spread; absent when the posting is unknown. */
  mid?: bigint;
  /** A firm quote's locked settled amount (for exactly the converted amount). */
  fixedAmount?: bigint;
}

export interface SettlementPlan {
  legs: Leg[];
  record: SettlementRecord;
}

export interface SettlementContext {
  kind: 'RELEASE' | 'SPLIT';
  /** The seller's part of the order amount: the whole amount for RELEASE. */
  sellerAmount: bigint;
  conversion?: Conversion;
  /** Minor units of P and S. */
  units: { from: number; to: number };
  at: string;
  txId: string;
}

/**
 * The legs and the record of paying `sellerAmount` of an order out of its
 * escrow. Escrow holds amount + debtor fee share; it pays
 *   - the seller side: sellerAmount - creditor fee share (to the seller, or
 *     to the liquidity provider, which pays the seller the converted amount
 *     in S from its own balance in the same transaction);
 *   - the fee collector: the platform fee of sellerAmount;
 *   - the buyer: whatever is left (SPLIT only; zero for RELEASE).
 */
export function planSettlement(order: Order, ctx: SettlementContext): SettlementPlan {
  checkSellerAmount(order, ctx.kind, ctx.sellerAmount);
  const escrow = order.escrowAccount;
  const fees = ctx.kind === 'RELEASE' ? order.fees : computeFees(ctx.sellerAmount, order.fees.platformFeeBps, order.fees.chargeBearer);
  const converted = convertedAmount(ctx.sellerAmount, fees);
  const fee = BigInt(fees.platformFee);
  const refund = BigInt(order.escrowAmount) - converted - fee;
  const legs: Leg[] = [];
  let settled = converted;
  let exchangeRate: AppliedRate | undefined;
  let spread: bigint | undefined;
  if (order.currency === order.settlementCurrency) {
    legs.push({ from: escrow, to: partyAccount(order.sellerId), currency: order.currency, amount: converted });
  } else {
    const conversion = requireConversion(order, ctx.conversion);
    settled = conversion.fixedAmount ?? convert(converted, ctx.units, conversion.rate, conversion.direction, 'PROVIDER');
    if (settled === 0n) {
      throw new XborderError(ErrorCodes.INVALID_AMOUNT, `${formatAmount(converted)} ${order.currency} is worth less than one minor unit of ${order.settlementCurrency}`);
    }
    if (conversion.mid !== undefined) {
      spread = convert(converted, ctx.units, conversion.mid, conversion.direction, 'PROVIDER') - settled;
    }
    const provider = partyAccount(conversion.provider);
    legs.push({ from: escrow, to: provider, currency: order.currency, amount: converted });
    legs.push({ from: provider, to: partyAccount(order.sellerId), currency: order.settlementCurrency, amount: settled });
    exchangeRate = appliedRate(order, conversion);
  }
  if (fee > 0n) {
    legs.push({ from: escrow, to: partyAccount(requireCollector(order)), currency: order.currency, amount: fee });
  }
  if (refund > 0n) {
    legs.push({ from: escrow, to: partyAccount(order.buyerId), currency: order.currency, amount: refund });
  }
  const record: SettlementRecord = {
    orderId: order.orderId,
    endToEndId: order.orderId,
    uetr: uetrFor(order.orderId),
    kind: ctx.kind,
    debtor: order.buyerId,
    creditor: order.sellerId,
    instructedAmount: formatAmount(ctx.sellerAmount),
    instructedCurrency: order.currency,
    convertedAmount: formatAmount(converted),
    settledAmount: formatAmount(settled),
    settledCurrency: order.settlementCurrency,
    chargeBearer: fees.chargeBearer,
    charges: itemiseCharges(order, fees, spread),
    settlementDate: ctx.at,
    deadlineMet: order.settlementDeadline === undefined || ctx.at <= order.settlementDeadline,
    txId: ctx.txId,
  };
  if (exchangeRate) {
    record.exchangeRate = exchangeRate;
  }
  if (ctx.kind === 'SPLIT') {
    record.refundedAmount = formatAmount(refund);
  }
  if (order.settlementDeadline !== undefined) {
    record.settlementDeadline = order.settlementDeadline;
  }
  return { legs, record };
}

/** A RELEASE pays the whole order amount; a SPLIT more than zero and less than the whole. */
export function checkSellerAmount(order: Order, kind: 'RELEASE' | 'SPLIT', sellerAmount: bigint): void {
  const amount = BigInt(order.amount);
  const valid = kind === 'RELEASE' ? sellerAmount === amount : sellerAmount > 0n && sellerAmount < amount;
  if (!valid) {
    throw new XborderError(
      ErrorCodes.INVALID_AMOUNT,
      kind === 'RELEASE'
        ? `a release pays the whole order amount ${order.amount}`
        : `a split pays the seller more than 0 and less than the order amount ${order.amount}, not ${formatAmount(sellerAmount)}`,
    );
  }
}

/**
 * The UETR (unique end-to-end transaction reference, SWIFT gpi) of an order's
 * settlement: a UUID version 4 / variant 1 built from sha256 of the order id
 * instead of random bits, so every endorser derives the same one and a retry
 * cannot mint a second.
 */
export function uetrFor(orderId: string): string {
  const hex = createHash('sha256').update(`uetr:${orderId}`, 'utf8').digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20, 32)}`;
}

/** Mid of a bid and an ask, rounded down (it only measures the spread). */
export function midRate(bid: bigint, ask: bigint): bigint {
  return (bid + ask) / 2n;
}

function itemiseCharges(order: Order, fees: ReturnType<typeof computeFees>, spread: bigint | undefined): Charge[] {
  const charges: Charge[] = [];
  const line = (amount: string, bearer: Charge['bearer']): void => {
    if (BigInt(amount) > 0n) {
      charges.push({ type: 'PLATFORM_FEE', amount, currency: order.currency, bearer });
    }
  };
  line(fees.debtorShare, 'DEBT');
  line(fees.creditorShare, 'CRED');
  // The spread is taken inside the rate, from what the seller receives: the seller chose to be paid in another currency.
  if (spread !== undefined && spread > 0n) {
    charges.push({ type: 'FX_SPREAD', amount: formatAmount(spread), currency: order.settlementCurrency, bearer: 'CRED' });
  }
  return charges;
}

function appliedRate(order: Order, conversion: Conversion): AppliedRate {
  const [unitCurrency, quotedCurrency] =
    conversion.direction === 'BASE_TO_QUOTE' ? [order.currency, order.settlementCurrency] : [order.settlementCurrency, order.currency];
  return { unitCurrency, quotedCurrency, rate: formatRate(conversion.rate), source: conversion.source, provider: conversion.provider, reference: conversion.reference };
}

function requireConversion(order: Order, conversion: Conversion | undefined): Conversion {
  if (!conversion) {
    throw new XborderError(ErrorCodes.RATE_NOT_FOUND, `order ${order.orderId} needs a ${order.currency}/${order.settlementCurrency} conversion`);
  }
  return conversion;
}

function requireCollector(order: Order): string {
  if (order.fees.feeCollector === undefined) {
    throw new XborderError(ErrorCodes.INVALID_STATE, `order ${order.orderId} charges a platform fee but names no fee collector`);
  }
  return order.fees.feeCollector;
}
