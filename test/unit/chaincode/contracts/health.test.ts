import { CHAINCODE_VERSION, HealthContract } from '../../../../chaincode/src/contracts/health';
import { FakeLedger, identity } from '../../../support';

describe('Health contract', () => {
  const contract = new HealthContract();
  const cnClient = identity('CNBankMSP', 'alice');

  it('ping names the endorsing peer organisation; version is the same on every endorser', async () => {
    const ledger = new FakeLedger();
    const onCn = await ledger.simulate(contract, 'ping', [], { as: cnClient, peerMspId: 'CNBankMSP' });
    const onUs = await ledger.simulate(contract, 'ping', [], { as: cnClient, peerMspId: 'USBankMSP' });
    expect(JSON.parse(onCn.result ?? '')).toEqual({ chaincode: 'xborder', version: CHAINCODE_VERSION, mspId: 'CNBankMSP' });
    expect(JSON.parse(onUs.result ?? '').mspId).toBe('USBankMSP');

    const versions = await Promise.all(
      ['CNBankMSP', 'USBankMSP'].map((peerMspId) => ledger.simulate(contract, 'version', [], { as: cnClient, peerMspId })),
    );
    expect(versions[0].result).toBe(versions[1].result);
    expect(JSON.parse(versions[0].result ?? '')).toEqual({ chaincode: 'xborder', version: CHAINCODE_VERSION });
  });

  it('heartbeat records the caller organisation with the transaction time and id, and emits one event', async () => {
    const ledger = new FakeLedger();
    ledger.setTime('2026-03-01T10:00:00Z');
    const recorded = JSON.parse(await ledger.submit(contract, 'heartbeat', [], { as: cnClient, txId: 'tx-heartbeat' }));
    expect(recorded).toEqual({ mspId: 'CNBankMSP', at: '2026-03-01T10:00:00.000Z', txId: 'tx-heartbeat' });
    expect(ledger.events.map((e) => e.name)).toEqual(['HeartbeatRecorded']);
    expect(JSON.parse(await ledger.evaluate(contract, 'lastHeartbeat', ['CNBankMSP'], { as: identity('USBankMSP', 'bob') }))).toEqual(recorded);
    expect(await ledger.evaluate(contract, 'lastHeartbeat', ['JPBankMSP'], { as: cnClient })).toBe('');
  });
});
