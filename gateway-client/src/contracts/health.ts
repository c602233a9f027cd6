import type { ContractCalls } from './calls.js';

/** What `Health:ping` answers. */
export interface PingResult {
  chaincode: string;
  version: string;
  /** The MSP id of the peer that answered. */
  mspId: string;
}

/** An organisation's last heartbeat: a write that went through endorsement, ordering and commit. */
export interface Heartbeat {
  mspId: string;
  at: string;
  txId: string;
}

/**
 * Liveness probes (chaincode contract `Health`).
 *
 * @example
 * const { version } = await client.health.ping();
 */
export interface Health {
  /** Whether a chaincode server answers, and its version. A query. */
  ping(): Promise<PingResult>;
  /** Records a heartbeat of the caller's organisation through a full commit. */
  heartbeat(): Promise<Heartbeat>;
  /** The last heartbeat of an organisation, or `undefined` if it never sent one. */
  lastHeartbeat(mspId: string): Promise<Heartbeat | undefined>;
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

  lastHeartbeat(mspId: string): Promise<Heartbeat | undefined> {
    return this.#calls.query('lastHeartbeat', [mspId]);
  }
}
