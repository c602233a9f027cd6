import type { Page } from '../../../../model/src/paging';
import { Member, Proposal } from '../../../../model/src/consortium';
import { FakeLedger, identity as identityOf } from '../../../support';
import { MEMBERSHIP, bootstrappedLedger, consortium, expectRejected, ids, lastEvent, parse } from './fixtures';

const admitSg = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ action: 'ADMIT', member: { mspId: 'SGBankMSP', name: 'SG Bank', roles: ['ISSUER'], issuerOf: ['SGD'] }, reason: 'new corridor', ...extra });
const suspend = (mspId: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ action: 'SUSPEND', mspId, reason: 'audit finding', ...extra });
const reinstate = (mspId: string): string => JSON.stringify({ action: 'REINSTATE', mspId, reason: 'audit closed' });

async function propose(ledger: FakeLedger, json: string, as = ids.cnAdmin): Promise<Proposal> {
  return parse<Proposal>(await ledger.submit(consortium, 'propose', [json], { as }));
}

async function vote(ledger: FakeLedger, proposalId: string, choice: string, as = ids.cnAdmin): Promise<Record<string, unknown>> {
  return parse(await ledger.submit(consortium, 'vote', [proposalId, choice], { as }));
}

async function member(ledger: FakeLedger, mspId: string): Promise<Member> {
  return parse<Member>(await ledger.evaluate(consortium, 'getMember', [mspId], { as: ids.chAdmin }));
}

