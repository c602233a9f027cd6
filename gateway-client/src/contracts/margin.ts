import type { ClaimInput, MarginClaim, MarginMoveInput, MarginPosition } from '@xborder/model/margin';
import type { MarginMovement as MarginMovementRecord } from '@xborder/model/results';
import { encodeArgument, toAmounts, type WithAmounts } from '../codec.js';
import type { ContractCalls } from './calls.js';

/** Collateral to post or withdraw: `amount` minor units of `currency`, between the party's account and its margin account. */
export type MarginRequest = MarginMoveInput;
/** The order whose claim is decided, and the amount paid to the buyer (`0n` waives). */
export type ClaimRequest = ClaimInput;

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
 * await seller.margin.post({ partyId: 'CNEXP', currency: 'USD', amount: 2_000_000n });
 * const { required, free } = await seller.margin.getPosition('CNEXP', 'USD');
 */
export interface Margin {
  /**
   * Moves tokens from the party's account into its margin account; as an identity bound to the party.
   *
   * @returns The movement: party, currency, amount, time and transaction id.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input, refused before sending;
   *   NOT_FOUND when the party does not exist; UNAUTHORIZED when the caller is not bound to it; MEMBER_NOT_ACTIVE when
   *   its organisation is suspended; PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when it is not eligible;
   *   UNKNOWN_CURRENCY; ACCOUNT_FROZEN when its account is frozen in the currency; INSUFFICIENT_FUNDS when its
   *   balance does not cover the amount.
   */
  post(request: MarginRequest): Promise<MarginMovement>;
  /**
   * Moves free margin back; MARGIN_INSUFFICIENT if it would leave less than the requirement. As an identity bound to the party.
   *
   * @returns The movement, with the requirement it was checked against.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input, refused before sending;
   *   NOT_FOUND when the party does not exist; UNAUTHORIZED when the caller is not bound to it; MEMBER_NOT_ACTIVE when
   *   its organisation is suspended; PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when it is not eligible;
   *   UNKNOWN_CURRENCY; MARGIN_INSUFFICIENT when the margin held does not cover the requirement plus the amount;
   *   ACCOUNT_FROZEN when the party's account is frozen in the currency.
   */
  withdraw(request: MarginRequest): Promise<MarginMovement>;
  /**
   * Decides the margin claim a default opened: pays `amount` (at most the
   * claim's maximum; `0n` waives) from the seller's margin to the buyer. As
   * the clearing house, once per claim.
   *
   * @returns The claim, DECIDED, with the amount paid.
   * @throws {ChaincodeError} INVALID_ARGUMENT or INVALID_AMOUNT for malformed input, refused before sending;
   *   UNAUTHORIZED when the caller's organisation is not an active CLEARING member; NOT_FOUND when the order has no
   *   claim; INVALID_STATE when the claim is already decided; INVALID_AMOUNT above the claim's maximum. When `amount`
   *   is above zero: PARTY_SANCTIONED, KYC_NOT_VERIFIED or KYC_EXPIRED when the buyer is not eligible;
   *   MARGIN_INSUFFICIENT when the seller's margin holds less than `amount`; ACCOUNT_FROZEN when the buyer's account
   *   is frozen in the currency.
   */
  claim(request: ClaimRequest): Promise<MarginClaimResult>;
  /**
   * What the party holds, owes and may withdraw as margin in a currency. As any identity of an active member.
   *
   * @returns Held, open exposure, reserved for claims, the rate applied, required, free and shortfall.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed party id or currency code; NOT_FOUND when the party does not exist;
   *   UNKNOWN_CURRENCY.
   */
  getPosition(partyId: string, currency: string): Promise<MarginPositionResult>;
  /**
   * The claim a defaulted order opened; NOT_FOUND when there is none. As any identity of an active member.
   *
   * @returns The claim, OPEN or DECIDED.
   * @throws {ChaincodeError} UNAUTHORIZED or MEMBER_NOT_ACTIVE when the caller's organisation is not an active
   *   member; INVALID_ARGUMENT for a malformed order id; NOT_FOUND when the order has no claim.
   */
  getClaim(orderId: string): Promise<MarginClaimResult>;
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

  async claim(request: ClaimRequest): Promise<MarginClaimResult> {
    return this.#calls.writeAs('claimMargin', [encodeArgument(request)], toMarginClaim);
  }

  async getPosition(partyId: string, currency: string): Promise<MarginPositionResult> {
    return toAmounts(await this.#calls.query<MarginPosition>('getMarginPosition', [partyId, currency]), POSITION_AMOUNTS);
  }

  async getClaim(orderId: string): Promise<MarginClaimResult> {
    return toMarginClaim(await this.#calls.query<MarginClaim>('getMarginClaim', [orderId]));
  }
}

export function toMarginClaim(claim: MarginClaim): MarginClaimResult {
  return toAmounts(claim, ['maxAmount', 'claimedAmount']);
}
