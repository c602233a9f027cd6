import { contracts } from '../../../chaincode/src';
import { ARGUMENT_CHECKS, checkArguments } from '../../../model/src/transactions';
import { XborderError } from '../../../model/src/errors';

describe('ARGUMENT_CHECKS', () => {
  it('names only transactions the chaincode has, each taking the structured argument it checks', () => {
    const transactions = new Set<string>();
    for (const Contract of contracts) {
      const contract = new Contract();
      const namespace = contract.getName();
      for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(contract))) {
        transactions.add(`${namespace}:${name}`);
      }
    }
    const unknown = Object.keys(ARGUMENT_CHECKS).filter((name) => !transactions.has(name));
    expect(unknown).toEqual([]);
  });

  it('throws the chaincode error for a bad argument, and nothing for a good one or an unchecked transaction', () => {
    expect(() => checkArguments('Token:mint', ['{"currency":"USD","to":"P1","amount":"-5","depositRef":"D1"}'])).toThrow(XborderError);
    expect(() => checkArguments('Token:mint', ['{"currency":"USD","to":"P1","amount":"5","depositRef":"D1"}'])).not.toThrow();
    expect(() => checkArguments('Order:fund', ['O1'])).not.toThrow();
    expect(() => checkArguments('constructor', [])).not.toThrow();
  });
});
