import { ChaincodeError, CommitFailedError, ErrorCodes, TransportError, type DomainEvent, type OrderResult, type Party } from '../../../gateway-client/src';
import { UsageError } from '../../../cli/src/args';
import { describeError, errorCode } from '../../../cli/src/errors';
import { identityName, renderEvent, renderNetworkStatus, renderOrderList, renderParty, renderSupply } from '../../../cli/src/views';

const party: Party = {
  partyId: 'SZ-EXPORTER-1',
  name: 'Shenzhen Lumen Electronics',
  mspId: 'CNBankMSP',
  country: 'CN',
  roles: ['TRADER'],
  identities: ['x509::/OU=client/CN=user1::/O=cnbank.xborder.test/CN=ca.cnbank.xborder.test'],
  kyc: {
    status: 'VERIFIED',
    level: 'STANDARD',
    riskRating: 'LOW',
    dataHash: 'ab'.repeat(32),
    collections: ['kyc_CNBankMSP'],
    submittedAt: '2026-03-01T10:00:00.000Z',
    submittedBy: 'x509::/OU=client/CN=operator::/O=cnbank.xborder.test/CN=ca.cnbank.xborder.test',
    verifier: 'x509::/OU=client/CN=verifier::/O=cnbank.xborder.test/CN=ca.cnbank.xborder.test',
    verifiedAt: '2026-03-01T10:00:01.000Z',
    expiresAt: '2027-03-01T10:00:00.000Z',
  },
  sanctioned: false,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:01.000Z',
};

describe('views', () => {
  it('names identities by their common name', () => {
    expect(identityName(party.identities[0])).toBe('user1');
    expect(identityName('not an id')).toBe('not an id');
  });

  it('shows a party with its KYC state and no personal data', () => {
    const text = renderParty(party);
    expect(text).toContain('KYC status:   VERIFIED');
    expect(text).toContain('Verified:     2026-03-01T10:00:01.000Z by verifier');
    expect(text).toContain('Identities:   user1');
    expect(text).toContain('Sanctioned:   no');
    expect(text).not.toContain('Reason');
  });

  it('says whether the supply invariant holds', () => {
    const check = { currency: 'USD', minted: 265_000_00n, redeemed: 0n, outstanding: 265_000_00n, held: 265_000_00n, accounts: 7, consistent: true };
    expect(renderSupply(check, 2)).toContain('Held:        265,000.00 USD in 7 accounts');
    expect(renderSupply(check, 2)).toContain('Invariant:   holds');
    expect(renderSupply({ ...check, held: 1n, consistent: false }, 2)).toContain('BROKEN');
  });

  it('lists orders in major units of each currency', () => {
    const order = { orderId: 'ORD-20260301-0123456789abcdef', status: 'SETTLED', sellerId: 'S', buyerId: 'B', amount: 4_900_000n, currency: 'JPY', settlementCurrency: 'CNY', updatedAt: 'T' } as OrderResult;
    expect(renderOrderList([order], (c) => (c === 'JPY' ? 0 : 2))).toContain('4,900,000 JPY');
    expect(renderOrderList([], () => 2)).toBe('no orders');
  });

  it('shows an event on one line with its main fields', () => {
    const known = { name: 'TokensMinted', transactionId: 'f'.repeat(64), blockNumber: 42n, payload: { currency: 'USD', to: 'P1', amount: 500n } } as unknown as DomainEvent;
    expect(renderEvent(known)).toBe(`block 42  ${'f'.repeat(12)}…  TokensMinted  currency=USD to=P1 amount=500`);
    const trade: DomainEvent = { name: 'Unrecognised', eventName: 'OrderSettled', transactionId: 'abc', blockNumber: 7n, payload: { orderId: 'ORD-1', status: 'SETTLED' } };
    expect(renderEvent(trade)).toBe('block 7  abc  OrderSettled  orderId=ORD-1 status=SETTLED');
  });

  it('shows a down organisation with the reason', () => {
    const text = renderNetworkStatus([
      { org: 'cnbank', mspId: 'CNBankMSP', endpoint: '127.0.0.1:7030', up: true, chaincodeVersion: '0.1.0', height: 72n, latencyMs: 45 },
      { org: 'jpbank', up: false, error: 'UNAVAILABLE: No connection established' },
    ]);
    expect(text).toMatch(/cnbank +CNBankMSP +127\.0\.0\.1:7030 +up +72 +0\.1\.0 +45ms/);
    expect(text).toContain('DOWN: UNAVAILABLE: No connection established');
  });
});

describe('errors as one line', () => {
  it('leads with the chaincode code and names the transaction of a refused write', () => {
    const err = new ChaincodeError(ErrorCodes.INSUFFICIENT_FUNDS, 'party P1 holds 5 USD,\nneeds 10', { stage: 'endorse', transactionId: 'tx1' });
    expect(errorCode(err)).toBe('INSUFFICIENT_FUNDS');
    expect(describeError(err)).toBe('INSUFFICIENT_FUNDS: party P1 holds 5 USD, needs 10 (transaction tx1)');
  });

  it('leaves out the transaction of a refused query', () => {
    const err = new ChaincodeError(ErrorCodes.NOT_FOUND, 'party X does not exist', { stage: 'evaluate', transactionId: 'tx2' });
    expect(describeError(err)).toBe('NOT_FOUND: party X does not exist');
  });

  it('names validation codes, gRPC statuses and usage errors', () => {
    const commit = new CommitFailedError({ transactionId: 'tx3', validationCode: 11, validationName: 'MVCC_READ_CONFLICT', attempts: 5 });
    expect(describeError(commit)).toBe('MVCC_READ_CONFLICT: transaction tx3 failed validation with MVCC_READ_CONFLICT after 5 attempts (transaction tx3)');
    expect(errorCode(new TransportError('No connection established', { stage: 'evaluate', grpcCode: 14 }))).toBe('UNAVAILABLE');
    expect(errorCode(new UsageError('bad'))).toBe('USAGE');
    expect(describeError(new Error('cannot read connection profile x.json'))).toBe('ERROR: cannot read connection profile x.json');
  });
});
