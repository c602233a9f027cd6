import type { NettingInput, NettingRun, Obligation, TradeParameters } from '@xborder/model/clearing';
import { encodeArgument, toAmounts, type WithAmounts } from '../codec.js';
import type { ContractCalls } from './calls.js';
import { type Page, type Paged, paged } from '../paging.js';

/** The platform fee (basis points, with the party collecting it while above zero) and the margin rate per KYC risk rating. */
/** Net the obligations recorded before `cutoff`. */
export type NettingRequest = NettingInput;
export type TradeParametersRequest = Omit<TradeParameters, 'updatedBy' | 'updatedAt' | 'txId'>;
/** The trade parameters in force; without `txId` they are the defaults, never set by the clearing house. */
export type { TradeParameters };
export type ObligationResult = WithAmounts<Obligation, 'amount'>;
/** A netting run; `net` is negative for a member that owes. */
export type NettingRunResult = Omit<NettingRun, 'gross' | 'positions'> & {
  gross: { currency: string; amount: bigint }[];
  positions: WithAmounts<NettingRun['positions'][number], 'receivable' | 'payable' | 'net'>[];
};

/**
 * The clearing house's trade functions (chaincode contract `Clearing`): the
 * consortium's trade parameters and multilateral netting of the interbank
 * obligations settled trades leave between members. Netting records net
 * positions per member and currency; it moves no tokens.
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
 * await clearingAdmin.clearing.setTradeParameters({ platformFeeBps: 10, feeCollector: 'CH-FEES', marginBps: { LOW: 500, MEDIUM: 1000, HIGH: 2000 } });
 * const run = await clearingHouse.clearing.runNetting(new Date().toISOString());
 * for (const p of run.positions) console.log(p.mspId, p.currency, p.net);
 */
export interface Clearing {
  /**
   * Replaces the trade parameters; as a clearing house admin (role=admin). New quotations take the new fee; margin uses the new rates at once.
   *
   * @returns The parameters as stored, with who set them, when, and the transaction id.
   * @throws {ChaincodeError} INVALID_ARGUMENT for malformed input (a fee without a fee collector, margin rates that
   *   fall as risk rises, ...), refused before sending; UNAUTHORIZED when the caller is not an admin of an active
   *   CLEARING member; NOT_FOUND when the fee collector does not exist; PARTY_SANCTIONED, KYC_NOT_VERIFIED or
   *   KYC_EXPIRED when it is not eligible.
   */
  setTradeParameters(request: TradeParametersRequest): Promise<TradeParameters>;
  /**
   * The trade parameters in force. As any identity of an active member.
   *
   * @returns The parameters; the defaults, without `txId`, while the clearing house has never set any.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active member.
   */
  getTradeParameters(): Promise<TradeParameters>;
  /**
   * Nets every pending obligation recorded before `cutoff` (ISO 8601 UTC, at
   * most the transaction time); as the clearing house. The run id is the
   * transaction id. INVALID_STATE when nothing is waiting.
   *
   * @returns The run: how many obligations it netted, gross totals per currency, net positions per member.
   * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed cutoff (refused before sending) or one after the
   *   transaction time; UNAUTHORIZED when the caller's organisation is not an active CLEARING member; INVALID_STATE
   *   when no obligation recorded before the cutoff is waiting.
   */
  runNetting(request: NettingRequest): Promise<NettingRunResult>;
  /**
   * A netting run. As any identity of an active member.
   *
   * @returns The run, amounts as bigint.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed run id; NOT_FOUND when the run does not exist.
   */
  getNettingRun(runId: string): Promise<NettingRunResult>;
  /**
   * Netting runs, by run id. As any identity of an active member.
   *
   * @returns Every run so far, a page at a time (see {@link Paged}).
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active member.
   */
  listNettingRuns(): Paged<NettingRunResult>;
  /**
   * Obligations recorded and not netted yet, oldest first. As any identity of an active member.
   *
   * @returns The pending obligations: payer and payee member, currency, amount, order; a page at a time (see
   *   {@link Paged}).
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active member.
   */
  listPendingObligations(): Paged<ObligationResult>;
}

export class ClearingImpl implements Clearing {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  setTradeParameters(request: TradeParametersRequest): Promise<TradeParameters> {
    return this.#calls.write('setTradeParameters', [encodeArgument(request)]);
  }

  getTradeParameters(): Promise<TradeParameters> {
    return this.#calls.query('getTradeParameters');
  }

  async runNetting(request: NettingRequest): Promise<NettingRunResult> {
    return this.#calls.writeAs('runNetting', [encodeArgument(request)], toNettingRun);
  }

  async getNettingRun(runId: string): Promise<NettingRunResult> {
    return toNettingRun(await this.#calls.query<NettingRun>('getNettingRun', [runId]));
  }

  listNettingRuns(): Paged<NettingRunResult> {
    return paged((size, bookmark) => this.#calls.query<Page<NettingRun>>('listNettingRuns', [size, bookmark]), toNettingRun);
  }

  listPendingObligations(): Paged<ObligationResult> {
    return paged(
      (size, bookmark) => this.#calls.query<Page<Obligation>>('listPendingObligations', [size, bookmark]),
      (obligation) => toAmounts(obligation, ['amount']),
    );
  }
}

export function toNettingRun(run: NettingRun): NettingRunResult {
  return {
    ...run,
    gross: run.gross.map((line) => toAmounts(line, ['amount'])),
    positions: run.positions.map((position) => toAmounts(position, ['receivable', 'payable', 'net'])),
  };
}
