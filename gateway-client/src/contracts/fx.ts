import type { CancelQuoteInput, FirmQuote, LockQuoteInput, PostRateInput, RatePosting } from '@xborder/model/fx';
import { encodeArgument, toAmounts, type WithAmounts } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type Page, type Paged, paged } from '../paging.js';

/**
 * A bid/ask posting for base/quote, rates as decimal strings (at most 10
 * decimals): 1 base = `bid`..`ask` quote. Without `provider`, the clearing
 * house posts a reference rate.
 */
/** The firm quote to cancel. */
export type CancelQuoteRequest = CancelQuoteInput;
export type PostRateRequest = Omit<PostRateInput, 'bid' | 'ask'> & { bid: string; ask: string };

/** Locks a provider's rate for `amount` base minor units; `rate` (decimal string) improves on the posted one. */
export type LockQuoteRequest = Omit<LockQuoteInput, 'rate'> & { rate?: string };

export type FirmQuoteResult = WithAmounts<FirmQuote, 'baseAmount' | 'quoteAmount'>;
export type { RatePosting };

/**
 * The FX rate book and firm quotes (chaincode contract `FX`).
 *
 * Errors: the chaincode refuses with a {@link ChaincodeError}, whose codes
 * each method lists. Every write may also fail with
 * {@link CommitFailedError}, {@link CommitUnknownError},
 * {@link TransportError} or {@link ConsistencyTimeoutError}, and every query
 * with TransportError or ConsistencyTimeoutError; any other refusal by the
 * gateway is a {@link GatewayRequestError}.
 *
 * @example
 * const rate = await client.fx.getCurrentRate('USD', 'JPY');
 * console.log(`1 USD buys ${rate.bid} JPY`);
 */
export interface Fx {
  /**
   * Posts a rate; as a liquidity provider party's identity, or the clearing house for reference rates.
   *
   * @returns The posting as stored, rates normalised (no trailing zeros).
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_RATE for malformed input or a pair of one currency, refused
   *   before sending; INVALID_RATE when the bid is above the ask; INVALID_ARGUMENT when the window is empty, longer
   *   than 24 hours or already over; UNKNOWN_CURRENCY. With `provider`: NOT_FOUND when the party does not exist,
   *   UNAUTHORIZED when the caller is not bound to it or it lacks the role LIQUIDITY_PROVIDER, MEMBER_NOT_ACTIVE when
   *   its organisation is suspended, PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when it is not eligible.
   *   Without: UNAUTHORIZED when the caller's organisation is not an active CLEARING member.
   */
  postRate(request: PostRateRequest): Promise<RatePosting>;
  /**
   * The posting in force now, of one provider or (without `provider`) of any source. RATE_NOT_FOUND if none.
   *
   * @returns Among the postings valid now, the one whose window started last.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed currency code or provider id, or base equal to quote;
   *   UNKNOWN_CURRENCY; RATE_NOT_FOUND when no posting is valid now.
   */
  getCurrentRate(base: string, quote: string, provider?: string): Promise<RatePosting>;
  /**
   * The clearing house's reference rate in force now.
   *
   * @returns The clearing house's posting valid now.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed currency code, or base equal to quote;
   *   UNKNOWN_CURRENCY; RATE_NOT_FOUND when the clearing house has no posting valid now.
   */
  getReferenceRate(base: string, quote: string): Promise<RatePosting>;
  /**
   * Every posting of the pair.
   *
   * @returns The postings of every source, by source, then day of validity, then posting; a page at a time (see
   *   {@link Paged}); none when there are none.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed currency code, or base equal to quote;
   *   UNKNOWN_CURRENCY.
   */
  listRates(base: string, quote: string): Paged<RatePosting>;
  /**
   * Locks a firm quote; its id is the transaction id. As an identity bound to the provider, for at most 7 days.
   *
   * @returns The quote, LOCKED, with the quote amount rounded in the provider's favour.
   * @throws {ChaincodeError} INVALID_ARGUMENT, INVALID_AMOUNT or INVALID_RATE for malformed input, refused before
   *   sending; INVALID_ARGUMENT when the expiry is not after the transaction time or more than 7 days ahead;
   *   UNKNOWN_CURRENCY; for the provider the NOT_FOUND, UNAUTHORIZED, MEMBER_NOT_ACTIVE, PARTY_SANCTIONED,
   *   KYC_NOT_VERIFIED or KYC_EXPIRED of {@link Fx.postRate}; RATE_NOT_FOUND when the provider has no posting of the
   *   pair valid now; INVALID_RATE when `rate` is worse for the taker than the posted one; INVALID_AMOUNT when the
   *   amount is worth less than one minor unit of the quote currency.
   */
  lockQuote(request: LockQuoteRequest): Promise<FirmQuoteResult>;
  /**
   * Cancels a LOCKED firm quote; as an identity bound to its provider.
   *
   * @returns The quote, CANCELLED.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed quote id, refused before sending; NOT_FOUND when the
   *   quote does not exist; UNAUTHORIZED when the caller is not bound to its provider; MEMBER_NOT_ACTIVE when the
   *   provider's organisation is suspended; FX_QUOTE_ALREADY_USED or FX_QUOTE_EXPIRED when the quote is used or past
   *   its expiry; INVALID_STATE when it is already cancelled.
   */
  cancelQuote(request: CancelQuoteRequest): Promise<FirmQuoteResult>;
  /**
   * A firm quote.
   *
   * @returns The quote with its status as of now (a LOCKED one past its expiry reads EXPIRED).
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed quote id; NOT_FOUND when it does not exist.
   */
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

  getCurrentRate(base: string, quote: string, provider?: string): Promise<RatePosting> {
    return this.#calls.query('currentRate', [base, quote, provider ?? '']);
  }

  getReferenceRate(base: string, quote: string): Promise<RatePosting> {
    return this.#calls.query('referenceRate', [base, quote]);
  }

  listRates(base: string, quote: string): Paged<RatePosting> {
    return paged((size, bookmark) => this.#calls.query<Page<RatePosting>>('rateHistory', [base, quote, size, bookmark]), (posting) => posting);
  }

  async lockQuote(request: LockQuoteRequest): Promise<FirmQuoteResult> {
    return this.#calls.writeAs('lockQuote', [encodeArgument(request)], (raw: FirmQuote) => toAmounts(raw, QUOTE_AMOUNTS));
  }

  async cancelQuote(request: CancelQuoteRequest): Promise<FirmQuoteResult> {
    return this.#calls.writeAs('cancelQuote', [encodeArgument(request)], (raw: FirmQuote) => toAmounts(raw, QUOTE_AMOUNTS));
  }

  async getFirmQuote(quoteId: string): Promise<FirmQuoteResult> {
    return toAmounts(await this.#calls.query<FirmQuote>('getFirmQuote', [quoteId]), QUOTE_AMOUNTS);
  }
}
