import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { ChaincodeError, checkpointers, commitOf, connect, type DomainEvent, ErrorCodes, type XborderClient } from '../../gateway-client/src';
import { as, ensureConsortium, kycOf, profileOf, registerVerified as registerVerifiedParty, RUN } from './support/world';

/**
 * @xborder/gateway-client against the running network, as member
 * organisations use it. The ledger persists across runs, so everything this
 * suite creates carries a per-run suffix, and shared state (the consortium,
 * the parties bound to the users) is checked before it is created.
 */
describe('gateway-client: connecting and reading', () => {
  it('connects as a JPBank client from the connection profile and pings the chaincode', async () => {
    await using client = await connect({ profile: profileOf('jpbank') });
    expect(client.mspId).toBe('JPBankMSP');
    expect(await client.health.ping()).toMatchObject({ chaincode: 'xborder', mspId: 'JPBankMSP' });
  });

  it('reads typed results and turns a chaincode refusal into a ChaincodeError with the peer details', async () => {
    await using client = await connect({ profile: profileOf('jpbank') });
    expect((await client.tokens.getCurrency('JPY')).minorUnits).toBe(0);
    const failure = client.parties.get(`NO-SUCH-PARTY-${RUN}`);
    await expect(failure).rejects.toBeInstanceOf(ChaincodeError);
    await expect(failure).rejects.toMatchObject({ code: ErrorCodes.NOT_FOUND, stage: 'evaluate', transactionId: expect.any(String) });
  });

  it('writes through endorsement, ordering and commit, and finds the transaction by id', async () => {
    await using client = await connect({ profile: profileOf('cnbank') });
    const heartbeat = await client.health.heartbeat();
    expect(heartbeat.mspId).toBe('CNBankMSP');
    expect(await client.transactionStatus(heartbeat.txId)).toMatchObject({ successful: true, name: 'VALID' });
    expect(await client.transactionStatus(`unknown-${RUN.toLowerCase()}`)).toBeUndefined();
  });
});

