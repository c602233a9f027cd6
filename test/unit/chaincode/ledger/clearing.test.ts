import { Context, Contract, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../../../../model/src/canonical';
import { obligationsBefore, putObligation } from '../../../../chaincode/src/ledger/clearing';
import { FakeLedger, identity } from '../../../support';

/** Writes obligations and takes a bounded batch of them, as runNetting does. */
class ObligationProbe extends Contract {
  constructor() {
    super('ObligationProbe');
  }

  @Transaction()
  async record(ctx: Context, at: string): Promise<string> {
    await putObligation(ctx, { currency: 'USD', payer: 'USBankMSP', payee: 'CNBankMSP', amount: '100', orderId: 'O', at, txId: ctx.stub.getTxID(), leg: 0 });
    return '';
  }

  @Transaction()
  async take(ctx: Context, cutoff: string, limit: string): Promise<string> {
    const { rows, more } = await obligationsBefore(ctx, cutoff, Number(limit));
    return canonicalJson({ times: rows.map((row) => row.value.at), more });
  }
}

describe('obligationsBefore', () => {
  const probe = new ObligationProbe();
  const clerk = identity('ClearingHouseMSP', 'clerk');
  const time = (hour: number) => `2026-03-01T0${hour}:00:00.000Z`;

  async function withObligations(hours: number[]): Promise<FakeLedger> {
    const ledger = new FakeLedger();
    for (const hour of hours) {
      await ledger.submit(probe, 'record', [time(hour)], { as: clerk });
    }
    return ledger;
  }

  it('takes the oldest obligations before the cutoff, at most the limit, and says whether more wait', async () => {
    const ledger = await withObligations([3, 1, 5, 2, 4]);
    const take = async (cutoff: string, limit: number) => JSON.parse(await ledger.submit(probe, 'take', [cutoff, String(limit)], { as: clerk }));
    expect(await take(time(5), 2)).toEqual({ times: [time(1), time(2)], more: true });
    expect(await take(time(3), 5)).toEqual({ times: [time(1), time(2)], more: false });
    expect(await take(time(3), 2)).toEqual({ times: [time(1), time(2)], more: false });
    expect(await take(time(1), 5)).toEqual({ times: [], more: false });
  });
});
