/**
 * The results as an SVG chart, drawn here (no chart library): committed
 * transactions per second per workload and mode on top, and submit-to-commit
 * latency below (a bar to the median, a whisker to p99 with a tick at p95),
 * on a logarithmic axis since a query and a whole trade differ a thousandfold.
 */

const WIDTH = 960;
const MARGIN = { left: 70, right: 20 };
const COLORS = { closed: '#1f5fa8', 'fixed-rate': '#e08a1e' };

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x, y, content, { size = 12, anchor = 'start', bold = false } = {}) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="sans-serif" font-size="${size}" text-anchor="${anchor}"${bold ? ' font-weight="bold"' : ''}>${escape(content)}</text>`;
const line = (x1, y1, x2, y2, attributes = '') => `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" ${attributes}/>`;
const rect = (x, y, width, height, fill) => `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, width).toFixed(1)}" height="${Math.max(0, height).toFixed(1)}" fill="${fill}"/>`;

/** A "nice" upper bound and step for a linear axis from 0 to `max`. */
function niceAxis(max) {
  const rough = Math.max(max, 1) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough);
  return { step, top: Math.ceil(Math.max(max, 1) / step) * step };
}

function workloadsOf(results) {
  return [...new Map(results.map((r) => [r.key, `${r.key} ${r.workload}`])).entries()];
}

function groupLayout(results, top, height) {
  const workloads = workloadsOf(results);
  const modes = [...new Set(results.map((r) => r.mode))];
  const groupWidth = (WIDTH - MARGIN.left - MARGIN.right) / workloads.length;
  const barWidth = Math.min(48, (groupWidth * 0.7) / modes.length);
  const x = (key, mode) => MARGIN.left + workloads.findIndex(([k]) => k === key) * groupWidth + (groupWidth - barWidth * modes.length) / 2 + modes.indexOf(mode) * barWidth;
  const labels = workloads.map(([, label], i) => text(MARGIN.left + (i + 0.5) * groupWidth, top + height + 18, label, { anchor: 'middle' }));
  return { modes, barWidth, x, labels };
}

function throughputPanel(results, top, height) {
  const { step, top: max } = niceAxis(Math.max(...results.map((r) => Math.max(r.txPerSecond, r.offeredRate ?? 0))));
  const y = (value) => top + height - (value / max) * height;
  const { barWidth, x, labels } = groupLayout(results, top, height);
  const parts = [text(MARGIN.left, top - 12, 'Committed transactions per second (queries per second for queries; dashes: the fixed rate offered)', { bold: true })];
  for (let value = 0; value <= max + 1e-9; value += step) {
    parts.push(line(MARGIN.left, y(value), WIDTH - MARGIN.right, y(value), 'stroke="#ddd"'), text(MARGIN.left - 6, y(value) + 4, value.toFixed(value < 10 && step < 1 ? 1 : 0), { anchor: 'end' }));
  }
  for (const r of results) {
    const left = x(r.key, r.mode);
    parts.push(rect(left + 2, y(r.txPerSecond), barWidth - 4, y(0) - y(r.txPerSecond), COLORS[r.mode]));
    parts.push(text(left + barWidth / 2, y(r.txPerSecond) - 4, r.txPerSecond.toFixed(1), { size: 10, anchor: 'middle' }));
    if (r.offeredRate !== undefined) {
      parts.push(line(left, y(r.offeredRate), left + barWidth, y(r.offeredRate), 'stroke="#333" stroke-dasharray="4 3"'));
    }
  }
  return [...parts, line(MARGIN.left, y(0), WIDTH - MARGIN.right, y(0), 'stroke="#333"'), ...labels].join('\n');
}

function latencyPanel(results, top, height) {
  const values = results.flatMap((r) => [r.latencyMs.p50, r.latencyMs.p99]).filter((v) => v !== undefined && v > 0);
  const low = Math.floor(Math.log10(Math.min(...values, 10)));
  const high = Math.ceil(Math.log10(Math.max(...values, 100)));
  const y = (value) => top + height - ((Math.log10(Math.max(value, 10 ** low)) - low) / (high - low)) * height;
  const { barWidth, x, labels } = groupLayout(results, top, height);
  const parts = [text(MARGIN.left, top - 12, 'Latency, submit to commit (ms, log scale; the order path: a whole trade): bar p50, tick p95, whisker p99', { bold: true })];
  for (let power = low; power <= high; power++) {
    parts.push(line(MARGIN.left, y(10 ** power), WIDTH - MARGIN.right, y(10 ** power), 'stroke="#ddd"'), text(MARGIN.left - 6, y(10 ** power) + 4, String(10 ** power), { anchor: 'end' }));
  }
  for (const r of results) {
    const { p50, p95, p99 } = r.latencyMs;
    if (p50 === undefined) {
      continue;
    }
    const left = x(r.key, r.mode);
    const middle = left + barWidth / 2;
    parts.push(rect(left + 2, y(p50), barWidth - 4, y(10 ** low) - y(p50), COLORS[r.mode]));
    parts.push(line(middle, y(p50), middle, y(p99), 'stroke="#333"'), line(middle - 5, y(p99), middle + 5, y(p99), 'stroke="#333"'));
    parts.push(line(middle - 8, y(p95), middle + 8, y(p95), 'stroke="#333" stroke-width="2"'));
    parts.push(text(middle, y(p99) - 4, String(p50), { size: 10, anchor: 'middle' }));
  }
  return [...parts, ...labels].join('\n');
}

function legend(modes, top) {
  return modes
    .map((mode, i) => {
      const left = MARGIN.left + i * 140;
      return `${rect(left, top, 14, 14, COLORS[mode])}\n${text(left + 20, top + 11, mode)}`;
    })
    .join('\n');
}

/** The whole chart for one run's results; `title` heads it. */
export function renderChart(results, title) {
  const height = 700;
  const modes = [...new Set(results.map((r) => r.mode))];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    text(MARGIN.left, 24, title, { size: 15, bold: true }),
    legend(modes, 36),
    throughputPanel(results, 90, 230),
    latencyPanel(results, 400, 230),
    '</svg>',
    '',
  ].join('\n');
}
