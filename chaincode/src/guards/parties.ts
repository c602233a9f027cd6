import { Context } from 'fabric-contract-api';
import { Party } from '@xborder/model/party';
import { checkActsFor } from '../domain/access';
import { checkEligible } from '../domain/kyc';
import { requireParty } from '../ledger/parties';
import { txTime } from '../ledger/time';
import { callerOf, requireActiveMember } from './members';

/**
 * The party, which must be able to hold or move value at the transaction
 * time: not sanctioned (PARTY_SANCTIONED), KYC VERIFIED (KYC_NOT_VERIFIED)
 * and not past its expiry (KYC_EXPIRED). NOT_FOUND when unknown.
 */
export async function requireEligibleParty(ctx: Context, partyId: string): Promise<Party> {
  const party = await requireParty(ctx, partyId);
  checkEligible(party, txTime(ctx));
  return party;
}

/**
 * The party the caller acts for: the caller's MSP id is the party's and its
 * identity is bound to it, else UNAUTHORIZED. The party's organisation must
 * also be an active member (MEMBER_NOT_ACTIVE): a suspended member's
 * customers cannot act through it.
 */
export async function requireCallerParty(ctx: Context, partyId: string): Promise<Party> {
  const party = await requireParty(ctx, partyId);
  const caller = callerOf(ctx);
  checkActsFor(party, caller);
  await requireActiveMember(ctx, caller.mspId);
  return party;
}
