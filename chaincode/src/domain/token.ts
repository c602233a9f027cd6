import { createHash } from 'node:crypto';
import { formatAmount } from '@xborder/model/amount';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import {
  AccountId,
  FreezeRecord,
  MintInput,
  MintRecord,
  MovementKind,
  MovementRecord,
  RedeemInput,
  RedemptionRecord,
  SupplyCheck,
  SupplySummary,
  TransferInput,
  TransferRecord,
} from '@xborder/model/token';

/**
 * Values of the `role` attribute (x509 attribute `role`, set by the issuing
 * organisation's CA) that may mint, freeze and register currencies on behalf
 * of an issuer member. Any other identity of the issuer's MSP is an ordinary
 * client of that bank and may not create money.
 */
export const ISSUER_OPERATOR_ROLES: readonly string[] = ['issuer', 'admin'];

/**
 * The most inflow rows one debit folds into the account's parts. A debit reads
 * its parts first and folds inflows only once every part together falls
 * short, so most debits read no inflows; the cap bounds the work (and the read
 * set) of the rare debit that would need more. An account whose balance is
 * spread over more inflows than this is folded by Token:consolidate first.
 */
export const MAX_INFLOWS_PER_DEBIT = 200;

/** One movement of `amount` from one account to another; `from` absent = mint, `to` absent = burn. */
export interface Leg {
  from?: AccountId;
  to?: AccountId;
  currency: string;
  amount: bigint;
}

/** What one transaction does to one account in one currency, all its legs summed. */
export interface AccountChange {
  account: AccountId;
  currency: string;
  debit: bigint;
  credit: bigint;
}

/**
 * Sums the legs per (currency, account), sorted so that every endorser reads
 * and writes the accounts in the same order. Summing first matters because
 * Fabric has no read-your-writes: two legs touching one account must become
 * one read and one write.
 */
export function aggregateLegs(legs: readonly Leg[]): AccountChange[] {
  if (legs.length === 0) {
    throw new XborderError(ErrorCodes.INVALID_ARGUMENT, 'a movement needs at least one leg');
  }
  const changes = new Map<string, AccountChange>();
  const change = (account: AccountId, currency: string): AccountChange => {
    const id = `${currency}\u0000${account}`;
    let found = changes.get(id);
    if (!found) {
      found = { account, currency, debit: 0n, credit: 0n };
      changes.set(id, found);
    }
    return found;
  };
  legs.forEach((leg, index) => {
    if (leg.amount <= 0n) {
      throw new XborderError(ErrorCodes.INVALID_AMOUNT, `leg ${index}: amount must be greater than zero`);
    }
    if (!leg.from && !leg.to) {
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `leg ${index}: needs a from or a to account`);
    }
    if (leg.from === leg.to) {
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `leg ${index}: from and to are the same account ${leg.from}`);
    }
    if (leg.from) {
      change(leg.from, leg.currency).debit += leg.amount;
    }
    if (leg.to) {
      change(leg.to, leg.currency).credit += leg.amount;
    }
  });
  // Map keys are unique, so the comparator never sees two equal ids.
  return [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, value]) => value);
}

/**
 * The parts of an account in the order a debit reads them: from `first`,
 * wrapping round, so a debit that must gather several parts takes its
 * neighbours and concurrent debits that start apart stay apart.
 */
export function partsFrom(first: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, offset) => (first + offset) % parts);
}

/**
 * The part a debit reads first. The payer's hint when it gives one (senders
 * that pay concurrently each take their own part and never meet); otherwise a
 * number drawn from a hash of the transaction id, so uncoordinated debits
 * spread evenly over the parts and every endorser picks the same one.
 */
export function firstPart(parts: number, txId: string, hint?: number): number {
  if (hint !== undefined) {
    return hint % parts;
  }
  return createHash('sha256').update(txId).digest().readUInt32BE(0) % parts;
}

/** `total` split into `parts` amounts that differ by at most one minor unit, the larger ones first. */
export function spreadEvenly(total: bigint, parts: number): bigint[] {
  const count = BigInt(parts);
  const share = total / count;
  const extra = Number(total % count);
  return Array.from({ length: parts }, (_, index) => share + (index < extra ? 1n : 0n));
}

/** Whether what a debit has gathered (parts and inflows read so far, plus its own credits) covers it. */
export function covers(change: AccountChange, gathered: readonly bigint[]): boolean {
  return gathered.reduce((sum, amount) => sum + amount, change.credit) >= change.debit;
}

/**
 * What is left of the gathered parts and inflows, plus this transaction's
 * own credits, after its debits. `inflowsLeft` says the fold stopped at the
 * cap with rows still unread, which turns a shortfall into advice to
 * consolidate rather than a plain refusal.
 */
export function settleDebit(change: AccountChange, gathered: readonly bigint[], inflowsLeft: boolean): bigint {
  const available = gathered.reduce((sum, amount) => sum + amount, change.credit);
  if (available < change.debit) {
    const hint = inflowsLeft
      ? `; only the first ${MAX_INFLOWS_PER_DEBIT} inflows are folded per debit, call Token:consolidate and retry`
      : '';
    throw new XborderError(
      ErrorCodes.INSUFFICIENT_FUNDS,
      `account ${change.account} holds ${formatAmount(available)} ${change.currency}, needs ${formatAmount(change.debit)}${hint}`,
    );
  }
  return available - change.debit;
}

