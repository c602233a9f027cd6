import type { ChaincodeStub } from 'fabric-shim-api';
import { Contract, JSONSerializer } from 'fabric-contract-api';
import { checkCallAgainstApi } from './contract-api';

/** fabric-shim's contract dispatcher, as a chaincode server builds it from the package's contracts. */
interface ContractChaincode {
  invokeFunctionality(stub: ChaincodeStub): Promise<{ status: number; message?: string; payload?: Uint8Array }>;
}

// Not exported by fabric-shim's typings; the chaincode server loads the same module (lib/contract-spi).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  contractClasses: unknown[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => ContractChaincode;

const SERIALIZERS = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
const dispatchers = new Map<unknown, ContractChaincode>();
let checkingCalls = true;

/**
 * Whether each successful call is held to the published contract API (on by default). The
 * microbenchmarks (bench/micro) turn it off to time the chaincode without the tests' own checks.
 */
export function checkCallsAgainstApi(enabled: boolean): void {
  checkingCalls = enabled;
}

function dispatcherFor(contract: Contract): ContractChaincode {
  const contractClass = contract.constructor;
  let dispatcher = dispatchers.get(contractClass);
  if (!dispatcher) {
    dispatcher = new ChaincodeFromContract([contractClass], SERIALIZERS, {}, 'xborder-unit-tests', 'test');
    dispatchers.set(contractClass, dispatcher);
  }
  return dispatcher;
}

/**
 * Runs one transaction through fabric-shim's own dispatcher (ChaincodeFromContract): its
 * metadata, argument checks and serializer, `new ClientIdentity(stub)` from the creator's
 * certificate, beforeTransaction, the method, afterTransaction, and the response the peer
 * would get. A refusal comes back as the peer sees it: a message and nothing else, so it is
 * thrown as a plain Error with that message.
 *
 * Every successful call is also held to the published contract API (test/support/contract-api.ts)
 * unless checkCallsAgainstApi(false) turned that off.
 */
export async function invokeTransaction(contract: Contract, fn: string, args: readonly string[], stub: ChaincodeStub): Promise<string> {
  const response = await dispatcherFor(contract).invokeFunctionality(stub);
  if (response.status !== 200) {
    throw new Error(response.message ?? `chaincode response ${response.status}`);
  }
  const payload = response.payload ? Buffer.from(response.payload).toString('utf8') : '';
  if (checkingCalls) {
    checkCallAgainstApi(`${contract.getName()}:${fn}`, args, payload);
  }
  return payload;
}
