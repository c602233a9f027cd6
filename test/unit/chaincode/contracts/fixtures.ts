import type { Contract } from 'fabric-contract-api';
import { ConsortiumContract } from '../../../../chaincode/src/contracts/consortium';
import { ErrorCodes } from '../../../../model/src/errors';
import { FakeLedger, ProposalOptions, identity } from '../../../support';

/** Identities of the four-member test consortium; admins carry role=admin, KYC officers kyc.verifier=true. */
export const ids = {
  cnAdmin: identity('CNBankMSP', 'cn-admin', { role: 'admin' }),
  usAdmin: identity('USBankMSP', 'us-admin', { role: 'admin' }),
  jpAdmin: identity('JPBankMSP', 'jp-admin', { role: 'admin' }),
  chAdmin: identity('ClearingHouseMSP', 'ch-admin', { role: 'admin' }),
  cnClerk: identity('CNBankMSP', 'cn-clerk'),
  cnOfficer: identity('CNBankMSP', 'cn-kyc-officer', { 'kyc.verifier': 'true' }),
  usOfficer: identity('USBankMSP', 'us-kyc-officer', { 'kyc.verifier': 'true' }),
  chOfficer: identity('ClearingHouseMSP', 'ch-analyst', { 'kyc.verifier': 'true' }),
  trader: identity('CNBankMSP', 'bright-lamp-trader'),
  sgAdmin: identity('SGBankMSP', 'sg-admin', { role: 'admin' }),
};

export const MEMBERSHIP = {
  members: [
    { mspId: 'CNBankMSP', name: 'CN Bank', roles: ['ISSUER'], issuerOf: ['CNY'], shareKycWithClearing: true },
    { mspId: 'USBankMSP', name: 'US Bank', roles: ['ISSUER', 'LIQUIDITY'], issuerOf: ['USD'] },
    { mspId: 'JPBankMSP', name: 'JP Bank', roles: ['ISSUER'], issuerOf: ['JPY'] },
    { mspId: 'ClearingHouseMSP', name: 'Clearing House', roles: ['CLEARING', 'LIQUIDITY'] },
  ],
};

export const consortium = new ConsortiumContract();

/** A ledger whose consortium was bootstrapped with MEMBERSHIP by the clearing house admin. */
export async function bootstrappedLedger(options: ConstructorParameters<typeof FakeLedger>[0] = {}): Promise<FakeLedger> {
  const ledger = new FakeLedger(options);
  await ledger.submit(consortium, 'bootstrap', [JSON.stringify(MEMBERSHIP)], { as: ids.chAdmin });
  return ledger;
}

/**
 * Submits a transaction that must fail with `expected` (a code, or `CODE: detail`), and
 * checks that the rule fired before the transaction attempted any write or event (the
 * harness drops a failed proposal's writes, so the attempt is what shows validation came
 * first) and that the committed ledger is byte for byte what it was.
 */
export async function expectRejected(
  ledger: FakeLedger,
  contract: Contract,
  fn: string,
  args: readonly string[],
  options: ProposalOptions,
  expected: string,
): Promise<void> {
  const before = ledger.snapshot();
  const attempted: string[] = [];
  const sim = await withWriteSpy(contract, attempted, () => ledger.simulate(contract, fn, args, options));
  expect(attempted).toEqual([]);
  // The peer sees only the message: a stable code, then the detail.
  expect(Object.values(ErrorCodes)).toContain((sim.error?.message ?? '').split(':')[0]);
  const message = sim.error?.message ?? '';
  if (expected.includes(':')) {
    expect(message).toBe(expected);
  } else {
    expect(message.split(':')[0]).toBe(expected);
  }
  expect(sim.writes.size).toBe(0);
  expect(sim.privateWrites.size).toBe(0);
  expect(sim.event).toBeUndefined();
  expect(ledger.snapshot()).toEqual(before);
}

/** Runs `body` with the contract's stub write calls logged into `attempted`. */
async function withWriteSpy<T>(contract: Contract, attempted: string[], body: () => Promise<T>): Promise<T> {
  const original = contract.beforeTransaction.bind(contract);
  contract.beforeTransaction = async (ctx) => {
    const stub = ctx.stub;
    for (const method of ['putState', 'deleteState', 'putPrivateData', 'deletePrivateData', 'setEvent'] as const) {
      const call = (stub[method] as (...args: unknown[]) => unknown).bind(stub);
      Object.assign(stub, { [method]: (...args: unknown[]) => (attempted.push(`${method} ${String(args[0])}`), call(...args)) });
    }
    return original(ctx);
  };
  try {
    return await body();
  } finally {
    // Drop the instance override so the prototype's beforeTransaction applies again.
    delete (contract as Partial<Contract>).beforeTransaction;
  }
}

/** The last committed event, parsed. */
export function lastEvent(ledger: FakeLedger): { name: string; payload: Record<string, unknown> } {
  const event = ledger.events[ledger.events.length - 1];
  return { name: event.name, payload: JSON.parse(event.payload.toString('utf8')) as Record<string, unknown> };
}

export function parse<T = Record<string, unknown>>(json: string): T {
  return JSON.parse(json) as T;
}

/** Proposes `proposalJson` as the CN admin and has the given admins vote YES; returns the proposal id. */
export async function passProposal(ledger: FakeLedger, proposalJson: string, voters = [ids.cnAdmin, ids.usAdmin, ids.chAdmin]): Promise<string> {
  const { proposalId } = parse<{ proposalId: string }>(await ledger.submit(consortium, 'propose', [proposalJson], { as: ids.cnAdmin }));
  for (const as of voters) {
    await ledger.submit(consortium, 'vote', [proposalId, 'YES'], { as });
  }
  return proposalId;
}
