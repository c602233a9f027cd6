import { randomUUID } from 'node:crypto';
import type { Currency, RegisterCurrencyInput } from '@xborder/model/currency';
import type {
  AccountBalance,
  ConsolidateInput,
  ConsolidationRecord,
  FreezeInput,
  FreezeRecord,
  MintInput,
  MintRecord,
  MovementRecord,
  RedeemInput,
  RedemptionRecord,
  SupplyCheck,
  SupplySummary,
  TransferInput,
  TransferRecord,
  UnfreezeRecord,
} from '@xborder/model/token';
import { encodeArgument, toAmounts, type WithAmounts } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type Page, type Paged, paged } from '../paging.js';

/** A mint; idempotent per (currency, depositRef). */
export type MintRequest = MintInput;
/** A redemption; idempotent per (currency, withdrawalRef). */
export type RedeemRequest = RedeemInput;
/**
 * A payment. Without `idempotencyKey` the client makes one per call, so the
 * retries of that call can never pay twice; give your own (for example your
 * payment instruction id) to make repeated calls safe across restarts too.
 */
export type TransferRequest = TransferInput;
export type FreezeRequest = FreezeInput;
export type ConsolidateRequest = ConsolidateInput;
export type RegisterCurrencyRequest = RegisterCurrencyInput;

export type Minted = WithAmounts<MintRecord, 'amount'>;
export type Redeemed = WithAmounts<RedemptionRecord, 'amount'>;
export type Transferred = WithAmounts<TransferRecord, 'amount'>;
export type Consolidated = WithAmounts<ConsolidationRecord, 'balance'>;
export type Balance = WithAmounts<AccountBalance, 'balance'>;
export type Movement = WithAmounts<MovementRecord, 'amount'>;
export type Supply = WithAmounts<SupplySummary, 'minted' | 'redeemed' | 'outstanding'>;
export type SupplyCheckResult = WithAmounts<SupplyCheck, 'minted' | 'redeemed' | 'outstanding' | 'held'>;
export type { Currency, FreezeRecord, UnfreezeRecord };

/**
 * Fiat-backed currency tokens (chaincode contract `Token`). Amounts are
 * bigint minor units: `12500n` USD is 125.00 USD.
 *
 * Errors: the chaincode refuses with a {@link ChaincodeError}, whose codes
 * each method lists. Every write may also fail with
 * {@link CommitFailedError}, {@link CommitUnknownError},
 * {@link TransportError} or {@link ConsistencyTimeoutError}, and every query
 * with TransportError or ConsistencyTimeoutError; any other refusal by the
 * gateway is a {@link GatewayRequestError}.
 *
 * @example
 * const { balance } = await client.tokens.getBalance('ACME-JP', 'JPY');
 * await client.tokens.transfer({ currency: 'JPY', from: 'ACME-JP', to: 'BETA-US', amount: 150_000n, reference: 'INV-9' });
 */
