import { Context } from 'fabric-contract-api';
import { aggregateLegs, AccountChange, checkNotFrozen, Leg, MAX_INFLOWS_PER_DEBIT, movementLines, needsAnotherInflow, settleDebit } from '../domain/token';
import { formatAmount } from '@xborder/model/amount';
import {
  AccountBalance,
  AccountId,
  BaseBalanceRecord,
  FreezeRecord,
  InflowRecord,
  MintRecord,
  MovementKind,
  MovementRecord,
  RedemptionRecord,
  TransferRecord,
} from '@xborder/model/token';
import { fromBytes } from '@xborder/model/canonical';
import type { Page } from '@xborder/model/paging';
import { PageRequest, readJson, scanJson, scanJsonPage, writeJson } from './state';
import { txTime } from './time';

/**
 * Token accounts, built so that payments INTO an account never conflict.
 *
 * An account's balance in a currency is its base row plus its inflow rows:
 *   token-balance~<currency>~<account>           BaseBalanceRecord  written only by debits
 *   token-inflow~<currency>~<account>~<txId>      InflowRecord       one per crediting transaction
 *
 * A credit writes one new inflow key named after its own transaction and reads
 * nothing another credit writes (only the account's freeze row and the
 * party's KYC record, which change rarely), so Fabric's MVCC check passes any
 * number of credits endorsed on the same snapshot. A debit reads the base row
 * and, only if the base does not cover it, folds inflows into a new base,
 * deleting them, at most MAX_INFLOWS_PER_DEBIT per transaction. A debit
 * therefore conflicts with a concurrent credit to the same account only when
 * it had to scan the inflow range (a phantom read); the loser is invalidated
 * as a whole, so money is never lost or doubled, and the client retries.
 *
 * Other keys:
 *   token-freeze~<currency>~<account>               FreezeRecord while frozen
 *   token-movement~<currency>~<account>~<time>~<txId>~<leg>  MovementRecord (statement line)
 *   token-mint~<currency>~<depositRef>              MintRecord: idempotency record and supply shard
 *   token-redemption~<currency>~<withdrawalRef>     RedemptionRecord
 *   token-transfer-key~<party>~<idempotencyKey>     TransferRecord
 * There is no supply counter: totalSupply sums the mint and redemption
 * records, so mints of different deposits never touch a common key either.
 */

const BALANCE = 'token-balance';
const INFLOW = 'token-inflow';
const FREEZE = 'token-freeze';
const MOVEMENT = 'token-movement';
const MINT = 'token-mint';
const REDEMPTION = 'token-redemption';
const TRANSFER_KEY = 'token-transfer-key';

/** Legs are padded in keys so that leg 10 sorts after leg 9. */
const LEG_DIGITS = 4;

/** What one transaction moves: its legs, why, and a reference for the statements. */
export interface Movement {
  kind: MovementKind;
  reference: string;
  legs: Leg[];
}

/** The accounts a movement touched, with the base balance of each debited one. */
export interface PostedChange extends AccountChange {
  /** New base balance, for debited accounts only (credited accounts got an inflow row). */
  base?: bigint;
}

interface DebitPlan {
  change: AccountChange;
  base: bigint;
  consumed: string[];
}

/**
 * Applies a movement: checks every account is unfrozen and every debit is
 * covered, then writes. All reads and checks happen before the first write,
 * and each account is read and written once however many legs touch it.
 * Eligibility of the parties behind the accounts is the caller's rule.
 */
export async function postMovement(ctx: Context, movement: Movement): Promise<PostedChange[]> {
  const changes = aggregateLegs(movement.legs);
  const debits: DebitPlan[] = [];
  for (const change of changes) {
    await requireNotFrozen(ctx, change.account, change.currency);
    if (change.debit > 0n) {
      debits.push(await planDebit(ctx, change));
    }
  }

  const txId = ctx.stub.getTxID();
  const at = txTime(ctx);
  const posted: PostedChange[] = [];
  for (const change of changes) {
    const debit = debits.find((plan) => plan.change === change);
    if (debit) {
      await writeBase(ctx, change.account, change.currency, debit.base, debit.consumed, at, txId);
      posted.push({ ...change, base: debit.base });
    } else {
      const inflow: InflowRecord = { account: change.account, currency: change.currency, amount: formatAmount(change.credit), at, txId };
      await writeJson(ctx, inflowKey(ctx, change.currency, change.account, txId), inflow);
      posted.push(change);
    }
  }
  for (const line of movementLines(movement.legs, movement.kind, movement.reference, at, txId)) {
    await writeJson(ctx, movementKey(ctx, line), line);
  }
  return posted;
}

