import { Context } from 'fabric-contract-api';
import { Member } from '@xborder/model/consortium';
import { Caller, checkActiveMember, checkAdmin, checkClearingHouse, isActiveIssuer, isAdmin } from '../domain/access';
import { getBootstrapRecord, getCurrencyIssuer, getMember } from '../ledger/members';

/**
 * Guards: who may act. Each reads what it needs through ledger/ and applies
 * a permission rule of domain/access.ts; contracts call them first.
 */

export function callerOf(ctx: Context): Caller {
  return { mspId: ctx.clientIdentity.getMSPID(), id: ctx.clientIdentity.getID(), role: ctx.clientIdentity.getAttributeValue('role') };
}

/** The member `mspId`, which must be ACTIVE; NOT_FOUND (or CONSORTIUM_NOT_BOOTSTRAPPED) when unknown. */
export async function requireActiveMember(ctx: Context, mspId: string): Promise<Member> {
  const member = await getMember(ctx, mspId);
  // The bootstrap record is read only when it decides the error, so a known member's read set stays one key.
  return checkActiveMember(member, mspId, member !== undefined || (await getBootstrapRecord(ctx)) !== undefined, 'subject');
}

/** The caller's organisation as an ACTIVE member; UNAUTHORIZED from outside the consortium. */
export async function requireCallerMember(ctx: Context): Promise<Member> {
  const { mspId } = callerOf(ctx);
  const member = await getMember(ctx, mspId);
  return checkActiveMember(member, mspId, member !== undefined || (await getBootstrapRecord(ctx)) !== undefined, 'caller');
}

/** An admin identity of an ACTIVE member; returns that member. */
export async function requireCallerAdmin(ctx: Context): Promise<Member> {
  checkAdmin(callerOf(ctx));
  return requireCallerMember(ctx);
}

export function callerIsAdmin(ctx: Context): boolean {
  return isAdmin(callerOf(ctx));
}

/** The caller's organisation, which must be an ACTIVE member with role CLEARING; UNAUTHORIZED otherwise. */
export async function requireClearingHouse(ctx: Context): Promise<Member> {
  const { mspId } = callerOf(ctx);
  return checkClearingHouse(await getMember(ctx, mspId), mspId);
}

/** MSP id of the ACTIVE issuer of `currency`, or undefined: a point read of the currency's issuer key, then of that member. */
export async function issuerOfCurrency(ctx: Context, currency: string): Promise<string | undefined> {
  const mspId = await getCurrencyIssuer(ctx, currency);
  const member = mspId === undefined ? undefined : await getMember(ctx, mspId);
  return isActiveIssuer(member) ? member.mspId : undefined;
}
