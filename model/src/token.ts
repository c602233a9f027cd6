import { CURRENCY_CODE } from './consortium';
import { ErrorCodes, XborderError } from './errors';
import { amount, integer, jsonArgument, object, optional, refine, text } from './schema';
import { PARTY_ID } from './party';

/**
 * Who owns an account. Every holding of a token sits in exactly one account,
 * so the supply invariant (sum of all accounts = minted - redeemed) covers
 * party balances, order escrows and posted margin alike.
 */
export const ACCOUNT_KINDS = ['party', 'escrow', 'margin'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** An account owner id: `party:P1`, `escrow:ORDER-7`, `margin:P1`. */
export type AccountId = `${AccountKind}:${string}`;

/** Why value moved; the trade contracts add their kinds (escrow, release, margin ...) here. */
export const MOVEMENT_KINDS = [
  'MINT',
  'REDEEM',
  'TRANSFER',
  /** Buyer's payment into an order's escrow. */
  'ESCROW_FUND',
  /** Escrow paid out at settlement (to the seller, the liquidity provider and the fee collector). */
  'SETTLEMENT',
  /** Escrow returned to the buyer (refund, default, the buyer's part of a split). */
  'ESCROW_REFUND',
  'MARGIN_POST',
  'MARGIN_WITHDRAW',
  /** Margin paid to the party harmed by a default. */
  'MARGIN_CLAIM',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** A bank's own reference for a fiat deposit or payout; it becomes part of a ledger key. */
export const BANK_REFERENCE = { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, expected: 'a reference of letters, digits and . _ : / -' };
/** Free text for the payee, as long as an ISO 20022 unstructured remittance line. */
export const PAYMENT_REFERENCE = { max: 140 };
export const IDEMPOTENCY_KEY = { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, expected: 'a key of letters, digits and . _ : -' };
export const FREEZE_REASON = { max: 500 };

/**
 * The most independently spendable parts one account's balance can be split
 * into (Token:consolidate `parts`). Concurrent debits of one account commit
 * together when they spend different parts; see docs/architecture.md, "Hot accounts".
 */
export const MAX_BALANCE_PARTS = 256;

export function partyAccount(partyId: string): AccountId {
  return `party:${partyId}`;
}

export function escrowAccount(orderId: string): AccountId {
  return `escrow:${orderId}`;
}

export function marginAccount(partyId: string): AccountId {
  return `margin:${partyId}`;
}

// ---- transaction inputs (one JSON argument each) ----

export interface MintInput {
  currency: string;
  to: string;
  amount: bigint;
  depositRef: string;
}

export interface RedeemInput {
  currency: string;
  from: string;
  amount: bigint;
  withdrawalRef: string;
}

export interface TransferInput {
  currency: string;
  from: string;
  to: string;
  amount: bigint;
  reference: string;
  idempotencyKey?: string;
  /** The part of the payer's balance to spend first (taken modulo its parts); absent: chosen from the transaction id. */
  part?: number;
}

export interface FreezeInput {
  partyId: string;
  currency: string;
  reason: string;
}

export interface ConsolidateInput {
  partyId: string;
  currency: string;
  /** Spread the balance over this many parts; absent: keep the account's current number. */
  parts?: number;
}

const MINT = jsonArgument(
  'mint',
  object({ currency: text(CURRENCY_CODE), to: text(PARTY_ID), amount: amount(), depositRef: text(BANK_REFERENCE) }),
);
const REDEEM = jsonArgument(
  'redeem',
  object({ currency: text(CURRENCY_CODE), from: text(PARTY_ID), amount: amount(), withdrawalRef: text(BANK_REFERENCE) }),
);
const TRANSFER = jsonArgument(
  'transfer',
  refine(
    object({
      currency: text(CURRENCY_CODE),
      from: text(PARTY_ID),
      to: text(PARTY_ID),
      amount: amount(),
      reference: text(PAYMENT_REFERENCE),
      idempotencyKey: optional(text(IDEMPOTENCY_KEY)),
      part: optional(integer(0, MAX_BALANCE_PARTS - 1)),
    }),
    'to must differ from from',
    (transfer, path) => {
      if (transfer.from === transfer.to) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path}.to must differ from ${path}.from`);
      }
      return transfer;
    },
  ),
);
const FREEZE = jsonArgument('freeze', object({ partyId: text(PARTY_ID), currency: text(CURRENCY_CODE), reason: text(FREEZE_REASON) }));
const CONSOLIDATE = jsonArgument(
  'consolidate',
  object({ partyId: text(PARTY_ID), currency: text(CURRENCY_CODE), parts: optional(integer(1, MAX_BALANCE_PARTS)) }),
);

/** The JSON arguments of the Token contract, for the published contract API. */
export const TOKEN_ARGUMENTS = { MINT, REDEEM, TRANSFER, FREEZE, CONSOLIDATE };

/** `{"currency":"USD","to":"P1","amount":"12500","depositRef":"DEP-1"}` */
export const parseMintInput: (json: unknown) => MintInput = MINT.parse;

/** `{"currency":"USD","from":"P1","amount":"500","withdrawalRef":"WD-1"}` */
export const parseRedeemInput: (json: unknown) => RedeemInput = REDEEM.parse;

/** `{"currency":"USD","from":"P1","to":"P2","amount":"500","reference":"INV-9","idempotencyKey"?:"k1","part"?:3}` */
export const parseTransferInput: (json: unknown) => TransferInput = TRANSFER.parse;

/** `{"partyId":"P1","currency":"USD","reason":"court order 42"}` for freeze and unfreeze. */
export const parseFreezeInput: (json: unknown) => FreezeInput = FREEZE.parse;

/** `{"partyId":"P1","currency":"USD","parts"?:64}` */
export const parseConsolidateInput: (json: unknown) => ConsolidateInput = CONSOLIDATE.parse;

// ---- ledger records (amounts as decimal strings of minor units) ----

/**
 * One independently spendable part of an account's folded balance; written
 * only by debits of that part and by consolidation. An account has one part
 * (number 0) until its owner spreads it over more.
 */
export interface BalancePartRecord {
  account: AccountId;
  currency: string;
  part: number;
  balance: string;
  updatedAt: string;
  txId: string;
}

/** How many parts an account's balance is spread over; absent means one. Written only by consolidation. */
export interface BalanceLayoutRecord {
  account: AccountId;
  currency: string;
  parts: number;
  at: string;
  txId: string;
}

/** One credit to an account, keyed by the crediting transaction, folded into its parts by a later debit. */
export interface InflowRecord {
  account: AccountId;
  currency: string;
  amount: string;
  at: string;
  txId: string;
}

/** One line of an account's statement: one leg of one transaction as seen from this account. */
export interface MovementRecord {
  account: AccountId;
  currency: string;
  direction: 'CREDIT' | 'DEBIT';
  amount: string;
  /** The other side of the leg; absent for mint (credit from the issuer) and redeem (debit to the issuer). */
  counterparty?: AccountId;
  kind: MovementKind;
  reference: string;
  at: string;
  txId: string;
  /** Position of the leg within its transaction, so one transaction can move several amounts. */
  leg: number;
}

/** A mint, keyed by (currency, depositRef): the idempotency record, the supply shard and the result. */
export interface MintRecord {
  currency: string;
  depositRef: string;
  to: string;
  account: AccountId;
  amount: string;
  issuer: string;
  mintedAt: string;
  txId: string;
}

/** A redemption, keyed by (currency, withdrawalRef); the counterpart of MintRecord. */
export interface RedemptionRecord {
  currency: string;
  withdrawalRef: string;
  from: string;
  account: AccountId;
  amount: string;
  issuer: string;
  redeemedAt: string;
  txId: string;
}

/** The result of a transfer; stored under the sender's idempotency key when one is given. */
export interface TransferRecord {
  currency: string;
  from: string;
  to: string;
  amount: string;
  reference: string;
  idempotencyKey?: string;
  at: string;
  txId: string;
}

/** Present while an account is frozen in a currency; unfreezing deletes it. */
export interface FreezeRecord {
  account: AccountId;
  currency: string;
  reason: string;
  frozenBy: string;
  frozenAt: string;
  txId: string;
}

export interface UnfreezeRecord {
  account: AccountId;
  currency: string;
  reason: string;
  unfrozenBy: string;
  unfrozenAt: string;
  txId: string;
}

export interface ConsolidationRecord {
  account: AccountId;
  currency: string;
  /** Inflow rows folded into the parts by this transaction. */
  folded: number;
  balance: string;
  /** The parts the balance is now spread over, evenly. */
  parts: number;
  at: string;
  txId: string;
}

export interface AccountBalance {
  account: AccountId;
  currency: string;
  balance: string;
  /** Credits not yet folded into the parts (they count in `balance`). */
  pendingInflows: number;
  /** Independently spendable parts of the folded balance (Token:consolidate sets it). */
  parts: number;
  frozen: boolean;
}

export interface SupplySummary {
  currency: string;
  minted: string;
  redeemed: string;
  outstanding: string;
}

/** totalSupply compared with the sum of every account in the currency (invariant 1 of docs/architecture.md). */
export interface SupplyCheck extends SupplySummary {
  held: string;
  accounts: number;
  consistent: boolean;
}
