import { Context, Info, Transaction } from 'fabric-contract-api';
import { XborderContract } from './base';
import { canonicalJson } from '@xborder/model/canonical';
import { txTime } from '../ledger/time';

/** Version reported by `ping`; bumped with every chaincode release. */
export const CHAINCODE_VERSION = '0.1.0';

/**
 * Liveness probes. `ping` shows a chaincode server answers; `heartbeat` drives a
 * write through endorsement, ordering and commit, recording the last heartbeat
 * of each organisation so operators see which members can transact.
 */
@Info({ title: 'Health', description: 'Liveness probes for operators and the network script' })
export class HealthContract extends XborderContract.named('Health') {
  @Transaction(false)
  async ping(ctx: Context): Promise<string> {
    return canonicalJson({ chaincode: 'xborder', version: CHAINCODE_VERSION, mspId: ctx.stub.getMspID() });
  }

  /**
   * The same answer from every endorser, unlike `ping` (which names the peer's
   * organisation): endorsing it through a gateway proves that service discovery
   * finds enough organisations to satisfy the endorsement policy.
   */
  @Transaction(false)
  async version(): Promise<string> {
    return canonicalJson({ chaincode: 'xborder', version: CHAINCODE_VERSION });
  }

  @Transaction()
  async heartbeat(ctx: Context): Promise<string> {
    const record = { mspId: ctx.clientIdentity.getMSPID(), at: txTime(ctx), txId: ctx.stub.getTxID() };
    await ctx.stub.putState(heartbeatKey(ctx, record.mspId), Buffer.from(canonicalJson(record)));
    ctx.stub.setEvent('HeartbeatRecorded', Buffer.from(canonicalJson(record)));
    return canonicalJson(record);
  }

  @Transaction(false)
  async lastHeartbeat(ctx: Context, mspId: string): Promise<string> {
    const bytes = await ctx.stub.getState(heartbeatKey(ctx, mspId));
    return bytes.length > 0 ? Buffer.from(bytes).toString('utf8') : '';
  }
}

function heartbeatKey(ctx: Context, mspId: string): string {
  return ctx.stub.createCompositeKey('heartbeat', [mspId]);
}