/**
 * Folds up to MAX_INFLOWS_PER_DEBIT inflows into the base without moving
 * value, so that an account with a very long tail of small credits can be
 * debited again. Writes nothing when there is nothing to fold.
 */
export async function consolidateAccount(ctx: Context, account: AccountId, currency: string): Promise<{ folded: number; base: bigint }> {
  const base = await readBase(ctx, account, currency);
  const inflows = await readInflows(ctx, account, currency, (folded) => folded.length < MAX_INFLOWS_PER_DEBIT);
  const total = inflows.amounts.reduce((sum, amount) => sum + amount, base);
  if (inflows.keys.length > 0) {
    await writeBase(ctx, account, currency, total, inflows.keys, txTime(ctx), ctx.stub.getTxID());
  }
  return { folded: inflows.keys.length, base: total };
}

/** An account's balance: base plus every inflow not yet folded. For queries (it scans all inflows). */
export async function readBalance(ctx: Context, account: AccountId, currency: string): Promise<AccountBalance> {
  const base = await readBase(ctx, account, currency);
  const inflows = await scanJson<InflowRecord>(ctx, INFLOW, [currency, account]);
  const balance = inflows.reduce((sum, row) => sum + BigInt(row.value.amount), base);
  const frozen = (await getFreeze(ctx, account, currency)) !== undefined;
  return { account, currency, balance: formatAmount(balance), pendingInflows: inflows.length, frozen };
}

/**
 * Whether the account holds at least `amount`, reading the base and only the
 * inflows needed (at most MAX_INFLOWS_PER_DEBIT), as a debit would. Lets a
 * contract name the rule that fails (an under-margined seller, a liquidity
 * provider short of reserves) before postMovement's generic INSUFFICIENT_FUNDS.
 */
export async function holdsAtLeast(ctx: Context, account: AccountId, currency: string, amount: bigint): Promise<boolean> {
  const change: AccountChange = { account, currency, debit: amount, credit: 0n };
  const base = await readBase(ctx, account, currency);
  const inflows = await readInflows(ctx, account, currency, (folded) => needsAnotherInflow(change, base, folded));
  return inflows.amounts.reduce((sum, value) => sum + value, base) >= amount;
}

/** Sum over every account in the currency (party, escrow, margin ...) and how many accounts hold rows. */
export async function sumHoldings(ctx: Context, currency: string): Promise<{ held: bigint; accounts: number }> {
  const bases = await scanJson<BaseBalanceRecord>(ctx, BALANCE, [currency]);
  const inflows = await scanJson<InflowRecord>(ctx, INFLOW, [currency]);
  const accounts = new Set<string>();
  let held = 0n;
  for (const { value } of [...bases, ...inflows]) {
    accounts.add(value.account);
    held += BigInt('balance' in value ? value.balance : value.amount);
  }
  return { held, accounts: accounts.size };
}

/** A page of an account's statement lines, oldest first (key order: time, transaction, leg). */
export async function accountMovements(ctx: Context, account: AccountId, currency: string, request: PageRequest): Promise<Page<MovementRecord>> {
  const { rows, bookmark } = await scanJsonPage<MovementRecord>(ctx, MOVEMENT, [currency, account], request);
  return { records: rows.map((row) => row.value), bookmark };
}

export async function getFreeze(ctx: Context, account: AccountId, currency: string): Promise<FreezeRecord | undefined> {
  return readJson<FreezeRecord>(ctx, freezeKey(ctx, account, currency));
}

export async function putFreeze(ctx: Context, record: FreezeRecord): Promise<void> {
  await writeJson(ctx, freezeKey(ctx, record.account, record.currency), record);
}

export async function deleteFreeze(ctx: Context, account: AccountId, currency: string): Promise<void> {
  await ctx.stub.deleteState(freezeKey(ctx, account, currency));
}

export async function getMint(ctx: Context, currency: string, depositRef: string): Promise<MintRecord | undefined> {
  return readJson<MintRecord>(ctx, ctx.stub.createCompositeKey(MINT, [currency, depositRef]));
}

export async function putMint(ctx: Context, record: MintRecord): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(MINT, [record.currency, record.depositRef]), record);
}

export async function getRedemption(ctx: Context, currency: string, withdrawalRef: string): Promise<RedemptionRecord | undefined> {
  return readJson<RedemptionRecord>(ctx, ctx.stub.createCompositeKey(REDEMPTION, [currency, withdrawalRef]));
}

