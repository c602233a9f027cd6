import type { MarginClaim, MarginMoveInput, MarginPosition } from '@xborder/model/margin';
import { encodeArgument, toAmounts, type WithAmounts } from '../codec.js';
import type { ContractCalls } from './calls.js';

/** Collateral to post or withdraw: `amount` minor units of `currency`, between the party's account and its margin account. */
export type MarginRequest = MarginMoveInput;

/** A committed margin post or withdrawal; a withdrawal also says the requirement it was checked against. */
export interface MarginMovement {
  partyId: string;
  currency: string;
  amount: bigint;
  /** The margin requirement at the time (withdrawals only). */
  required?: bigint;
  at: string;
  txId: string;
}

export type MarginPositionResult = WithAmounts<MarginPosition, 'held' | 'openAmount' | 'claimsReserved' | 'required' | 'free' | 'shortfall'>;
export type MarginClaimResult = WithAmounts<MarginClaim, 'maxAmount' | 'claimedAmount'>;

/**
 * Margin collateral (chaincode contract `Margin`). A seller's requirement in
 * a currency follows its open exposure and KYC risk rating (the clearing
 * house's trade parameters) plus margin reserved for open default claims; a
 * seller below it cannot accept new orders, and only the part above it can be
 * withdrawn.
 *
 * @example
 * await seller.margin.post({ partyId: 'CNEXP', currency: 'USD', amount: 2_000_000n });
 * const { required, free } = await seller.margin.position('CNEXP', 'USD');
 */
export interface Margin {
  /** Moves tokens from the party's account into its margin account; as an identity bound to the party. */
  post(request: MarginRequest): Promise<MarginMovement>;
  /** Moves free margin back; MARGIN_INSUFFICIENT if it would leave less than the requirement. */
  withdraw(request: MarginRequest): Promise<MarginMovement>;
  /**
   * Decides the margin claim a default opened: pays `amount` (at most the
   * claim's maximum; `0n` waives) from the seller's margin to the buyer. As
   * the clearing house, once per claim.
   */
  claim(orderId: string, amount: bigint): Promise<MarginClaimResult>;
  /** What the party holds, owes and may withdraw as margin in a currency. */
  position(partyId: string, currency: string): Promise<MarginPositionResult>;
  /** The claim a defaulted order opened; NOT_FOUND when there is none. */
  getClaim(orderId: string): Promise<MarginClaimResult>;
}

interface MarginMovementRecord {
  partyId: string;
  currency: string;
  amount: string;
  required?: string;
  at: string;
  txId: string;
}

const POSITION_AMOUNTS = ['held', 'openAmount', 'claimsReserved', 'required', 'free', 'shortfall'] as const;

export class MarginImpl implements Margin {
  readonly #calls: ContractCalls;

  constructor(calls: ContractCalls) {
    this.#calls = calls;
  }

  async post(request: MarginRequest): Promise<MarginMovement> {
    return this.#calls.writeAs('postMargin', [encodeArgument(request)], (raw: MarginMovementRecord) => toAmounts(raw, ['amount', 'required']));
  }

  async withdraw(request: MarginRequest): Promise<MarginMovement> {
    return this.#calls.writeAs('withdrawMargin', [encodeArgument(request)], (raw: MarginMovementRecord) => toAmounts(raw, ['amount', 'required']));
  }

  async claim(orderId: string, amount: bigint): Promise<MarginClaimResult> {
    return this.#calls.writeAs('claimMargin', [encodeArgument({ orderId, amount })], toMarginClaim);
  }

  async position(partyId: string, currency: string): Promise<MarginPositionResult> {
    return toAmounts(await this.#calls.query<MarginPosition>('getMarginPosition', [partyId, currency]), POSITION_AMOUNTS);
  }

  async getClaim(orderId: string): Promise<MarginClaimResult> {
    return toMarginClaim(await this.#calls.query<MarginClaim>('getMarginClaim', [orderId]));
  }
}

export function toMarginClaim(claim: MarginClaim): MarginClaimResult {
  return toAmounts(claim, ['maxAmount', 'claimedAmount']);
}
