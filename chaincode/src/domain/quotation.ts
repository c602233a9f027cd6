import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { CreateQuotationInput, FeeTerms, Quotation, QuotationStatus, termsOf } from '@xborder/model/quotation';

/** A quotation binds the seller for at most 90 days. */
export const MAX_QUOTATION_VALIDITY_MS = 90 * 24 * 3600 * 1000;

/** The validity window starts now and lasts at most MAX_QUOTATION_VALIDITY_MS. */
export function checkQuotationValidity(validUntil: string, now: string): void {
  if (validUntil <= now) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `quotation.validUntil ${validUntil} must be after the transaction time ${now}`);
  }
  if (Date.parse(validUntil) - Date.parse(now) > MAX_QUOTATION_VALIDITY_MS) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `a quotation is valid for at most 90 days, ${validUntil} is later`);
  }
}

/** The quotation record; `parameters` are the fee rate and collector in force now, which the buyer will accept with it. */
export function newQuotation(
  input: CreateQuotationInput,
  origin: { quotationId: string; at: string; parameters: Pick<FeeTerms, 'platformFeeBps' | 'feeCollector'> },
): Quotation {
  const fees: FeeTerms = { platformFeeBps: origin.parameters.platformFeeBps, chargeBearer: input.chargeBearer };
  if (origin.parameters.platformFeeBps > 0) {
    fees.feeCollector = origin.parameters.feeCollector;
  }
  return {
    ...termsOf(input),
    quotationId: origin.quotationId,
    totalAmount: input.totalAmount.toString(),
    fees,
    validUntil: input.validUntil,
    status: 'OPEN',
    createdAt: origin.at,
    txId: origin.quotationId,
  };
}

/** The status as of `now`: an OPEN quotation at or past `validUntil` counts as EXPIRED. */
export function effectiveQuotationStatus(quotation: Quotation, now: string): QuotationStatus {
  return quotation.status === 'OPEN' && quotation.validUntil <= now ? 'EXPIRED' : quotation.status;
}

/** Accept, reject and withdraw need an OPEN quotation within its validity. */
export function requireOpenQuotation(quotation: Quotation, now: string, action: string): void {
  const status = effectiveQuotationStatus(quotation, now);
  if (status === 'EXPIRED' && quotation.status === 'OPEN') {
    throw new XborderError(ErrorCodes.DEADLINE_PASSED, `cannot ${action} quotation ${quotation.quotationId}: it expired at ${quotation.validUntil}`);
  }
  if (status !== 'OPEN') {
    const order = quotation.orderId ? ` as order ${quotation.orderId}` : '';
    throw new XborderError(ErrorCodes.INVALID_STATE, `cannot ${action} quotation ${quotation.quotationId}: it is ${status}${order}`);
  }
}

export function closeQuotation(
  quotation: Quotation,
  status: Exclude<QuotationStatus, 'OPEN'>,
  close: { at: string; txId: string; reason?: string; orderId?: string },
): Quotation {
  const closed: Quotation = { ...quotation, status, closedAt: close.at, closedTxId: close.txId };
  if (close.reason !== undefined) {
    closed.reason = close.reason;
  }
  if (close.orderId !== undefined) {
    closed.orderId = close.orderId;
  }
  return closed;
}

/** Persists EXPIRED: only an OPEN quotation past its validity. */
export function expireQuotation(quotation: Quotation, at: string, txId: string): Quotation {
  if (quotation.status !== 'OPEN' || effectiveQuotationStatus(quotation, at) !== 'EXPIRED') {
    throw new XborderError(
      ErrorCodes.INVALID_STATE,
      `quotation ${quotation.quotationId} is ${effectiveQuotationStatus(quotation, at)}${quotation.status === 'OPEN' ? ` until ${quotation.validUntil}` : ''}: nothing to expire`,
    );
  }
  return closeQuotation(quotation, 'EXPIRED', { at, txId });
}
