import { Context } from 'fabric-contract-api';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { readJson, writeJson } from './state';

/**
 * One kind of record kept as canonical JSON under `<objectType>~<id>`: the
 * get, require and put every record kind needs, written once.
 */
export interface RecordKind<T> {
  /** The record, or undefined when there is none. */
  get(ctx: Context, id: string): Promise<T | undefined>;
  /** The record; NOT_FOUND with `missing(id)` when there is none. */
  require(ctx: Context, id: string): Promise<T>;
  /** Writes the record under the id it carries. */
  put(ctx: Context, record: T): Promise<void>;
}

export function recordKind<T>(objectType: string, idOf: (record: T) => string, missing: (id: string) => string): RecordKind<T> {
  const key = (ctx: Context, id: string) => ctx.stub.createCompositeKey(objectType, [id]);
  const get = (ctx: Context, id: string) => readJson<T>(ctx, key(ctx, id));
  return {
    get,
    require: async (ctx, id) => {
      const record = await get(ctx, id);
      if (record === undefined) {
        throw new XborderError(ErrorCodes.NOT_FOUND, missing(id));
      }
      return record;
    },
    put: (ctx, record) => writeJson(ctx, key(ctx, idOf(record)), record),
  };
}
