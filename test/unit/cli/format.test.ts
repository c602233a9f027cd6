import { formatAmount, formatDuration, formatMoney, renderFields, renderMarkdownTable, renderTable, shortId, toJson } from '../../../cli/src/format';

describe('formatAmount', () => {
  it.each([
    [9_700_000n, 2, '97,000.00'],
    [4_900_000n, 0, '4,900,000'],
    [5n, 2, '0.05'],
    [0n, 2, '0.00'],
    [0n, 0, '0'],
    [-123_456n, 2, '-1,234.56'],
    [1_000n, 3, '1.000'],
    [9_223_372_036_854_775_807n, 2, '92,233,720,368,547,758.07'],
  ])('%s minor units with %i decimals is %s', (minor, units, text) => {
    expect(formatAmount(minor, units)).toBe(text);
  });

  it('names the currency', () => {
    expect(formatMoney(24_831_00n, 'USD', 2)).toBe('24,831.00 USD');
  });
});

describe('small formats', () => {
  it('shows durations at a useful precision', () => {
    expect(formatDuration(320)).toBe('320ms');
    expect(formatDuration(20_700)).toBe('20.7s');
    expect(formatDuration(125_000)).toBe('2m 05s');
  });

  it('shortens ids only when they are long', () => {
    expect(shortId('abcdef0123456789')).toBe('abcdef0123…');
    expect(shortId('abc')).toBe('abc');
  });

  it('writes bigints in JSON as decimal strings', () => {
    expect(JSON.parse(toJson({ balance: 12_500n, nested: [1n] }))).toEqual({ balance: '12500', nested: ['1'] });
  });
});

describe('tables', () => {
  it('aligns columns, right-aligns numbers, and counts … as one character', () => {
    const table = renderTable(
      [{ header: 'PARTY' }, { header: 'BALANCE', align: 'right' }],
      [
        ['SZ-EXPORTER', '896,433.42 CNY'],
        ['tx 3d10…', '1.00 CNY'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'PARTY               BALANCE',
      '-----------  --------------',
      'SZ-EXPORTER  896,433.42 CNY',
      'tx 3d10…           1.00 CNY',
    ]);
  });

  it('aligns key: value fields and leaves out absent ones', () => {
    expect(renderFields([['Party', 'P1'], ['Expires', undefined], ['KYC status', 'VERIFIED']])).toBe('Party:      P1\nKYC status: VERIFIED');
  });

  it('writes Markdown tables with escaped pipes', () => {
    expect(renderMarkdownTable([{ header: 'a' }, { header: 'b', align: 'right' }], [['x|y', '1']])).toBe('| a | b |\n|---|---:|\n| x\\|y | 1 |');
  });
});
