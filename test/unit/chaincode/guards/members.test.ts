import { Context, Contract, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../../../../model/src/canonical';
import { getMember } from '../../../../chaincode/src/ledger/members';
import { issuerOfCurrency, requireActiveMember, requireClearingHouse } from '../../../../chaincode/src/guards/members';
import { FakeLedger } from '../../../support';
import { bootstrappedLedger, expectRejected, ids, passProposal } from '../contracts/fixtures';

/** Exposes the cross-module helpers as queries, so they run against the fake ledger's stub. */
class MembersProbe extends Contract {
  constructor() {
    super('MembersProbe');
  }

  @Transaction(false)
  async member(ctx: Context, mspId: string): Promise<string> {
    return canonicalJson((await getMember(ctx, mspId)) ?? null);
  }

  @Transaction(false)
  async active(ctx: Context, mspId: string): Promise<string> {
    return (await requireActiveMember(ctx, mspId)).mspId;
  }

  @Transaction(false)
  async clearing(ctx: Context): Promise<string> {
    return (await requireClearingHouse(ctx)).mspId;
  }

  @Transaction(false)
  async issuer(ctx: Context, currency: string): Promise<string> {
    return (await issuerOfCurrency(ctx, currency)) ?? '';
  }
}

const probe = new MembersProbe();

async function suspendJp(ledger: FakeLedger): Promise<void> {
  await passProposal(ledger, JSON.stringify({ action: 'SUSPEND', mspId: 'JPBankMSP', reason: 'audit' }));
}

describe('guards/members', () => {
  it('getMember returns the record or undefined', async () => {
    const ledger = await bootstrappedLedger();
    expect(JSON.parse(await ledger.evaluate(probe, 'member', ['USBankMSP'], { as: ids.cnClerk }))).toMatchObject({ mspId: 'USBankMSP', status: 'ACTIVE' });
    expect(await ledger.evaluate(probe, 'member', ['SGBankMSP'], { as: ids.cnClerk })).toBe('null');
  });

  it('requireActiveMember distinguishes unknown, suspended and not bootstrapped', async () => {
    await expectRejected(new FakeLedger(), probe, 'active', ['CNBankMSP'], { as: ids.cnClerk }, 'CONSORTIUM_NOT_BOOTSTRAPPED');
    const ledger = await bootstrappedLedger();
    expect(await ledger.evaluate(probe, 'active', ['JPBankMSP'], { as: ids.cnClerk })).toBe('JPBankMSP');
    await expectRejected(ledger, probe, 'active', ['SGBankMSP'], { as: ids.cnClerk }, 'NOT_FOUND: organisation SGBankMSP is not a consortium member');
    await suspendJp(ledger);
    await expectRejected(ledger, probe, 'active', ['JPBankMSP'], { as: ids.cnClerk }, 'MEMBER_NOT_ACTIVE: member JPBankMSP is SUSPENDED');
  });

  it('requireClearingHouse accepts any identity of an active CLEARING member only', async () => {
    const ledger = await bootstrappedLedger();
    expect(await ledger.evaluate(probe, 'clearing', [], { as: ids.chOfficer })).toBe('ClearingHouseMSP');
    for (const as of [ids.cnAdmin, ids.sgAdmin]) {
      await expectRejected(ledger, probe, 'clearing', [], { as }, `UNAUTHORIZED: caller organisation ${as.getMSPID()} is not an active CLEARING member`);
    }
  });

  it('issuerOfCurrency is the active issuer, read by currency key', async () => {
    const ledger = await bootstrappedLedger();
    expect(await ledger.evaluate(probe, 'issuer', ['JPY'], { as: ids.cnClerk })).toBe('JPBankMSP');
    expect(await ledger.evaluate(probe, 'issuer', ['EUR'], { as: ids.cnClerk })).toBe('');
    const sim = await ledger.simulate(probe, 'issuer', ['USD'], { as: ids.cnClerk });
    // Two point reads (currency key, then its member) and no range scan.
    expect(sim.rangeQueries).toEqual([]);
    expect([...sim.reads.keys()]).toEqual([expect.stringContaining('currency-issuer'), expect.stringContaining('member')]);
    await suspendJp(ledger);
    expect(await ledger.evaluate(probe, 'issuer', ['JPY'], { as: ids.cnClerk })).toBe('');
  });
});
