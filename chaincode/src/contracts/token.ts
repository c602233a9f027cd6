import { Context, Info, Transaction } from 'fabric-contract-api';
import { pageOf, XborderContract } from './base';
import {
  checkIssuerOperator,
  checkIssuerOrg,
  checkMintReplay,
  checkRedemptionReplay,
  checkSupply,
  checkTransferReplay,
  summariseSupply,
} from '../domain/token';
import * as accounts from '../ledger/accounts';
import { canonicalJson, toBytes } from '@xborder/model/canonical';
import { getRegisteredCurrency, listRegisteredCurrencies, putRegisteredCurrency, requireCurrency } from '../ledger/currencies';
import { issuerOfCurrency, requireClearingHouse } from '../guards/members';
import { requireParty } from '../ledger/parties';
import { requireCallerParty, requireEligibleParty } from '../guards/parties';
import { txTime } from '../ledger/time';
import { formatAmount } from '@xborder/model/amount';
import { builtinCurrency, Currency, ISO_4217_CURRENCIES, parseRegisterCurrencyInput } from '@xborder/model/currency';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import {
  ConsolidationRecord,
  FreezeRecord,
  MintRecord,
  parseConsolidateInput,
  parseFreezeInput,
  parseMintInput,
  parseRedeemInput,
  parseTransferInput,
  partyAccount,
  RedemptionRecord,
  TransferRecord,
  UnfreezeRecord,
} from '@xborder/model/token';

/**
 * Fiat-backed tokens, one per currency, issued by the currency's issuer
 * member. Transactions take one JSON argument; queries take plain strings.
 *
 * Who may do what:
 * - mint: an identity of the currency's issuer member with attribute
 *   role=issuer or role=admin.
 * - redeem: the holder party itself (an identity bound to it), and the party
 *   must be a customer of the issuer member (the caller's MSP is the issuer).
 *   The holder's own signature is its consent to the burn; its bank, the
 *   issuer, pays the fiat out against the withdrawal reference.
 * - transfer, consolidate: an identity bound to the `from` / account party.
 * - freeze, unfreeze, registerCurrency: an issuer operator (as for mint) of the
 *   currency, or an admin (role=admin) of the clearing house.
 * Only VERIFIED, unexpired, unsanctioned parties receive, send or redeem.
 */
@Info({ title: 'Token', description: 'Fiat-backed currency tokens: mint, redeem, transfer, freeze, balances and supply' })
export class TokenContract extends XborderContract.named('Token') {
  /** Adds a currency outside the built-in ISO 4217 table. `currencyJson`: `{"code":"KES","name":"Kenyan shilling","minorUnits":2}`. */
  @Transaction()
  async registerCurrency(ctx: Context, currencyJson: string): Promise<string> {
    const input = parseRegisterCurrencyInput(currencyJson);
    const governor = await requireCurrencyGovernor(ctx, input.code);
    const existing = await getRegisteredCurrency(ctx, input.code);
    if (existing) {
      throw new XborderError(ErrorCodes.ALREADY_EXISTS, `currency ${input.code} was registered by ${existing.registeredBy} at ${existing.registeredAt}`);
    }
    const currency: Currency = { ...input, source: 'REGISTERED', registeredBy: governor, registeredAt: txTime(ctx), txId: ctx.stub.getTxID() };
    await putRegisteredCurrency(ctx, currency);
    ctx.stub.setEvent('CurrencyRegistered', toBytes(currency));
    return canonicalJson(currency);
  }

