import type { Heartbeat, PingResult } from '@xborder/model/results';
import type { ContractCalls } from './calls.js';

export type { Heartbeat, PingResult };

/**
 * Liveness probes (chaincode contract `Health`).
 *
 * The chaincode refuses none of these with an error code. `heartbeat`, a
 * write, may fail with {@link CommitFailedError}, {@link CommitUnknownError},
 * {@link TransportError} or {@link ConsistencyTimeoutError}; the queries with
 * TransportError or ConsistencyTimeoutError. Any other refusal by the gateway
 * is a {@link GatewayRequestError}.
 *
 * @example
 * const { version } = await client.health.ping();
 */
export interface Health {
  /**
   * Whether a chaincode server answers, and its version. A query.
   *
   * @returns The chaincode's name and version, and the MSP id of the peer that answered.
   * @throws {TransportError} when no peer answers within the deadline, after the retries.
   */
  ping(): Promise<PingResult>;
  /**
   * Records a heartbeat of the caller's organisation through a full commit.
   *
   * @returns The heartbeat as recorded: organisation, transaction time and transaction id.
   * @throws Only the write errors listed above: the chaincode accepts a heartbeat from any caller.
   */
  heartbeat(): Promise<Heartbeat>;
  /**
   * The last heartbeat of an organisation, or `undefined` if it never sent one.
   *
   * @returns The heartbeat, or `undefined`.
   * @throws Only the query errors listed above: an unknown MSP id gives `undefined`, not an error.
   */
  getLastHeartbeat(mspId: string): Promise<Heartbeat | undefined>;
}

export class HealthImpl implements Health {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  ping(): Promise<PingResult> {
    return this.#calls.query('ping');
  }

  heartbeat(): Promise<Heartbeat> {
    return this.#calls.write('heartbeat');
  }

  getLastHeartbeat(mspId: string): Promise<Heartbeat | undefined> {
    return this.#calls.query('lastHeartbeat', [mspId]);
  }
}
