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
 * Errors: the chaincode refuses with a {@link ChaincodeError}, whose codes
 * each method lists. "Not an active member" below means UNAUTHORIZED for an
 * organisation outside the consortium (CONSORTIUM_NOT_BOOTSTRAPPED before
 * bootstrap) and MEMBER_NOT_ACTIVE for a suspended one. Every write may also
 * fail with {@link CommitFailedError}, {@link CommitUnknownError},
 * {@link TransportError} or {@link ConsistencyTimeoutError}, and every query
 * with TransportError or ConsistencyTimeoutError; any other refusal by the
 * gateway is a {@link GatewayRequestError}.
 *
 * @example
 * await clearing.risk.setLimit({ partyId: 'USIMP', currency: 'USD', singleOrderMax: 50_000_000n, dailyOutflowMax: 100_000_000n });
 * const today = await client.risk.getDailyOutflow('USIMP', 'USD', new Date().toISOString().slice(0, 10));
 */
export interface Risk {
  /**
   * Replaces a party's limits in a currency; as the clearing house.
   *
   * @returns The limits as stored, with who set them and when.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input (including a single-order limit
   *   above the daily outflow limit), refused before sending; UNAUTHORIZED when the caller's organisation is not an
   *   active CLEARING member; NOT_FOUND when the party does not exist; UNKNOWN_CURRENCY.
   */
  setLimit(request: RiskLimitRequest): Promise<RiskLimitResult>;
  /**
   * A party's limits in a currency. As any identity of an active member.
   *
   * @returns The limits; only `partyId` and `currency` when none were set (for an unknown party too).
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed party id or currency code.
   */
  getLimit(partyId: string, currency: string): Promise<RiskLimitResult>;
  /**
   * What the party paid into escrow in the currency on a UTC day (`day` as YYYY-MM-DD). As any identity of an active member.
   *
   * @returns The amount paid and the number of payments; zero when there were none.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed party id, currency code or day.
   */
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
