import { Context, Contract, Transaction } from 'fabric-contract-api';
import { FakeLedger, identity, networkCollections } from '../../support';

/** Reads, writes and hashes one private key, as the chaincode's KYC code does. */
class PrivateProbe extends Contract {
  constructor() {
    super('PrivateProbe');
  }

  @Transaction()
  async write(ctx: Context, collection: string, key: string, value: string): Promise<string> {
    await ctx.stub.putPrivateData(collection, key, Buffer.from(value));
    return '';
  }

  @Transaction(false)
  async read(ctx: Context, collection: string, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getPrivateData(collection, key)).toString('utf8');
  }

  @Transaction(false)
  async hash(ctx: Context, collection: string, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getPrivateDataHash(collection, key)).toString('hex');
  }
}

describe('private data collections in the in-memory ledger', () => {
  const probe = new PrivateProbe();
  const cnClerk = identity('CNBankMSP', 'clerk');
  const usClerk = identity('USBankMSP', 'clerk');
  const chClerk = identity('ClearingHouseMSP', 'clerk');

  it('are the ones the network deploys the chaincode with', () => {
    expect(networkCollections()).toEqual(
      expect.arrayContaining([
        { name: 'kyc_CNBankMSP', members: ['CNBankMSP', 'ClearingHouseMSP'], memberOnlyRead: true, memberOnlyWrite: true },
        { name: 'kyc_ClearingHouseMSP', members: ['ClearingHouseMSP'], memberOnlyRead: true, memberOnlyWrite: false },
      ]),
    );
  });

  it('refuses a collection the chaincode definition does not declare, as a peer does', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.submit(probe, 'write', ['kyc_SGBankMSP', 'k', 'v'], { as: cnClerk })).rejects.toThrow(
      'collection xborder/xborder/kyc_SGBankMSP could not be found',
    );
    await expect(ledger.evaluate(probe, 'hash', ['kyc_SGBankMSP', 'k'], { as: cnClerk })).rejects.toThrow('could not be found');
  });

  it('lets only clients of member organisations write a memberOnlyWrite collection and read a memberOnlyRead one', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.submit(probe, 'write', ['kyc_CNBankMSP', 'k', 'v'], { as: usClerk })).rejects.toThrow(
      'tx creator does not have write access permission on privatedata in chaincodeName:xborder collectionName: kyc_CNBankMSP',
    );
    await ledger.submit(probe, 'write', ['kyc_CNBankMSP', 'k', 'v'], { as: cnClerk });
    await expect(ledger.evaluate(probe, 'read', ['kyc_CNBankMSP', 'k'], { as: usClerk })).rejects.toThrow('does not have read access permission');
    expect(await ledger.evaluate(probe, 'read', ['kyc_CNBankMSP', 'k'], { as: chClerk })).toBe('v');
    // kyc_ClearingHouseMSP is not memberOnlyWrite: a bank may write its parties' data there.
    await ledger.submit(probe, 'write', ['kyc_ClearingHouseMSP', 'k', 'w'], { as: cnClerk });
  });

  it('gives a peer outside the collection hashes only, never the values', async () => {
    const ledger = new FakeLedger();
    await ledger.submit(probe, 'write', ['kyc_CNBankMSP', 'k', 'v'], { as: cnClerk, peerMspId: 'USBankMSP' });
    const hash = await ledger.evaluate(probe, 'hash', ['kyc_CNBankMSP', 'k'], { as: cnClerk, peerMspId: 'USBankMSP' });
    expect(hash).toBe('4c94485e0c21ae6c41ce1dfe7b6bfaceea5ab68e40a2476f50208e526f506080');
    await expect(ledger.evaluate(probe, 'read', ['kyc_CNBankMSP', 'k'], { as: cnClerk, peerMspId: 'USBankMSP' })).rejects.toThrow(
      'private data matching public hash version is not available',
    );
    expect(await ledger.evaluate(probe, 'read', ['kyc_CNBankMSP', 'k'], { as: cnClerk, peerMspId: 'CNBankMSP' })).toBe('v');
    // An absent key reads as empty everywhere: there is no hash to miss.
    expect(await ledger.evaluate(probe, 'read', ['kyc_CNBankMSP', 'none'], { as: cnClerk, peerMspId: 'USBankMSP' })).toBe('');
  });
});
