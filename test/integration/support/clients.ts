import * as path from 'node:path';
import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';
import { connect, XborderClient } from '../../../gateway-client/src';
import { RUN_DIR } from './network';

/** Connects as one identity of an organisation, e.g. `connectAs('cnbank')` or `connectAs('usbank', { identity: 'operator' })`. */
export async function connectAs(org: string, options: { identity?: string; peer?: string } = {}): Promise<XborderClient> {
  return connect({ profile: path.join(RUN_DIR, 'connection', `${org}.json`), ...options });
}

/** The MSP ids of the organisations whose peers endorsed a prepared transaction (`Transaction.getBytes()`). */
export function endorsingMspIds(preparedTransaction: Uint8Array): string[] {
  const envelope = gateway.PreparedTransaction.deserializeBinary(preparedTransaction).getEnvelope();
  if (!envelope) {
    throw new Error('prepared transaction has no envelope');
  }
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  return transaction.getActionsList().flatMap((action) => {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const endorsements = actionPayload.getAction()?.getEndorsementsList() ?? [];
    return endorsements.map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid());
  });
}

