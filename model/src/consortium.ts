import { ErrorCodes, XborderError } from './errors';
import { boolean, integer, jsonArgument, list, object, oneOf, refine, text, variants, withDefault } from './schema';

/** What a member organisation does in the consortium. */
export const MEMBER_ROLES = ['ISSUER', 'LIQUIDITY', 'CLEARING'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A member organisation, keyed by its MSP id. */
export interface Member {
  mspId: string;
  /** Display name of the organisation. */
  name: string;
  status: MemberStatus;
  roles: MemberRole[];
  /** ISO 4217 codes this member issues tokens for; non-empty only with role ISSUER. */
  issuerOf: string[];
  /**
   * Whether KYC personal data of parties this member onboards is also written
   * to the clearing house's collection (`kyc_<clearing mspId>`), so that the
   * regulator view covers them. Set at admission.
   */
  shareKycWithClearing: boolean;
  admittedAt: string;
  updatedAt: string;
}

/** A member as given at bootstrap or in an ADMIT proposal. */
export interface MemberInput {
  mspId: string;
  name: string;
  roles: MemberRole[];
  issuerOf: string[];
  shareKycWithClearing: boolean;
}

export interface BootstrapInput {
  members: MemberInput[];
}

export const PROPOSAL_ACTIONS = ['ADMIT', 'SUSPEND', 'REINSTATE'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export type ProposalInput =
  | { action: 'ADMIT'; member: MemberInput; reason: string; validForSeconds: number }
  | { action: 'SUSPEND' | 'REINSTATE'; mspId: string; reason: string; validForSeconds: number };

/** Stored status; an OPEN proposal past `expiresAt` reads as EXPIRED without a write. */
export const PROPOSAL_STATUSES = ['OPEN', 'EXECUTED', 'REJECTED', 'EXPIRED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const VOTE_CHOICES = ['YES', 'NO'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface Proposal {
  /** The transaction id of the proposing transaction. */
  proposalId: string;
  action: ProposalAction;
  /** The organisation the proposal is about. */
  mspId: string;
  /** The member to admit (ADMIT only). */
  member?: MemberInput;
  reason: string;
  proposedBy: string;
  proposedAt: string;
  expiresAt: string;
  /**
   * MSP ids of the members that were ACTIVE when the proposal was created, sorted.
   * The majority is counted against this fixed list, so admissions or
   * suspensions while a vote runs do not move the goalposts.
   */
  electorate: string[];
  /** YES votes needed: a strict majority of the electorate. */
  threshold: number;
  status: ProposalStatus;
  closedAt?: string;
  /** Final counts, set when the proposal closes by vote. */
  yes?: number;
  no?: number;
}

export interface Vote {
  proposalId: string;
  mspId: string;
  choice: VoteChoice;
  /** Client identity (x509 id) of the admin who cast the vote. */
  voter: string;
  votedAt: string;
}

/** Default and bounds of a proposal's validity window. */
export const DEFAULT_PROPOSAL_VALIDITY_SECONDS = 7 * 24 * 3600;
export const MIN_PROPOSAL_VALIDITY_SECONDS = 3600;
export const MAX_PROPOSAL_VALIDITY_SECONDS = 30 * 24 * 3600;

/** Proposal ids are the proposing transaction's id. */
export const PROPOSAL_ID = { max: 128, pattern: /^[A-Za-z0-9_-]+$/, expected: 'a proposal id (the proposing transaction id)' };
/** Fabric MSP ids: letters, digits, dot and dash. */
export const MSP_ID = { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9.-]*$/, expected: 'an MSP id (letters, digits, dot, dash)' };
export const CURRENCY_CODE = { max: 3, pattern: /^[A-Z]{3}$/, expected: 'an ISO 4217 code of three capital letters' };
const DISPLAY_NAME = { max: 200 };
const REASON = { max: 500 };
const MAX_MEMBERS = 100;

const MEMBER = refine(
  object({
    mspId: text(MSP_ID),
    name: text(DISPLAY_NAME),
    roles: list(oneOf(MEMBER_ROLES), { min: 1, max: MEMBER_ROLES.length, distinct: true }),
    issuerOf: withDefault(list(text(CURRENCY_CODE), { min: 0, max: 20, distinct: true }), [] as string[]),
    shareKycWithClearing: withDefault(boolean(), false),
  }),
  'issuerOf lists at least one currency exactly when roles include ISSUER',
  (fields): MemberInput => {
    const member: MemberInput = {
      ...fields,
      roles: MEMBER_ROLES.filter((role) => fields.roles.includes(role)),
      issuerOf: [...fields.issuerOf].sort(),
    };
    if (member.roles.includes('ISSUER') !== member.issuerOf.length > 0) {
      // An issuer without a currency could mint nothing, and a currency without the role would be a silent no-op.
      throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `member ${member.mspId}: issuerOf must list at least one currency exactly when roles include ISSUER`);
    }
    return member;
  },
);

const BOOTSTRAP = jsonArgument('bootstrap', object({ members: list(MEMBER, { min: 1, max: MAX_MEMBERS }) }));

const PROPOSAL_VALIDITY = withDefault(integer(MIN_PROPOSAL_VALIDITY_SECONDS, MAX_PROPOSAL_VALIDITY_SECONDS), DEFAULT_PROPOSAL_VALIDITY_SECONDS);
const ABOUT_A_MEMBER = object({ action: oneOf(['SUSPEND', 'REINSTATE']), mspId: text(MSP_ID), reason: text(REASON), validForSeconds: PROPOSAL_VALIDITY });
// The action decides which fields are allowed, so it is read before the strict check.
const PROPOSAL = jsonArgument(
  'proposal',
  variants('action', {
    ADMIT: object({ action: oneOf(['ADMIT']), member: MEMBER, reason: text(REASON), validForSeconds: PROPOSAL_VALIDITY }),
    SUSPEND: ABOUT_A_MEMBER,
    REINSTATE: ABOUT_A_MEMBER,
  }),
);

/** The JSON arguments of the Consortium contract, for the published contract API. */
export const CONSORTIUM_ARGUMENTS = { BOOTSTRAP, PROPOSAL };

/** Parses the bootstrap argument: `{"members":[{mspId,name,roles,issuerOf?,shareKycWithClearing?}, ...]}`. */
export const parseBootstrapInput: (json: unknown) => BootstrapInput = BOOTSTRAP.parse;

/**
 * Parses a proposal argument:
 * `{"action":"ADMIT","member":{...},"reason":"...","validForSeconds"?:n}` or
 * `{"action":"SUSPEND"|"REINSTATE","mspId":"...","reason":"...","validForSeconds"?:n}`.
 */
export const parseProposalInput: (json: unknown) => ProposalInput = PROPOSAL.parse;
