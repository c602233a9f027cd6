import { castOf, runIdAt } from '../../../../cli/src/scenario/cast';
import { Progress, StepFailure } from '../../../../cli/src/scenario/progress';
import { allChecksPass, renderMarkdownReport, renderTerminalReport, type ScenarioReport } from '../../../../cli/src/scenario/report';

const TX = (n: number): string => n.toString(16).padStart(64, 'a');

function sampleReport(): ScenarioReport {
  return {
    runId: '20260301-101500',
    startedAt: '2026-03-01T10:15:00.000Z',
    finishedAt: '2026-03-01T10:15:30.000Z',
    durationMs: 30_000,
    consistencyWaits: { count: 2, totalMs: 57, longestMs: 41 },
    consistencyToken: '1042',
    chaincode: { name: 'xborder', version: '0.1.0', channel: 'xborder' },
    consortium: { bootstrappedNow: false, members: [{ mspId: 'CNBankMSP', name: 'CN Bank', roles: ['ISSUER'], issuerOf: ['CNY'] }] },
    parties: [
      { partyId: 'SZ-EXPORTER-20260301-101500', name: 'Shenzhen Lumen Electronics', mspId: 'CNBankMSP', country: 'CN', roles: ['TRADER'], kycStatus: 'VERIFIED', riskRating: 'LOW', identity: 'user1@cnbank' },
    ],
    rates: [{ pair: 'USD/CNY', bid: '7.102', ask: '7.138', provider: 'LP-1', validUntil: '2026-03-01T22:15:00.000Z', txId: TX(1) }],
    orders: [
      {
        trade: 'Trade 1',
        story: 'delivered and settled across currencies at a firm quote',
        orderId: 'ORD-20260301-0123456789abcdef',
        quotationId: TX(2),
        seller: 'SZ-EXPORTER-20260301-101500',
        buyer: 'CHI-IMPORTER-20260301-101500',
        goods: '2000 x LED panel light (HS 940542)',
        status: 'SETTLED',
        instructed: { amount: '9700000', currency: 'USD' },
        escrow: { amount: '9724250', currency: 'USD' },
        settled: { amount: '68889400', currency: 'CNY' },
        rate: { pair: 'USD/CNY', rate: '7.102', source: 'FIRM_QUOTE', provider: 'LP-1' },
        fees: [
          { type: 'PLATFORM_FEE', amount: '24250', currency: 'USD', bearer: 'DEBT' },
          { type: 'FX_SPREAD', amount: '174600', currency: 'CNY', bearer: 'CRED' },
        ],
        acceptedAt: '2026-03-01T10:15:10.000Z',
        closedAt: '2026-03-01T10:15:11.300Z',
        closing: { step: 'settlement', txId: TX(3), ms: 346 },
        uetr: '87ce611d-c057-4e8d-914c-027ae3fbb29b',
        transactions: [
          { step: 'quotation', txId: TX(2) },
          { step: 'settlement', txId: TX(3) },
        ],
      },
      {
        trade: 'Trade 3',
        story: 'funded, never shipped: defaulted, margin claimed',
        orderId: 'ORD-20260301-fedcba9876543210',
        quotationId: TX(4),
        seller: 'SZ-EXPORTER-20260301-101500',
        buyer: 'CHI-IMPORTER-20260301-101500',
        goods: '400 x Hybrid solar inverter (HS 850440)',
        status: 'DEFAULTED',
        instructed: { amount: '2480000', currency: 'USD' },
        escrow: { amount: '2483100', currency: 'USD' },
        refunded: { amount: '2483100', currency: 'USD' },
        marginClaim: { amount: '124000', currency: 'USD' },
        fees: [],
        acceptedAt: '2026-03-01T10:15:05.000Z',
        closedAt: '2026-03-01T10:15:25.700Z',
        closing: { step: 'default', txId: TX(5), ms: 291 },
        transactions: [{ step: 'default', txId: TX(5) }],
      },
    ],
    balances: [
      { partyId: 'SZ-EXPORTER-20260301-101500', account: 'party', currency: 'CNY', balance: '68889400' },
      { partyId: 'SZ-EXPORTER-20260301-101500', account: 'margin', currency: 'JPY', balance: '500000' },
    ],
    supply: [{ currency: 'USD', minted: '26500000', redeemed: '0', outstanding: '26500000', held: '26500000', accounts: 7, consistent: true }],
    checks: [
      { name: 'Trade 1 settled', ok: true, detail: 'order is SETTLED' },
      { name: 'Supply invariant USD', ok: true, detail: 'holds' },
    ],
    steps: [{ n: 1, section: 'Network', title: 'Peers answer', detail: 'xborder 0.1.0', ms: 192 }],
    minorUnits: { USD: 2, CNY: 2, JPY: 0 },
  };
}

