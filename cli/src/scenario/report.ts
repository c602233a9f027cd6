import { type Column, formatDuration, formatMoney, renderMarkdownTable, renderTable, shortId } from '../format.js';
import type { StepRecord } from './progress.js';

/**
 * What a scenario run found, and how it is shown: a terminal summary and a
 * Markdown file. Amounts are minor-unit decimal strings as on the ledger;
 * `minorUnits` says how to show each currency.
 */
export interface ScenarioReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  chaincode: { name: string; version: string; channel: string };
  consortium: { bootstrappedNow: boolean; members: { mspId: string; name: string; roles: string[]; issuerOf: string[] }[] };
  parties: PartyLine[];
  rates: RateLine[];
  orders: OrderLine[];
  balances: BalanceLine[];
  supply: SupplyLine[];
  checks: Check[];
  steps: StepRecord[];
  minorUnits: Record<string, number>;
  /** How often a step waited for peers to commit a block another organisation's step had committed. */
  consistencyWaits: { count: number; totalMs: number; longestMs: number };
  /** The newest block the run saw: pass it as `xborder --after TOKEN` to read the ledger as the run left it. */
  consistencyToken: string;
}

export interface PartyLine {
  partyId: string;
  name: string;
  mspId: string;
  country: string;
  roles: string[];
  kycStatus: string;
  riskRating: string;
  identity?: string;
}

