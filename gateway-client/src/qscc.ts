import { type Network, StatusCode } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { callOptions } from './deadlines.js';

/** Whether and how a transaction committed, as the ledger records it. */
export interface TransactionStatus {
  transactionId: string;
  /** The Fabric validation code; 0 (VALID) when it took effect. */
  code: number;
  /** The validation code's name: `VALID`, `MVCC_READ_CONFLICT`, ... */
  name: string;
  /** Whether it took effect. */
  successful: boolean;
  /** The block holding it. */
  blockNumber: bigint;
}

const STATUS_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(StatusCode).map(([name, code]) => [code as number, name]));

/** `MVCC_READ_CONFLICT` for 11, and so on; `UNKNOWN(<n>)` for codes Fabric does not define. */
export function statusName(code: number): string {
  return STATUS_NAMES.get(code) ?? `UNKNOWN(${code})`;
}

/**
 * Looks the transaction up in the gateway peer's ledger through the system
 * chaincode qscc (GetTransactionByID for its validation code, GetBlockByTxID
 * for its block). `undefined`: not in any block the peer has committed (yet).
 */
export async function lookUpTransaction(network: Network, transactionId: string, deadlineMs: number): Promise<TransactionStatus | undefined> {
  let bytes: Uint8Array;
  try {
    const proposal = network.getContract('qscc').newProposal('GetTransactionByID', { arguments: [network.getName(), transactionId] });
    bytes = await proposal.evaluate(callOptions(deadlineMs));
  } catch (err) {
    if (/not found|failed to get transaction/i.test(describeError(err))) {
      return undefined;
    }
    throw err;
  }
  const code = peer.ProcessedTransaction.deserializeBinary(bytes).getValidationcode();
  const block = await network.getContract('qscc').evaluateTransaction('GetBlockByTxID', network.getName(), transactionId);
  const blockNumber = BigInt(common.Block.deserializeBinary(block).getHeader()?.getNumber() ?? 0);
  return { transactionId, code, name: statusName(code), successful: code === StatusCode.VALID, blockNumber };
}

function describeError(err: unknown): string {
  const details = (err as { details?: { message?: string }[] } | null)?.details ?? [];
  return [err instanceof Error ? err.message : String(err), ...details.map((d) => d.message ?? '')].join('\n');
}

/**
 * The number of blocks a peer has committed: the next block's number. Asks
 * the gateway peer, or with `mspId` a peer of that organisation.
 */
export async function chainHeight(network: Network, deadlineMs: number, mspId?: string): Promise<bigint> {
  const proposal = network
    .getContract('qscc')
    .newProposal('GetChainInfo', { arguments: [network.getName()], ...(mspId ? { endorsingOrganizations: [mspId] } : {}) });
  const info = common.BlockchainInfo.deserializeBinary(await proposal.evaluate(callOptions(deadlineMs)));
  return BigInt(info.getHeight());
}
