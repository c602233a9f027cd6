import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { ChaincodeError, connect, ErrorCodes, type KycData, type XborderClient } from '../../../gateway-client/src';
import { RUN_DIR } from './network';

/**
 * What integration suites share on the persistent ledger of the local network:
 * one consortium, bootstrapped by whichever suite runs first, and per-run ids so
 * that a suite can run any number of times.
 */
export const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toUpperCase();

export const profileOf = (org: string): string => path.join(RUN_DIR, 'connection', `${org}.json`);

/** Connects as a named identity of an organisation's connection profile, with generous conflict retries. */
export const as = (org: string, identity: string): Promise<XborderClient> =>
  connect({ profile: profileOf(org), identity, retry: { maxCommitAttempts: 10, maxDelayMs: 2_000 } });

/** The local network's consortium: each bank issues its currency, the clearing house clears. */
export const CONSORTIUM = [
  { mspId: 'CNBankMSP', name: 'CN Bank', roles: ['ISSUER' as const], issuerOf: ['CNY'], shareKycWithClearing: true },
  { mspId: 'USBankMSP', name: 'US Bank', roles: ['ISSUER' as const, 'LIQUIDITY' as const], issuerOf: ['USD'], shareKycWithClearing: true },
  { mspId: 'JPBankMSP', name: 'JP Bank', roles: ['ISSUER' as const], issuerOf: ['JPY'], shareKycWithClearing: true },
  { mspId: 'ClearingHouseMSP', name: 'Clearing House', roles: ['CLEARING' as const] },
];

/** Bootstraps the consortium unless this ledger has one already. */
export async function ensureConsortium(): Promise<void> {
  await using clearing = await as('clearinghouse', 'operator');
  if ((await clearing.consortium.listMembers()).length > 0) {
    return;
  }
  try {
    await clearing.consortium.bootstrap({ members: CONSORTIUM });
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

/** KYC stays valid for a year; the chaincode caps validity at about five years from the transaction time. */
export function oneYearFromNow(): string {
  return new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
}
