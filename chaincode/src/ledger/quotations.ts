import { Context } from 'fabric-contract-api';
import { Quotation } from '@xborder/model/quotation';
import { recordKind } from './records';
import { readJson, writeJson } from './state';

/**
 * Quotations:
 *   quotation~<quotationId>                 Quotation
 *   quotation-firm-quote~<firmQuoteId>      { quotationId } a firm quote backs at most one quotation
 */

const QUOTATION = 'quotation';
const FIRM_QUOTE_CLAIM = 'quotation-firm-quote';

export const { require: requireQuotation, put: putQuotation } = recordKind<Quotation>(
  QUOTATION,
  (quotation) => quotation.quotationId,
  (quotationId) => `quotation ${quotationId} does not exist`,
);

/** The quotation a firm quote was attached to, if any. */
export async function firmQuoteHolder(ctx: Context, firmQuoteId: string): Promise<string | undefined> {
  return (await readJson<{ quotationId: string }>(ctx, ctx.stub.createCompositeKey(FIRM_QUOTE_CLAIM, [firmQuoteId])))?.quotationId;
}

export async function putFirmQuoteHolder(ctx: Context, firmQuoteId: string, quotationId: string): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(FIRM_QUOTE_CLAIM, [firmQuoteId]), { quotationId });
}
