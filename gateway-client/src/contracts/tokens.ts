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
 * @example
 * const { balance } = await client.tokens.balanceOf('ACME-JP', 'JPY');
 * await client.tokens.transfer({ currency: 'JPY', from: 'ACME-JP', to: 'BETA-US', amount: 150_000n, reference: 'INV-9' });
 */
export interface Tokens {
  /** Credits a party against a fiat deposit; as an issuer operator (role=issuer) of the currency's issuer. */
  mint(request: MintRequest): Promise<Minted>;
  /** Burns the holder's tokens against a fiat payout; as an identity bound to the holder. */
  redeem(request: RedeemRequest): Promise<Redeemed>;
  /** Pays from one party to another; as an identity bound to the payer. */
  transfer(request: TransferRequest): Promise<Transferred>;
  freeze(request: FreezeRequest): Promise<FreezeRecord>;
  unfreeze(request: FreezeRequest): Promise<UnfreezeRecord>;
  /** Folds pending inflows into the base balance. */
  consolidate(request: ConsolidateRequest): Promise<Consolidated>;
  registerCurrency(request: RegisterCurrencyRequest): Promise<Currency>;
  balanceOf(partyId: string, currency: string): Promise<Balance>;
  totalSupply(currency: string): Promise<Supply>;
  /** Checks that every account in the currency adds up to minted - redeemed. */
  supplyCheck(currency: string): Promise<SupplyCheckResult>;
  /** A party's statement lines in a currency, oldest first. */
  accountHistory(partyId: string, currency: string): Promise<Movement[]>;
  getCurrency(code: string): Promise<Currency>;
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

  async balanceOf(partyId: string, currency: string): Promise<Balance> {
    return toAmounts(await this.#calls.query<AccountBalance>('balanceOf', [partyId, currency]), ['balance']);
  }

  async totalSupply(currency: string): Promise<Supply> {
    return toAmounts(await this.#calls.query<SupplySummary>('totalSupply', [currency]), ['minted', 'redeemed', 'outstanding']);
  }

  async supplyCheck(currency: string): Promise<SupplyCheckResult> {
    return toAmounts(await this.#calls.query<SupplyCheck>('supplyCheck', [currency]), ['minted', 'redeemed', 'outstanding', 'held']);
  }

  async accountHistory(partyId: string, currency: string): Promise<Movement[]> {
    const lines = await this.#calls.query<MovementRecord[]>('accountHistory', [partyId, currency]);
    return lines.map((line) => toAmounts(line, ['amount']));
  }

  getCurrency(code: string): Promise<Currency> {
    return this.#calls.query('getCurrency', [code]);
  }

  listCurrencies(): Promise<Currency[]> {
    return this.#calls.query('listCurrencies');
  }
}
