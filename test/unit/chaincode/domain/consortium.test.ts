import {
  applyProposal,
  checkBootstrapCaller,
  checkProposalApplies,
  checkVoter,
  closeProposal,
  effectiveProposalStatus,
  newMember,
  newProposal,
  proposalLocks,
  proposalSubject,
  requireOpenProposal,
  strictMajority,
  tallyVotes,
  validateMembership,
} from '../../../../chaincode/src/domain/consortium';
import { Member, MemberInput, Proposal, ProposalInput, Vote } from '../../../../model/src/consortium';
import { errorOf } from '../expect-error';

const AT = '2026-01-01T00:00:00.000Z';

function input(mspId: string, roles: MemberInput['roles'], issuerOf: string[] = []): MemberInput {
  return { mspId, name: mspId, roles, issuerOf, shareKycWithClearing: false };
}

const membership = [input('CNBankMSP', ['ISSUER'], ['CNY']), input('USBankMSP', ['ISSUER', 'LIQUIDITY'], ['USD']), input('ClearingHouseMSP', ['CLEARING'])];
const members: Member[] = membership.map((m) => newMember(m, AT));

function vote(mspId: string, choice: Vote['choice']): Vote {
  return { proposalId: 'p1', mspId, choice, voter: `x509::CN=${mspId}::CN=ca`, votedAt: AT };
}

function proposalFor(request: ProposalInput, electorate: Member[] = members): Proposal {
  return newProposal(request, { proposalId: 'p1', proposedBy: 'CNBankMSP', at: AT, members: electorate });
}

const suspendUs: ProposalInput = { action: 'SUSPEND', mspId: 'USBankMSP', reason: 'audit', validForSeconds: 3600 };

describe('validateMembership', () => {
  it('accepts distinct members with one issuer per currency and a clearing house', () => {
    expect(errorOf(() => validateMembership(membership))).toBe('no error');
  });

  it.each([
    [[...membership, input('CNBankMSP', ['LIQUIDITY'])], 'INVALID_ARGUMENT: member CNBankMSP is listed twice'],
    [[...membership, input('HKBankMSP', ['ISSUER'], ['USD'])], 'INVALID_ARGUMENT: currency USD has two issuers: USBankMSP and HKBankMSP'],
    [membership.slice(0, 2), 'INVALID_ARGUMENT: the membership needs at least one member with role CLEARING'],
  ])('rejects an invalid membership (%#)', (list, message) => {
    expect(errorOf(() => validateMembership(list))).toBe(message);
  });
});

describe('checkBootstrapCaller', () => {
  it('accepts an admin of a listed organisation', () => {
    expect(errorOf(() => checkBootstrapCaller('ClearingHouseMSP', true, membership))).toBe('no error');
  });
  it('rejects a non-admin and an outsider', () => {
    expect(errorOf(() => checkBootstrapCaller('ClearingHouseMSP', false, membership))).toBe('UNAUTHORIZED: bootstrap needs an admin identity (attribute role=admin)');
    expect(errorOf(() => checkBootstrapCaller('EvilMSP', true, membership))).toBe('UNAUTHORIZED: caller organisation EvilMSP is not in the initial membership');
  });
});

describe('strictMajority', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
  ])('of %i members is %i', (size, needed) => {
    expect(strictMajority(size)).toBe(needed);
  });
});

describe('newProposal', () => {
  it('counts the electorate from the members active at creation', () => {
    const suspended = members.map((m) => (m.mspId === 'CNBankMSP' ? { ...m, status: 'SUSPENDED' as const } : m));
    const proposal = proposalFor(suspendUs, suspended);
    expect(proposal).toEqual({
      proposalId: 'p1',
      action: 'SUSPEND',
      mspId: 'USBankMSP',
      reason: 'audit',
      proposedBy: 'CNBankMSP',
      proposedAt: AT,
      expiresAt: '2026-01-01T01:00:00.000Z',
      electorate: ['ClearingHouseMSP', 'USBankMSP'],
      threshold: 2,
      status: 'OPEN',
    });
  });

  it('keeps the member to admit', () => {
    const admit: ProposalInput = { action: 'ADMIT', member: input('SGBankMSP', ['ISSUER'], ['SGD']), reason: 'r', validForSeconds: 3600 };
    expect(proposalFor(admit)).toMatchObject({ mspId: 'SGBankMSP', member: admit.member, threshold: 2 });
    expect(proposalLocks(proposalSubject(admit))).toEqual(['member:SGBankMSP', 'currency:SGD']);
    expect(proposalLocks(proposalSubject(suspendUs))).toEqual(['member:USBankMSP']);
  });
});