describe('Consortium:bootstrap', () => {
  it('sets the initial membership, issuer keys and one event', async () => {
    const ledger = new FakeLedger();
    const result = parse(await ledger.submit(consortium, 'bootstrap', [JSON.stringify(MEMBERSHIP)], { as: ids.chAdmin }));
    expect(result).toMatchObject({ bootstrappedBy: 'ClearingHouseMSP', bootstrappedAt: '2026-01-01T00:00:00.000Z', txId: 'tx0001' });
    expect(result.members).toHaveLength(4);
    expect(await member(ledger, 'CNBankMSP')).toEqual({
      mspId: 'CNBankMSP',
      name: 'CN Bank',
      status: 'ACTIVE',
      roles: ['ISSUER'],
      issuerOf: ['CNY'],
      shareKycWithClearing: true,
      admittedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(ledger.events).toHaveLength(1);
    expect(lastEvent(ledger)).toEqual({
      name: 'ConsortiumBootstrapped',
      payload: { members: ['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP', 'USBankMSP'], bootstrappedBy: 'ClearingHouseMSP', bootstrappedAt: '2026-01-01T00:00:00.000Z', txId: 'tx0001' },
    });
    expect(ledger.stateKeys().filter((key) => key.includes('currency-issuer'))).toHaveLength(3);
  });

  it('happens once', async () => {
    const ledger = await bootstrappedLedger();
    await expectRejected(
      ledger,
      consortium,
      'bootstrap',
      [JSON.stringify(MEMBERSHIP)],
      { as: ids.cnAdmin },
      'CONSORTIUM_ALREADY_BOOTSTRAPPED: bootstrapped by ClearingHouseMSP at 2026-01-01T00:00:00.000Z',
    );
  });

  it.each([
    ['a non-admin of a listed organisation', ids.cnClerk, 'UNAUTHORIZED: bootstrap needs an admin identity (attribute role=admin)'],
    ['an admin of an organisation not listed', ids.sgAdmin, 'UNAUTHORIZED: caller organisation SGBankMSP is not in the initial membership'],
  ])('refuses %s', async (_who, as, message) => {
    await expectRejected(new FakeLedger(), consortium, 'bootstrap', [JSON.stringify(MEMBERSHIP)], { as }, message);
  });

  const [cn, us, jp, ch] = MEMBERSHIP.members;
  it.each([
    ['malformed JSON', '{"members":', 'INVALID_ARGUMENT: bootstrap is not valid JSON'],
    ['an unknown field', JSON.stringify({ ...MEMBERSHIP, owner: 'x' }), 'INVALID_ARGUMENT: bootstrap has unknown field(s) owner; allowed: members'],
    ['a missing field', JSON.stringify({ members: [{ mspId: 'CNBankMSP', roles: ['CLEARING'] }] }), 'INVALID_ARGUMENT: bootstrap.members[0].name is required'],
    ['a duplicate member', JSON.stringify({ members: [cn, us, ch, { ...cn, issuerOf: ['EUR'] }] }), 'INVALID_ARGUMENT: member CNBankMSP is listed twice'],
    ['two issuers of a currency', JSON.stringify({ members: [cn, ch, { ...jp, issuerOf: ['CNY'] }] }), 'INVALID_ARGUMENT: currency CNY has two issuers: CNBankMSP and JPBankMSP'],
    ['no clearing member', JSON.stringify({ members: [cn, us, jp] }), 'INVALID_ARGUMENT: the membership needs at least one member with role CLEARING'],
    ['issuerOf without ISSUER', JSON.stringify({ members: [{ ...ch, issuerOf: ['EUR'] }] }), 'INVALID_ARGUMENT: member ClearingHouseMSP: issuerOf must list at least one currency exactly when roles include ISSUER'],
  ])('rejects %s with no write', async (_case, json, message) => {
    await expectRejected(new FakeLedger(), consortium, 'bootstrap', [json], { as: ids.chAdmin }, message);
  });
});

describe('Consortium queries', () => {
  let ledger: FakeLedger;
  beforeAll(async () => {
    ledger = await bootstrappedLedger();
  });

  it('lists members ordered by MSP id', async () => {
    const members = parse<Member[]>(await ledger.evaluate(consortium, 'listMembers', [], { as: ids.usAdmin }));
    expect(members.map((m) => m.mspId)).toEqual(['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP', 'USBankMSP']);
  });

  it('finds active members by role', async () => {
    const issuers = parse<Member[]>(await ledger.evaluate(consortium, 'membersWithRole', ['ISSUER'], { as: ids.usAdmin }));
    expect(issuers.map((m) => m.mspId)).toEqual(['CNBankMSP', 'JPBankMSP', 'USBankMSP']);
    const liquidity = parse<Member[]>(await ledger.evaluate(consortium, 'membersWithRole', ['LIQUIDITY'], { as: ids.usAdmin }));
    expect(liquidity.map((m) => m.mspId)).toEqual(['ClearingHouseMSP', 'USBankMSP']);
  });

  it('rejects unknown members, roles and malformed ids', async () => {
    await expectRejected(ledger, consortium, 'getMember', ['SGBankMSP'], { as: ids.usAdmin }, 'NOT_FOUND: organisation SGBankMSP is not a consortium member');
    await expectRejected(ledger, consortium, 'getMember', ['bad id'], { as: ids.usAdmin }, 'INVALID_ARGUMENT');
    await expectRejected(ledger, consortium, 'membersWithRole', ['BANK'], { as: ids.usAdmin }, 'INVALID_ARGUMENT: role must be one of ISSUER, LIQUIDITY, CLEARING');
    await expectRejected(ledger, consortium, 'getProposal', ['nope'], { as: ids.usAdmin }, 'NOT_FOUND: proposal nope does not exist');
    await expectRejected(ledger, consortium, 'getProposal', ['no/pe'], { as: ids.usAdmin }, 'INVALID_ARGUMENT');
    await expectRejected(ledger, consortium, 'listProposals', ['DONE', '', ''], { as: ids.usAdmin }, 'INVALID_ARGUMENT: status must be one of OPEN, EXECUTED, REJECTED, EXPIRED');
  });
});

describe('Consortium:propose', () => {
  it('opens a proposal whose electorate is the active members, with one event', async () => {
    const ledger = await bootstrappedLedger();
    const proposal = await propose(ledger, admitSg());
    expect(proposal).toEqual({
      proposalId: 'tx0002',
      action: 'ADMIT',
      mspId: 'SGBankMSP',
      member: { mspId: 'SGBankMSP', name: 'SG Bank', roles: ['ISSUER'], issuerOf: ['SGD'], shareKycWithClearing: false },
      reason: 'new corridor',
      proposedBy: 'CNBankMSP',
      proposedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-08T00:00:00.000Z',
      electorate: ['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP', 'USBankMSP'],
      threshold: 3,
      status: 'OPEN',
    });
    expect(lastEvent(ledger)).toEqual({
      name: 'ProposalCreated',
      payload: {
        proposalId: 'tx0002',
        action: 'ADMIT',
        mspId: 'SGBankMSP',
        proposedBy: 'CNBankMSP',
        expiresAt: '2026-01-08T00:00:00.000Z',
        threshold: 3,
        electorate: ['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP', 'USBankMSP'],
        status: 'OPEN',
      },
    });
  });

  it('needs a bootstrapped consortium', async () => {
    await expectRejected(new FakeLedger(), consortium, 'propose', [admitSg()], { as: ids.cnAdmin }, 'CONSORTIUM_NOT_BOOTSTRAPPED');
  });

  it.each([
    ['a non-admin identity', ids.cnClerk, 'UNAUTHORIZED: this transaction needs an organisation admin identity (attribute role=admin)'],
    ['an admin of a non-member', ids.sgAdmin, 'UNAUTHORIZED: caller organisation SGBankMSP is not a consortium member'],
  ])('refuses %s', async (_who, as, message) => {
    await expectRejected(await bootstrappedLedger(), consortium, 'propose', [admitSg()], { as }, message);
  });

  it.each([
    ['malformed JSON', '{', 'INVALID_ARGUMENT: proposal is not valid JSON'],
    ['an unknown field', suspend('USBankMSP', { urgent: true }), 'INVALID_ARGUMENT: proposal has unknown field(s) urgent; allowed: action, mspId, reason, validForSeconds'],
    ['a missing field', JSON.stringify({ action: 'SUSPEND', mspId: 'USBankMSP' }), 'INVALID_ARGUMENT: proposal.reason is required'],
    ['a too short window', suspend('USBankMSP', { validForSeconds: 5 }), 'INVALID_ARGUMENT: proposal.validForSeconds must be an integer from 3600 to 2592000'],
    ['admitting a member', JSON.stringify({ action: 'ADMIT', member: { ...MEMBERSHIP.members[1] }, reason: 'r' }), 'ALREADY_EXISTS: organisation USBankMSP is already a member (ACTIVE)'],
    ['admitting a second issuer of USD', admitSg({ member: { mspId: 'SGBankMSP', name: 'SG', roles: ['ISSUER'], issuerOf: ['USD'] } }), 'ALREADY_EXISTS: currency USD is already issued by USBankMSP'],
    ['suspending a non-member', suspend('SGBankMSP'), 'NOT_FOUND: organisation SGBankMSP is not a member'],
    ['suspending the only clearing member', suspend('ClearingHouseMSP'), 'INVALID_STATE: member ClearingHouseMSP is the last active CLEARING member'],
    ['reinstating an active member', reinstate('USBankMSP'), 'INVALID_STATE: member USBankMSP is ACTIVE, not SUSPENDED'],
  ])('rejects %s with no write', async (_case, json, message) => {
    await expectRejected(await bootstrappedLedger(), consortium, 'propose', [json], { as: ids.cnAdmin }, message);
  });

  it('allows one open proposal per organisation and per currency, until it closes or expires', async () => {
    const ledger = await bootstrappedLedger();
    const first = await propose(ledger, suspend('USBankMSP', { validForSeconds: 3600 }));
    await expectRejected(ledger, consortium, 'propose', [suspend('USBankMSP')], { as: ids.jpAdmin }, `INVALID_STATE: proposal ${first.proposalId} about member:USBankMSP is still open until 2026-01-01T01:00:00.000Z`);
    const admit = await propose(ledger, admitSg());
    const rival = admitSg({ member: { mspId: 'HKBankMSP', name: 'HK', roles: ['ISSUER'], issuerOf: ['HKD', 'SGD'] } });
    await expectRejected(ledger, consortium, 'propose', [rival], { as: ids.jpAdmin }, `INVALID_STATE: proposal ${admit.proposalId} about currency:SGD is still open until 2026-01-08T00:00:00.000Z`);

    ledger.setTime('2026-01-01T01:00:00Z');
    const second = await propose(ledger, suspend('USBankMSP'), ids.jpAdmin);
    expect(second.status).toBe('OPEN');
  });
});

describe('Consortium:vote', () => {
  it('executes an admission in the vote that reaches a strict majority, with one event per vote', async () => {
    const ledger = await bootstrappedLedger();
    const { proposalId } = await propose(ledger, admitSg());
    expect(await vote(ledger, proposalId, 'YES', ids.cnAdmin)).toMatchObject({ status: 'OPEN', yes: 1, no: 0 });
    expect(lastEvent(ledger)).toEqual({
      name: 'VoteCast',
      payload: { proposalId, action: 'ADMIT', mspId: 'SGBankMSP', voter: 'CNBankMSP', choice: 'YES', yes: 1, no: 0, status: 'OPEN' },
    });
    await vote(ledger, proposalId, 'NO', ids.usAdmin);
    // 2 YES of 4 is not a strict majority, and one vote is still out, so the proposal stays open.
    expect(await vote(ledger, proposalId, 'YES', ids.chAdmin)).toMatchObject({ status: 'OPEN', yes: 2, no: 1 });
    expect(ledger.stateKeys().filter((key) => key.includes('proposal-lock'))).toHaveLength(2);

    ledger.setTime('2026-01-02T00:00:00Z');
    const result = await vote(ledger, proposalId, 'YES', ids.jpAdmin);
    expect(result).toMatchObject({ status: 'EXECUTED', yes: 3, no: 1 });
    expect(lastEvent(ledger)).toEqual({
      name: 'MemberAdmitted',
      payload: { proposalId, action: 'ADMIT', mspId: 'SGBankMSP', voter: 'JPBankMSP', choice: 'YES', yes: 3, no: 1, status: 'EXECUTED' },
    });
    expect(ledger.events).toHaveLength(6);
    expect(await member(ledger, 'SGBankMSP')).toEqual({
      mspId: 'SGBankMSP',
      name: 'SG Bank',
      status: 'ACTIVE',
      roles: ['ISSUER'],
      issuerOf: ['SGD'],
      shareKycWithClearing: false,
      admittedAt: '2026-01-02T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(ledger.stateKeys().filter((key) => key.includes('proposal-lock'))).toEqual([]);
    const stored = parse<Proposal & { votes: { mspId: string }[] }>(await ledger.evaluate(consortium, 'getProposal', [proposalId], { as: ids.sgAdmin }));
    expect(stored).toMatchObject({ status: 'EXECUTED', closedAt: '2026-01-02T00:00:00.000Z', yes: 3, no: 1 });
    expect(stored.votes.map((v) => v.mspId)).toEqual(['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP', 'USBankMSP']);
    await expectRejected(ledger, consortium, 'vote', [proposalId, 'YES'], { as: ids.sgAdmin }, `PROPOSAL_CLOSED: proposal ${proposalId} is EXECUTED`);
  });

  it('rejects a proposal once YES can no longer reach the majority', async () => {
    const ledger = await bootstrappedLedger();
    const { proposalId } = await propose(ledger, admitSg());
    await vote(ledger, proposalId, 'NO', ids.cnAdmin);
    expect(await vote(ledger, proposalId, 'NO', ids.usAdmin)).toMatchObject({ status: 'REJECTED', yes: 0, no: 2 });
    expect(lastEvent(ledger).name).toBe('ProposalRejected');
    await expectRejected(ledger, consortium, 'getMember', ['SGBankMSP'], { as: ids.cnAdmin }, 'NOT_FOUND');
    // The locks are released: the same admission can be proposed again.
    expect((await propose(ledger, admitSg())).status).toBe('OPEN');
  });

  it('suspends and reinstates; a suspended member can neither propose nor vote', async () => {
    const ledger = await bootstrappedLedger();
    const suspension = await propose(ledger, suspend('USBankMSP'));
    const pending = await propose(ledger, admitSg(), ids.jpAdmin);
    for (const admin of [ids.cnAdmin, ids.jpAdmin]) {
      await vote(ledger, suspension.proposalId, 'YES', admin);
    }
    expect(await vote(ledger, suspension.proposalId, 'YES', ids.chAdmin)).toMatchObject({ status: 'EXECUTED' });
    expect(lastEvent(ledger).name).toBe('MemberSuspended');
    expect((await member(ledger, 'USBankMSP')).status).toBe('SUSPENDED');
    await expectRejected(ledger, consortium, 'propose', [admitSg()], { as: ids.usAdmin }, 'MEMBER_NOT_ACTIVE: caller organisation USBankMSP is SUSPENDED');
    await expectRejected(ledger, consortium, 'vote', [pending.proposalId, 'YES'], { as: ids.usAdmin }, 'MEMBER_NOT_ACTIVE');

    const reinstatement = await propose(ledger, reinstate('USBankMSP'));
    expect(reinstatement).toMatchObject({ electorate: ['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP'], threshold: 2 });
    await vote(ledger, reinstatement.proposalId, 'YES', ids.cnAdmin);
    expect(await vote(ledger, reinstatement.proposalId, 'YES', ids.chAdmin)).toMatchObject({ status: 'EXECUTED' });
    expect(lastEvent(ledger).name).toBe('MemberReinstated');
    expect((await member(ledger, 'USBankMSP')).status).toBe('ACTIVE');
  });

  it('rejects bad arguments, wrong callers and wrong states with no write', async () => {
    const ledger = await bootstrappedLedger();
    const { proposalId } = await propose(ledger, admitSg(), ids.cnAdmin);
    await vote(ledger, proposalId, 'YES', ids.cnAdmin);
    await expectRejected(ledger, consortium, 'vote', ['tx/1', 'YES'], { as: ids.usAdmin }, 'INVALID_ARGUMENT: proposalId must be a proposal id (the proposing transaction id)');
    await expectRejected(ledger, consortium, 'vote', [proposalId, 'yes'], { as: ids.usAdmin }, 'INVALID_ARGUMENT: choice must be one of YES, NO');
    await expectRejected(ledger, consortium, 'vote', [proposalId, 'YES'], { as: ids.cnClerk }, 'UNAUTHORIZED: this transaction needs an organisation admin identity (attribute role=admin)');
    await expectRejected(ledger, consortium, 'vote', [proposalId, 'YES'], { as: ids.sgAdmin }, 'UNAUTHORIZED: caller organisation SGBankMSP is not a consortium member');
    await expectRejected(ledger, consortium, 'vote', ['tx9999', 'YES'], { as: ids.usAdmin }, 'NOT_FOUND: proposal tx9999 does not exist');
    await expectRejected(ledger, consortium, 'vote', [proposalId, 'NO'], { as: ids.cnAdmin }, `ALREADY_VOTED: member CNBankMSP has already voted on proposal ${proposalId}`);
    ledger.setTime('2026-01-08T00:00:00Z');
    await expectRejected(ledger, consortium, 'vote', [proposalId, 'YES'], { as: ids.usAdmin }, `PROPOSAL_CLOSED: proposal ${proposalId} is EXPIRED`);
  });

  it('counts only members active when the proposal was made', async () => {
    const ledger = await bootstrappedLedger();
    const admission = await propose(ledger, admitSg());
    const later = await propose(ledger, suspend('JPBankMSP'), ids.usAdmin);
    for (const admin of [ids.cnAdmin, ids.usAdmin, ids.chAdmin]) {
      await vote(ledger, admission.proposalId, 'YES', admin);
    }
    await expectRejected(ledger, consortium, 'vote', [later.proposalId, 'YES'], { as: ids.sgAdmin }, `UNAUTHORIZED: member SGBankMSP was not active when proposal ${later.proposalId} was made`);
  });

  it('re-checks the action when executing: two clearing suspensions cannot both pass', async () => {
    const ledger = await bootstrappedLedger();
    const admitClearing = JSON.stringify({ action: 'ADMIT', member: { mspId: 'Clearing2MSP', name: 'Clearing 2', roles: ['CLEARING'] }, reason: 'redundancy' });
    const clearing2 = identity2();
    const admission = await propose(ledger, admitClearing);
    for (const admin of [ids.cnAdmin, ids.usAdmin, ids.jpAdmin]) {
      await vote(ledger, admission.proposalId, 'YES', admin);
    }
    const first = await propose(ledger, suspend('ClearingHouseMSP'));
    const second = await propose(ledger, suspend('Clearing2MSP'));
    expect(second.threshold).toBe(3);
    for (const admin of [ids.cnAdmin, ids.usAdmin, ids.jpAdmin]) {
      await vote(ledger, first.proposalId, 'YES', admin);
    }
    await vote(ledger, second.proposalId, 'YES', ids.cnAdmin);
    await vote(ledger, second.proposalId, 'YES', ids.usAdmin);
    await expectRejected(ledger, consortium, 'vote', [second.proposalId, 'YES'], { as: clearing2 }, 'INVALID_STATE: member Clearing2MSP is the last active CLEARING member');
  });
});

describe('Consortium concurrency and determinism', () => {
  it('two votes on one proposal endorsed on the same snapshot: the second must be resubmitted', async () => {
    const ledger = await bootstrappedLedger();
    const { proposalId } = await propose(ledger, admitSg());
    const a = await ledger.simulate(consortium, 'vote', [proposalId, 'YES'], { as: ids.cnAdmin });
    const b = await ledger.simulate(consortium, 'vote', [proposalId, 'YES'], { as: ids.usAdmin });
    // Each vote scans the proposal's votes to decide whether it executes (see ConsortiumContract.vote),
    // so the later one in the block sees a phantom. The retry counts both and is still correct.
    expect(ledger.commit(a, b)).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
    expect(await vote(ledger, proposalId, 'YES', ids.usAdmin)).toMatchObject({ status: 'OPEN', yes: 2 });
    expect(await vote(ledger, proposalId, 'YES', ids.jpAdmin)).toMatchObject({ status: 'EXECUTED', yes: 3 });
  });

  it('votes on different proposals endorsed on the same snapshot both commit', async () => {
    const ledger = await bootstrappedLedger();
    const admission = await propose(ledger, admitSg());
    const suspension = await propose(ledger, suspend('JPBankMSP'));
    const a = await ledger.simulate(consortium, 'vote', [admission.proposalId, 'YES'], { as: ids.cnAdmin });
    const b = await ledger.simulate(consortium, 'vote', [suspension.proposalId, 'NO'], { as: ids.cnAdmin });
    const c = await ledger.simulate(consortium, 'vote', [admission.proposalId, 'YES'], { as: ids.chAdmin });
    expect(ledger.commit(a, b)).toEqual(['VALID', 'VALID']);
    expect(ledger.commit(c)).toEqual(['PHANTOM_READ_CONFLICT']);
  });

  it('every transaction gives identical writes, events and responses on equal snapshots', async () => {
    const ledger = await bootstrappedLedger();
    const { proposalId } = await propose(ledger, admitSg());
    await vote(ledger, proposalId, 'YES', ids.cnAdmin);
    await vote(ledger, proposalId, 'YES', ids.usAdmin);
    const runs: [string, string[], typeof ids.cnAdmin][] = [
      ['vote', [proposalId, 'YES'], ids.jpAdmin],
      ['propose', [suspend('JPBankMSP')], ids.cnAdmin],
      ['listProposals', ['', '', ''], ids.cnAdmin],
    ];
    for (const [fn, args, as] of runs) {
      const fork = ledger.fork();
      const [x, y] = [await ledger.simulate(consortium, fn, args, { as }), await fork.simulate(consortium, fn, args, { as })];
      expect(x.error).toBeUndefined();
      expect(y.writes).toEqual(x.writes);
      expect(y.result).toBe(x.result);
      expect(y.event).toEqual(x.event);
    }
    const fresh = new FakeLedger();
    const forked = fresh.fork();
    const [x, y] = [
      await fresh.simulate(consortium, 'bootstrap', [JSON.stringify(MEMBERSHIP)], { as: ids.chAdmin }),
      await forked.simulate(consortium, 'bootstrap', [JSON.stringify(MEMBERSHIP)], { as: ids.chAdmin }),
    ];
    expect(y.writes).toEqual(x.writes);
    expect(y.result).toBe(x.result);
  });
});

describe('Consortium proposal expiry', () => {
  it('reads as EXPIRED after its window without any write, and expireProposal persists it', async () => {
    const ledger = await bootstrappedLedger();
    const { proposalId } = await propose(ledger, suspend('JPBankMSP', { validForSeconds: 3600 }));
    await expectRejected(ledger, consortium, 'expireProposal', [proposalId], { as: ids.usAdmin }, `INVALID_STATE: proposal ${proposalId} is open until 2026-01-01T01:00:00.000Z`);

    ledger.setTime('2026-01-01T01:00:00Z');
    const before = ledger.snapshot();
    const read = parse<Proposal>(await ledger.evaluate(consortium, 'getProposal', [proposalId], { as: ids.usAdmin }));
    expect(read.status).toBe('EXPIRED');
    const expired = parse<Page<Proposal>>(await ledger.evaluate(consortium, 'listProposals', ['EXPIRED', '', ''], { as: ids.usAdmin })).records;
    expect(expired.map((p) => p.proposalId)).toEqual([proposalId]);
    expect(parse<Page<Proposal>>(await ledger.evaluate(consortium, 'listProposals', ['OPEN', '', ''], { as: ids.usAdmin })).records).toEqual([]);
    expect(ledger.snapshot()).toEqual(before);

    const persisted = parse<Proposal>(await ledger.submit(consortium, 'expireProposal', [proposalId], { as: ids.usAdmin }));
    expect(persisted).toMatchObject({ status: 'EXPIRED', closedAt: '2026-01-01T01:00:00.000Z', yes: 0, no: 0 });
    expect(lastEvent(ledger)).toMatchObject({ name: 'ProposalExpired', payload: { proposalId, status: 'EXPIRED' } });
    expect(ledger.stateKeys().filter((key) => key.includes('proposal-lock'))).toEqual([]);
    await expectRejected(ledger, consortium, 'expireProposal', [proposalId], { as: ids.usAdmin }, `PROPOSAL_CLOSED: proposal ${proposalId} is EXPIRED`);
  });

  it('leaves a lock that a newer proposal took after the expiry', async () => {
    const ledger = await bootstrappedLedger();
    const old = await propose(ledger, suspend('JPBankMSP', { validForSeconds: 3600 }));
    ledger.setTime('2026-01-02T00:00:00Z');
    const current = await propose(ledger, suspend('JPBankMSP'));
    await ledger.submit(consortium, 'expireProposal', [old.proposalId], { as: ids.usAdmin });
    await expectRejected(ledger, consortium, 'propose', [suspend('JPBankMSP')], { as: ids.usAdmin }, `INVALID_STATE: proposal ${current.proposalId} about member:JPBankMSP is still open until 2026-01-09T00:00:00.000Z`);
  });

  it('rejects wrong callers and unknown proposals', async () => {
    const ledger = await bootstrappedLedger();
    await expectRejected(ledger, consortium, 'expireProposal', ['tx0042'], { as: ids.usAdmin }, 'NOT_FOUND');
    await expectRejected(ledger, consortium, 'expireProposal', ['tx0042'], { as: ids.sgAdmin }, 'UNAUTHORIZED');
    await expectRejected(ledger, consortium, 'expireProposal', [''], { as: ids.usAdmin }, 'INVALID_ARGUMENT');
  });
});

describe('Consortium:listProposals', () => {
  it('lists all proposals oldest first with their effective status', async () => {
    const ledger = await bootstrappedLedger();
    const a = await propose(ledger, suspend('JPBankMSP'));
    ledger.setTime('2026-01-03T00:00:00Z');
    const b = await propose(ledger, admitSg());
    const all = parse<Page<Proposal>>(await ledger.evaluate(consortium, 'listProposals', ['', '', ''], { as: ids.cnClerk })).records;
    expect(all.map((p) => [p.proposalId, p.status])).toEqual([
      [a.proposalId, 'OPEN'],
      [b.proposalId, 'OPEN'],
    ]);
  });
});

function identity2(): typeof ids.cnAdmin {
  return identityOf('Clearing2MSP', 'c2-admin', { role: 'admin' });
}
