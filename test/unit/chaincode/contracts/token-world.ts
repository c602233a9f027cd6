import { createHash } from 'node:crypto';
import { Contract } from 'fabric-contract-api';
import { ConsortiumContract } from '../../../../chaincode/src/contracts/consortium';
import { FxContract } from '../../../../chaincode/src/contracts/fx';
import { PartyContract } from '../../../../chaincode/src/contracts/party';
import { TokenContract } from '../../../../chaincode/src/contracts/token';
import { FakeClientIdentity, FakeLedger, identity } from '../../../support';

/**
 * A consortium for the money contracts' tests, set up only through the other
 * contracts' transactions: CNBank issues CNY, USBank USD and XTS (a code
 * outside the built-in table), JPBank JPY; ClearingHouse clears. Parties are
 * registered, bound to one identity and KYC-verified by their bank.
 */
export const START = '2026-03-01T00:00:00.000Z';
export const KYC_EXPIRY = '2027-03-01T00:00:00.000Z';

export const BANKS = { CN: 'CNBankMSP', US: 'USBankMSP', JP: 'JPBankMSP', CH: 'ClearingHouseMSP' } as const;

export const admins = {
  CN: identity(BANKS.CN, 'cn-admin', { role: 'admin' }),
  US: identity(BANKS.US, 'us-admin', { role: 'admin' }),
  JP: identity(BANKS.JP, 'jp-admin', { role: 'admin' }),
  CH: identity(BANKS.CH, 'ch-admin', { role: 'admin' }),
};

/** Operators allowed to mint and govern each bank's currencies. */
export const issuers = {
  CNY: identity(BANKS.CN, 'cn-treasury', { role: 'issuer' }),
  USD: identity(BANKS.US, 'us-treasury', { role: 'issuer' }),
  JPY: identity(BANKS.JP, 'jp-treasury', { role: 'issuer' }),
};

/** Ordinary clients: in the right organisation, without any role attribute. */
export const clerks = {
  CN: identity(BANKS.CN, 'cn-clerk', {}),
  US: identity(BANKS.US, 'us-clerk', {}),
  CH: identity(BANKS.CH, 'ch-clerk', {}),
  OUTSIDER: identity('OutsiderMSP', 'stranger', { role: 'admin' }),
};

const verifiers: Record<string, FakeClientIdentity> = {
  [BANKS.CN]: identity(BANKS.CN, 'cn-kyc', { 'kyc.verifier': 'true' }),
  [BANKS.US]: identity(BANKS.US, 'us-kyc', { 'kyc.verifier': 'true' }),
  [BANKS.JP]: identity(BANKS.JP, 'jp-kyc', { 'kyc.verifier': 'true' }),
};

const MEMBERSHIP = {
  members: [
    { mspId: BANKS.CN, name: 'CN Bank', roles: ['ISSUER', 'LIQUIDITY'], issuerOf: ['CNY'] },
    { mspId: BANKS.US, name: 'US Bank', roles: ['ISSUER'], issuerOf: ['USD', 'XTS'] },
    { mspId: BANKS.JP, name: 'JP Bank', roles: ['ISSUER'], issuerOf: ['JPY'] },
    { mspId: BANKS.CH, name: 'Clearing House', roles: ['CLEARING'] },
  ],
};

type PartyRole = 'TRADER' | 'LIQUIDITY_PROVIDER' | 'LOGISTICS';

/**
 * Records every putState and deleteState a contract's transactions attempt, so
 * a rejection test can check the rule fired before the first write (the
 * harness drops a failed proposal's writes either way).
 */
function spyOnWrites<T extends Contract>(contract: T, log: string[]): T {
  const before = contract.beforeTransaction.bind(contract);
  contract.beforeTransaction = async (ctx) => {
    const stub = ctx.stub;
    const putState = stub.putState.bind(stub);
    const deleteState = stub.deleteState.bind(stub);
    stub.putState = async (key, value) => {
      log.push(key);
      return putState(key, value);
    };
    stub.deleteState = async (key) => {
      log.push(key);
      return deleteState(key);
    };
    return before(ctx);
  };
  return contract;
}

export class TokenWorld {
  readonly ledger: FakeLedger;
  /** Keys the token and FX contracts tried to write in the last proposal(s) since cleared. */
  readonly attemptedWrites: string[] = [];
  readonly token = spyOnWrites(new TokenContract(), this.attemptedWrites);
  readonly fx = spyOnWrites(new FxContract(), this.attemptedWrites);
  readonly party = new PartyContract();
  readonly consortium = new ConsortiumContract();
  /** The identity bound to each registered party. */
  readonly users = new Map<string, FakeClientIdentity>();

