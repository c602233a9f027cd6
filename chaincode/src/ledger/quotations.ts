import { Context } from 'fabric-contract-api';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { Quotation } from '@xborder/model/quotation';
import { readJson, writeJson } from './state';

/**
 * Quotations:
 *   quotation~<quotationId>                 Quotation
 *   quotation-firm-quote~<firmQuoteId>      { quotationId } a firm quote backs at most one quotation
 */

const QUOTATION = 'quotation';
const FIRM_QUOTE_CLAIM = 'quotation-firm-quote';

export async function requireQuotation(ctx: Context, quotationId: string): Promise<Quotation> {
  const quotation = await readJson<Quotation>(ctx, ctx.stub.createCompositeKey(QUOTATION, [quotationId]));
  if (!quotation) {
    throw new XborderError(ErrorCodes.NOT_FOUND, `quotation ${quotationId} does not exist`);
  }
  return quotation;
}

export async function putQuotation(ctx: Context, quotation: Quotation): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(QUOTATION, [quotation.quotationId]), quotation);
}

/** The quotation a firm quote was attached to, if any. */
export async function firmQuoteHolder(ctx: Context, firmQuoteId: string): Promise<string | undefined> {
  return (await readJson<{ quotationId: string }>(ctx, ctx.stub.createCompositeKey(FIRM_QUOTE_CLAIM, [firmQuoteId])))?.quotationId;
}

export async function putFirmQuoteHolder(ctx: Context, firmQuoteId: string, quotationId: string): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(FIRM_QUOTE_CLAIM, [firmQuoteId]), { quotationId });
}