export async function putRedemption(ctx: Context, record: RedemptionRecord): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(REDEMPTION, [record.currency, record.withdrawalRef]), record);
}

/** Every mint and redemption amount of a currency: the supply, sharded per deposit and withdrawal. */
export async function supplyRecords(ctx: Context, currency: string): Promise<{ minted: bigint[]; redeemed: bigint[] }> {
  const mints = await scanJson<MintRecord>(ctx, MINT, [currency]);
  const redemptions = await scanJson<RedemptionRecord>(ctx, REDEMPTION, [currency]);
  return { minted: mints.map((row) => BigInt(row.value.amount)), redeemed: redemptions.map((row) => BigInt(row.value.amount)) };
}

export async function getTransferByKey(ctx: Context, from: string, idempotencyKey: string): Promise<TransferRecord | undefined> {
  return readJson<TransferRecord>(ctx, ctx.stub.createCompositeKey(TRANSFER_KEY, [from, idempotencyKey]));
}

export async function putTransferByKey(ctx: Context, from: string, idempotencyKey: string, record: TransferRecord): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(TRANSFER_KEY, [from, idempotencyKey]), record);
}

async function requireNotFrozen(ctx: Context, account: AccountId, currency: string): Promise<void> {
  checkNotFrozen(await getFreeze(ctx, account, currency), account, currency);
}

/** Reads the base and only as many inflows as the debit needs (bounded), then checks the debit is covered. */
async function planDebit(ctx: Context, change: AccountChange): Promise<DebitPlan> {
  const base = await readBase(ctx, change.account, change.currency);
  const inflows = await readInflows(ctx, change.account, change.currency, (folded) => needsAnotherInflow(change, base, folded));
  return { change, base: settleDebit(change, base, inflows.amounts, inflows.more), consumed: inflows.keys };
}

/**
 * Reads inflow rows in key order while `wanted` says another is needed, so a
 * covered debit stops reading (and widens its read set) no further. When it
 * stops at the cap it peeks one row ahead, only to tell the caller that more
 * inflows exist.
 */
async function readInflows(
  ctx: Context,
  account: AccountId,
  currency: string,
  wanted: (folded: readonly bigint[]) => boolean,
): Promise<{ keys: string[]; amounts: bigint[]; more: boolean }> {
  const keys: string[] = [];
  const amounts: bigint[] = [];
  if (!wanted(amounts)) {
    return { keys, amounts, more: false };
  }
  const iterator = await ctx.stub.getStateByPartialCompositeKey(INFLOW, [currency, account]);
  try {
    while (wanted(amounts)) {
      const next = await iterator.next();
      if (next.done) {
        return { keys, amounts, more: false };
      }
      keys.push(next.value.key);
      amounts.push(BigInt(fromBytes<InflowRecord>(next.value.value).amount));
    }
    const more = amounts.length >= MAX_INFLOWS_PER_DEBIT && !(await iterator.next()).done;
    return { keys, amounts, more };
  } finally {
    await iterator.close();
  }
}

async function readBase(ctx: Context, account: AccountId, currency: string): Promise<bigint> {
  const record = await readJson<BaseBalanceRecord>(ctx, baseKey(ctx, account, currency));
  return record ? BigInt(record.balance) : 0n;
}

async function writeBase(ctx: Context, account: AccountId, currency: string, balance: bigint, consumed: string[], at: string, txId: string): Promise<void> {
  const record: BaseBalanceRecord = { account, currency, balance: formatAmount(balance), updatedAt: at, txId };
  await writeJson(ctx, baseKey(ctx, account, currency), record);
  for (const key of consumed) {
    await ctx.stub.deleteState(key);
  }
}

function baseKey(ctx: Context, account: AccountId, currency: string): string {
  return ctx.stub.createCompositeKey(BALANCE, [currency, account]);
}

function inflowKey(ctx: Context, currency: string, account: AccountId, txId: string): string {
  return ctx.stub.createCompositeKey(INFLOW, [currency, account, txId]);
}

function freezeKey(ctx: Context, account: AccountId, currency: string): string {
  return ctx.stub.createCompositeKey(FREEZE, [currency, account]);
}

function movementKey(ctx: Context, line: MovementRecord): string {
  return ctx.stub.createCompositeKey(MOVEMENT, [line.currency, line.account, line.at, line.txId, String(line.leg).padStart(LEG_DIGITS, '0')]);
}
