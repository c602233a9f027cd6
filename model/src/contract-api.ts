import { canonicalJson } from './canonical';
import type { JsonSchema } from './schema';
import { TRANSACTIONS } from './transactions';

/**
 * The published contract API: one JSON Schema (draft 2020-12) document that
 * says, for every transaction, what each argument must be and what the
 * answer is. Arguments come from the shapes the chaincode parses them with
 * (schema.ts); results from the model's TypeScript types, turned into JSON
 * Schema when the model is built (scripts/result-schemas.mjs). The chaincode
 * answers it to `Api:describe`.
 */
export interface ContractApi {
  $schema: string;
  $id: string;
  title: string;
  version: string;
  /** By `Contract:function`. */
  transactions: Record<string, TransactionDescription>;
  /** The result types, by the model's type names. */
  $defs: Record<string, JsonSchema>;
}

export interface TransactionDescription {
  kind: 'submit' | 'evaluate';
  /** Positional string arguments: `json` ones hold JSON text matching `schema`, `text` ones are the string itself. */
  parameters: { name: string; encoding: 'json' | 'text'; schema: JsonSchema }[];
  /** Transient data the transaction reads (never recorded in the block). */
  transient?: { name: string; schema: JsonSchema }[];
  /** The answer is canonical JSON matching `schema`; empty when `emptyWhenAbsent` and there is nothing to show. */
  result: { schema: JsonSchema; emptyWhenAbsent?: boolean };
}

export const CONTRACT_API_ID = 'urn:xborder:contract-api';

/** This document's own shape, for `Api:describe`'s result. */
const CONTRACT_API_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'The contract API document itself',
  required: ['$schema', '$id', 'title', 'version', 'transactions', '$defs'],
  properties: {
    $schema: { type: 'string' },
    $id: { type: 'string' },
    title: { type: 'string' },
    version: { type: 'string' },
    transactions: { type: 'object' },
    $defs: { type: 'object' },
  },
};

/**
 * Builds the document from the generated result schemas (`$defs` by type
 * name). Only the types results reach are kept. Throws when a result names a
 * type the model does not define, so a stale catalogue fails the build.
 */
export function describeContractApi(resultSchemas: { $defs: Record<string, JsonSchema> }, version: string): ContractApi {
  const available: Record<string, JsonSchema> = { ...resultSchemas.$defs, ContractApi: CONTRACT_API_SCHEMA };
  const used = new Set<string>();
  const transactions: Record<string, TransactionDescription> = {};
  for (const [name, spec] of Object.entries(TRANSACTIONS)) {
    const reference: JsonSchema = { $ref: `#/$defs/${spec.result.type}` };
    reach(spec.result.type, available, used, name);
    transactions[name] = {
      kind: spec.kind,
      parameters: spec.parameters.map((parameter) => ({ name: parameter.name, encoding: parameter.encoding, schema: parameter.shape.schema })),
      ...(spec.transient ? { transient: spec.transient.map((entry) => ({ name: entry.name, schema: entry.schema })) } : {}),
      result: {
        schema: spec.result.list ? { type: 'array', items: reference } : spec.result.page ? pageOf(reference) : reference,
        ...(spec.result.emptyWhenAbsent ? { emptyWhenAbsent: true } : {}),
      },
    };
  }
  const $defs: Record<string, JsonSchema> = {};
  for (const name of [...used].sort()) {
    $defs[name] = available[name];
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONTRACT_API_ID,
    title: 'xborder contract API',
    version,
    transactions,
    $defs,
  };
}

/** The schema of a Page (model/src/paging.ts) of `item`s. */
function pageOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { records: { type: 'array', items: item }, bookmark: { type: 'string', description: 'for the next page; "" after the last' } },
    required: ['records', 'bookmark'],
    additionalProperties: false,
  };
}

/** Adds `type` and every type its schema refers to, transitively. */
function reach(type: string, available: Record<string, JsonSchema>, used: Set<string>, from: string): void {
  if (used.has(type)) {
    return;
  }
  if (!Object.hasOwn(available, type)) {
    throw new Error(`${from} answers ${type}, which the model does not define`);
  }
  used.add(type);
  for (const match of canonicalJson(available[type]).matchAll(/"#\/\$defs\/([^"]+)"/g)) {
    reach(match[1], available, used, type);
  }
}
