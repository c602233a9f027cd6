import { createHash } from 'node:crypto';
import { Context } from 'fabric-contract-api';
import { Party, PrivateKycRecord } from '@xborder/model/party';
import type { Page } from '@xborder/model/paging';
import { recordKind } from './records';
import { keyHistory, PageRequest, readJson, readPrivateJson, scanJsonPage, writeJson, writePrivateJson } from './state';

/**
 * Ledger access for parties.
 *
 * World state (composite keys):
 *   party~<partyId>                         Party (public record only)
 *   party-org~<mspId>~<partyId>             { partyId }  index for listing one organisation's parties
 *   party-identity~<mspId>~<sha256(id)>     { partyId }  an identity acts for at most one party
 * Private collections kyc_<mspId>:
 *   kyc~<partyId>                           PrivateKycRecord
 */

const PARTY = 'party';
const PARTY_BY_ORG = 'party-org';
const PARTY_BY_IDENTITY = 'party-identity';
const KYC = 'kyc';

export const {
  get: getParty,
  require: requireParty,
  put: putParty,
} = recordKind<Party>(PARTY, (party) => party.partyId, (partyId) => `party ${partyId} does not exist`);

/** Records a new party in its organisation's index. */
export async function putPartyIndex(ctx: Context, party: Party): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(PARTY_BY_ORG, [party.mspId, party.partyId]), { partyId: party.partyId });
}

/** A page of parties ordered by id: of all of them, or of those onboarded by `mspId`. */
export async function listParties(ctx: Context, mspId: string | undefined, request: PageRequest): Promise<Page<Party>> {
  if (mspId === undefined) {
    const { rows, bookmark } = await scanJsonPage<Party>(ctx, PARTY, [], request);
    return { records: rows.map((row) => row.value), bookmark };
  }
  const { rows, bookmark } = await scanJsonPage<{ partyId: string }>(ctx, PARTY_BY_ORG, [mspId], request);
  const records: Party[] = [];
  for (const { value } of rows) {
    records.push(await requireParty(ctx, value.partyId));
  }
  return { records, bookmark };
}

/** The party an identity of `mspId` is bound to, if any. */
export async function getIdentityBinding(ctx: Context, mspId: string, identity: string): Promise<string | undefined> {
  return (await readJson<{ partyId: string }>(ctx, identityKey(ctx, mspId, identity)))?.partyId;
}

export async function putIdentityBinding(ctx: Context, mspId: string, identity: string, partyId: string): Promise<void> {
  await writeJson(ctx, identityKey(ctx, mspId, identity), { partyId });
}

export async function deleteIdentityBinding(ctx: Context, mspId: string, identity: string): Promise<void> {
  await ctx.stub.deleteState(identityKey(ctx, mspId, identity));
}

/** Every committed version of the party's public record, newest first. */
export async function partyHistory(ctx: Context, partyId: string): Promise<{ txId: string; timestamp: string; isDelete: boolean; value?: Party }[]> {
  return keyHistory<Party>(ctx, partyKey(ctx, partyId));
}

export async function putKycData(ctx: Context, collections: readonly string[], record: PrivateKycRecord): Promise<void> {
  for (const collection of collections) {
    await writePrivateJson(ctx, collection, kycKey(ctx, record.partyId), record);
  }
}

export async function deleteKycData(ctx: Context, collections: readonly string[], partyId: string): Promise<void> {
  for (const collection of collections) {
    await ctx.stub.deletePrivateData(collection, kycKey(ctx, partyId));
  }
}

export async function getKycData(ctx: Context, collection: string, partyId: string): Promise<PrivateKycRecord | undefined> {
  return readPrivateJson<PrivateKycRecord>(ctx, collection, kycKey(ctx, partyId));
}

function partyKey(ctx: Context, partyId: string): string {
  return ctx.stub.createCompositeKey(PARTY, [partyId]);
}

/** Hashed so that a long x509 subject never bloats keys or shows up as a key in range scans. */
function identityKey(ctx: Context, mspId: string, identity: string): string {
  return ctx.stub.createCompositeKey(PARTY_BY_IDENTITY, [mspId, createHash('sha256').update(identity, 'utf8').digest('hex')]);
}

function kycKey(ctx: Context, partyId: string): string {
  return ctx.stub.createCompositeKey(KYC, [partyId]);
}
