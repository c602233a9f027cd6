import { paged } from '../../../gateway-client/src/paging';
import type { Page } from '../../../model/src/paging';

/** A chaincode list query over `records`, `size` a page, bookmarks being the index of the next record. */
function listOf(records: number[]) {
  const asked: [string, string][] = [];
  const fetch = async (size: string, bookmark: string): Promise<Page<number>> => {
    asked.push([size, bookmark]);
    const start = bookmark === '' ? 0 : Number(bookmark);
    const end = start + (size === '' ? 3 : Number(size));
    return { records: records.slice(start, end), bookmark: end < records.length ? String(end) : '' };
  };
  return { asked, fetch };
}

describe('paged list queries', () => {
  it('iterates every record, fetching the pages as the loop needs them', async () => {
    const { asked, fetch } = listOf([1, 2, 3, 4, 5, 6, 7]);
    const seen: number[] = [];
    for await (const record of paged(fetch, (n) => n * 10)) {
      seen.push(record);
      if (record === 20) {
        expect(asked).toHaveLength(1);
      }
    }
    expect(seen).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(asked).toEqual([
      ['', ''],
      ['', '3'],
      ['', '6'],
    ]);
  });

  it('answers one page with its bookmark, and walks pages of a chosen size', async () => {
    const { asked, fetch } = listOf([1, 2, 3, 4, 5]);
    const list = paged(fetch, (n) => n);
    expect(await list.page({ pageSize: 2 })).toEqual({ records: [1, 2], bookmark: '2' });
    expect(await list.page({ pageSize: 2, bookmark: '4' })).toEqual({ records: [5], bookmark: '' });
    const pages: number[][] = [];
    for await (const page of list.pages({ pageSize: 2 })) {
      pages.push(page.records);
    }
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    expect(asked.slice(0, 2)).toEqual([
      ['2', ''],
      ['2', '4'],
    ]);
  });

  it('goes on past empty pages of a filtered list until the bookmark is empty', async () => {
    const answers: Page<string>[] = [
      { records: [], bookmark: 'k2' },
      { records: ['b'], bookmark: '' },
    ];
    expect(await paged(async () => answers.shift()!, (s) => s).all()).toEqual(['b']);
  });

  it('refuses a bookmark that does not move on, instead of looping forever', async () => {
    await expect(paged(async () => ({ records: [1], bookmark: 'same' }), (n) => n).all()).rejects.toThrow(/answered the bookmark it was given/);
  });
});
