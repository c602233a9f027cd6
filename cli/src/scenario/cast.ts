import { createHash } from 'node:crypto';
import type { KycData, MemberRequest, PartyRole } from '@xborder/gateway-client';

/**
 * Who plays the scenario and with what. The ledger outlives a run, so every
 * id made here carries the run id; only the consortium is shared by all runs.
 */

/**
 * The run id: the start time in UTC, `20260301-101500`. Ids derived from it
 * are unique per run and sort by time.
 */
export function runIdAt(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** Organisations by the name of their connection profile. */
export type Org = 'cnbank' | 'usbank' | 'jpbank' | 'clearinghouse';
export const ORGS: readonly Org[] = ['cnbank', 'usbank', 'jpbank', 'clearinghouse'];
export const BANK_NAMES: Readonly<Record<Org, string>> = { cnbank: 'CNBank', usbank: 'USBank', jpbank: 'JPBank', clearinghouse: 'Clearing house' };

/** The consortium of the local network; the same as the gateway client's integration tests bootstrap, whichever runs first. */
export const MEMBERS: readonly MemberRequest[] = [
  { mspId: 'CNBankMSP', name: 'CN Bank', roles: ['ISSUER'], issuerOf: ['CNY'], shareKycWithClearing: true },
  { mspId: 'USBankMSP', name: 'US Bank', roles: ['ISSUER', 'LIQUIDITY'], issuerOf: ['USD'], shareKycWithClearing: true },
  { mspId: 'JPBankMSP', name: 'JP Bank', roles: ['ISSUER'], issuerOf: ['JPY'], shareKycWithClearing: true },
  { mspId: 'ClearingHouseMSP', name: 'Clearing House', roles: ['CLEARING'] },
];

/** Which member must issue each currency the scenario moves. */
export const ISSUERS: Readonly<Record<string, string>> = { CNY: 'CNBankMSP', USD: 'USBankMSP', JPY: 'JPBankMSP' };

export type CastRole = 'exporter' | 'chicago' | 'osaka' | 'liquidity' | 'fees';

export interface PartyDefinition {
  role: CastRole;
  partyId: string;
  name: string;
  /** The onboarding bank. */
  org: Org;
  country: string;
  roles: PartyRole[];
  /** The client identity that acts for the party; none for an account that only receives. */
  identity?: string;
  kyc: KycData;
}

/** A sha256 (hex) standing in for a document kept off-chain. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The parties. The importers and the liquidity provider use identities that
 * the gateway client's tests leave alone (those bind JPBank's user1 and user2).
 */
export function castOf(runId: string): Record<CastRole, PartyDefinition> {
  const kyc = (legalName: string, registrationNumber: string, address: string, owners: [string, string][]): KycData => ({
    legalName,
    registrationNumber,
    address,
    beneficialOwners: owners.map(([name, ownershipPercent]) => ({ name, ownershipPercent })),
    documentHashes: [documentHash(`${registrationNumber} certificate of incorporation ${runId}`)],
  });
  return {
    exporter: {
      role: 'exporter',
      partyId: `SZ-EXPORTER-${runId}`,
      name: 'Shenzhen Lumen Electronics',
      org: 'cnbank',
      country: 'CN',
      roles: ['TRADER'],
      identity: 'user1',
      kyc: kyc('Shenzhen Lumen Electronics Co., Ltd.', '91440300MA5FLUMEN1', '88 Keji Road, Nanshan District, Shenzhen, Guangdong', [['Li Wei', '60'], ['Chen Jing', '40']]),
    },
    chicago: {
      role: 'chicago',
      partyId: `CHI-IMPORTER-${runId}`,
      name: 'Great Lakes Home Supply',
      org: 'usbank',
      country: 'US',
      roles: ['TRADER'],
      identity: 'user1',
      kyc: kyc('Great Lakes Home Supply Inc.', 'IL-DE-7712045', '400 W Lake St, Chicago, IL 60606', [['Maria Kowalski', '100']]),
    },
    osaka: {
      role: 'osaka',
      partyId: `OSA-IMPORTER-${runId}`,
      name: 'Naniwa Energy Trading',
      org: 'jpbank',
      country: 'JP',
      roles: ['TRADER'],
      identity: 'user3',
      kyc: kyc('Naniwa Energy Trading K.K.', '1200-01-045678', '3-6 Umeda, Kita-ku, Osaka', [['Kenji Tanaka', '75'], ['Yui Sato', '25']]),
    },
    liquidity: {
      role: 'liquidity',
      partyId: `LP-PACIFIC-${runId}`,
      name: 'Pacific FX Markets',
      org: 'usbank',
      country: 'US',
      roles: ['LIQUIDITY_PROVIDER'],
      identity: 'user2',
      kyc: kyc('Pacific FX Markets LLC', 'NY-5530921', '1 Liberty Plaza, New York, NY 10006', [['Daniel Cho', '100']]),
    },
    fees: {
      role: 'fees',
      partyId: `FEES-${runId}`,
      name: 'xborder consortium fee account',
      org: 'cnbank',
      country: 'CN',
      roles: ['TRADER'],
      kyc: kyc('xborder Consortium Services Ltd.', '91310000MA1XBFEES', '1 Century Avenue, Pudong, Shanghai', [['CN Bank', '100']]),
    },
  };
}

/** A fiat deposit at a bank, turned into tokens by the bank's issuer. */
export interface Deposit {
  to: CastRole;
  currency: string;
  /** Minor units. */
  amount: bigint;
  purpose: string;
}

export const DEPOSITS: readonly Deposit[] = [
  { to: 'chicago', currency: 'USD', amount: 250_000_00n, purpose: 'working capital' },
  { to: 'exporter', currency: 'USD', amount: 15_000_00n, purpose: 'USD margin collateral' },
  { to: 'osaka', currency: 'JPY', amount: 30_000_000n, purpose: 'working capital' },
  { to: 'exporter', currency: 'JPY', amount: 600_000n, purpose: 'JPY margin collateral' },
  { to: 'liquidity', currency: 'CNY', amount: 2_000_000_00n, purpose: 'CNY settlement reserves' },
];

/** Rates the liquidity provider posts: 1 base = bid..ask quote. */
export const RATES = [
  { base: 'USD', quote: 'CNY', bid: '7.102', ask: '7.138' },
  { base: 'JPY', quote: 'CNY', bid: '0.04712', ask: '0.04768' },
] as const;

/** Platform fee and margin rates the clearing house sets (basis points). */
export const TRADE_PARAMETERS = { platformFeeBps: 25, marginBps: { LOW: 500, MEDIUM: 1_000, HIGH: 2_000 } } as const;

/** Margin the exporter posts before it sells, per currency (minor units). */
export const MARGIN: readonly { currency: string; amount: bigint }[] = [
  { currency: 'USD', amount: 10_000_00n },
  { currency: 'JPY', amount: 500_000n },
];