export interface RateLine {
  pair: string;
  bid: string;
  ask: string;
  provider: string;
  validUntil: string;
  txId: string;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface OrderLine {
  trade: string;
  story: string;
  orderId: string;
  quotationId: string;
  seller: string;
  buyer: string;
  goods: string;
  status: string;
  instructed: Money;
  escrow: Money;
  /** What the seller received, in its settlement currency. */
  settled?: Money;
  refunded?: Money;
  marginClaim?: Money;
  rate?: { pair: string; rate: string; source: string; provider: string };
  fees: (Money & { type: string; bearer: string })[];
  acceptedAt: string;
  closedAt?: string;
  /** The transaction that closed the order (settlement, dispute resolution or default) and its client-measured time, endorsement to commit. */
  closing: { step: string; txId: string; ms: number };
  uetr?: string;
  transactions: { step: string; txId: string }[];
}

export interface BalanceLine {
  partyId: string;
  account: 'party' | 'margin';
  currency: string;
  balance: string;
}

export interface SupplyLine {
  currency: string;
  minted: string;
  redeemed: string;
  outstanding: string;
  held: string;
  accounts: number;
  consistent: boolean;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Whether every check passed: the scenario's exit status. */
export function allChecksPass(report: Pick<ScenarioReport, 'checks'>): boolean {
  return report.checks.length > 0 && report.checks.every((check) => check.ok);
}

function moneyOf(report: Pick<ScenarioReport, 'minorUnits'>): (money: Money | undefined) => string {
  return (money) => (money ? formatMoney(BigInt(money.amount), money.currency, report.minorUnits[money.currency] ?? 0) : '');
}

function elapsed(from: string, to: string | undefined): string {
  return to ? formatDuration(Date.parse(to) - Date.parse(from)) : '';
}

const BEARERS: Readonly<Record<string, string>> = { DEBT: 'buyer', CRED: 'seller' };

function feesText(order: OrderLine, money: (m: Money) => string): string {
  return order.fees.map((fee) => `${money(fee)} ${fee.type === 'PLATFORM_FEE' ? 'fee' : 'FX spread'} (${BEARERS[fee.bearer] ?? fee.bearer})`).join(', ') || 'none';
}

function rateText(order: OrderLine): string {
  return order.rate ? `${order.rate.rate} ${order.rate.pair} ${order.rate.source === 'FIRM_QUOTE' ? 'firm' : 'posted'}` : '';
}

function outcomeText(order: OrderLine, money: (m: Money | undefined) => string): string {
  const parts = [order.refunded && `refund ${money(order.refunded)}`, order.marginClaim && `margin claim ${money(order.marginClaim)}`].filter(Boolean);
  return parts.join(', ');
}

const ORDER_COLUMNS: Column[] = [
  { header: 'TRADE' },
  { header: 'STATUS' },
  { header: 'INSTRUCTED', align: 'right' },
  { header: 'PAID TO SELLER', align: 'right' },
  { header: 'RATE' },
  { header: 'FEES' },
  { header: 'REFUND / CLAIM' },
];

const TIME_COLUMNS: Column[] = [
  { header: 'TRADE' },
  { header: 'ORDER' },
  { header: 'ACCEPTED' },
  { header: 'CLOSED' },
  { header: 'ACCEPTED→CLOSED', align: 'right' },
  { header: 'CLOSING TX', align: 'right' },
  { header: 'CLOSING TRANSACTION' },
];

function orderRows(report: ScenarioReport): string[][] {
  const money = moneyOf(report);
  return report.orders.map((o) => [o.trade, o.status, money(o.instructed), money(o.settled), rateText(o), feesText(o, money), outcomeText(o, money)]);
}

function timeRows(report: ScenarioReport, full: boolean): string[][] {
  return report.orders.map((o) => [
    o.trade,
    o.orderId,
    o.acceptedAt,
    o.closedAt ?? '',
    elapsed(o.acceptedAt, o.closedAt),
    formatDuration(o.closing.ms),
    `${o.closing.step} ${full ? o.closing.txId : shortId(o.closing.txId, 16)}`,
  ]);
}

function balanceRows(report: ScenarioReport): string[][] {
  const money = moneyOf(report);
  const names = new Map(report.parties.map((p) => [p.partyId, p.name]));
  return report.balances.map((b) => [names.get(b.partyId) ?? b.partyId, b.partyId, b.account, money({ amount: b.balance, currency: b.currency })]);
}

function supplyRows(report: ScenarioReport): string[][] {
  const money = moneyOf(report);
  return report.supply.map((s) => [
    s.currency,
    money({ amount: s.minted, currency: s.currency }),
    money({ amount: s.redeemed, currency: s.currency }),
    money({ amount: s.held, currency: s.currency }),
    String(s.accounts),
    s.consistent ? 'holds' : 'BROKEN',
  ]);
}

const BALANCE_COLUMNS: Column[] = [{ header: 'PARTY' }, { header: 'ID' }, { header: 'ACCOUNT' }, { header: 'BALANCE', align: 'right' }];
const SUPPLY_COLUMNS: Column[] = [
  { header: 'CURRENCY' },
  { header: 'MINTED', align: 'right' },
  { header: 'REDEEMED', align: 'right' },
  { header: 'HELD', align: 'right' },
  { header: 'ACCOUNTS', align: 'right' },
  { header: 'HELD = MINTED - REDEEMED' },
];

/** Whether steps had to wait for lagging peers, so that each acted on state that includes the steps before it. */
function consistencyLine(report: ScenarioReport): string {
  const { count, totalMs, longestMs } = report.consistencyWaits;
  const waits =
    count === 0
      ? 'no step had to wait for a peer to catch up'
      : `${count} call(s) waited for peers to commit a block already seen (${totalMs} ms in all, longest ${longestMs} ms)`;
  return `Consistency: ${waits}; token ${report.consistencyToken} (xborder --after ${report.consistencyToken} reads what this run wrote)`;
}

/** The summary printed at the end of a run. */
export function renderTerminalReport(report: ScenarioReport, reportFile?: string): string {
  const passed = report.checks.filter((c) => c.ok).length;
  const lines = [
    '',
    `xborder scenario ${report.runId}: ${report.orders.length} orders, ${report.steps.length} steps in ${formatDuration(report.durationMs)} (chaincode ${report.chaincode.name} ${report.chaincode.version})`,
    consistencyLine(report),
    '',
    'ORDERS',
    renderTable(ORDER_COLUMNS, orderRows(report)),
    '',
    renderTable(TIME_COLUMNS, timeRows(report, false)),
    '',
    'FINAL BALANCES',
    renderTable(BALANCE_COLUMNS, balanceRows(report)),
    '',
    'SUPPLY',
    renderTable(SUPPLY_COLUMNS, supplyRows(report)),
    '',
    `CHECKS (${passed}/${report.checks.length} passed)`,
    ...report.checks.map((c) => ` ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`),
  ];
  if (reportFile) {
    lines.push('', `Report: ${reportFile}`);
  }
  return lines.join('\n');
}

/** The Markdown report: everything in the terminal summary, with full ids and every transaction. */
export function renderMarkdownReport(report: ScenarioReport): string {
  const money = moneyOf(report);
  const ok = allChecksPass(report);
  const sections: string[] = [
    `# xborder scenario ${report.runId}`,
    '',
    `${ok ? '**All checks passed.**' : '**Some checks FAILED.**'} Run from ${report.startedAt} to ${report.finishedAt} (${formatDuration(report.durationMs)}), ` +
      `${report.steps.length} steps, chaincode \`${report.chaincode.name}\` ${report.chaincode.version} on channel \`${report.chaincode.channel}\`.`,
    '',
    `${consistencyLine(report)}.`,
    '',
    '## Orders',
    '',
    renderMarkdownTable(ORDER_COLUMNS, orderRows(report)),
    '',
    '### Settlement times',
    '',
    renderMarkdownTable(TIME_COLUMNS, timeRows(report, true)),
  ];
  for (const order of report.orders) {
    sections.push(
      '',
      `### ${order.trade}: ${order.story}`,
      '',
      `- Order \`${order.orderId}\` from quotation \`${order.quotationId}\`: ${order.goods}`,
      `- Seller ${order.seller}, buyer ${order.buyer}; status **${order.status}**`,
      `- Instructed ${money(order.instructed)}; escrowed ${money(order.escrow)}`,
      ...(order.settled ? [`- Paid to the seller: ${money(order.settled)}${order.rate ? ` at ${order.rate.rate} ${order.rate.pair} (${order.rate.source}, ${order.rate.provider})` : ''}`] : []),
      ...(order.refunded ? [`- Refunded to the buyer: ${money(order.refunded)}`] : []),
      ...(order.marginClaim ? [`- Margin claimed for the buyer: ${money(order.marginClaim)}`] : []),
      `- Charges: ${feesText(order, money)}`,
      ...(order.uetr ? [`- UETR \`${order.uetr}\``] : []),
      '',
      renderMarkdownTable(
        [{ header: 'step' }, { header: 'transaction id' }],
        order.transactions.map((t) => [t.step, `\`${t.txId}\``]),
      ),
    );
  }
  sections.push(
    '',
    '## Final balances',
    '',
    renderMarkdownTable(BALANCE_COLUMNS, balanceRows(report)),
    '',
    '## Supply invariant',
    '',
    renderMarkdownTable(SUPPLY_COLUMNS, supplyRows(report)),
    '',
    '## Checks',
    '',
    ...report.checks.map((c) => `- ${c.ok ? '✓' : '✗ **FAILED**'} ${c.name}: ${c.detail}`),
    '',
    '## Consortium',
    '',
    `${report.consortium.bootstrappedNow ? 'Bootstrapped by this run.' : 'Bootstrapped by an earlier run; this run left it as it was.'}`,
    '',
    renderMarkdownTable(
      [{ header: 'member' }, { header: 'name' }, { header: 'roles' }, { header: 'issues' }],
      report.consortium.members.map((m) => [m.mspId, m.name, m.roles.join(', '), m.issuerOf.join(', ')]),
    ),
    '',
    '## Parties',
    '',
    renderMarkdownTable(
      [{ header: 'party' }, { header: 'name' }, { header: 'onboarded by' }, { header: 'country' }, { header: 'roles' }, { header: 'KYC' }, { header: 'acts as' }],
      report.parties.map((p) => [`\`${p.partyId}\``, p.name, p.mspId, p.country, p.roles.join(', '), `${p.kycStatus} (${p.riskRating})`, p.identity ?? '']),
    ),
    '',
    '## FX rates posted',
    '',
    renderMarkdownTable(
      [{ header: 'pair' }, { header: 'bid', align: 'right' }, { header: 'ask', align: 'right' }, { header: 'provider' }, { header: 'valid until' }, { header: 'transaction id' }],
      report.rates.map((r) => [r.pair, r.bid, r.ask, r.provider, r.validUntil, `\`${r.txId}\``]),
    ),
    '',
    '## Steps',
    '',
    renderMarkdownTable(
      [{ header: '#', align: 'right' }, { header: 'section' }, { header: 'step' }, { header: 'result' }, { header: 'time', align: 'right' }],
      report.steps.map((s) => [String(s.n), s.section, s.title, s.detail ?? '', formatDuration(s.ms)]),
    ),
    '',
  );
  return sections.join('\n');
}
