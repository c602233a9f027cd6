import { common } from '@hyperledger/fabric-protos';
import { ChaincodeError, ErrorCodes, type XborderClient } from '../../gateway-client/src';
import { as, ensureConsortium, kycOf, onboardParty, oneYearFromNow, registerVerified, RUN } from './support/world';

const utf8 = new TextDecoder();

/**
 * One test per core contract on the real network, endorsed by several
 * organisations, as their own identities. The KYC test proves personal data
 * stays out of everything public: the block, the response and the event.
 */
describe('chaincode core on the network', () => {
  let cnOperator: XborderClient;
  let usOperator: XborderClient;
  let chOperator: XborderClient;

  beforeAll(async () => {
    await ensureConsortium();
    [cnOperator, usOperator, chOperator] = await Promise.all([as('cnbank', 'operator'), as('usbank', 'operator'), as('clearinghouse', 'operator')]);
  });
  afterAll(() => [cnOperator, usOperator, chOperator].forEach((client) => client?.close()));

  it('Consortium: lists the members with their roles, and a suspension voted down by a majority changes nothing', async () => {
    const members = await usOperator.consortium.listMembers();
    expect(members.map((m) => [m.mspId, m.status])).toEqual([
      ['CNBankMSP', 'ACTIVE'],
      ['ClearingHouseMSP', 'ACTIVE'],
      ['JPBankMSP', 'ACTIVE'],
      ['USBankMSP', 'ACTIVE'],
    ]);
    expect((await usOperator.consortium.listMembers('CLEARING')).map((m) => m.mspId)).toEqual(['ClearingHouseMSP']);

    // An earlier, interrupted run may have left a proposal about JPBank open; vote it down first.
    for (const open of (await cnOperator.consortium.listProposals('OPEN').all()).filter((p) => p.mspId === 'JPBankMSP')) {
      await voteDown(open.proposalId);
    }
    const proposal = await cnOperator.consortium.propose({ action: 'SUSPEND', mspId: 'JPBankMSP', reason: `integration test ${RUN}` });
    expect(proposal).toMatchObject({ status: 'OPEN', threshold: 3, electorate: ['CNBankMSP', 'ClearingHouseMSP', 'JPBankMSP', 'USBankMSP'] });
    await expect(usOperator.consortium.vote(proposal.proposalId, 'NO')).resolves.toMatchObject({ proposal: { status: 'OPEN' } });
    await expect(usOperator.consortium.vote(proposal.proposalId, 'NO')).rejects.toMatchObject({ code: ErrorCodes.ALREADY_VOTED });
    // Two NO of four: YES can no longer reach three, so the proposal is rejected.
    await expect(chOperator.consortium.vote(proposal.proposalId, 'NO')).resolves.toMatchObject({ proposal: { status: 'REJECTED' } });
    expect((await usOperator.consortium.getMember('JPBankMSP')).status).toBe('ACTIVE');
  });

  it('Party: KYC data goes only to the private collection, never into the block, the response or the event', async () => {
    await using verifier = await as('cnbank', 'verifier');
    const partyId = `CORE-KYC-${RUN}`;
    const kyc = kycOf('Shenzhen Export', `PRIVATE-${RUN}`);
    const startBlock = await chainHeight(cnOperator);

    const registered = await cnOperator.parties.register({ partyId, name: 'Shenzhen Export Co.', country: 'CN', roles: ['TRADER'] }, kyc);
    expect(registered.kyc.status).toBe('PENDING');
    expect(JSON.stringify(registered)).not.toContain(`PRIVATE-${RUN}`);

    const event = await firstEvent(cnOperator, startBlock, 'PartyRegistered', partyId);
    expect(utf8.decode(event.payload)).not.toContain(`PRIVATE-${RUN}`);
    const block = await cnOperator.network.getContract('qscc').evaluateTransaction('GetBlockByTxID', 'xborder', event.transactionId);
    expect(Buffer.from(block).includes(`PRIVATE-${RUN}`)).toBe(false);
    expect(Buffer.from(block).includes(partyId)).toBe(true);

    // The onboarding bank's verifier and the clearing house, members of kyc_CNBankMSP, read it.
    expect((await verifier.parties.getKycData(partyId)).kyc.legalName).toBe(kyc.legalName);
    expect((await chOperator.parties.getKycData(partyId)).kyc.legalName).toBe(kyc.legalName);
    await expect(usOperator.parties.getKycData(partyId)).rejects.toBeInstanceOf(ChaincodeError);

    const verified = await verifier.parties.verifyKyc(partyId, { level: 'ENHANCED', riskRating: 'LOW', expiresAt: oneYearFromNow() });
    expect(verified.kyc).toMatchObject({ status: 'VERIFIED', level: 'ENHANCED', riskRating: 'LOW' });
    await expect(cnOperator.parties.verifyKyc(partyId, { level: 'ENHANCED', riskRating: 'LOW', expiresAt: oneYearFromNow() })).rejects.toMatchObject({
      code: ErrorCodes.UNAUTHORIZED,
    });
  });

  it('Token: the issuer freezes an account, payments into it stop, and supply stays conserved', async () => {
    await using issuer = await as('cnbank', 'issuer');
    await using verifier = await as('cnbank', 'verifier');
    await using payer = await as('cnbank', 'user3');
    const [from, to] = [`CORE-PAY-${RUN}`, `CORE-RCV-${RUN}`];
    const cn = { operator: cnOperator, verifier };
    await onboardParty(cn, { partyId: from, name: from, country: 'CN', roles: ['TRADER'] }, [payer], 'MEDIUM');
    await registerVerified(cn, { partyId: to, name: to, country: 'CN', roles: ['TRADER'] }, 'MEDIUM');
    await issuer.tokens.mint({ currency: 'CNY', to: from, amount: 50_000n, depositRef: `CORE-DEP-${RUN}` });

    await issuer.tokens.freeze({ partyId: to, currency: 'CNY', reason: 'integration test' });
    const payment = { currency: 'CNY', from, to, amount: 1_000n, reference: `CORE-INV-${RUN}` };
    await expect(payer.tokens.transfer(payment)).rejects.toMatchObject({ code: ErrorCodes.ACCOUNT_FROZEN });
    await issuer.tokens.unfreeze({ partyId: to, currency: 'CNY', reason: 'integration test done' });
    await payer.tokens.transfer(payment);

    expect((await payer.tokens.getBalance(from, 'CNY')).balance).toBe(49_000n);
    expect((await payer.tokens.getBalance(to, 'CNY')).balance).toBe(1_000n);
    const check = await usOperator.tokens.checkSupply('CNY');
    expect(check.consistent).toBe(true);
  });

  it('FX: the clearing house posts a reference rate that becomes current and joins the pair history', async () => {
    const now = Date.now();
    const posted = await chOperator.fx.postRate({
      base: 'USD',
      quote: 'CNY',
      bid: '7.1234',
      ask: '7.1301',
      validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 3_600_000).toISOString(),
    });
    const current = await usOperator.fx.getReferenceRate('USD', 'CNY');
    expect(current).toMatchObject({ bid: '7.1234', ask: '7.1301', txId: posted.txId });
    expect((await usOperator.fx.listRates('USD', 'CNY').all()).map((r) => r.txId)).toContain(posted.txId);
    await expect(usOperator.fx.postRate({ ...posted, bid: '7.2', ask: '7.1' })).rejects.toBeInstanceOf(ChaincodeError);
  });

  it("answers Fabric's standard metadata query with every contract and its transactions", async () => {
    const metadata = JSON.parse(utf8.decode(await usOperator.contract.evaluateTransaction('org.hyperledger.fabric:GetMetadata'))) as {
      contracts: Record<string, { transactions: { name: string }[] }>;
    };
    expect(Object.keys(metadata.contracts)).toEqual(expect.arrayContaining(['Consortium', 'Party', 'Token', 'FX', 'Health', 'Quotation', 'Order']));
    expect(metadata.contracts.Token.transactions.map((t) => t.name)).toEqual(expect.arrayContaining(['mint', 'transfer', 'balanceOf']));
  });

  it('describes its own API as JSON Schema, the same from every organisation, and refuses what the schema refuses', async () => {
    const api = await usOperator.api.describe();
    const mint = api.transactions['Token:mint'];
    expect(mint.kind).toBe('submit');
    expect(mint.parameters[0]).toMatchObject({ name: 'mintJson', encoding: 'json', schema: { type: 'object', required: ['currency', 'to', 'amount', 'depositRef'] } });
    expect(Object.keys(mint.parameters[0].schema.properties as object).sort()).toEqual(['amount', 'currency', 'depositRef', 'to']);
    expect(api.$defs[(mint.result.schema.$ref as string).replace('#/$defs/', '')]).toMatchObject({ type: 'object' });
    const metadata = JSON.parse(utf8.decode(await usOperator.contract.evaluateTransaction('org.hyperledger.fabric:GetMetadata'))) as {
      contracts: Record<string, { transactions: { name: string }[] }>;
    };
    const listed = Object.entries(metadata.contracts)
      .filter(([name]) => name !== 'org.hyperledger.fabric')
      .flatMap(([name, contract]) => contract.transactions.map((transaction) => `${name}:${transaction.name}`));
    expect(Object.keys(api.transactions).sort()).toEqual(listed.sort());
    expect(await chOperator.api.describe()).toEqual(api);
    // Sent past the client's own check, a malformed id is refused by the chaincode with the code the schema implies.
    await expect(usOperator.contract.evaluateTransaction('Order:getOrder', 'not-an-order')).rejects.toThrow(/INVALID_ARGUMENT: orderId must be an order id/);
  });

  async function voteDown(proposalId: string): Promise<void> {
    for (const voter of [usOperator, chOperator]) {
      await voter.consortium.vote(proposalId, 'NO').catch((err: unknown) => {
        if (!(err instanceof ChaincodeError && (err.is(ErrorCodes.ALREADY_VOTED) || err.is(ErrorCodes.PROPOSAL_CLOSED)))) throw err;
      });
    }
  }
});

async function chainHeight(client: XborderClient): Promise<bigint> {
  const info = await client.network.getContract('qscc').evaluateTransaction('GetChainInfo', 'xborder');
  return BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
}

/** The raw chaincode event a transaction emitted, read from the peer's event service. */
async function firstEvent(client: XborderClient, startBlock: bigint, name: string, mentioning: string) {
  const events = await client.network.getChaincodeEvents('xborder', { startBlock });
  try {
    for await (const event of events) {
      if (event.eventName === name && utf8.decode(event.payload).includes(mentioning)) {
        return event;
      }
    }
  } finally {
    events.close();
  }
  throw new Error(`no ${name} event for ${mentioning}`);
}
