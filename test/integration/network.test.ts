import { common } from '@hyperledger/fabric-protos';
import { connectAs, endorsingMspIds } from './support/clients';
import { eventually, isProcessAlive, networkScript, networkStatus } from './support/network';

const utf8 = new TextDecoder();

/**
 * The network's whole life cycle, from stopped to stopped: every other
 * integration suite relies on what is proved here. It leaves the network
 * running again for them.
 */
describe('network/network.sh', () => {
  it('comes up from stopped with every node running and the chaincode committed', async () => {
    await networkScript('down');
    const stopped = await networkStatus();
    expect(stopped.nodes.filter((n) => n.running)).toEqual([]);

    await networkScript('up');
    const status = await networkStatus();
    expect(status.nodes.filter((n) => !n.running)).toEqual([]);
    expect(status.nodes.filter((n) => n.kind === 'orderer')).toHaveLength(3);
    expect(new Set(status.nodes.filter((n) => n.kind === 'peer').map((n) => n.org))).toEqual(
      new Set(['CNBank', 'USBank', 'JPBank', 'ClearingHouse']),
    );
    expect(status.nodes.filter((n) => n.kind === 'chaincode')).toHaveLength(4);
    expect(status.channel.name).toBe('xborder');
    expect(status.channel.height).toBeGreaterThan(1);
    expect(status.chaincode).toMatchObject({ name: 'xborder', sequence: expect.any(Number) });
  });

  it('changes nothing when `up` runs on a running network', async () => {
    const before = await networkStatus();
    await networkScript('up');
    const after = await networkStatus();
    expect(after.nodes.map((n) => [n.name, n.pid])).toEqual(before.nodes.map((n) => [n.name, n.pid]));
    expect(after.chaincode).toEqual(before.chaincode);
  });

  it('endorses a CNBank submission by two organisations and serves the result through USBank', async () => {
    await using cnbank = await connectAs('cnbank');
    const proposal = cnbank.contract.newProposal('Health:heartbeat');
    const transaction = await proposal.endorse();
    const endorsers = new Set(endorsingMspIds(transaction.getBytes()));
    expect(endorsers.size).toBeGreaterThanOrEqual(2);
    const submitted = await transaction.submit();
    const status = await submitted.getStatus();
    expect(status.successful).toBe(true);
    const written = JSON.parse(utf8.decode(submitted.getResult())) as { txId: string; mspId: string };
    expect(written).toMatchObject({ mspId: 'CNBankMSP', txId: submitted.getTransactionId() });

    await using usbank = await connectAs('usbank');
    // USBank's peer may not have committed that block yet: the client waits until it has.
    usbank.consistency.observe(status.blockNumber);
    expect(await usbank.health.getLastHeartbeat('CNBankMSP')).toEqual(written);
  });

  it('keeps accepting submissions with a peer stopped, and the peer catches up when restarted', async () => {
    await networkScript('stop', 'peer0.jpbank');
    expect((await networkStatus()).nodes.find((n) => n.name === 'peer0.jpbank')?.running).toBe(false);

    await using cnbank = await connectAs('cnbank');
    for (let i = 0; i < 3; i++) {
      const transaction = await cnbank.contract.newProposal('Health:heartbeat').endorse();
      expect(endorsingMspIds(transaction.getBytes())).not.toContain('JPBankMSP');
      const submitted = await transaction.submit();
      expect((await submitted.getStatus()).successful).toBe(true);
    }

    await networkScript('start', 'peer0.jpbank');
    await using jpbank = await connectAs('jpbank');
    const heightOf = async (connection: typeof cnbank): Promise<number> => {
      const info = await connection.network.getContract('qscc').evaluateTransaction('GetChainInfo', 'xborder');
      return common.BlockchainInfo.deserializeBinary(info).getHeight();
    };
    const target = await heightOf(cnbank);
    const caughtUp = await eventually('peer0.jpbank to catch up', async () => ((await heightOf(jpbank)) >= target ? true : undefined));
    expect(caughtUp).toBe(true);
  });

  it('stops every recorded process on `down`, and restarts with the ledger intact', async () => {
    const before = await networkStatus();
    const pids = before.nodes.map((n) => n.pid).filter((pid): pid is number => pid !== null);
    expect(pids.length).toBe(before.nodes.length);

    await networkScript('down');
    expect(pids.filter(isProcessAlive)).toEqual([]);
    expect((await networkStatus()).nodes.filter((n) => n.running)).toEqual([]);

    await networkScript('up');
    const after = await networkStatus();
    expect(after.channel.height).toBeGreaterThanOrEqual(before.channel.height ?? Number.MAX_SAFE_INTEGER);
    expect(after.chaincode).toEqual(before.chaincode);
  });
});