describe('gateway-client: onboarding, minting and paying as JPBank users', () => {
  let operator: XborderClient;
  let verifier: XborderClient;
  let issuer: XborderClient;
  let payer: XborderClient;
  let currency: string;
  let startBlock: bigint;
  let partyA: string;
  let partyB: string;
  let checkpointDir: string;
  const ourTransactions: string[] = [];

  beforeAll(async () => {
    [operator, verifier, issuer, payer] = await Promise.all([as('jpbank', 'operator'), as('jpbank', 'verifier'), as('jpbank', 'issuer'), as('jpbank', 'user1')]);
    checkpointDir = mkdtempSync(path.join(tmpdir(), 'xborder-gc-'));
    const info = await operator.network.getContract('qscc').evaluateTransaction('GetChainInfo', 'xborder');
    startBlock = BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
    await ensureConsortium();
    currency = (await operator.consortium.getMember('JPBankMSP')).issuerOf[0];
    if (!currency) {
      throw new Error('the consortium on this ledger has JPBankMSP issuing no currency; these tests need it to issue one');
    }
  });

  afterAll(() => {
    for (const client of [operator, verifier, issuer, payer]) {
      client?.close();
    }
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  async function registerVerified(partyId: string): Promise<void> {
    const verified = await registerVerifiedParty({ operator, verifier }, { partyId, name: `Party ${partyId}`, country: 'JP', roles: ['TRADER'] });
    expect(verified.kyc.status).toBe('VERIFIED');
  }

  /** The party a user acts for: bound on an earlier run, or registered, verified and bound now. */
  async function partyOf(user: XborderClient, prefix: string): Promise<string> {
    const bound = (await operator.parties.list('JPBankMSP').all()).find((p) => p.identities.includes(user.identityId) && p.kyc.status === 'VERIFIED' && !p.sanctioned);
    if (bound) {
      return bound.partyId;
    }
    const partyId = `${prefix}-${RUN}`;
    await registerVerified(partyId);
    await operator.parties.bindIdentity(partyId, user.identityId);
    return partyId;
  }

  it('registers a party with its KYC data private to JPBank and the clearing house, and verifies it', async () => {
    const partyId = `GC-KYC-${RUN}`;
    await registerVerified(partyId);
    const party = await payer.parties.get(partyId);
    expect(party).toMatchObject({ partyId, mspId: 'JPBankMSP', kyc: { status: 'VERIFIED', collections: expect.arrayContaining(['kyc_JPBankMSP']) } });
    expect(JSON.stringify(party)).not.toContain(kycOf(partyId).legalName);
    expect(JSON.stringify(party)).not.toContain(`Owner ${RUN}`);
    const privateRecord = await verifier.parties.getKycData(partyId);
    expect(privateRecord.kyc.legalName).toBe(kycOf(partyId).legalName);
    await expect(payer.parties.getKycData(partyId)).rejects.toMatchObject({ code: ErrorCodes.UNAUTHORIZED });
  });

  it('mints against a deposit reference once, however often it is sent', async () => {
    partyA = await partyOf(payer, 'GC-A');
    const before = (await payer.tokens.getBalance(partyA, currency)).balance;
    const request = { currency, to: partyA, amount: 1_000_000n, depositRef: `GC-DEP-${RUN}` };
    const first = await issuer.tokens.mint(request);
    const again = await issuer.tokens.mint(request);
    expect(again.txId).toBe(first.txId);
    expect(first.amount).toBe(1_000_000n);
    expect((await payer.tokens.getBalance(partyA, currency)).balance).toBe(before + 1_000_000n);
    await expect(issuer.tokens.mint({ ...request, amount: 5n })).rejects.toMatchObject({ code: ErrorCodes.DUPLICATE_DEPOSIT_REF });
    await expect(payer.tokens.mint({ ...request, depositRef: `GC-DEP2-${RUN}` })).rejects.toBeInstanceOf(ChaincodeError);
    ourTransactions.push(first.txId);
  });

  it('pays concurrently from one account through read-conflict retries, without paying twice', async () => {
    await using payee = await as('jpbank', 'user2');
    partyB = await partyOf(payee, 'GC-B');
    const balances = async (): Promise<[bigint, bigint]> => [
      (await payer.tokens.getBalance(partyA, currency)).balance,
      (await payer.tokens.getBalance(partyB, currency)).balance,
    ];
    const [aBefore, bBefore] = await balances();
    const requests = [1, 2, 3, 4].map((n) => ({ currency, from: partyA, to: partyB, amount: 100n * BigInt(n), reference: `GC-INV-${RUN}-${n}`, idempotencyKey: `GC-${RUN}-${n}` }));
    const results = await Promise.all(requests.map((request) => payer.tokens.transfer(request)));
    expect(new Set(results.map((r) => r.txId)).size).toBe(4);

    const replay = await payer.tokens.transfer(requests[0]);
    expect(replay.txId).toBe(results[0].txId);
    await expect(payer.tokens.transfer({ ...requests[0], amount: 1n })).rejects.toMatchObject({ code: ErrorCodes.DUPLICATE_IDEMPOTENCY_KEY });

    const [aAfter, bAfter] = await balances();
    expect(aBefore - aAfter).toBe(1_000n);
    expect(bAfter - bBefore).toBe(1_000n);
    expect((await payer.tokens.checkSupply(currency)).consistent).toBe(true);
    ourTransactions.push(...results.map((r) => r.txId));
  });

  it('commits concurrent payments out of one account spread over parts, in one block and without a conflict', async () => {
    // No commit retries: a read conflict would surface as a CommitFailedError here.
    await using single = await connect({ profile: profileOf('jpbank'), identity: 'user1', retry: { maxCommitAttempts: 1 } });
    single.consistency.observe(payer.consistency.token());
    const spread = await single.tokens.consolidate({ partyId: partyA, currency, parts: 8 });
    expect(spread).toMatchObject({ parts: 8 });
    expect((await single.tokens.getBalance(partyA, currency)).parts).toBe(8);
    const [aBefore, bBefore] = [spread.balance, (await single.tokens.getBalance(partyB, currency)).balance];
    const payments = Array.from({ length: 8 }, (_, part) => ({ currency, from: partyA, to: partyB, amount: 10n, reference: `GC-PART-${RUN}-${part}`, part }));
    const results = await Promise.all(payments.map((payment) => single.tokens.transfer(payment)));
    const blocks = results.map((result) => commitOf(result)?.blockNumber);
    // Sent together, they land in one or two blocks (a block may close mid-way); several share one.
    expect(Math.max(...[...new Set(blocks)].map((block) => blocks.filter((b) => b === block).length))).toBeGreaterThanOrEqual(2);
    expect((await single.tokens.getBalance(partyA, currency)).balance).toBe(aBefore - 80n);
    expect((await single.tokens.getBalance(partyB, currency)).balance).toBe(bBefore + 80n);
    expect((await single.tokens.checkSupply(currency)).consistent).toBe(true);
  });

  it('refuses a payment beyond the balance with INSUFFICIENT_FUNDS, and does not retry it', async () => {
    const { balance } = await payer.tokens.getBalance(partyA, currency);
    const failure = payer.tokens.transfer({ currency, from: partyA, to: partyB, amount: balance + 1n, reference: `GC-TOO-MUCH-${RUN}` });
    await expect(failure).rejects.toMatchObject({ name: 'ChaincodeError', code: ErrorCodes.INSUFFICIENT_FUNDS, stage: 'endorse' });
  });

  it('delivers every event exactly once to a stream resumed from its checkpoint after a restart', async () => {
    const file = path.join(checkpointDir, 'events.json');
    const expected = new Set(ourTransactions);
    expect(expected.size).toBe(5);

    /** Reads events until `enough` holds, then checkpoints and stops, as an application that shuts down would. */
    async function runApplication(enough: (ours: DomainEvent[]) => boolean): Promise<DomainEvent[]> {
      await using client = await as('jpbank', 'user3');
      const checkpointer = await checkpointers.file(file);
      await using events = await client.events({ checkpointer, startBlock });
      const seen: DomainEvent[] = [];
      const timeout = setTimeout(() => events.close(), 90_000);
      try {
        for await (const event of events) {
          seen.push(event);
          if (enough(seen.filter((e) => expected.has(e.transactionId)))) {
            await events.checkpoint();
            break;
          }
        }
      } finally {
        clearTimeout(timeout);
      }
      return seen;
    }

    const first = await runApplication((ours) => ours.length >= 2);
    const firstIds = new Set(first.map((e) => e.transactionId));
    const second = await runApplication((ours) => ours.length + first.filter((e) => expected.has(e.transactionId)).length >= expected.size);
    expect(second.filter((e) => firstIds.has(e.transactionId))).toEqual([]);
    const ours = [...first, ...second].filter((e) => expected.has(e.transactionId));
    expect(ours.map((e) => e.transactionId).sort()).toEqual([...expected].sort());
    const minted = ours.find((e) => e.name === 'TokensMinted');
    expect(minted?.name === 'TokensMinted' && minted.payload.amount).toBe(1_000_000n);
    expect(ours.filter((e) => e.name === 'TokensTransferred')).toHaveLength(4);
  });
});

