// index.html: one self-contained file, readable from a CI artifact with no
// network. The page is a fixed skeleton; the report travels inside it as
// JSON and html-client.ts draws it, with Chart.js's UMD build inlined for
// the charts. A Content-Security-Policy forbids every fetch, so a page that
// tried to reach the network would show errors instead of passing silently.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Report } from './report-model.js';
import { renderReport, type ClientOptions } from './html-client.js';
import { REPORT_CSS } from './html-style.js';

const require = createRequire(import.meta.url);
let chartJsSource: string | undefined;

/**
 * Chart.js's UMD bundle, without its source-map comment (the map is not
 * shipped in the page). The package's exports map hides dist/chart.umd.js,
 * so it is found next to the entry point `require` resolves to (dist/chart.cjs).
 */
function chartJs(): string {
  chartJsSource ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  return chartJsSource;
}

/**
 * JSON inside <script>: `<` is written as \u003c so no `</script>` or `<!--`
 * in a case description can end the element; U+2028/9 are escaped for old parsers.
 */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Inline code must not contain `</script` either; Chart.js and our client do not, and this keeps it so. */
function inlineScript(source: string): string {
  if (/<\/script/i.test(source)) throw new Error('inline script contains </script');
  return `<script>\n${source}\n</script>`;
}

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const OUTCOME_OPTIONS = [
  ['all', 'all outcomes'],
  ['not-passed', 'not passed'],
  ['failed', 'failed'],
  ['flaky', 'flaky'],
  ['skipped', 'skipped'],
  ['passed', 'passed'],
  ['differs', 'differs between targets'],
]
  .map(([value, label]) => `<option value="${value}">${label}</option>`)
  .join('');

const SKELETON = `
<header>
  <h1 id="title">h2harness report</h1><span id="verdict" class="badge"></span>
  <dl id="run-meta"></dl>
</header>
<section id="totals" class="cards"></section>
<section id="comparison"><h2>Baseline comparison</h2><div id="comparison-body"></div></section>
<section id="matrix-section">
  <h2>Conformance matrix</h2>
  <div class="controls">
    <input id="filter" type="search" placeholder="Filter by id, section or description" aria-label="text filter">
    <select id="outcome-filter" aria-label="outcome filter">${OUTCOME_OPTIONS}</select>
    <span id="matrix-count"></span>
  </div>
  <div class="table-wrap"><table id="matrix"><thead id="matrix-head"></thead><tbody id="matrix-body"></tbody></table></div>
</section>
<section id="stages">
  <h2>Stages</h2>
  <table id="stage-table"><thead><tr><th>Stage</th><th>Title</th><th>Status</th><th>Cases</th><th>Failed</th><th>Flaky</th><th>Time</th><th>Notes</th></tr></thead><tbody id="stage-body"></tbody></table>
  <div id="failure-list"></div>
</section>
<section id="attack-section">
  <h2>Attacks</h2>
  <table id="attack-table"><thead><tr><th>Attack</th><th>Target</th><th>Transport</th><th>Verdict</th><th>Measured</th></tr></thead><tbody id="attack-body"></tbody></table>
</section>
<section id="findings-section">
  <h2>Findings</h2>
  <table id="findings-table"><thead><tr><th>Finding</th><th>Stage</th><th>Target</th><th>Property</th><th>Class</th><th>Message</th><th>Reproducer</th></tr></thead><tbody id="findings-body"></tbody></table>
</section>
<section id="charts">
  <h2>Fuzzing over time</h2>
  <div class="chart-row">
    <div class="chart-box"><canvas id="throughput-chart" aria-label="cases per second"></canvas></div>
    <div class="chart-box"><canvas id="findings-chart" aria-label="findings over time"></canvas></div>
  </div>
</section>`;

export function buildHtmlReport(report: Report, options: ClientOptions = { reproducerBase: null }): string {
  const boot = `(${renderReport.toString()})(JSON.parse(document.getElementById('report-data').textContent), window.Chart, ${scriptJson(options)});`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>h2harness report</title>',
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    SKELETON,
    `<script type="application/json" id="report-data">${scriptJson(report)}</script>`,
    inlineScript(chartJs()),
    inlineScript(boot),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
