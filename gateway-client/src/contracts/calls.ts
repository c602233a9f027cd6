import { decodeJson } from '../codec.js';
import { recordCommit } from '../consistency.js';
import type { InvokeOptions, Invoker } from '../invoker.js';

/** The transaction functions of one chaincode contract (namespace), with JSON results. */
export class ContractCalls {
  readonly #invoker: Invoker;
  readonly #namespace: string;

  constructor(invoker: Invoker, namespace: string) {
    this.#invoker = invoker;
    this.#namespace = namespace;
  }

  /** Evaluates `fn` (a query) and parses its JSON result. */
  async query<T>(fn: string, args: readonly string[] = [], options?: InvokeOptions): Promise<T> {
    return decodeJson<T>(await this.#invoker.evaluate(`${this.#namespace}:${fn}`, args, options));
  }

  /** Submits `fn` (a write), waits for its commit, and parses its JSON result; `commitOf` the result tells where it committed. */
  async write<T>(fn: string, args: readonly string[] = [], options?: InvokeOptions): Promise<T> {
    return this.writeAs(fn, args, (raw: T) => raw, options);
  }

  /** {@link write}, with the parsed result turned into what the typed method returns. */
  async writeAs<T, R>(fn: string, args: readonly string[], toResult: (raw: T) => R, options?: InvokeOptions): Promise<R> {
    const submitted = await this.#invoker.submit(`${this.#namespace}:${fn}`, args, options);
    return recordCommit(toResult(decodeJson<T>(submitted.result)), { transactionId: submitted.transactionId, blockNumber: submitted.blockNumber });
  }
}