  /**
   * Credits `to` with new tokens against a fiat deposit. `mintJson`:
   * `{"currency":"USD","to":"P1","amount":"12500","depositRef":"DEP-1"}`.
   * Idempotent per (currency, depositRef): the same request again returns the
   * first result and writes nothing; a different one is DUPLICATE_DEPOSIT_REF.
   */
  @Transaction()
  async mint(ctx: Context, mintJson: string): Promise<string> {
    const input = parseMintInput(mintJson);
    await requireCurrency(ctx, input.currency);
    const issuer = await issuerOfCurrency(ctx, input.currency);
    const callerMspId = ctx.clientIdentity.getMSPID();
    checkIssuerOperator(input.currency, issuer, callerMspId, ctx.clientIdentity.getAttributeValue('role'));
    const existing = await accounts.getMint(ctx, input.currency, input.depositRef);
    if (existing) {
      checkMintReplay(existing, input);
      return canonicalJson(existing);
    }
    await requireEligibleParty(ctx, input.to);
    const account = partyAccount(input.to);
    await accounts.postMovement(ctx, {
      kind: 'MINT',
      reference: input.depositRef,
      legs: [{ to: account, currency: input.currency, amount: input.amount }],
    });
    const record: MintRecord = {
      currency: input.currency,
      depositRef: input.depositRef,
      to: input.to,
      account,
      amount: formatAmount(input.amount),
      issuer: callerMspId,
      mintedAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    await accounts.putMint(ctx, record);
    ctx.stub.setEvent('TokensMinted', toBytes(record));
    return canonicalJson(record);
  }

  /**
   * Burns the holder's tokens against a fiat payout by its bank, the issuer.
   * `redeemJson`: `{"currency":"USD","from":"P1","amount":"500","withdrawalRef":"WD-1"}`.
   * Idempotent per (currency, withdrawalRef) like mint.
   */
  @Transaction()
  async redeem(ctx: Context, redeemJson: string): Promise<string> {
    const input = parseRedeemInput(redeemJson);
    await requireCurrency(ctx, input.currency);
    const callerMspId = ctx.clientIdentity.getMSPID();
    checkIssuerOrg(input.currency, await issuerOfCurrency(ctx, input.currency), callerMspId);
    await requireCallerParty(ctx, input.from);
    const existing = await accounts.getRedemption(ctx, input.currency, input.withdrawalRef);
    if (existing) {
      checkRedemptionReplay(existing, input);
      return canonicalJson(existing);
    }
    await requireEligibleParty(ctx, input.from);
    const account = partyAccount(input.from);
    await accounts.postMovement(ctx, {
      kind: 'REDEEM',
      reference: input.withdrawalRef,
      legs: [{ from: account, currency: input.currency, amount: input.amount }],
    });
    const record: RedemptionRecord = {
      currency: input.currency,
      withdrawalRef: input.withdrawalRef,
      from: input.from,
      account,
      amount: formatAmount(input.amount),
      issuer: callerMspId,
      redeemedAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    await accounts.putRedemption(ctx, record);
    ctx.stub.setEvent('TokensRedeemed', toBytes(record));
    return canonicalJson(record);
  }

  /**
   * Pays `amount` from one party to another. `transferJson`:
   * `{"currency":"USD","from":"P1","to":"P2","amount":"500","reference":"INV-9","idempotencyKey"?:"k1"}`.
   * With an idempotency key (scoped to the sender) a retry returns the first
   * result; reusing the key for a different transfer is DUPLICATE_IDEMPOTENCY_KEY.
   */
  @Transaction()
  async transfer(ctx: Context, transferJson: string): Promise<string> {
    const input = parseTransferInput(transferJson);
    await requireCallerParty(ctx, input.from);
    await requireCurrency(ctx, input.currency);
    if (input.idempotencyKey !== undefined) {
      const existing = await accounts.getTransferByKey(ctx, input.from, input.idempotencyKey);
      if (existing) {
        checkTransferReplay(existing, input);
        return canonicalJson(existing);
      }
    }
    await requireEligibleParty(ctx, input.from);
    await requireEligibleParty(ctx, input.to);
    const from = partyAccount(input.from);
    await accounts.postMovement(ctx, {
      kind: 'TRANSFER',
      reference: input.reference,
      legs: [{ from, to: partyAccount(input.to), currency: input.currency, amount: input.amount }],
      firstParts: input.part === undefined ? undefined : new Map([[from, input.part]]),
    });
    const record: TransferRecord = {
      currency: input.currency,
      from: input.from,
      to: input.to,
      amount: formatAmount(input.amount),
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      at: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    if (input.idempotencyKey !== undefined) {
      await accounts.putTransferByKey(ctx, input.from, input.idempotencyKey, record);
    }
    ctx.stub.setEvent('TokensTransferred', toBytes(record));
    return canonicalJson(record);
  }

  /** Stops a party's account in one currency from sending or receiving. `freezeJson`: `{"partyId":"P1","currency":"USD","reason":"..."}`. */
  @Transaction()
  async freeze(ctx: Context, freezeJson: string): Promise<string> {
    const input = parseFreezeInput(freezeJson);
    await requireCurrency(ctx, input.currency);
    const governor = await requireCurrencyGovernor(ctx, input.currency);
    await requireParty(ctx, input.partyId);
    const account = partyAccount(input.partyId);
    const existing = await accounts.getFreeze(ctx, account, input.currency);
    if (existing) {
      throw new XborderError(ErrorCodes.INVALID_STATE, `account ${account} is already frozen in ${input.currency} since ${existing.frozenAt}`);
    }
    const record: FreezeRecord = {
      account,
      currency: input.currency,
      reason: input.reason,
      frozenBy: governor,
      frozenAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    await accounts.putFreeze(ctx, record);
    ctx.stub.setEvent('AccountFrozen', toBytes(record));
    return canonicalJson(record);
  }

  /** Lifts a freeze. `unfreezeJson`: `{"partyId":"P1","currency":"USD","reason":"..."}`. */
  @Transaction()
  async unfreeze(ctx: Context, unfreezeJson: string): Promise<string> {
    const input = parseFreezeInput(unfreezeJson);
    await requireCurrency(ctx, input.currency);
    const governor = await requireCurrencyGovernor(ctx, input.currency);
    await requireParty(ctx, input.partyId);
    const account = partyAccount(input.partyId);
    if (!(await accounts.getFreeze(ctx, account, input.currency))) {
      throw new XborderError(ErrorCodes.INVALID_STATE, `account ${account} is not frozen in ${input.currency}`);
    }
    const record: UnfreezeRecord = {
      account,
      currency: input.currency,
      reason: input.reason,
      unfrozenBy: governor,
      unfrozenAt: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    await accounts.deleteFreeze(ctx, account, input.currency);
    ctx.stub.setEvent('AccountUnfrozen', toBytes(record));
    return canonicalJson(record);
  }

  /**
   * Folds up to 200 pending inflows of the caller's party account into its
   * parts and spreads the balance evenly over `parts` independently spendable
   * parts (default: as many as it has), so that as many payments out of it
   * can commit in one block. `consolidateJson`: `{"partyId":"P1","currency":"USD","parts"?:64}`.
   * Nothing to fold or even out: no write and no event.
   */
  @Transaction()
  async consolidate(ctx: Context, consolidateJson: string): Promise<string> {
    const input = parseConsolidateInput(consolidateJson);
    await requireCurrency(ctx, input.currency);
    await requireCallerParty(ctx, input.partyId);
    const account = partyAccount(input.partyId);
    const { folded, base, parts, changed } = await accounts.consolidateAccount(ctx, account, input.currency, input.parts);
    const record: ConsolidationRecord = {
      account,
      currency: input.currency,
      folded,
      balance: formatAmount(base),
      parts,
      at: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    if (changed) {
      ctx.stub.setEvent('AccountConsolidated', toBytes(record));
    }
    return canonicalJson(record);
  }

  /** A party's balance in a currency: `{account, currency, balance, pendingInflows, parts, frozen}`. */
  @Transaction(false)
  async balanceOf(ctx: Context, partyId: string, currency: string): Promise<string> {
    const code = await requireQueryCurrency(ctx, currency);
    await requireParty(ctx, partyId);
    return canonicalJson(await accounts.readBalance(ctx, partyAccount(partyId), code));
  }

  /** `{currency, minted, redeemed, outstanding}` summed from every mint and redemption record. */
  @Transaction(false)
  async totalSupply(ctx: Context, currency: string): Promise<string> {
    const code = await requireQueryCurrency(ctx, currency);
    const { minted, redeemed } = await accounts.supplyRecords(ctx, code);
    return canonicalJson(summariseSupply(code, minted, redeemed));
  }

  /**
   * Checks invariant 1 of docs/architecture.md: the sum over every account in the currency
   * (parties, escrows, margins) against minted - redeemed.
   */
  @Transaction(false)
  async supplyCheck(ctx: Context, currency: string): Promise<string> {
    const code = await requireQueryCurrency(ctx, currency);
    const { minted, redeemed } = await accounts.supplyRecords(ctx, code);
    const { held, accounts: count } = await accounts.sumHoldings(ctx, code);
    return canonicalJson(checkSupply(summariseSupply(code, minted, redeemed), held, count));
  }

  /** A page of a party's statement lines in a currency, oldest first. */
  @Transaction(false)
  async accountHistory(ctx: Context, partyId: string, currency: string, pageSize: string, bookmark: string): Promise<string> {
    const code = await requireQueryCurrency(ctx, currency);
    await requireParty(ctx, partyId);
    return canonicalJson(await accounts.accountMovements(ctx, partyAccount(partyId), code, pageOf(pageSize, bookmark)));
  }

  @Transaction(false)
  async getCurrency(ctx: Context, code: string): Promise<string> {
    return canonicalJson(await requireCurrency(ctx, code));
  }

  /** Built-in and registered currencies, ordered by code. */
  @Transaction(false)
  async listCurrencies(ctx: Context): Promise<string> {
    const builtin = Object.keys(ISO_4217_CURRENCIES).map((code) => builtinCurrency(code) as Currency);
    const all = [...builtin, ...(await listRegisteredCurrencies(ctx))].sort((a, b) => (a.code < b.code ? -1 : 1));
    return canonicalJson(all);
  }
}

/**
 * Who may govern a currency (freeze accounts, register it): an issuer operator
 * of its issuer member, or an admin of the clearing house. Returns the
 * governing MSP id.
 */
async function requireCurrencyGovernor(ctx: Context, currency: string): Promise<string> {
  const callerMspId = ctx.clientIdentity.getMSPID();
  const role = ctx.clientIdentity.getAttributeValue('role');
  const issuer = await issuerOfCurrency(ctx, currency);
  if (issuer !== undefined && issuer === callerMspId) {
    checkIssuerOperator(currency, issuer, callerMspId, role);
    return callerMspId;
  }
  await requireClearingHouse(ctx);
  if (role !== 'admin') {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `governing ${currency} as the clearing house needs an admin identity (attribute role=admin)`);
  }
  return callerMspId;
}

async function requireQueryCurrency(ctx: Context, currency: string): Promise<string> {
  return (await requireCurrency(ctx, currency)).code;
}
