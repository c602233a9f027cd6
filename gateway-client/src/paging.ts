import type { Page } from '@xborder/model/paging';

export type { Page };

/** Which page to ask for; the chaincode answers at most 1000 records a page (100 unless told). */
export interface PageOptions {
  pageSize?: number;
  /** The bookmark of the previous page; absent for the first. */
  bookmark?: string;
}

/**
 * The records of a list query. The chaincode answers a page at a time, so
 * no query reads an unbounded range; iterate to get every record (pages are
 * fetched as the loop needs them), or ask for one page and its bookmark.
 * Each page is read on the state the client has seen or newer (see
 * Consistency), so records committed while the loop runs may or may not
 * appear. A page of a filtered list may hold fewer records than its size,
 * or none, and still have a next page.
 *
 * @example
 * for await (const order of client.orders.list('FUNDED')) { ... }
 * const { records, bookmark } = await client.orders.list().page({ pageSize: 20 });
 */
export interface Paged<T> extends AsyncIterable<T> {
  /** One page, from `bookmark` (the first page without one). */
  page(options?: PageOptions): Promise<Page<T>>;
  /** Every page in turn, from the first. */
  pages(options?: { pageSize?: number }): AsyncIterable<Page<T>>;
  /** Every record, all pages read. */
  all(): Promise<T[]>;
}

/** A Paged over `fetch` (one chaincode query per page), converting each record with `convert`. */
export function paged<R, T>(fetch: (pageSize: string, bookmark: string) => Promise<Page<R>>, convert: (record: R) => T): Paged<T> {
  const page = async ({ pageSize, bookmark = '' }: PageOptions = {}): Promise<Page<T>> => {
    const answer = await fetch(pageSize === undefined ? '' : String(pageSize), bookmark);
    if (answer.bookmark !== '' && answer.bookmark === bookmark) {
      // A bookmark must move on; following the same one again would never end.
      throw new Error(`the chaincode answered the bookmark it was given (${JSON.stringify(bookmark)}) as the next page's`);
    }
    return { records: answer.records.map(convert), bookmark: answer.bookmark };
  };
  async function* pages(options: { pageSize?: number } = {}): AsyncGenerator<Page<T>> {
    let bookmark = '';
    do {
      const next = await page({ ...options, bookmark });
      yield next;
      bookmark = next.bookmark;
    } while (bookmark !== '');
  }
  async function* records(): AsyncGenerator<T> {
    for await (const next of pages()) {
      yield* next.records;
    }
  }
  return {
    page,
    pages,
    all: async () => {
      const all: T[] = [];
      for await (const record of records()) {
        all.push(record);
      }
      return all;
    },
    [Symbol.asyncIterator]: () => records(),
  };
}
