import { Context } from 'fabric-contract-api';

/**
 * The transaction's time as ISO 8601 UTC. It comes from the proposal header, so
 * every endorser sees the same value; the chaincode never reads a clock.
 */
export function txTime(ctx: Context): string {
  return ctx.stub.getDateTimestamp().toISOString();
}
