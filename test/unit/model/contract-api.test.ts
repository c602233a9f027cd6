import { JSONSerializer } from 'fabric-contract-api';
import { contracts } from '../../../chaincode/src';
import { XborderError } from '../../../model/src/errors';
import { checkArguments, TRANSACTIONS } from '../../../model/src/transactions';
import type { JsonSchema } from '../../../model/src/schema';
import { checkCallAgainstApi, contractApi, schemaViolation } from '../../support/contract-api';

interface ShimTransaction {
  name: string;
  tag: string[];
  parameters?: { name: string; schema: { type?: string } }[];
}

/** The transactions fabric-shim dispatches, from its own ChaincodeFromContract (as a chaincode server builds it). */
function shimTransactions(): Map<string, ShimTransaction> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
    classes: unknown[],
    serializers: unknown,
    metadata: object,
    title: string,
    version: string,
  ) => { metadata: { contracts: Record<string, { transactions: ShimTransaction[] }> } };
  const chaincode = new ChaincodeFromContract(contracts, { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } }, {}, 'xborder', 'test');
  const found = new Map<string, ShimTransaction>();
  for (const [contract, { transactions }] of Object.entries(chaincode.metadata.contracts)) {
    if (contract !== 'org.hyperledger.fabric') {
      transactions.forEach((transaction) => found.set(`${contract}:${transaction.name}`, transaction));
    }
  }
  return found;
}

/** Copies of `example` that each break one thing: a field removed, nulled, retyped, emptied, overlong, or one added. */
function mutants(example: unknown): { what: string; value: unknown }[] {
  const found: { what: string; value: unknown }[] = [];
  const walk = (value: unknown, path: string[]): void => {
    const at = (replace: (part: unknown) => unknown): unknown => setAt(example, path, replace);
    const where = path.join('.') || '(argument)';
    if (path.length > 0) {
      found.push({ what: `${where} removed`, value: at(() => REMOVE) });
      found.push({ what: `${where} null`, value: at(() => null) });
      found.push({ what: `${where} as a number`, value: at(() => 12345) });
      found.push({ what: `${where} as an empty string`, value: at(() => '') });
      found.push({ what: `${where} padded`, value: at((part) => (typeof part === 'string' ? ` ${part}` : part)) });
      found.push({ what: `${where} overlong`, value: at((part) => (typeof part === 'string' ? part.repeat(300) : part)) });
    }
    if (Array.isArray(value)) {
      found.push({ what: `${where} with its first item twice`, value: at((part) => [...(part as unknown[]), (part as unknown[])[0]]) });
      value.forEach((item, index) => walk(item, [...path, String(index)]));
    } else if (value !== null && typeof value === 'object') {
      found.push({ what: `${where} with an unknown field`, value: at((part) => ({ ...(part as object), unexpected: 'x' })) });
      for (const [key, field] of Object.entries(value)) {
        walk(field, [...path, key]);
      }
    }
  };
  walk(example, []);
  return found;
}

const REMOVE = Symbol('remove');

function setAt(value: unknown, path: string[], replace: (value: unknown) => unknown): unknown {
  if (path.length === 0) {
    return replace(value);
  }
  const [head, ...rest] = path;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const next = setAt((copy as Record<string, unknown>)[head], rest, replace);
  if (next === REMOVE) {
    if (Array.isArray(copy)) {
      copy.splice(Number(head), 1);
    } else {
      delete copy[head];
    }
  } else {
    (copy as Record<string, unknown>)[head] = next;
  }
  return copy;
}