describe('checkProposalApplies', () => {
  const suspended = members.map((m) => (m.mspId === 'USBankMSP' ? { ...m, status: 'SUSPENDED' as const } : m));
  it.each([
    [{ action: 'ADMIT', mspId: 'SGBankMSP', member: input('SGBankMSP', ['LIQUIDITY']) }, members, 'no error'],
    [{ action: 'ADMIT', mspId: 'USBankMSP', member: input('USBankMSP', ['LIQUIDITY']) }, members, 'ALREADY_EXISTS: organisation USBankMSP is already a member (ACTIVE)'],
    [{ action: 'ADMIT', mspId: 'SGBankMSP', member: input('SGBankMSP', ['ISSUER'], ['USD']) }, members, 'ALREADY_EXISTS: currency USD is already issued by USBankMSP'],
    [{ action: 'ADMIT', mspId: 'SGBankMSP' }, members, 'INVALID_STATE: ADMIT proposal for SGBankMSP has no member record'],
    [{ action: 'SUSPEND', mspId: 'USBankMSP' }, members, 'no error'],
    [{ action: 'SUSPEND', mspId: 'SGBankMSP' }, members, 'NOT_FOUND: organisation SGBankMSP is not a member'],
    [{ action: 'SUSPEND', mspId: 'USBankMSP' }, suspended, 'INVALID_STATE: member USBankMSP is already SUSPENDED'],
    [{ action: 'SUSPEND', mspId: 'ClearingHouseMSP' }, members, 'INVALID_STATE: member ClearingHouseMSP is the last active CLEARING member'],
    [{ action: 'REINSTATE', mspId: 'USBankMSP' }, suspended, 'no error'],
    [{ action: 'REINSTATE', mspId: 'USBankMSP' }, members, 'INVALID_STATE: member USBankMSP is ACTIVE, not SUSPENDED'],
  ] as const)('%j', (subject, list, message) => {
    expect(errorOf(() => checkProposalApplies(subject, list))).toBe(message);
  });

  it('allows suspending one clearing member while another stays active', () => {
    const twoClearing = [...members, newMember(input('Clearing2MSP', ['CLEARING']), AT)];
    expect(errorOf(() => checkProposalApplies({ action: 'SUSPEND', mspId: 'ClearingHouseMSP' }, twoClearing))).toBe('no error');
  });
});

describe('proposal status and voting', () => {
  const proposal = proposalFor(suspendUs);

  it('is OPEN until expiresAt and EXPIRED from then on, without a write', () => {
    expect(effectiveProposalStatus(proposal, '2026-01-01T00:59:59.999Z')).toBe('OPEN');
    expect(effectiveProposalStatus(proposal, '2026-01-01T01:00:00.000Z')).toBe('EXPIRED');
    expect(errorOf(() => requireOpenProposal(proposal, '2026-01-01T01:00:00.000Z'))).toBe('PROPOSAL_CLOSED: proposal p1 is EXPIRED');
    expect(effectiveProposalStatus(closeProposal(proposal, 'EXECUTED', AT), '2027-01-01T00:00:00.000Z')).toBe('EXECUTED');
  });

  it('lets only the electorate vote', () => {
    expect(errorOf(() => checkVoter(proposal, 'USBankMSP'))).toBe('no error');
    expect(errorOf(() => checkVoter(proposal, 'SGBankMSP'))).toBe('UNAUTHORIZED: member SGBankMSP was not active when proposal p1 was made');
  });

  it.each([
    [[], { yes: 0, no: 0, outcome: 'OPEN' }],
    [[vote('CNBankMSP', 'YES')], { yes: 1, no: 0, outcome: 'OPEN' }],
    [[vote('CNBankMSP', 'YES'), vote('ClearingHouseMSP', 'YES')], { yes: 2, no: 0, outcome: 'EXECUTED' }],
    [[vote('CNBankMSP', 'NO'), vote('USBankMSP', 'NO')], { yes: 0, no: 2, outcome: 'REJECTED' }],
    [[vote('CNBankMSP', 'YES'), vote('USBankMSP', 'NO')], { yes: 1, no: 1, outcome: 'OPEN' }],
    [[vote('SGBankMSP', 'YES'), vote('CNBankMSP', 'YES')], { yes: 1, no: 0, outcome: 'OPEN' }],
  ])('tallies %j', (votes, tally) => {
    expect(tallyVotes(proposal, votes)).toEqual(tally);
  });

  it('rejects an even electorate on a tie, since YES can no longer reach a strict majority', () => {
    const four = proposalFor(suspendUs, [...members, newMember(input('JPBankMSP', ['LIQUIDITY']), AT)]);
    expect(four.threshold).toBe(3);
    expect(tallyVotes(four, [vote('CNBankMSP', 'YES'), vote('JPBankMSP', 'YES'), vote('USBankMSP', 'NO')]).outcome).toBe('OPEN');
    expect(tallyVotes(four, [vote('CNBankMSP', 'YES'), vote('USBankMSP', 'NO'), vote('JPBankMSP', 'NO')]).outcome).toBe('REJECTED');
  });

  it('records the final counts when closing', () => {
    expect(closeProposal(proposal, 'REJECTED', AT, { yes: 0, no: 2, outcome: 'REJECTED' })).toMatchObject({ status: 'REJECTED', closedAt: AT, yes: 0, no: 2 });
  });
});

describe('applyProposal', () => {
  const later = '2026-02-01T00:00:00.000Z';
  it('admits, suspends and reinstates', () => {
    const admit = proposalFor({ action: 'ADMIT', member: input('SGBankMSP', ['LIQUIDITY']), reason: 'r', validForSeconds: 3600 });
    expect(applyProposal(admit, undefined, later)).toEqual({ ...input('SGBankMSP', ['LIQUIDITY']), status: 'ACTIVE', admittedAt: later, updatedAt: later });
    const us = members[1];
    const suspended = applyProposal(proposalFor(suspendUs), us, later);
    expect(suspended).toEqual({ ...us, status: 'SUSPENDED', updatedAt: later });
    expect(applyProposal({ action: 'REINSTATE', mspId: 'USBankMSP' }, suspended, later).status).toBe('ACTIVE');
  });

  it('needs the target of a suspension', () => {
    expect(errorOf(() => applyProposal({ action: 'SUSPEND', mspId: 'SGBankMSP' }, undefined, later))).toBe('NOT_FOUND: organisation SGBankMSP is not a member');
  });
});