/** Whether a debit must fold another inflow: not yet covered and under the cap. */
export function needsAnotherInflow(change: AccountChange, parts: readonly bigint[], folded: readonly bigint[]): boolean {
  return !covers(change, [...parts, ...folded]) && folded.length < MAX_INFLOWS_PER_DEBIT;
}

/** Statement lines: each leg seen from each account it touches. */
export function movementLines(legs: readonly Leg[], kind: MovementKind, reference: string, at: string, txId: string): MovementRecord[] {
  const lines: MovementRecord[] = [];
  legs.forEach((leg, index) => {
    const common = { currency: leg.currency, amount: formatAmount(leg.amount), kind, reference, at, txId, leg: index };
    if (leg.from) {
      lines.push({ ...common, account: leg.from, direction: 'DEBIT', counterparty: leg.to });
    }
    if (leg.to) {
      lines.push({ ...common, account: leg.to, direction: 'CREDIT', counterparty: leg.from });
    }
  });
  return lines;
}

/**
 * Only an operator identity (role attribute issuer or admin) of the currency's
 * active issuer member may create or destroy its money or govern its accounts.
 */
export function checkIssuerOperator(currency: string, issuerMspId: string | undefined, callerMspId: string, role: string | null): void {
  checkIssuerOrg(currency, issuerMspId, callerMspId);
  if (role === null || !ISSUER_OPERATOR_ROLES.includes(role)) {
    throw new XborderError(
      ErrorCodes.UNAUTHORIZED,
      `minting and governing ${currency} needs an identity of ${callerMspId} with attribute role=${ISSUER_OPERATOR_ROLES.join('|')}`,
    );
  }
}

/** The caller's organisation must be the currency's active issuer member. */
export function checkIssuerOrg(currency: string, issuerMspId: string | undefined, callerMspId: string): void {
  if (issuerMspId === undefined) {
    throw new XborderError(ErrorCodes.NOT_ISSUER, `${currency} has no active issuer member`);
  }
  if (issuerMspId !== callerMspId) {
    throw new XborderError(ErrorCodes.NOT_ISSUER, `${callerMspId} is not the issuer of ${currency} (${issuerMspId} is)`);
  }
}

/**
 * A repeated mint is the same request when every field matches; then the
 * first result stands. Anything else under the same deposit reference is a
 * different deposit that the issuer mislabelled, so it is refused.
 */
export function checkMintReplay(existing: MintRecord, input: MintInput): void {
  if (existing.to !== input.to || existing.amount !== formatAmount(input.amount)) {
    throw new XborderError(
      ErrorCodes.DUPLICATE_DEPOSIT_REF,
      `deposit ${input.depositRef} already minted ${existing.amount} ${existing.currency} to ${existing.to} in ${existing.txId}`,
    );
  }
}

export function checkRedemptionReplay(existing: RedemptionRecord, input: RedeemInput): void {
  if (existing.from !== input.from || existing.amount !== formatAmount(input.amount)) {
    throw new XborderError(
      ErrorCodes.DUPLICATE_WITHDRAWAL_REF,
      `withdrawal ${input.withdrawalRef} already redeemed ${existing.amount} ${existing.currency} from ${existing.from} in ${existing.txId}`,
    );
  }
}

export function checkTransferReplay(existing: TransferRecord, input: TransferInput): void {
  const same =
    existing.currency === input.currency &&
    existing.to === input.to &&
    existing.amount === formatAmount(input.amount) &&
    existing.reference === input.reference;
  if (!same) {
    throw new XborderError(
      ErrorCodes.DUPLICATE_IDEMPOTENCY_KEY,
      `idempotency key ${input.idempotencyKey} of ${input.from} was used for another transfer in ${existing.txId}`,
    );
  }
}

/** Outstanding supply from the mint and redemption records. */
export function summariseSupply(currency: string, minted: readonly bigint[], redeemed: readonly bigint[]): SupplySummary {
  const mintedTotal = minted.reduce((sum, amount) => sum + amount, 0n);
  const redeemedTotal = redeemed.reduce((sum, amount) => sum + amount, 0n);
  return {
    currency,
    minted: formatAmount(mintedTotal),
    redeemed: formatAmount(redeemedTotal),
    outstanding: formatAmount(mintedTotal - redeemedTotal),
  };
}

/** Invariant 1: what accounts hold equals what was minted and not redeemed. */
export function checkSupply(summary: SupplySummary, held: bigint, accounts: number): SupplyCheck {
  return { ...summary, held: formatAmount(held), accounts, consistent: formatAmount(held) === summary.outstanding && held >= 0n };
}

/** A frozen account neither pays nor is paid until its issuer unfreezes it. */
export function checkNotFrozen(freeze: FreezeRecord | undefined, account: AccountId, currency: string): void {
  if (freeze) {
    throw new XborderError(ErrorCodes.ACCOUNT_FROZEN, `account ${account} is frozen in ${currency} since ${freeze.frozenAt}: ${freeze.reason}`);
  }
}
