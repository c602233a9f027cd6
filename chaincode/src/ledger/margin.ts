import { Context } from 'fabric-contract-api';
import { emptyExposure } from '../domain/margin';
import { MarginClaim, MarginExposure } from '@xborder/model/margin';
import { recordKind } from './records';
import { readJson, writeJson } from './state';

/**
 * Margin bookkeeping (the collateral itself sits in token account margin:<partyId>):
 *   margin-exposure~<partyId>~<currency>   MarginExposure
 *   margin-claim~<orderId>                 MarginClaim
 * A seller's exposure row is read and written by each of its acceptances and
 * closings, so those serialise per seller and currency (a conflicting one is
 * invalidated and retried); buyers, other sellers and payments never touch it.
 */

const EXPOSURE = 'margin-exposure';
const CLAIM = 'margin-claim';

export async function readExposure(ctx: Context, partyId: string, currency: string): Promise<MarginExposure> {
  return (await readJson<MarginExposure>(ctx, ctx.stub.createCompositeKey(EXPOSURE, [partyId, currency]))) ?? emptyExposure(partyId, currency);
}

export async function putExposure(ctx: Context, exposure: MarginExposure): Promise<void> {
  await writeJson(ctx, ctx.stub.createCompositeKey(EXPOSURE, [exposure.partyId, exposure.currency]), exposure);
}

export const {
  get: getClaim,
  require: requireClaim,
  put: putClaim,
} = recordKind<MarginClaim>(CLAIM, (claim) => claim.orderId, (orderId) => `order ${orderId} has no margin claim`);
