import { Context } from 'fabric-contract-api';
import { emptyExposure, EXPOSURE_SHARDS, exposureShardOf, sumExposures } from '../domain/margin';
import { MarginClaim, MarginExposure } from '@xborder/model/margin';
import { recordKind } from './records';
import { readJson, writeJson } from './state';

/**
 * Margin bookkeeping (the collateral itself sits in token account margin:<partyId>):
 *   margin-exposure~<partyId>~<currency>~<shard>   MarginExposure, one of EXPOSURE_SHARDS parts of the seller's exposure
 *   margin-claim~<orderId>                         MarginClaim
 * An order's exposure lives in the shard its order id hashes to
 * (domain/margin exposureShardOf). Closing an order (settle, cancel, refund,
 * default) reads and writes that shard alone, so a seller's closings commit
 * together unless two of them share a shard. An acceptance must see the
 * seller's whole exposure, so it reads every shard: acceptances of one seller
 * in one currency commit one per block, which keeps the margin rule exact.
 */

const EXPOSURE = 'margin-exposure';
const CLAIM = 'margin-claim';
const SHARD_DIGITS = 2;

/** The seller's whole exposure in the currency: every shard, summed. */
export async function readExposure(ctx: Context, partyId: string, currency: string): Promise<MarginExposure> {
  const shards: MarginExposure[] = [];
  for (let shard = 0; shard < EXPOSURE_SHARDS; shard++) {
    shards.push(await readExposureShard(ctx, partyId, currency, shard));
  }
  return sumExposures(emptyExposure(partyId, currency), shards);
}

/** The shard of the seller's exposure that holds `orderId`. */
export async function readOrderExposure(ctx: Context, partyId: string, currency: string, orderId: string): Promise<MarginExposure> {
  return readExposureShard(ctx, partyId, currency, exposureShardOf(orderId));
}

/** Writes the shard of the seller's exposure that holds `orderId`. */
export async function putOrderExposure(ctx: Context, orderId: string, exposure: MarginExposure): Promise<void> {
  await writeJson(ctx, shardKey(ctx, exposure.partyId, exposure.currency, exposureShardOf(orderId)), exposure);
}

async function readExposureShard(ctx: Context, partyId: string, currency: string, shard: number): Promise<MarginExposure> {
  return (await readJson<MarginExposure>(ctx, shardKey(ctx, partyId, currency, shard))) ?? emptyExposure(partyId, currency);
}

function shardKey(ctx: Context, partyId: string, currency: string, shard: number): string {
  return ctx.stub.createCompositeKey(EXPOSURE, [partyId, currency, String(shard).padStart(SHARD_DIGITS, '0')]);
}

export const {
  get: getClaim,
  require: requireClaim,
  put: putClaim,
} = recordKind<MarginClaim>(CLAIM, (claim) => claim.orderId, (orderId) => `order ${orderId} has no margin claim`);
