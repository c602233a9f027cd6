import { CURRENCY_CODE } from './consortium';
import { ErrorCodes, XborderError } from './errors';
import { checkString } from './fields';
import { integer, jsonArgument, object, refine, text } from './schema';

/**
 * A currency the ledger knows. `minorUnits` is the ISO 4217 exponent: the
 * token's decimals, so `12500` USD minor units are 125.00 USD and `12500` JPY
 * are 12,500 yen.
 */
export interface Currency {
  code: string;
  name: string;
  minorUnits: number;
  /** ISO4217: from the built-in table, fixed in code; REGISTERED: added on the ledger by registerCurrency. */
  source: 'ISO4217' | 'REGISTERED';
  /** MSP id of the member that registered it (REGISTERED only). */
  registeredBy?: string;
  registeredAt?: string;
  txId?: string;
}

/** The input of Token:registerCurrency: `{"code":"KES","name":"Kenyan shilling","minorUnits":2}`. */
export interface RegisterCurrencyInput {
  code: string;
  name: string;
  minorUnits: number;
}

/** ISO 4217 exponents run from 0 (JPY) to 4 (CLF); nothing else exists. */
export const MAX_MINOR_UNITS = 4;

/**
 * Currencies known without any ledger write. The exponents are those of ISO
 * 4217 (so KRW and VND have 0, the Gulf dinars 3). Codes outside this table
 * become known through Token:registerCurrency; the table itself is never
 * overridden on the ledger, so every endorser agrees on it from the code alone.
 */
export const ISO_4217_CURRENCIES: Readonly<Record<string, { name: string; minorUnits: number }>> = Object.freeze({
  AED: { name: 'UAE dirham', minorUnits: 2 },
  AUD: { name: 'Australian dollar', minorUnits: 2 },
  BHD: { name: 'Bahraini dinar', minorUnits: 3 },
  BRL: { name: 'Brazilian real', minorUnits: 2 },
  CAD: { name: 'Canadian dollar', minorUnits: 2 },
  CHF: { name: 'Swiss franc', minorUnits: 2 },
  CLP: { name: 'Chilean peso', minorUnits: 0 },
  CNY: { name: 'Chinese yuan renminbi', minorUnits: 2 },
  CZK: { name: 'Czech koruna', minorUnits: 2 },
  DKK: { name: 'Danish krone', minorUnits: 2 },
  EUR: { name: 'Euro', minorUnits: 2 },
  GBP: { name: 'Pound sterling', minorUnits: 2 },
  HKD: { name: 'Hong Kong dollar', minorUnits: 2 },
  IDR: { name: 'Indonesian rupiah', minorUnits: 2 },
  INR: { name: 'Indian rupee', minorUnits: 2 },
  ISK: { name: 'Icelandic krona', minorUnits: 0 },
  JOD: { name: 'Jordanian dinar', minorUnits: 3 },
  JPY: { name: 'Japanese yen', minorUnits: 0 },
  KRW: { name: 'South Korean won', minorUnits: 0 },
  KWD: { name: 'Kuwaiti dinar', minorUnits: 3 },
  MXN: { name: 'Mexican peso', minorUnits: 2 },
  MYR: { name: 'Malaysian ringgit', minorUnits: 2 },
  NOK: { name: 'Norwegian krone', minorUnits: 2 },
  NZD: { name: 'New Zealand dollar', minorUnits: 2 },
  OMR: { name: 'Omani rial', minorUnits: 3 },
  PHP: { name: 'Philippine peso', minorUnits: 2 },
  PLN: { name: 'Polish zloty', minorUnits: 2 },
  SAR: { name: 'Saudi riyal', minorUnits: 2 },
  SEK: { name: 'Swedish krona', minorUnits: 2 },
  SGD: { name: 'Singapore dollar', minorUnits: 2 },
  THB: { name: 'Thai baht', minorUnits: 2 },
  TRY: { name: 'Turkish lira', minorUnits: 2 },
  TWD: { name: 'New Taiwan dollar', minorUnits: 2 },
  USD: { name: 'US dollar', minorUnits: 2 },
  VND: { name: 'Vietnamese dong', minorUnits: 0 },
  ZAR: { name: 'South African rand', minorUnits: 2 },
});

/** The built-in currency for `code`, or undefined when it must be looked up on the ledger. */
export function builtinCurrency(code: string): Currency | undefined {
  const entry = Object.prototype.hasOwnProperty.call(ISO_4217_CURRENCIES, code) ? ISO_4217_CURRENCIES[code] : undefined;
  return entry && { code, name: entry.name, minorUnits: entry.minorUnits, source: 'ISO4217' };
}

/** Validates a currency code argument's shape (three capital letters); whether it is known is a ledger question. */
export function checkCurrencyCode(value: unknown, path: string): string {
  return checkString(value, path, CURRENCY_CODE);
}

const REGISTER_CURRENCY = jsonArgument(
  'currency',
  refine(
    object({ code: text(CURRENCY_CODE), name: text({ max: 100 }), minorUnits: integer(0, MAX_MINOR_UNITS) }),
    'code must not be in the built-in ISO 4217 table (ALREADY_EXISTS)',
    (currency) => {
      if (builtinCurrency(currency.code)) {
        throw new XborderError(ErrorCodes.ALREADY_EXISTS, `currency ${currency.code} is in the built-in ISO 4217 table`);
      }
      return currency;
    },
  ),
);

/** The JSON arguments about currencies, for the published contract API. */
export const CURRENCY_ARGUMENTS = { REGISTER_CURRENCY };

/** Parses the registerCurrency argument; rejects codes already in the built-in table. */
export const parseRegisterCurrencyInput: (json: unknown) => RegisterCurrencyInput = REGISTER_CURRENCY.parse;
