import { Info, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '@xborder/model/canonical';
import { describeContractApi } from '@xborder/model/contract-api';
import type { JsonSchema } from '@xborder/model/schema';
import { XborderContract } from './base';
import { CHAINCODE_VERSION } from './health';

// Generated from the model's types when the model is built; a JSON file, so it is required rather than imported.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resultSchemas = require('@xborder/model/result-schemas.json') as { $defs: Record<string, JsonSchema> };

/** Built once per chaincode process: the same bytes on every peer running this package. */
const CONTRACT_API = canonicalJson(describeContractApi(resultSchemas, CHAINCODE_VERSION));

/**
 * The contract API as JSON Schema, so that any tool or language can learn
 * what each transaction takes and answers from the deployed chaincode
 * itself. fabric-contract-api's `org.hyperledger.fabric:GetMetadata` lists
 * the same transactions, with every argument as a plain string.
 */
@Info({ title: 'Api', description: 'The contract API: every transaction with the JSON Schema of its arguments and result' })
export class ApiContract extends XborderContract.named('Api') {
  @Transaction(false)
  async describe(): Promise<string> {
    return CONTRACT_API;
  }
}
