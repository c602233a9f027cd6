import { Context } from 'fabric-contract-api';
import {
  aggregateLegs,
  AccountChange,
  checkNotFrozen,
  covers,
  firstPart,
  Leg,
  MAX_INFLOWS_PER_DEBIT,
  movementLines,
  needsAnotherInflow,
  partsFrom,
  settleDebit,
  spreadEvenly,
} from '../domain/token';
import { formatAmount } from '@xborder/model/amount';
import {
  AccountBalance,
  AccountId,
  BalanceLayoutRecord,
  BalancePartRecord,
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
 * Token accounts, built so that neither payments INTO an account nor
 * payments OUT OF one conflict with each other (docs/architecture.md, "Hot accounts").
 *
 * An account's balance in a currency is the sum of its parts and its inflows:
 *   token-balance~<currency>~<account>~<part>       BalancePartRecord  written only by debits of that part
 *   token-inflow~<currency>~<account>~<txId>         InflowRecord       one per crediting transaction
 *   token-layout~<currency>~<account>                BalanceLayoutRecord how many parts (absent: one)
 *
 * A credit writes one new inflow key named after its own transaction and reads
 * nothing another payment writes (only the account's freeze row and the
 * party's KYC record, which change rarely), so any number of credits endorsed
 * on the same snapshot commit together.
 *
 * A debit reads the layout (which only consolidation writes), then one part,
 * chosen by the payer's hint or the transaction id, by a point read. When that
 * part covers it, it writes that part alone: debits that chose different parts
 * share no key and commit in the same block. A part that falls short is made
 * up from its neighbours, and the remainder is spread evenly over every part
 * read, so the account stays spendable in parallel. Only when all parts
 * together fall short does the debit fold inflows (a bounded range read, which
 * conflicts with credits arriving meanwhile; the loser is invalidated whole,
 * so money is never lost or doubled, and the client retries). A balance never
 * goes negative: a debit that would overdraw writes nothing.
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
const LAYOUT = 'token-layout';
const INFLOW = 'token-inflow';
const FREEZE = 'token-freeze';
const MOVEMENT = 'token-movement';
const MINT = 'token-mint';
const REDEMPTION = 'token-redemption';
const TRANSFER_KEY = 'token-transfer-key';

/** Legs are padded in keys so that leg 10 sorts after leg 9; parts likewise. */
const LEG_DIGITS = 4;
const PART_DIGITS = 3;

/** What one transaction moves: its legs, why, and a reference for the statements. */
export interface Movement {
  kind: MovementKind;
  reference: string;
  legs: Leg[];
  /** The part each payer asked to spend first (Token:transfer `part`); other debits choose by transaction id. */
  firstParts?: ReadonlyMap<AccountId, number>;
}

/** The accounts a movement touched, with what is left in the parts of each debited one. */
export interface PostedChange extends AccountChange {
  /** What the parts the debit read hold after it, for debited accounts only (credited accounts got an inflow row). */
  base?: bigint;
}

interface PartBalance {
  part: number;
  balance: bigint;
}

interface DebitPlan {
  change: AccountChange;
  /** The parts read, with their new balances. */
  parts: PartBalance[];
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
      debits.push(await planDebit(ctx, change, movement.firstParts?.get(change.account)));
    }
  }

  const txId = ctx.stub.getTxID();
  const at = txTime(ctx);
  const posted: PostedChange[] = [];
  for (const change of changes) {
    const debit = debits.find((plan) => plan.change === change);
    if (debit) {
      await writeParts(ctx, change.account, change.currency, debit.parts, at, txId);
      await deleteKeys(ctx, debit.consumed);
      posted.push({ ...change, base: debit.parts.reduce((sum, part) => sum + part.balance, 0n) });
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
 * Folds up to MAX_INFLOWS_PER_DEBIT inflows into the account's parts and
 * spreads the whole folded balance evenly over `parts` parts (default: as
 * many as it has), without moving value. The owner of an account that pays
 * from many places at once spreads it over at least as many parts as it has
 * payments in flight. Writes nothing when the account is already folded and
 * even over that many parts.
 */
export async function consolidateAccount(
  ctx: Context,
  account: AccountId,
  currency: string,
  parts?: number,
): Promise<{ folded: number; base: bigint; parts: number; changed: boolean }> {
  const current = await readPartCount(ctx, account, currency);
  const target = parts ?? current;
  const held: PartBalance[] = [];
  for (let part = 0; part < current; part++) {
    held.push({ part, balance: await readPart(ctx, account, currency, part) });
  }
  const inflows = await readInflows(ctx, account, currency, (folded) => folded.length < MAX_INFLOWS_PER_DEBIT);
  const total = [...held.map((part) => part.balance), ...inflows.amounts].reduce((sum, amount) => sum + amount, 0n);
  const spread = spreadEvenly(total, target).map((balance, part) => ({ part, balance }));
  const dropped = held.filter((part) => part.part >= target).map((part) => ({ part: part.part, balance: 0n }));
  const unchanged = inflows.keys.length === 0 && target === current && held.every((part, index) => part.balance === spread[index].balance);
  if (!unchanged) {
    const at = txTime(ctx);
    const txId = ctx.stub.getTxID();
    if (target !== current) {
      await writeLayout(ctx, { account, currency, parts: target, at, txId });
    }
    await writeParts(ctx, account, currency, [...spread, ...dropped], at, txId);
    await deleteKeys(ctx, inflows.keys);
  }
  return { folded: inflows.keys.length, base: total, parts: target, changed: !unchanged };
}

/** An account's balance: every part plus every inflow not yet folded. For queries (it scans both). */
export async function readBalance(ctx: Context, account: AccountId, currency: string): Promise<AccountBalance> {
  const parts = await scanJson<BalancePartRecord>(ctx, BALANCE, [currency, account]);
  const inflows = await scanJson<InflowRecord>(ctx, INFLOW, [currency, account]);
  const folded = parts.reduce((sum, row) => sum + BigInt(row.value.balance), 0n);
  const balance = inflows.reduce((sum, row) => sum + BigInt(row.value.amount), folded);
  const frozen = (await getFreeze(ctx, account, currency)) !== undefined;
  return {
    account,
    currency,
    balance: formatAmount(balance),
    pendingInflows: inflows.length,
    parts: await readPartCount(ctx, account, currency),
    frozen,
  };
}

/**
 * Whether the account can pay `amount`, reading exactly what a debit by this
 * transaction would (so the later debit adds nothing to the read set). Lets a
 * contract name the rule that fails (an under-margined seller, a liquidity
 * provider short of reserves) before postMovement's generic INSUFFICIENT_FUNDS.
 */
export async function holdsAtLeast(ctx: Context, account: AccountId, currency: string, amount: bigint): Promise<boolean> {
  const change: AccountChange = { account, currency, debit: amount, credit: 0n };
  const { gathered } = await gatherForDebit(ctx, change);
  return covers(change, gathered);
}

/** Sum over every account in the currency (party, escrow, margin ...) and how many accounts hold rows. */
export async function sumHoldings(ctx: Context, currency: string): Promise<{ held: bigint; accounts: number }> {
  const parts = await scanJson<BalancePartRecord>(ctx, BALANCE, [currency]);
  const inflows = await scanJson<InflowRecord>(ctx, INFLOW, [currency]);
  const accounts = new Set<string>();
  let held = 0n;
  for (const { value } of [...parts, ...inflows]) {
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

/**
 * Reads what a debit needs, by point reads only while the parts cover it:
 * the layout, then parts from the first one (hint or transaction id) until
 * they cover the debit; inflows only when every part together falls short.
 */
async function gatherForDebit(
  ctx: Context,
  change: AccountChange,
  hint?: number,
): Promise<{ parts: PartBalance[]; inflows: { keys: string[]; amounts: bigint[]; more: boolean }; gathered: bigint[] }> {
  const count = await readPartCount(ctx, change.account, change.currency);
  const parts: PartBalance[] = [];
  for (const part of partsFrom(firstPart(count, ctx.stub.getTxID(), hint), count)) {
    parts.push({ part, balance: await readPart(ctx, change.account, change.currency, part) });
    if (covers(change, parts.map((read) => read.balance))) {
      break;
    }
  }
  const held = parts.map((read) => read.balance);
  const inflows = await readInflows(ctx, change.account, change.currency, (folded) => needsAnotherInflow(change, held, folded));
  return { parts, inflows, gathered: [...held, ...inflows.amounts] };
}

/** A debit's reads and the new balances of the parts it read: what is left, spread evenly over them. */
async function planDebit(ctx: Context, change: AccountChange, hint?: number): Promise<DebitPlan> {
  const { parts, inflows, gathered } = await gatherForDebit(ctx, change, hint);
  const left = settleDebit(change, gathered, inflows.more);
  const spread = spreadEvenly(left, parts.length);
  // A part that was empty and stays empty is not written: there is nothing to change.
  const written = parts.map((read, index) => ({ part: read.part, before: read.balance, balance: spread[index] }));
  return { change, parts: written.filter((part) => part.before !== 0n || part.balance !== 0n), consumed: inflows.keys };
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

async function readPartCount(ctx: Context, account: AccountId, currency: string): Promise<number> {
  const layout = await readJson<BalanceLayoutRecord>(ctx, layoutKey(ctx, account, currency));
  return layout?.parts ?? 1;
}

async function writeLayout(ctx: Context, layout: BalanceLayoutRecord): Promise<void> {
  if (layout.parts === 1) {
    await ctx.stub.deleteState(layoutKey(ctx, layout.account, layout.currency));
  } else {
    await writeJson(ctx, layoutKey(ctx, layout.account, layout.currency), layout);
  }
}

async function readPart(ctx: Context, account: AccountId, currency: string, part: number): Promise<bigint> {
  const record = await readJson<BalancePartRecord>(ctx, partKey(ctx, account, currency, part));
  return record ? BigInt(record.balance) : 0n;
}

/** Writes parts in part order; an empty part is deleted rather than kept as a zero row. Every part written was read first. */
async function writeParts(ctx: Context, account: AccountId, currency: string, parts: PartBalance[], at: string, txId: string): Promise<void> {
  for (const { part, balance } of [...parts].sort((a, b) => a.part - b.part)) {
    const key = partKey(ctx, account, currency, part);
    if (balance === 0n) {
      await ctx.stub.deleteState(key);
    } else {
      const record: BalancePartRecord = { account, currency, part, balance: formatAmount(balance), updatedAt: at, txId };
      await writeJson(ctx, key, record);
    }
  }
}

async function deleteKeys(ctx: Context, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    await ctx.stub.deleteState(key);
  }
}

function partKey(ctx: Context, account: AccountId, currency: string, part: number): string {
  return ctx.stub.createCompositeKey(BALANCE, [currency, account, String(part).padStart(PART_DIGITS, '0')]);
}

function layoutKey(ctx: Context, account: AccountId, currency: string): string {
  return ctx.stub.createCompositeKey(LAYOUT, [currency, account]);
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
