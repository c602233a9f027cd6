import { ErrorCodes, XborderError } from './errors';
import { Shape } from './schema';

/**
 * List queries answer one page at a time, so no query reads an unbounded
 * range: `pageSize` records at most (fewer when a filter drops some), and a
 * `bookmark` to pass back for the next page, empty after the last one.
 * Bookmarks are opaque: the ledger key the next page starts at.
 */
export interface Page<T> {
  records: T[];
  /** Pass it back for the next page; empty when there is none. */
  bookmark: string;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
const MAX_BOOKMARK_LENGTH = 2048;

/** A query's page size as a decimal string, 1 to MAX_PAGE_SIZE; "" for DEFAULT_PAGE_SIZE. */
export function pageSize(): Shape<number> {
  return {
    read: (value, path) => {
      if (value === '') {
        return DEFAULT_PAGE_SIZE;
      }
      if (typeof value !== 'string' || !/^[1-9][0-9]{0,3}$/.test(value) || Number(value) > MAX_PAGE_SIZE) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path} must be "" or a whole number from 1 to ${MAX_PAGE_SIZE}`);
      }
      return Number(value);
    },
    schema: {
      type: 'string',
      pattern: '^([1-9][0-9]{0,3})?$',
      description: `records per page, 1 to ${MAX_PAGE_SIZE}; "" for ${DEFAULT_PAGE_SIZE}`,
    },
  };
}

/** The bookmark a previous page answered; "" for the first page. */
export function bookmark(): Shape<string> {
  return {
    read: (value, path) => {
      if (typeof value !== 'string' || value.length > MAX_BOOKMARK_LENGTH) {
        throw new XborderError(ErrorCodes.INVALID_ARGUMENT, `${path} must be a bookmark of at most ${MAX_BOOKMARK_LENGTH} characters`);
      }
      return value;
    },
    schema: { type: 'string', maxLength: MAX_BOOKMARK_LENGTH, description: 'the bookmark of the previous page; "" for the first page' },
  };
}
