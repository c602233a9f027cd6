import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { moveIdentityTo } from '../../../cli/src/scenario/bindings';
import { MEMBERS } from '../../../cli/src/scenario/cast';
import {
  ChaincodeError,
  connect,
  createConsistency,
  ErrorCodes,
  type KycData,
  type Party,
  type RegisterPartyRequest,
  type RiskRating,
  type TradeParameters,
  type XborderClient,
} from '../../../gateway-client/src';
import { RUN_DIR } from './network';

/**
 * What integration suites share on the persistent ledger of the local network:
 * one consortium, bootstrapped by whichever suite runs first, and per-run ids so
 * that a suite can run any number of times.
 */
export const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toUpperCase();

export const profileOf = (org: string): string => path.join(RUN_DIR, 'connection', `${org}.json`);

/**
 * What the clients of one test file have seen. A suite plays several
 * organisations one step after another, as the scenario does, so its clients
 * share it: each step acts on state that includes the steps before it.
 */
const seenBySuite = createConsistency();

/**
 * Connects as a named identity of an organisation's connection profile, with
 * generous conflict retries, seeing what the suite's other clients have seen
 * (`own: true` for a client that sees only its own writes).
 */
export const as = (org: string, identity: string, { own = false }: { own?: boolean } = {}): Promise<XborderClient> =>
  connect({ profile: profileOf(org), identity, retry: { maxCommitAttempts: 10, maxDelayMs: 2_000 }, ...(own ? {} : { consistency: seenBySuite }) });

/** Bootstraps the consortium that `npm start` plays with (cli/src/scenario/cast.ts) unless this ledger has one already. */
export async function ensureConsortium(): Promise<void> {
  await using clearing = await as('clearinghouse', 'operator');
  if ((await clearing.consortium.listMembers()).length > 0) {
    return;
  }
  try {
    await clearing.consortium.bootstrap({ members: [...MEMBERS] });
  } catch (err) {
    // Another suite bootstrapped it in the meantime: fine.
    if (!(err instanceof ChaincodeError && err.is(ErrorCodes.CONSORTIUM_ALREADY_BOOTSTRAPPED))) {
      throw err;
    }
  }
}

/** Personal data for a company; `marker` makes it findable when checking it never went public. */
export function kycOf(name: string, marker = RUN): KycData {
  return {
    legalName: `${name} Holdings ${marker}`,
    registrationNumber: `REG-${marker}`,
    address: '1-1 Marunouchi, Chiyoda, Tokyo',
    beneficialOwners: [{ name: `Owner ${marker}`, ownershipPercent: '100' }],
    documentHashes: [randomBytes(32).toString('hex')],
  };
}

/** An organisation's onboarding identities: its operator (role=admin) registers and binds, its verifier (kyc.verifier) verifies. */
export interface Onboarding {
  operator: XborderClient;
  verifier: XborderClient;
}

/** Registers a party of the operator's organisation, its KYC data sent as transient data, and verifies it. */
export async function registerVerified(org: Onboarding, party: RegisterPartyRequest, riskRating: RiskRating = 'LOW'): Promise<Party> {
  const registered = await org.operator.parties.register(party, kycOf(party.partyId));
  if (registered.kyc.status !== 'PENDING') {
    throw new Error(`party ${party.partyId} registered as ${registered.kyc.status}, not PENDING`);
  }
  return org.verifier.parties.verifyKyc(party.partyId, { level: 'STANDARD', riskRating, expiresAt: oneYearFromNow() });
}

/**
 * Registers and verifies a party, then binds each user's identity to it. An
 * identity acts for one party of its organisation, so a binding left by an
 * earlier run moves to this party.
 */
export async function onboardParty(org: Onboarding, party: RegisterPartyRequest, users: XborderClient[], riskRating: RiskRating = 'LOW'): Promise<Party> {
  await registerVerified(org, party, riskRating);
  for (const user of users) {
    await moveIdentityTo(org.operator, party.partyId, user.identityId);
  }
  return org.operator.parties.get(party.partyId);
}

/**
 * The clearing house's trade parameters in force, set first unless they were
 * set before: a 10 bps fee collected by a USBank party, margin 5/10/20%.
 */
export async function ensureTradeParameters(): Promise<TradeParameters> {
  await using clearingAdmin = await as('clearinghouse', 'operator');
  const current = await clearingAdmin.clearing.getTradeParameters();
  if (current.txId !== undefined) {
    return current;
  }
  await using operator = await as('usbank', 'operator');
  await using verifier = await as('usbank', 'verifier');
  const feeCollector = `FEES-${RUN}`;
  await registerVerified({ operator, verifier }, { partyId: feeCollector, name: 'Platform fees', country: 'US', roles: ['TRADER'] });
  return await clearingAdmin.clearing.setTradeParameters({ platformFeeBps: 10, feeCollector, marginBps: { LOW: 500, MEDIUM: 1_000, HIGH: 2_000 } });
}

/** KYC stays valid for a year; the chaincode caps validity at about five years from the transaction time. */
export function oneYearFromNow(): string {
  return new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
}
