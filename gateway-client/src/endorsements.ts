import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';

/**
 * The MSP ids of the organisations whose peers endorsed a prepared
 * transaction (`Transaction.getBytes()` of fabric-gateway), in envelope order.
 */
export function endorsingMspIds(preparedTransaction: Uint8Array): string[] {
  const envelope = gateway.PreparedTransaction.deserializeBinary(preparedTransaction).getEnvelope();
  if (!envelope) {
    return [];
  }
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  return transaction.getActionsList().flatMap((action) => {
    const endorsements = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction()?.getEndorsementsList() ?? [];
    return endorsements.map((endorsement) => msp.SerializedIdentity.deserializeBinary(endorsement.getEndorser_asU8()).getMspid());
  });
}