export interface Tokens {
  /**
   * Credits a party against a fiat deposit; as an issuer operator (role=issuer) of the currency's issuer.
   *
   * @returns The mint record; the first one, unchanged, when the same request repeats a deposit reference.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input, refused before sending;
   *   UNKNOWN_CURRENCY; NOT_ISSUER when the caller's organisation is not the currency's active issuer; UNAUTHORIZED
   *   when the identity has neither role=issuer nor role=admin; DUPLICATE_DEPOSIT_REF when the reference was used for
   *   a different mint; NOT_FOUND when the recipient does not exist; PARTY_SANCTIONED, KYC_NOT_VERIFIED or
   *   KYC_EXPIRED when it is not eligible; ACCOUNT_FROZEN when its account is frozen in the currency.
   */
  mint(request: MintRequest): Promise<Minted>;
  /**
   * Burns the holder's tokens against a fiat payout; as an identity bound to the holder.
   *
   * @returns The redemption record; the first one, unchanged, when the same request repeats a withdrawal reference.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input, refused before sending;
   *   UNKNOWN_CURRENCY; NOT_ISSUER when the caller's organisation is not the currency's active issuer (the holder
   *   must be a customer of the issuer); NOT_FOUND when the holder does not exist; UNAUTHORIZED when the caller is not
   *   bound to it; DUPLICATE_WITHDRAWAL_REF when the reference was used for a different redemption;
   *   PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when the holder is not eligible; ACCOUNT_FROZEN when its
   *   account is frozen in the currency; INSUFFICIENT_FUNDS when its balance does not cover the amount.
   */
  redeem(request: RedeemRequest): Promise<Redeemed>;
  /**
   * Pays from one party to another; as an identity bound to the payer. A payer whose balance is spread over several
   * parts ({@link Tokens.consolidate}) and pays from several places at once gives each sender its own `part`, so
   * that their payments never conflict; without one the chaincode picks a part from the transaction id.
   *
   * @example
   * await client.tokens.consolidate({ partyId: 'ACME-US', currency: 'USD', parts: 32 });
   * // 32 payments at once, each spending its own part of ACME-US's balance: they commit together.
   * await Promise.all(invoices.map((invoice, n) =>
   *   client.tokens.transfer({ currency: 'USD', from: 'ACME-US', to: invoice.payee, amount: invoice.amount, reference: invoice.id, part: n % 32 })));
   *
   * @returns The transfer record; the first one, unchanged, when the idempotency key repeats.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input or a payment to oneself, refused
   *   before sending; NOT_FOUND when the payer or the payee does not exist; UNAUTHORIZED when the caller is not bound
   *   to the payer; MEMBER_NOT_ACTIVE when the payer's organisation is suspended; UNKNOWN_CURRENCY;
   *   DUPLICATE_IDEMPOTENCY_KEY when your key was used for a different transfer; PARTY_SANCTIONED, KYC_NOT_VERIFIED or
   *   KYC_EXPIRED when either party is not eligible; ACCOUNT_FROZEN when either account is frozen in the currency;
   *   INSUFFICIENT_FUNDS when the payer's balance does not cover the amount (the detail says when
   *   {@link Tokens.consolidate} would help).
   */
  transfer(request: TransferRequest): Promise<Transferred>;
  /**
   * Stops a party's account in one currency from sending or receiving; as an issuer operator of the currency's
   * issuer or an admin of the clearing house.
   *
   * @returns The freeze record.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; UNKNOWN_CURRENCY;
   *   UNAUTHORIZED when the caller is neither an issuer operator (role=issuer or admin) of the currency's issuer nor an
   *   admin of an active CLEARING member; NOT_FOUND when the party does not exist; INVALID_STATE when the account is
   *   already frozen in the currency.
   */
  freeze(request: FreezeRequest): Promise<FreezeRecord>;
  /**
   * Lifts a freeze; as the same callers as {@link Tokens.freeze}.
   *
   * @returns The unfreeze record.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; UNKNOWN_CURRENCY;
   *   UNAUTHORIZED when the caller is neither an issuer operator of the currency's issuer nor an admin of an active
   *   CLEARING member; NOT_FOUND when the party does not exist; INVALID_STATE when the account is not frozen in the
   *   currency.
   */
  unfreeze(request: FreezeRequest): Promise<UnfreezeRecord>;
  /**
   * Folds pending inflows into the balance and spreads it evenly over `parts` independently spendable parts (1 to
   * 256; default: as many as it has). As an identity bound to the party; at most 200 inflows per call. Spread an
   * account over at least as many parts as it makes payments at once: debits that spend different parts commit in
   * the same block.
   *
   * @returns How many inflows were folded, the resulting balance and its parts; nothing is written when there was
   *   nothing to fold or even out.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, refused before sending; UNKNOWN_CURRENCY;
   *   NOT_FOUND when the party does not exist; UNAUTHORIZED when the caller is not bound to it; MEMBER_NOT_ACTIVE when
   *   its organisation is suspended.
   */
  consolidate(request: ConsolidateRequest): Promise<Consolidated>;
  /**
   * Adds a currency outside the built-in ISO 4217 table; as an issuer operator of the currency's issuer or an admin
   * of the clearing house.
   *
   * @returns The currency as registered, with who registered it and when.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input, and ALREADY_EXISTS for a code of the built-in
   *   table, both refused before sending; UNAUTHORIZED when the caller is neither an issuer operator of the
   *   currency's issuer nor an admin of an active CLEARING member; ALREADY_EXISTS when the code is already registered.
   */
  registerCurrency(request: RegisterCurrencyRequest): Promise<Currency>;
  /**
   * A party's balance in a currency, pending inflows included.
   *
   * @returns The balance, how many inflows are not yet folded into the base, and whether the account is frozen.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id or currency code; UNKNOWN_CURRENCY; NOT_FOUND
   *   when the party does not exist.
   */
  getBalance(partyId: string, currency: string): Promise<Balance>;
  /**
   * What was minted and redeemed in a currency.
   *
   * @returns Minted, redeemed and outstanding totals.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed currency code; UNKNOWN_CURRENCY.
   */
  getSupply(currency: string): Promise<Supply>;
  /**
   * Checks that every account in the currency adds up to minted - redeemed.
   *
   * @returns The supply totals, what the accounts hold, how many accounts, and `consistent`.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed currency code; UNKNOWN_CURRENCY.
   */
  checkSupply(currency: string): Promise<SupplyCheckResult>;
  /**
   * A party's statement lines in a currency, oldest first.
   *
   * @returns One line per leg touching the account: direction, amount, counterparty, kind, reference; a page at a
   *   time (see {@link Paged}).
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed party id or currency code; UNKNOWN_CURRENCY; NOT_FOUND
   *   when the party does not exist.
   */
  listMovements(partyId: string, currency: string): Paged<Movement>;
  /**
   * A currency the ledger knows, built in or registered.
   *
   * @returns Its name, minor units and source.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed code; UNKNOWN_CURRENCY when it is neither built in nor
   *   registered.
   */
  getCurrency(code: string): Promise<Currency>;
  /**
   * Built-in and registered currencies, ordered by code.
   *
   * @returns Every currency the ledger knows.
   * @throws Only the query errors listed above.
   */
  listCurrencies(): Promise<Currency[]>;
}

