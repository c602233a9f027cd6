import { Context } from 'fabric-contract-api';
import { builtinCurrency, Currency } from '@xborder/model/currency';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { readJson, scanJson, writeJson } from './state';

/**
 * The currency registry. Built-in ISO 4217 currencies live in code and cost no
 * read; registered ones are one rarely written key each:
 *   currency~<code>   Currency (source REGISTERED)
 */

const CURRENCY = 'currency';

/** The currency `code` (already shape-checked), or UNKNOWN_CURRENCY. */
export async function requireCurrency(ctx: Context, code: string): Promise<Currency> {
  const currency = builtinCurrency(code) ?? (await readJson<Currency>(ctx, currencyKey(ctx, code)));
  if (!currency) {
    throw new XborderError(ErrorCodes.UNKNOWN_CURRENCY, `${code} is neither an ISO 4217 currency in the built-in table nor registered`);
  }
  return currency;
}

export async function getRegisteredCurrency(ctx: Context, code: string): Promise<Currency | undefined> {
  return readJson<Currency>(ctx, currencyKey(ctx, code));
}

export async function putRegisteredCurrency(ctx: Context, currency: Currency): Promise<void> {
  await writeJson(ctx, currencyKey(ctx, currency.code), currency);
}

/** Currencies registered on the ledger, ordered by code. */
export async function listRegisteredCurrencies(ctx: Context): Promise<Currency[]> {
  return (await scanJson<Currency>(ctx, CURRENCY, [])).map((row) => row.value);
}

function currencyKey(ctx: Context, code: string): string {
  return ctx.stub.createCompositeKey(CURRENCY, [code]);
}
