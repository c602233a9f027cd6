/**
 * Text formatting shared by the CLI and the scenario report: amounts in major
 * units, aligned tables, durations, JSON with bigints. Pure functions only.
 */

/**
 * Minor units as major units with grouped thousands: `formatAmount(9_700_000n, 2)`
 * is `97,000.00`, `formatAmount(4_900_000n, 0)` is `4,900,000`.
 */
export function formatAmount(minor: bigint, minorUnits: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorUnits + 1, '0');
  const whole = digits.slice(0, digits.length - minorUnits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = minorUnits > 0 ? `.${digits.slice(digits.length - minorUnits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** `97,000.00 USD`. */
export function formatMoney(minor: bigint, currency: string, minorUnits: number): string {
  return `${formatAmount(minor, minorUnits)} ${currency}`;
}

/** `850ms`, `12.3s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) {
    return `${Math.round(ms)}ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1_000).toFixed(1)}s`;
  }
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** The first characters of a transaction id, enough to find it in a log. */
export function shortId(id: string, length = 10): string {
  return id.length > length ? `${id.slice(0, length)}…` : id;
}

/** JSON for people and scripts: bigints as decimal strings, two-space indent. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? field.toString() : field), 2);
}

export interface Column {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/**
 * A plain-text table: a header, a rule, one line per row, columns two spaces
 * apart. Cells are padded by their length in code points, so `…` and `✓` count
 * as one.
 *
 * @example
 * renderTable([{ header: 'PARTY' }, { header: 'BALANCE', align: 'right' }], [['SZ-1', '10.00']]);
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const width = (text: string): number => [...text].length;
  const widths = columns.map((column, i) => Math.max(width(column.header), ...rows.map((row) => width(row[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat(widths[i] - width(cell));
        return column.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `key: value` lines with the keys aligned; entries with an undefined value are left out. */
export function renderFields(fields: readonly (readonly [string, string | undefined])[]): string {
  const shown = fields.filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
  const width = Math.max(0, ...shown.map(([key]) => key.length));
  return shown.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${value}`).join('\n');
}

/** A Markdown table; pipes in cells are escaped. */
export function renderMarkdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const header = `| ${columns.map((c) => escape(c.header)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`;
  return [header, rule, ...rows.map((row) => `| ${columns.map((_c, i) => escape(row[i] ?? '')).join(' | ')} |`)].join('\n');
}
