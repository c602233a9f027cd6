import { commitOf, encodeArgument, type XborderClient } from '../../gateway-client/src';
import { networkStatus } from './support/network';
import { as, ensureConsortium, RUN } from './support/world';

const utf8 = new TextDecoder();

/** Rounds per check; the closing soak runs set more. */
const ROUNDS = Number(process.env.XBORDER_CONSISTENCY_ROUNDS ?? '15');
const FROZEN_ROUNDS = Math.min(ROUNDS, 5);

/**
 * Commits a transaction endorsed by CNBank and the clearing house while
 * `peer`'s process is stopped (SIGSTOP), so that this peer is certainly behind
 * when the caller acts; it resumes 200 ms after the commit, while the caller
 * acts.
 */
async function commitWhileFrozen<T>(peer: string, writer: XborderClient, name: string, args: string[]): Promise<{ result: T; blockNumber: bigint }> {
  const pid = (await networkStatus()).nodes.find((n) => n.name === peer)?.pid;
  if (pid === undefined || pid === null) {
    throw new Error(`${peer} is not running`);
  }
  process.kill(pid, 'SIGSTOP');
  let resumed = false;
  const resume = (): void => {
    if (!resumed) {
      resumed = true;
      process.kill(pid, 'SIGCONT');
    }
  };
  try {
    const proposal = writer.contract.newProposal(name, { arguments: args, endorsingOrganizations: ['CNBankMSP', 'ClearingHouseMSP'] });
    const submitted = await (await proposal.endorse()).submit();
    const status = await submitted.getStatus();
    if (!status.successful) {
      throw new Error(`${name} failed validation with code ${status.code}`);
    }
    setTimeout(resume, 200);
    return { result: JSON.parse(utf8.decode(submitted.getResult())) as T, blockNumber: status.blockNumber };
  } catch (err) {
    resume();
    throw err;
  }
}

/**
 * Read-after-write across organisations: one organisation commits, and each
 * of the other three acts on it at once through its own gateway peer, with a
 * consistency token passed in one line. Without the token a peer that has not
 * committed the block yet answers from older state (a stale heartbeat, or
 * NOT_FOUND for the proposal just made); with it no answer may be stale.
 */
describe('consistency across organisations', () => {
  const clients: XborderClient[] = [];
  const open = async (org: string, identity: string): Promise<XborderClient> => {
    // Each client sees only its own writes, so that the tests show what passing a token does.
    const client = await as(org, identity, { own: true });
    clients.push(client);
    return client;
  };
  afterAll(() => clients.forEach((client) => client.close()));

  it(`reads what another organisation has just committed, ${ROUNDS} times through each of the other three`, async () => {
    const writer = await open('cnbank', 'user1');
    const readers = await Promise.all(['usbank', 'jpbank', 'clearinghouse'].map((org) => open(org, 'user1')));
    const stale: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const beat = await writer.health.heartbeat();
      const token = writer.consistency.token();
      for (const reader of readers) {
        reader.consistency.observe(token);
        const seen = await reader.health.getLastHeartbeat('CNBankMSP');
        if (seen?.txId !== beat.txId) {
          stale.push(`round ${round}: ${reader.mspId} read ${seen?.txId ?? 'nothing'}, not ${beat.txId}`);
        }
      }
    }
    expect(stale).toEqual([]);
  });

  it(`acts on another organisation's fresh proposal at once, ${ROUNDS} times, never refused for stale state`, async () => {
    await ensureConsortium();
    const [cn, us, ch, jp] = await Promise.all([open('cnbank', 'operator'), open('usbank', 'operator'), open('clearinghouse', 'operator'), open('jpbank', 'user1')]);
    for (const leftOver of (await cn.consortium.listProposals('OPEN').all()).filter((p) => p.mspId === 'JPBankMSP')) {
      await us.consortium.vote(leftOver.proposalId, 'NO').catch(() => undefined);
      await ch.consortium.vote(leftOver.proposalId, 'NO').catch(() => undefined);
    }
    for (let round = 0; round < ROUNDS; round++) {
      const proposal = await cn.consortium.propose({ action: 'SUSPEND', mspId: 'JPBankMSP', reason: `consistency test ${RUN} round ${round}` });
      // The token travels with the proposal id, as it would in a message between the banks.
      us.consistency.observe(commitOf(proposal));
      const first = await us.consortium.vote(proposal.proposalId, 'NO');
      expect(first.proposal.status).toBe('OPEN');
      ch.consistency.observe(us.consistency.token());
      const second = await ch.consortium.vote(proposal.proposalId, 'NO');
      expect(second.proposal.status).toBe('REJECTED');
      jp.consistency.observe(commitOf(second));
      expect((await jp.consortium.getProposal(proposal.proposalId)).status).toBe('REJECTED');
    }
  });

  it('waits for a peer that is behind, rather than answering from older state', async () => {
    const writer = await open('cnbank', 'user3');
    const reader = await open('usbank', 'user3');
    const stale: string[] = [];
    for (let round = 0; round < FROZEN_ROUNDS; round++) {
      const written = await commitWhileFrozen<{ txId: string }>('peer0.usbank', writer, 'Health:heartbeat', []);
      reader.consistency.observe(written.blockNumber);
      const seen = await reader.health.getLastHeartbeat('CNBankMSP');
      if (seen?.txId !== written.result.txId) {
        stale.push(`round ${round}: read ${seen?.txId ?? 'nothing'}, not ${written.result.txId}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it("votes on a fresh proposal through the voter's lagging gateway peer, with nothing refused", async () => {
    await ensureConsortium();
    const [cn, us, ch] = await Promise.all([open('cnbank', 'operator'), open('usbank', 'operator'), open('clearinghouse', 'operator')]);
    for (let round = 0; round < FROZEN_ROUNDS; round++) {
      const request = { action: 'SUSPEND', mspId: 'JPBankMSP', reason: `consistency test ${RUN} frozen round ${round}` };
      const proposed = await commitWhileFrozen<{ proposalId: string }>('peer0.usbank', cn, 'Consortium:propose', [encodeArgument(request)]);
      us.consistency.observe(proposed.blockNumber);
      await expect(us.consortium.vote(proposed.result.proposalId, 'NO')).resolves.toMatchObject({ proposal: { status: 'OPEN' } });
      ch.consistency.observe(us.consistency.token());
      await expect(ch.consortium.vote(proposed.result.proposalId, 'NO')).resolves.toMatchObject({ proposal: { status: 'REJECTED' } });
    }
  });

  it('acts on an event as it arrives, with nothing passed: the stream has seen its block', async () => {
    const writer = await open('cnbank', 'user2');
    const watcher = await open('usbank', 'user2');
    await using events = await watcher.events();
    const beats: string[] = [];
    for (let i = 0; i < Math.min(ROUNDS, 5); i++) {
      beats.push((await writer.health.heartbeat()).txId);
    }
    const read: string[] = [];
    for await (const event of events) {
      if (event.name === 'HeartbeatRecorded' && beats.includes(event.transactionId)) {
        // A fresh heartbeat may already have replaced it: what was read must be this one or a later one.
        const seen = await watcher.health.getLastHeartbeat('CNBankMSP');
        read.push(seen?.txId ?? 'nothing');
        expect(beats.indexOf(seen?.txId ?? '')).toBeGreaterThanOrEqual(beats.indexOf(event.transactionId));
        if (event.transactionId === beats.at(-1)) {
          break;
        }
      }
    }
    expect(read).toHaveLength(beats.length);
  });
});