  constructor(ledger = new FakeLedger()) {
    this.ledger = ledger;
  }

  static async create(): Promise<TokenWorld> {
    const world = new TokenWorld();
    world.ledger.setTime(START);
    await world.ledger.submit(world.consortium, 'bootstrap', [JSON.stringify(MEMBERSHIP)], { as: admins.CH });
    return world;
  }

  /** An independent copy of the ledger with the same parties, for property runs and determinism checks. */
  fork(): TokenWorld {
    const copy = new TokenWorld(this.ledger.fork());
    this.users.forEach((user, partyId) => copy.users.set(partyId, user));
    return copy;
  }

  /** Registers a party at `mspId` with one bound identity; verifies its KYC unless `verify` is false. */
  async addParty(partyId: string, mspId: string, options: { roles?: PartyRole[]; verify?: boolean } = {}): Promise<FakeClientIdentity> {
    const party = { partyId, name: `${partyId} Ltd`, country: 'SG', roles: options.roles ?? ['TRADER'] };
    const kyc = {
      legalName: `${partyId} Trading Pte Ltd`,
      registrationNumber: `REG-${partyId}`,
      address: '1 Harbour Road',
      beneficialOwners: [{ name: 'Owner', ownershipPercent: '100' }],
      documentHashes: [createHash('sha256').update(partyId).digest('hex')],
    };
    await this.ledger.submit(this.party, 'registerParty', [JSON.stringify(party)], {
      as: identity(mspId, `onboarding-${partyId}`, {}),
      transient: { kyc: JSON.stringify(kyc), salt: Buffer.alloc(16, 7) },
    });
    const user = identity(mspId, `user-${partyId}`, {});
    const admin = Object.values(admins).find((candidate) => candidate.mspId === mspId) as FakeClientIdentity;
    await this.ledger.submit(this.party, 'bindIdentity', [partyId, user.getID()], { as: admin });
    if (options.verify !== false) {
      await this.verify(partyId, mspId);
    }
    this.users.set(partyId, user);
    return user;
  }

  async verify(partyId: string, mspId: string): Promise<void> {
    const verification = { level: 'STANDARD', riskRating: 'LOW', expiresAt: KYC_EXPIRY };
    await this.ledger.submit(this.party, 'verifyKyc', [partyId, JSON.stringify(verification)], { as: verifiers[mspId] });
  }

  user(partyId: string): FakeClientIdentity {
    const user = this.users.get(partyId);
    if (!user) {
      throw new Error(`no identity for ${partyId}`);
    }
    return user;
  }

  async mint(currency: keyof typeof issuers, to: string, amount: string, depositRef = `DEP-${to}-${amount}-${this.ledger.events.length}`): Promise<string> {
    return this.ledger.submit(this.token, 'mint', [JSON.stringify({ currency, to, amount, depositRef })], { as: issuers[currency] });
  }

  async transfer(currency: string, from: string, to: string, amount: string, extra: Record<string, string> = {}): Promise<string> {
    return this.ledger.submit(this.token, 'transfer', [JSON.stringify({ currency, from, to, amount, reference: `pay ${to}`, ...extra })], {
      as: this.user(from),
    });
  }

  async balance(partyId: string, currency: string): Promise<bigint> {
    return BigInt((await this.queryJson<{ balance: string }>(this.token, 'balanceOf', [partyId, currency])).balance);
  }

  async supplyCheck(currency: string): Promise<{ outstanding: string; held: string; consistent: boolean; accounts: number }> {
    return this.queryJson(this.token, 'supplyCheck', [currency]);
  }

  async queryJson<T>(contract: Contract, fn: string, args: string[]): Promise<T> {
    return JSON.parse(await this.ledger.evaluate(contract, fn, args, { as: clerks.CH })) as T;
  }

  /**
   * Proposes a transaction that must fail with `code` and checks it attempted
   * no write at all: every rule runs before the first putState. Returns the
   * error message.
   */
  async expectRejected(contract: Contract, fn: string, args: string[], as: FakeClientIdentity, code: string): Promise<string> {
    this.attemptedWrites.length = 0;
    const sim = await this.ledger.simulate(contract, fn, args, { as });
    expect(sim.error?.message.split(':')[0]).toBe(code);
    expect(this.attemptedWrites).toEqual([]);
    expect(sim.writes.size).toBe(0);
    expect(sim.event).toBeUndefined();
    return sim.error?.message ?? '';
  }
}
