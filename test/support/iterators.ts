import type { Iterators } from 'fabric-shim-api';

/** Produces the next item, or undefined when there are no more. */
export type Cursor<T> = () => T | undefined;

/**
 * fabric-shim ends an iteration with `{ done: true }` and no value property; its typings
 * demand a value, hence the one assertion.
 */
const DONE = { done: true } as Iterators.NextResult<never>;

/** Iterator with fabric-shim's CommonIterator contract: `await next()`, `await close()`. */
export class MemoryIterator<T> implements Iterators.CommonIterator<T> {
  readonly #cursor: Cursor<T>;
  #closed = false;

  constructor(cursor: Cursor<T>) {
    this.#cursor = cursor;
  }

  async next(): Promise<Iterators.NextResult<T>> {
    if (this.#closed) {
      return DONE;
    }
    const value = this.#cursor();
    return value === undefined ? DONE : { value, done: false };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

export function listCursor<T>(items: readonly T[]): Cursor<T> {
  let index = 0;
  return () => (index < items.length ? items[index++] : undefined);
}

/**
 * fabric-shim's range, query and history iterators yield `{ key, value }` only
 * (lib/iterators.js); the typings add a `namespace` that never arrives, so chaincode reading
 * it gets undefined here as on a peer.
 */
export function shimKV(key: string, value: Buffer): Iterators.KV {
  return { key, value } as unknown as Iterators.KV;
}

/**
 * Makes the promise a stub method returns iterable with `for await`, as fabric-shim's
 * convertToAsyncIterator does: the promise resolves to an iterator (or to an object holding
 * one in `iterator`), the loop closes it when exhausted or left early. The resolved iterator
 * itself is not async-iterable in fabric-shim, and is not here either.
 */
export function iterablePromise<R, T>(
  promise: Promise<R>,
  iteratorOf: (resolved: R) => Iterators.CommonIterator<T>,
): Promise<R> & AsyncIterable<T> {
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => {
      let iterator: Iterators.CommonIterator<T> | undefined;
      return {
        next: async (): Promise<IteratorResult<T>> => {
          iterator ??= iteratorOf(await promise);
          const next = await iterator.next();
          if (next.done) {
            await iterator.close();
            return { done: true, value: undefined };
          }
          return { done: false, value: next.value };
        },
        return: async (): Promise<IteratorResult<T>> => {
          await iterator?.close();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return Object.assign(promise, iterable);
}