describe('scenario report', () => {
  it('passes only when there are checks and every one held', () => {
    const report = sampleReport();
    expect(allChecksPass(report)).toBe(true);
    expect(allChecksPass({ checks: [] })).toBe(false);
    expect(allChecksPass({ checks: [...report.checks, { name: 'Supply invariant CNY', ok: false, detail: 'broken' }] })).toBe(false);
  });

  it('shows orders in both currencies with rate, fees, refund and claim in the terminal', () => {
    const text = renderTerminalReport(sampleReport(), 'reports/20260301-101500.md');
    const trade1 = text.split('\n').find((line) => line.startsWith('Trade 1  SETTLED'));
    expect(trade1).toMatch(/97,000\.00 USD +688,894\.00 CNY +7\.102 USD\/CNY firm +242\.50 USD fee \(buyer\), 1,746\.00 CNY FX spread \(seller\)/);
    expect(text).toMatch(/Trade 3 {2}DEFAULTED +24,800\.00 USD +none +refund 24,831\.00 USD, margin claim 1,240\.00 USD/);
    expect(text).toMatch(/Trade 1 {2}ORD-20260301-0123456789abcdef {2}2026-03-01T10:15:10\.000Z {2}2026-03-01T10:15:11\.300Z +1\.3s +346ms {2}settlement a{16}…/);
    expect(text).toMatch(/Shenzhen Lumen Electronics +SZ-EXPORTER-20260301-101500 +margin +500,000 JPY/);
    expect(text).toMatch(/USD +265,000\.00 USD +0\.00 USD +265,000\.00 USD +7 +holds/);
    expect(text).toContain('CHECKS (2/2 passed)');
    expect(text).toContain(' ✓ Trade 1 settled: order is SETTLED');
    expect(text.trimEnd().endsWith('Report: reports/20260301-101500.md')).toBe(true);
  });

  it('writes a Markdown file with full transaction ids, every section and the verdict', () => {
    const markdown = renderMarkdownReport(sampleReport());
    expect(markdown.startsWith('# xborder scenario 20260301-101500\n')).toBe(true);
    expect(markdown).toContain('**All checks passed.**');
    for (const heading of ['## Orders', '### Settlement times', '### Trade 1: delivered and settled', '## Final balances', '## Supply invariant', '## Checks', '## Consortium', '## Parties', '## FX rates posted', '## Steps']) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain(`| settlement | \`${TX(3)}\` |`);
    expect(markdown).toContain('- Paid to the seller: 688,894.00 CNY at 7.102 USD/CNY (FIRM_QUOTE, LP-1)');
    expect(markdown).toContain('- Margin claimed for the buyer: 1,240.00 USD');
    expect(markdown).toContain('Bootstrapped by an earlier run');
    expect(markdown).toMatch(/^\| TRADE \| STATUS \| INSTRUCTED \| PAID TO SELLER \|.*\n\|---\|---\|---:\|---:\|/m);
  });

  it('says how often and how long steps waited for peers to catch up, in both renderings', () => {
    const report = sampleReport();
    for (const text of [renderTerminalReport(report), renderMarkdownReport(report)]) {
      expect(text).toContain('Consistency: 2 call(s) waited for peers to commit a block already seen (57 ms in all, longest 41 ms); token 1042');
    }
    report.consistencyWaits = { count: 0, totalMs: 0, longestMs: 0 };
    expect(renderTerminalReport(report)).toContain('Consistency: no step had to wait for a peer to catch up');
  });

  it('flags failed checks in both renderings', () => {
    const report = sampleReport();
    report.checks.push({ name: 'Supply invariant CNY', ok: false, detail: 'held 1.00 CNY, minted 0.00 CNY' });
    expect(renderTerminalReport(report)).toContain(' ✗ Supply invariant CNY: held 1.00 CNY, minted 0.00 CNY');
    expect(renderMarkdownReport(report)).toContain('**Some checks FAILED.**');
    expect(renderMarkdownReport(report)).toContain('- ✗ **FAILED** Supply invariant CNY');
  });
});

describe('scenario run ids and progress', () => {
  it('derives the run id from the start time, and every party id from the run id', () => {
    const runId = runIdAt(new Date('2026-03-01T10:15:00.123Z'));
    expect(runId).toBe('20260301-101500');
    const ids = Object.values(castOf(runId)).map((party) => party.partyId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*-20260301-101500$/);
      expect(id.length).toBeLessThanOrEqual(64);
    }
  });

  it('numbers steps, prints one line each, and names the step that failed', async () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new Progress((line) => lines.push(line), () => (now += 250));
    progress.section('Tokens');
    await expect(progress.step('mint', async () => 'tx1', (tx) => `tx ${tx}`)).resolves.toBe('tx1');
    const failure = progress.step('transfer', async () => {
      throw new Error('INSUFFICIENT_FUNDS: no');
    });
    await expect(failure).rejects.toBeInstanceOf(StepFailure);
    await expect(failure).rejects.toMatchObject({ step: 2, title: 'transfer' });
    expect(lines).toEqual(['', '== Tokens', ' ✓  1  mint — tx tx1  (250ms)', ' ✗  2  transfer']);
    expect(progress.steps).toEqual([{ n: 1, section: 'Tokens', title: 'mint', detail: 'tx tx1', ms: 250 }]);
  });
});