describe('the contract API', () => {
  const api = contractApi();

  it('lists exactly the transactions fabric-shim dispatches, with their parameters and whether they write', () => {
    const shim = shimTransactions();
    expect(Object.keys(TRANSACTIONS).sort()).toEqual([...shim.keys()].sort());
    for (const [name, spec] of Object.entries(TRANSACTIONS)) {
      const transaction = shim.get(name)!;
      expect({ name, parameters: (transaction.parameters ?? []).map((parameter) => parameter.name) }).toEqual({
        name,
        parameters: spec.parameters.map((parameter) => parameter.name),
      });
      expect({ name, submit: transaction.tag.includes('SUBMIT') }).toEqual({ name, submit: spec.kind === 'submit' });
      expect((transaction.parameters ?? []).every((parameter) => parameter.schema.type === 'string')).toBe(true);
    }
  });

  it("publishes Token:mint's argument as a JSON object of currency, to, amount and depositRef", () => {
    const [mint] = api.transactions['Token:mint'].parameters;
    expect(mint).toMatchObject({ name: 'mintJson', encoding: 'json', schema: { type: 'object', additionalProperties: false } });
    expect(mint.schema.required).toEqual(['currency', 'to', 'amount', 'depositRef']);
    expect(mint.schema.properties).toMatchObject({ amount: { type: 'string', pattern: '^[1-9][0-9]*$' }, currency: { pattern: '^[A-Z]{3}$' } });
    expect(api.transactions['Token:mint'].result.schema).toEqual({ $ref: '#/$defs/MintRecord' });
    expect(api.$defs.MintRecord).toMatchObject({ type: 'object', required: expect.arrayContaining(['amount', 'depositRef', 'txId']) });
  });

  it('is JSON Schema that compiles, every reference resolved', () => {
    for (const [name, transaction] of Object.entries(api.transactions)) {
      for (const parameter of transaction.parameters) {
        expect(() => schemaViolation(parameter.schema, null)).not.toThrow();
      }
      // null is no transaction's answer, so every result schema, once compiled, refuses it.
      expect({ name, refusesNull: schemaViolation(transaction.result.schema, null) !== undefined }).toEqual({ name, refusesNull: true });
    }
  });

  const jsonParameters = Object.entries(TRANSACTIONS).flatMap(([name, spec]) =>
    spec.parameters.filter((parameter) => parameter.encoding === 'json').map((parameter) => ({ name, parameter })),
  );

  it.each(jsonParameters.map(({ name, parameter }) => [`${name} ${parameter.name}`, parameter] as const))(
    '%s: the example passes the parser and the schema, and every broken copy the schema refuses, the parser refuses too',
    (_label, parameter) => {
      const example = (parameter.shape.schema.examples as unknown[])[0];
      expect(() => parameter.shape.read(JSON.stringify(example), parameter.path)).not.toThrow();
      expect(schemaViolation(parameter.shape.schema as JsonSchema, example)).toBeUndefined();
      let refused = 0;
      for (const mutant of mutants(example)) {
        if (schemaViolation(parameter.shape.schema as JsonSchema, mutant.value) === undefined) {
          continue;
        }
        refused += 1;
        let error: unknown;
        try {
          parameter.shape.read(JSON.stringify(mutant.value), parameter.path);
        } catch (err) {
          error = err;
        }
        expect({ mutant: mutant.what, rejected: error instanceof XborderError }).toEqual({ mutant: mutant.what, rejected: true });
      }
      expect(refused).toBeGreaterThan(3);
    },
  );

  it('holds a call to the published schemas: an answer of the wrong shape is caught', () => {
    const mint = JSON.stringify({ currency: 'USD', to: 'P1', amount: '5', depositRef: 'D1' });
    expect(() => checkCallAgainstApi('Token:mint', [mint], JSON.stringify({ currency: 'USD' }))).toThrow(/published result schema refuses/);
  });
});

describe('checkArguments', () => {
  it('throws the chaincode error for a bad argument, and nothing for a good one or an unknown transaction', () => {
    expect(() => checkArguments('Token:mint', ['{"currency":"USD","to":"P1","amount":"-5","depositRef":"D1"}'])).toThrow(XborderError);
    expect(() => checkArguments('Token:mint', ['{"currency":"USD","to":"P1","amount":"5","depositRef":"D1"}'])).not.toThrow();
    expect(() => checkArguments('Order:fund', ['ORD-20260301-0123456789abcdef'])).not.toThrow();
    expect(() => checkArguments('Order:fund', ['O1'])).toThrow(/INVALID_ARGUMENT: orderId must be an order id/);
    expect(() => checkArguments('Order:listOrders', ['', '', ''])).not.toThrow();
    expect(() => checkArguments('Order:listOrders', ['', '50', 'bookmark'])).not.toThrow();
    expect(() => checkArguments('Order:listOrders', ['', '5000', ''])).toThrow(/pageSize must be "" or a whole number from 1 to 1000/);
    expect(() => checkArguments('Order:fund', [])).toThrow(/takes 1 argument\(s\) \(orderId\), got 0/);
    expect(() => checkArguments('constructor', [])).not.toThrow();
  });
});
