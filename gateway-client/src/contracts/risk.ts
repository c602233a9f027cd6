import type { DailyOutflow, RiskLimit, RiskLimitInput } from '@xborder/model/risk';
import { encodeArgument, toAmounts, type WithAmounts, type WithOptional } from '../codec.js';
import type { ContractCalls } from './calls.js';

/** A party's limits in a currency, amounts in minor units; an absent limit is no limit, and all absent clears them. */
export type RiskLimitRequest = RiskLimitInput;
/** A party's limits; `setBy`, `setAt` and `txId` are absent when none were ever set. */
export type RiskLimitResult = WithAmounts<WithOptional<RiskLimit, 'setBy' | 'setAt' | 'txId'>, 'singleOrderMax' | 'dailyOutflowMax'>;
export type DailyOutflowResult = WithAmounts<DailyOutflow, 'amount'>;

/**
 * Per-party risk limits and the counters they are checked against (chaincode
 * contract `Risk`). The single-order limit is checked for buyer and seller on
 * acceptance, the daily outflow limit when the buyer funds; every rejection is
 * RISK_LIMIT_EXCEEDED naming the rule. Velocity alerts never reject: they come
 * back from `orders.fund` and in its `OrderFunded` event.
 *
 * @example
 * await clearing.risk.setLimit({ partyId: 'USIMP', currency: 'USD', singleOrderMax: 50_000_000n, dailyOutflowMax: 100_000_000n });
 * const today = await client.risk.getDailyOutflow('USIMP', 'USD', new Date().toISOString().slice(0, 10));
 */
export interface Risk {
  /** Replaces a party's limits in a currency; as the clearing house. */
  setLimit(request: RiskLimitRequest): Promise<RiskLimitResult>;
  getLimit(partyId: string, currency: string): Promise<RiskLimitResult>;
  /** What the party paid into escrow in the currency on a UTC day (`day` as YYYY-MM-DD). */
  getDailyOutflow(partyId: string, currency: string, day: string): Promise<DailyOutflowResult>;
}

const LIMIT_AMOUNTS = ['singleOrderMax', 'dailyOutflowMax'] as const;

export class RiskImpl implements Risk {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  async setLimit(request: RiskLimitRequest): Promise<RiskLimitResult> {
    return this.#calls.writeAs('setLimit', [encodeArgument(request)], (raw: RiskLimit) => toAmounts(raw, LIMIT_AMOUNTS));
  }

  async getLimit(partyId: string, currency: string): Promise<RiskLimitResult> {
    return toAmounts(await this.#calls.query<RiskLimit>('getLimit', [partyId, currency]), LIMIT_AMOUNTS);
  }

  async getDailyOutflow(partyId: string, currency: string, day: string): Promise<DailyOutflowResult> {
    return toAmounts(await this.#calls.query<DailyOutflow>('getDailyOutflow', [partyId, currency, day]), ['amount']);
  }
}
