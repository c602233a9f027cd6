import {
  DEFAULT_PROPOSAL_VALIDITY_SECONDS,
  parseBootstrapInput,
  parseProposalInput,
} from '../../../../model/src/consortium';
import { errorOf } from '../expect-error';

const clearing = { mspId: 'ClearingHouseMSP', name: 'CBS', roles: ['CLEARING'] };

describe('parseBootstrapInput', () => {
  it('normalises roles to table order, sorts currencies and defaults optional fields', () => {
    const input = parseBootstrapInput(
      JSON.stringify({ members: [{ mspId: 'USBankMSP', name: 'US Bank', roles: ['LIQUIDITY', 'ISSUER'], issuerOf: ['USD', 'EUR'] }, clearing] }),
    );
    expect(input.members).toEqual([
      { mspId: 'USBankMSP', name: 'US Bank', roles: ['ISSUER', 'LIQUIDITY'], issuerOf: ['EUR', 'USD'], shareKycWithClearing: false },
      { mspId: 'ClearingHouseMSP', name: 'CBS', roles: ['CLEARING'], issuerOf: [], shareKycWithClearing: false },
    ]);
  });

  it.each([
    ['not JSON', 'INVALID_ARGUMENT: bootstrap is not valid JSON'],
    [{}, 'INVALID_ARGUMENT: bootstrap.members is required'],
    [{ members: [] }, 'INVALID_ARGUMENT: bootstrap.members must have 1 to 100 items'],
    [{ members: [clearing], extra: 1 }, 'INVALID_ARGUMENT: bootstrap has unknown field(s) extra; allowed: members'],
    [{ members: [{ ...clearing, admin: true }] }, 'INVALID_ARGUMENT: bootstrap.members[0] has unknown field(s) admin; allowed: mspId, name, roles, issuerOf, shareKycWithClearing'],
    [{ members: [{ ...clearing, mspId: 'bad id' }] }, 'INVALID_ARGUMENT: bootstrap.members[0].mspId must be an MSP id (letters, digits, dot, dash)'],
    [{ members: [{ ...clearing, roles: [] }] }, 'INVALID_ARGUMENT: bootstrap.members[0].roles must have 1 to 3 items'],
    [{ members: [{ ...clearing, roles: ['BANK'] }] }, 'INVALID_ARGUMENT: bootstrap.members[0].roles[0] must be one of ISSUER, LIQUIDITY, CLEARING'],
    [{ members: [{ ...clearing, issuerOf: ['usd'] }] }, 'INVALID_ARGUMENT: bootstrap.members[0].issuerOf[0] must be an ISO 4217 code of three capital letters'],
    [{ members: [{ ...clearing, issuerOf: ['USD'] }] }, 'INVALID_ARGUMENT: member ClearingHouseMSP: issuerOf must list at least one currency exactly when roles include ISSUER'],
    [{ members: [{ ...clearing, roles: ['ISSUER'] }] }, 'INVALID_ARGUMENT: member ClearingHouseMSP: issuerOf must list at least one currency exactly when roles include ISSUER'],
    [{ members: [{ ...clearing, shareKycWithClearing: 'yes' }] }, 'INVALID_ARGUMENT: bootstrap.members[0].shareKycWithClearing must be true or false'],
  ])('rejects %j', (input, message) => {
    expect(errorOf(() => parseBootstrapInput(typeof input === 'string' ? input : JSON.stringify(input)))).toBe(message);
  });
});

describe('parseProposalInput', () => {
  it('parses an admission with the default validity window', () => {
    const input = parseProposalInput(JSON.stringify({ action: 'ADMIT', member: { mspId: 'SGBankMSP', name: 'SG Bank', roles: ['LIQUIDITY'] }, reason: 'new market' }));
    expect(input).toEqual({
      action: 'ADMIT',
      member: { mspId: 'SGBankMSP', name: 'SG Bank', roles: ['LIQUIDITY'], issuerOf: [], shareKycWithClearing: false },
      reason: 'new market',
      validForSeconds: DEFAULT_PROPOSAL_VALIDITY_SECONDS,
    });
  });

  it('parses a suspension with its own window', () => {
    expect(parseProposalInput(JSON.stringify({ action: 'SUSPEND', mspId: 'JPBankMSP', reason: 'audit', validForSeconds: 3600 }))).toEqual({
      action: 'SUSPEND',
      mspId: 'JPBankMSP',
      reason: 'audit',
      validForSeconds: 3600,
    });
  });

  it.each([
    [{ action: 'DISSOLVE', mspId: 'X', reason: 'r' }, 'INVALID_ARGUMENT: proposal.action must be one of ADMIT, SUSPEND, REINSTATE'],
    [{ action: 'SUSPEND', mspId: 'X' }, 'INVALID_ARGUMENT: proposal.reason is required'],
    [{ action: 'SUSPEND', reason: 'r' }, 'INVALID_ARGUMENT: proposal.mspId is required'],
    [{ action: 'SUSPEND', mspId: 'X', reason: 'r', member: {} }, 'INVALID_ARGUMENT: proposal has unknown field(s) member; allowed: action, mspId, reason, validForSeconds'],
    [{ action: 'ADMIT', mspId: 'X', reason: 'r' }, 'INVALID_ARGUMENT: proposal has unknown field(s) mspId; allowed: action, member, reason, validForSeconds'],
    [{ action: 'ADMIT', reason: 'r' }, 'INVALID_ARGUMENT: proposal.member is required'],
    [{ action: 'REINSTATE', mspId: 'X', reason: 'r', validForSeconds: 60 }, 'INVALID_ARGUMENT: proposal.validForSeconds must be an integer from 3600 to 2592000'],
    [{ action: 'REINSTATE', mspId: 'X', reason: 'r', validForSeconds: '3600' }, 'INVALID_ARGUMENT: proposal.validForSeconds must be an integer from 3600 to 2592000'],
  ])('rejects %j', (input, message) => {
    expect(errorOf(() => parseProposalInput(JSON.stringify(input)))).toBe(message);
  });
});
