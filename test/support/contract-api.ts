import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { ContractApi, describeContractApi } from '../../model/src/contract-api';
import type { JsonSchema } from '../../model/src/schema';

/**
 * The contract API document as the chaincode publishes it, and validators for
 * each transaction's arguments and result. The result schemas are generated
 * from the model's types (test/unit/global-setup.mjs, or the model's build).
 */
export function contractApi(): ContractApi {
  if (!document) {
    const file = join(__dirname, '..', '..', 'model', 'dist', 'result-schemas.json');
    document = describeContractApi(JSON.parse(readFileSync(file, 'utf8')) as { $defs: Record<string, JsonSchema> }, 'test');
  }
  return document;
}

/** Why `value` does not match `schema` (a schema of the API document, with its `$defs`), or undefined when it does. */
export function schemaViolation(schema: JsonSchema, value: unknown): string | undefined {
  const validate = compiled(schema);
  if (validate(value)) {
    return undefined;
  }
  return ajv.errorsText(validate.errors, { dataVar: 'value' });
}

/**
 * Holds one successful call to the published API: each argument matches its
 * parameter's schema (JSON arguments as parsed JSON) and the answer matches
 * the result's schema. Throws naming the transaction and what differs.
 */
export function checkCallAgainstApi(transaction: string, args: readonly string[], response: string): void {
  const description = contractApi().transactions[transaction];
  if (!description) {
    // A test's own contract; that the chaincode's contracts are all in the API is a test of its own (contract-api.test.ts).
    return;
  }
  description.parameters.forEach((parameter, index) => {
    const value = parameter.encoding === 'json' ? JSON.parse(args[index]) : args[index];
    const violation = schemaViolation(parameter.schema, value);
    if (violation) {
      throw new Error(`${transaction} accepted argument ${parameter.name} that its published schema refuses: ${violation}`);
    }
  });
  if (response === '' && description.result.emptyWhenAbsent) {
    return;
  }
  const violation = schemaViolation(description.result.schema, JSON.parse(response));
  if (violation) {
    throw new Error(`${transaction} answered what its published result schema refuses: ${violation}`);
  }
}

let document: ContractApi | undefined;
// Formats are annotations here: the patterns carry the checks.
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const validators = new Map<string, ValidateFunction>();

function compiled(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ ...schema, $defs: contractApi().$defs });
    validators.set(key, validate);
  }
  return validate;
}
