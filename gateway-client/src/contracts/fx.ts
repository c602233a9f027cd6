import type { FirmQuote, LockQuoteInput, PostRateInput, RatePosting } from '@xborder/model/fx';
import { encodeArgument, toAmounts, type WithAmounts } from '../codec.js';
import type { ContractCalls } from './calls.js';

/**
 * A bid/ask posting for base/quote, rates as decimal strings (at most 10
 * decimals): 1 base = `bid`..`ask` quote. Without `provider`, the clearing
 * house posts a reference rate.
 */
export type PostRateRequest = Omit<PostRateInput, 'bid' | 'ask'> & { bid: string; ask: string };

/** Locks a provider's rate for `amount` base minor units; `rate` (decimal string) improves on the posted one. */
export type LockQuoteRequest = Omit<LockQuoteInput, 'rate'> & { rate?: string };

export type FirmQuoteResult = WithAmounts<FirmQuote, 'baseAmount' | 'quoteAmount'>;
export type { RatePosting };

/**
 * The FX rate book and firm quotes (chaincode contract `FX`).
 *
 * @example
 * const rate = await client.fx.currentRate('USD', 'JPY');
 * console.log(`1 USD buys ${rate.bid} JPY`);
 */
export interface Fx {
  /** Posts a rate; as a liquidity provider party's identity, or the clearing house for reference rates. */
  postRate(request: PostRateRequest): Promise<RatePosting>;
  /** The posting in force now, of one provider or (without `provider`) of any source. RATE_NOT_FOUND if none. */
  currentRate(base: string, quote: string, provider?: string): Promise<RatePosting>;
  /** The clearing house's reference rate in force now. */
  referenceRate(base: string, quote: string): Promise<RatePosting>;
  /** Every posting of the pair. */
  rateHistory(base: string, quote: string): Promise<RatePosting[]>;
  /** Locks a firm quote; its id is the transaction id. */
  lockQuote(request: LockQuoteRequest): Promise<FirmQuoteResult>;
  cancelQuote(quoteId: string): Promise<FirmQuoteResult>;
  getFirmQuote(quoteId: string): Promise<FirmQuoteResult>;
}

const QUOTE_AMOUNTS = ['baseAmount', 'quoteAmount'] as const;

export class FxImpl implements Fx {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  postRate(request: PostRateRequest): Promise<RatePosting> {
    return this.#calls.write('postRate', [encodeArgument(request)]);
  }

  currentRate(base: string, quote: string, provider?: string): Promise<RatePosting> {
    return this.#calls.query('currentRate', [base, quote, provider ?? '']);
  }

  referenceRate(base: string, quote: string): Promise<RatePosting> {
    return this.#calls.query('referenceRate', [base, quote]);
  }

  rateHistory(base: string, quote: string): Promise<RatePosting[]> {
    return this.#calls.query('rateHistory', [base, quote]);
  }

  async lockQuote(request: LockQuoteRequest): Promise<FirmQuoteResult> {
    return this.#calls.writeAs('lockQuote', [encodeArgument(request)], (raw: FirmQuote) => toAmounts(raw, QUOTE_AMOUNTS));
  }

  async cancelQuote(quoteId: string): Promise<FirmQuoteResult> {
    return this.#calls.writeAs('cancelQuote', [encodeArgument({ quoteId })], (raw: FirmQuote) => toAmounts(raw, QUOTE_AMOUNTS));
  }

  async getFirmQuote(quoteId: string): Promise<FirmQuoteResult> {
    return toAmounts(await this.#calls.query<FirmQuote>('getFirmQuote', [quoteId]), QUOTE_AMOUNTS);
  }
}
