import type { ChaincodeStub, ClientIdentity } from 'fabric-shim-api';
import { Context, Contract } from 'fabric-contract-api';
import { createLogger } from 'winston';
import { checkCallAgainstApi } from './contract-api';

/** What fabric-shim knows about a transaction function (contract-api metadata). */
interface TransactionDescriptor {
  readonly name: string;
  /** Declared parameter types; undefined when any number of arguments is accepted. */
  readonly parameterTypes?: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads the `fabric:transactions` metadata that @Transaction leaves on the contract prototype. */
function declaredTransactions(contract: Contract): TransactionDescriptor[] {
  const reflect: unknown = Reflect;
  if (!isRecord(reflect) || typeof reflect.getMetadata !== 'function') {
    return [];
  }
  const metadata: unknown = reflect.getMetadata('fabric:transactions', contract);
  if (!Array.isArray(metadata)) {
    return [];
  }
  return metadata.filter(isRecord).map((transaction) => {
    const parameters = Array.isArray(transaction.parameters) ? transaction.parameters : undefined;
    return {
      name: String(transaction.name),
      parameterTypes: parameters?.map((parameter: unknown) => {
        const schema = isRecord(parameter) && isRecord(parameter.schema) ? parameter.schema : {};
        return String(schema.type ?? schema.$ref ?? 'unknown');
      }),
    };
  });
}

/**
 * The transaction functions fabric-shim would expose (ChaincodeFromContract
 * _processContractTransactions): the @Transaction ones, or, if none is decorated, every
 * own method of the class not starting with `_` and not inherited from Contract.
 */
function findTransaction(contract: Contract, fn: string): TransactionDescriptor | undefined {
  const declared = declaredTransactions(contract);
  if (declared.length > 0) {
    return declared.find((transaction) => transaction.name === fn);
  }
  const prototype: unknown = Object.getPrototypeOf(contract);
  if (!isRecord(prototype) || fn === 'constructor' || fn.startsWith('_')) {
    return undefined;
  }
  if (!Object.getOwnPropertyNames(prototype).includes(fn) || Object.getOwnPropertyNames(Contract.prototype).includes(fn)) {
    return undefined;
  }
  const method = prototype[fn];
  if (typeof method !== 'function') {
    return undefined;
  }
  return { name: fn, parameterTypes: method.length > 1 ? Array<string>(method.length - 1).fill('string') : undefined };
}

/**
 * fabric-shim checks the argument count against the metadata and converts each argument by
 * its declared type. Project rule: transaction arguments are strings, so a non-string
 * parameter is reported instead of being converted.
 */
function checkArguments(descriptor: TransactionDescriptor, fcn: string, args: readonly string[]): void {
  const types = descriptor.parameterTypes;
  if (types === undefined) {
    return;
  }
  if (types.length !== args.length) {
    throw new Error(`Expected ${types.length} parameters, but ${args.length} have been supplied`);
  }
  types.forEach((type, index) => {
    if (type !== 'string') {
      throw new Error(`${fcn}: parameter ${index + 1} is declared as ${type}; xborder transaction arguments are strings`);
    }
  });
}

/**
 * The payload the peer returns: contract-api sends strings as they are and undefined as an
 * empty payload. Objects would go out as JSON.stringify output, which is not canonical, so
 * the project rule (return canonicalJson strings) is enforced here.
 */
function toResponse(fcn: string, result: unknown): string {
  if (result === undefined || result === null) {
    return '';
  }
  if (typeof result === 'string') {
    return result;
  }
  if (typeof result === 'number' || typeof result === 'boolean') {
    return String(result);
  }
  throw new Error(`${fcn} returned a ${typeof result}; return a canonicalJson string`);
}

/**
 * contract-api's typings declare `fn: Function` and a void result, but fabric-shim passes the
 * function's name and gets the method's result back.
 */
type AroundTransaction = (ctx: Context, fn: string, parameters: string[]) => Promise<unknown>;

const silentLogger = createLogger({ silent: true });

function bindContext(ctx: Context, stub: ChaincodeStub, identity: ClientIdentity): void {
  if (
    !('setChaincodeStub' in ctx) ||
    typeof ctx.setChaincodeStub !== 'function' ||
    !('setClientIdentity' in ctx) ||
    typeof ctx.setClientIdentity !== 'function'
  ) {
    throw new Error('createContext() must return a fabric-contract-api Context');
  }
  ctx.setChaincodeStub(stub);
  ctx.setClientIdentity(identity);
  // fabric-shim attaches loggers to every context; chaincode may use them.
  ctx.logging = { setLevel: () => undefined, getLogger: () => silentLogger };
}

/**
 * Runs one transaction function the way fabric-shim's ChaincodeFromContract does:
 * createContext, beforeTransaction, aroundTransaction (which calls the method),
 * afterTransaction; an unknown function goes to unknownTransaction.
 */
export async function invokeTransaction(
  contract: Contract,
  fn: string,
  args: readonly string[],
  stub: ChaincodeStub,
  identity: ClientIdentity,
): Promise<string> {
  const fcn = stub.getFunctionAndParameters().fcn;
  const ctx = contract.createContext();
  bindContext(ctx, stub, identity);
  const descriptor = findTransaction(contract, fn);
  if (descriptor === undefined) {
    await contract.unknownTransaction(ctx);
    return '';
  }
  checkArguments(descriptor, fcn, args);
  await contract.beforeTransaction(ctx);
  const aroundTransaction = contract.aroundTransaction as unknown as AroundTransaction;
  const result = await aroundTransaction.call(contract, ctx, fn, [...args]);
  await contract.afterTransaction(ctx, result);
  const response = toResponse(fcn, result);
  // Every unit test that calls the chaincode also holds it to its published contract API.
  checkCallAgainstApi(`${contract.getName()}:${fn}`, args, response);
  return response;
}
