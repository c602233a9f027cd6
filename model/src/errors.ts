/**
 * Every error the chaincode raises carries one of these codes as the prefix of
 * its message (`KYC_NOT_VERIFIED: party P1 ...`). The gateway client reads the
 * prefix back to build typed errors, so this table is the single definition
 * shared by both sides: add codes here, never rename one.
 */
export const ErrorCodes = {
  /** Arguments are malformed: bad JSON, unknown or missing fields, wrong types. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** An amount is not a positive decimal string of minor units within range. */
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  /** A rate is not a positive decimal string with at most 10 decimals. */
  INVALID_RATE: 'INVALID_RATE',
  /** The caller's organisation or identity may not perform this transaction. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The referenced record does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** A record with this id already exists. */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** The record is not in a state that allows this transition. */
  INVALID_STATE: 'INVALID_STATE',
  /** The currency code is well formed but neither in the ISO 4217 table nor registered on the ledger. */
  UNKNOWN_CURRENCY: 'UNKNOWN_CURRENCY',
  /** The caller's organisation is not the active issuer member of the currency. */
  NOT_ISSUER: 'NOT_ISSUER',
  /** The account's balance does not cover the debit. */
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  /** The account is frozen in this currency: it can neither send nor receive. */
  ACCOUNT_FROZEN: 'ACCOUNT_FROZEN',
  /** A mint with this deposit reference already exists with different content. */
  DUPLICATE_DEPOSIT_REF: 'DUPLICATE_DEPOSIT_REF',
  /** A redemption with this withdrawal reference already exists with different content. */
  DUPLICATE_WITHDRAWAL_REF: 'DUPLICATE_WITHDRAWAL_REF',
  /** A transfer with this idempotency key already exists with different content. */
  DUPLICATE_IDEMPOTENCY_KEY: 'DUPLICATE_IDEMPOTENCY_KEY',
  /** No posted FX rate of the pair (and provider) is valid at the transaction time. */
  RATE_NOT_FOUND: 'RATE_NOT_FOUND',
  /** The firm FX quote's expiry has passed. */
  FX_QUOTE_EXPIRED: 'FX_QUOTE_EXPIRED',
  /** The firm FX quote has already been used; each is used at most once. */
  FX_QUOTE_ALREADY_USED: 'FX_QUOTE_ALREADY_USED',
  /** Consortium membership has not been set yet: call Consortium:bootstrap first. */
  CONSORTIUM_NOT_BOOTSTRAPPED: 'CONSORTIUM_NOT_BOOTSTRAPPED',
  /** The initial membership is set once; later changes go through proposals. */
  CONSORTIUM_ALREADY_BOOTSTRAPPED: 'CONSORTIUM_ALREADY_BOOTSTRAPPED',
  /** The organisation is a consortium member but currently suspended. */
  MEMBER_NOT_ACTIVE: 'MEMBER_NOT_ACTIVE',
  /** The member has already voted on this proposal; each member votes once. */
  ALREADY_VOTED: 'ALREADY_VOTED',
  /** The proposal is executed, rejected or past its validity window. */
  PROPOSAL_CLOSED: 'PROPOSAL_CLOSED',
  /** The party's KYC is not VERIFIED (pending, rejected or revoked). */
  KYC_NOT_VERIFIED: 'KYC_NOT_VERIFIED',
  /** The party's KYC was verified but its expiry has passed at the transaction time. */
  KYC_EXPIRED: 'KYC_EXPIRED',
  /** The clearing house has flagged the party under sanctions. */
  PARTY_SANCTIONED: 'PARTY_SANCTIONED',
  /** Personal KYC data was sent in transaction arguments; it is accepted only as transient data. */
  PERSONAL_DATA_NOT_ALLOWED: 'PERSONAL_DATA_NOT_ALLOWED',
  /** A deadline of the trade (quotation validity, fund-by, ship-by) has passed at the transaction time. */
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  /** The transition needs a deadline to have passed (e.g. default after the ship-by date), and it has not. */
  DEADLINE_NOT_REACHED: 'DEADLINE_NOT_REACHED',
  /** The seller's posted margin is below its requirement, or a withdrawal would take it below. */
  MARGIN_INSUFFICIENT: 'MARGIN_INSUFFICIENT',
  /** A per-party risk limit (single order, daily outflow) would be exceeded; the detail names the rule. */
  RISK_LIMIT_EXCEEDED: 'RISK_LIMIT_EXCEEDED',
  /** The liquidity provider cannot deliver the converted amount of a settlement from its balance. */
  LIQUIDITY_INSUFFICIENT: 'LIQUIDITY_INSUFFICIENT',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

const CODE_PREFIX = /^([A-Z][A-Z0-9_]+): /;

/** An error whose message starts with a stable code, as Fabric returns it to clients. */
export class XborderError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'XborderError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Finds the error code in a message returned by a peer. Peers wrap chaincode
 * messages (`chaincode response 500, KYC_NOT_VERIFIED: ...`), so the code is
 * searched for rather than expected at the start.
 */
export function parseErrorCode(message: string): { code: ErrorCode; detail: string } | undefined {
  const known = new Set<string>(Object.values(ErrorCodes));
  for (const part of message.split(/(?:, |\n)/)) {
    const match = CODE_PREFIX.exec(part.trim());
    if (match && known.has(match[1])) {
      return { code: match[1] as ErrorCode, detail: part.trim().slice(match[0].length) };
    }
  }
  return undefined;
}