export class TokensImpl implements Tokens {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  async mint(request: MintRequest): Promise<Minted> {
    return this.#calls.writeAs('mint', [encodeArgument(request)], (raw: MintRecord) => toAmounts(raw, ['amount']));
  }

  async redeem(request: RedeemRequest): Promise<Redeemed> {
    return this.#calls.writeAs('redeem', [encodeArgument(request)], (raw: RedemptionRecord) => toAmounts(raw, ['amount']));
  }

  async transfer(request: TransferRequest): Promise<Transferred> {
    const keyed = { ...request, idempotencyKey: request.idempotencyKey ?? randomUUID() };
    return this.#calls.writeAs('transfer', [encodeArgument(keyed)], (raw: TransferRecord) => toAmounts(raw, ['amount']));
  }

  freeze(request: FreezeRequest): Promise<FreezeRecord> {
    return this.#calls.write('freeze', [encodeArgument(request)]);
  }

  unfreeze(request: FreezeRequest): Promise<UnfreezeRecord> {
    return this.#calls.write('unfreeze', [encodeArgument(request)]);
  }

  async consolidate(request: ConsolidateRequest): Promise<Consolidated> {
    return this.#calls.writeAs('consolidate', [encodeArgument(request)], (raw: ConsolidationRecord) => toAmounts(raw, ['balance']));
  }

  registerCurrency(request: RegisterCurrencyRequest): Promise<Currency> {
    return this.#calls.write('registerCurrency', [encodeArgument(request)]);
  }

  async getBalance(partyId: string, currency: string): Promise<Balance> {
    return toAmounts(await this.#calls.query<AccountBalance>('balanceOf', [partyId, currency]), ['balance']);
  }

  async getSupply(currency: string): Promise<Supply> {
    return toAmounts(await this.#calls.query<SupplySummary>('totalSupply', [currency]), ['minted', 'redeemed', 'outstanding']);
  }

  async checkSupply(currency: string): Promise<SupplyCheckResult> {
    return toAmounts(await this.#calls.query<SupplyCheck>('supplyCheck', [currency]), ['minted', 'redeemed', 'outstanding', 'held']);
  }

  listMovements(partyId: string, currency: string): Paged<Movement> {
    return paged(
      (size, bookmark) => this.#calls.query<Page<MovementRecord>>('accountHistory', [partyId, currency, size, bookmark]),
      (line) => toAmounts(line, ['amount']),
    );
  }

  getCurrency(code: string): Promise<Currency> {
    return this.#calls.query('getCurrency', [code]);
  }

  listCurrencies(): Promise<Currency[]> {
    return this.#calls.query('listCurrencies');
  }
}
