import type { ContractApi } from '@xborder/model/contract-api';
import type { ContractCalls } from './calls.js';

export type { ContractApi };

/**
 * The deployed chaincode's own description of its API (chaincode contract
 * `Api`): every transaction with the JSON Schema of its arguments and
 * result, for tools, other languages and REST layers.
 *
 * @example
 * const api = await client.api.describe();
 * console.log(api.transactions['Token:mint'].parameters[0].schema);
 */
export interface Api {
  /**
   * The contract API document (JSON Schema draft 2020-12). A query.
   *
   * @returns The document as the chaincode publishes it.
   * @throws {TransportError} when no peer answers within the deadline, after the retries.
   */
  describe(): Promise<ContractApi>;
}

export class ApiImpl implements Api {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  describe(): Promise<ContractApi> {
    return this.#calls.query('describe');
  }
}
