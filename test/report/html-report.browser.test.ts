// index.html in a real browser (Debian's chromium through playwright-core;
// never a downloaded one): no console or page errors, no request leaves the
// file, the matrix shows the right counts, the filters hide the right rows,
// the charts drew something. Saves .tap/screenshots/report.png to look at.
import t from 'tap';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { projectRoot } from '../../harness/cli/package-info.js';
import { writeReport } from '../../harness/report/write-report.js';
import { withComparison } from '../../harness/report/baseline.js';
import type { BaselineFile } from '../../harness/report/baseline-file.js';
import { HOSTILE, sampleReport } from './sample-report.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(projectRoot, '.tap/screenshots');

/** nghttpd's failures accepted, node's not; ref's 3.5/1 accepted but passing (fixed). */
const BASELINE: BaselineFile = {
  schemaVersion: 1,
  targets: {
    nghttpd: ['conformance-h2c', 'conformance-tls'].map((stage) => ({ stage, case: '5.1/1', reason: 'nghttpd resets the stream instead' })),
    ref: [{ stage: 'conformance-h2c', case: '3.5/1', reason: 'was broken once' }],
  },
};

async function visibleCaseRows(page: Page): Promise<string[]> {
  return page.$$eval('#matrix-body tr.case-row', (rows) => rows.filter((r) => !(r as { hidden: boolean }).hidden).map((r) => r.getAttribute('data-case') ?? ''));
}

async function browserTests(): Promise<void> {
  const report = withComparison(sampleReport(), BASELINE, 'reports/baseline.json');
  const out = join(projectRoot, '.tap/report-html');
  const { files } = writeReport(report, out);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(files.html).href) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });

  t.test('loads with no console errors, page errors, dialogs or requests', async (t) => {
    t.same(problems, []);
    t.equal(await page.title(), `h2harness ${report.run.id}`);
    t.equal(await page.textContent('#verdict'), 'failed');
  });

  t.test('the totals and the matrix show the right counts', async (t) => {
    t.same(await page.$$eval('#totals .card', (cards) => cards.map((c) => c.textContent)), ['46 passed', '4 failed', '2 flaky', '2 skipped']);
    const heads = await page.$$eval('#matrix-head tr:first-child th', (ths) => ths.map((th) => th.textContent));
    t.same(heads, ['Case', 'Description', 'refh2c', 'reftls', 'nodeh2c', 'nodetls', 'nghttpdh2c', 'nghttpdtls']);
    t.equal((await visibleCaseRows(page)).length, 8);
    t.equal(await page.textContent('#matrix-count'), '8 of 8 cases');
    const cells = async (outcome: string) => (await page.$$(`#matrix-body td.cell.outcome-${outcome}`)).length;
    t.same([await cells('passed'), await cells('failed'), await cells('flaky'), await cells('skipped')], [40, 4, 2, 2]);
    const tallies = await page.$$eval('#matrix-head tr.column-totals td', (tds) => tds.map((td) => td.textContent));
    t.same(tallies, ['7 passed1 flaky', '7 passed1 flaky', '7 passed1 failed', '7 passed1 failed', '6 passed1 failed1 skipped', '6 passed1 failed1 skipped']);
    const failedCell = await page.getAttribute('#matrix-body tr[data-case="6.5.3/1"] td.outcome-failed', 'title');
    t.match(failedCell, /^node: The endpoint MUST .*\nExpected: GOAWAY Frame/s);
  });

  t.test('markup in a description is shown as text', async (t) => {
    t.equal(await page.textContent('#matrix-body tr[data-case="5.1/2"] td:nth-child(2)'), HOSTILE);
  });

  t.test('the text filter and the outcome filter hide the right rows', async (t) => {
    await page.fill('#filter', '6.5.3');
    t.same(await visibleCaseRows(page), ['6.5.3/1', '6.5.3/2']);
    t.equal(await page.textContent('#matrix-count'), '2 of 8 cases');
    const sections = await page.$$eval('#matrix-body tr.section-row', (rows) => rows.filter((r) => !(r as { hidden: boolean }).hidden).map((r) => r.textContent));
    t.same(sections, ['§ 6.5.3 Settings Synchronization']);
    await page.fill('#filter', 'WINDOW');
    t.same(await visibleCaseRows(page), ['6.5.3/1', '6.9.1/1'], 'case-insensitive, over descriptions');
    await page.fill('#filter', '');
    await page.selectOption('#outcome-filter', 'failed');
    t.same(await visibleCaseRows(page), ['5.1/1', '6.5.3/1']);
    await page.selectOption('#outcome-filter', 'differs');
    t.same(await visibleCaseRows(page), ['4.2/1', '5.1/1', '6.5.3/1', '6.9.1/1']);
    await page.fill('#filter', 'settings');
    t.same(await visibleCaseRows(page), ['6.5.3/1', '6.9.1/1'], 'both filters at once');
    await page.fill('#filter', '');
    await page.selectOption('#outcome-filter', 'all');
    t.equal((await visibleCaseRows(page)).length, 8);
  });

  t.test('the baseline comparison, stages and findings are listed', async (t) => {
    const lists = await page.$$eval('#comparison-body .ref-list h3', (hs) => hs.map((h) => h.textContent));
    t.same(lists, ['New failures (2)', 'Fixed (1)', 'Flaky (2)', 'Accepted, still failing (2)']);
    t.match(await page.textContent('#comparison-body .outcome-failed'), /node · conformance-h2c · 6\.5\.3\/1/);
    t.match(await page.textContent('#stage-body'), /Fix: apt-get install curl/);
    t.equal((await page.$$('#failure-list details')).length, 6, 'four failed, two flaky');
    const reproducers = await page.$$eval('#findings-body a', (as) => as.map((a) => a.getAttribute('href')));
    t.same(reproducers, ['../../../corpus/hpack/hpack-latitude-1a2b.json', '../../../corpus/hpack/hpack-latitude-3c4d.json']);
  });

  t.test('both charts drew on their canvas', async (t) => {
    for (const id of ['throughput-chart', 'findings-chart']) {
      const painted = await page.$eval(`#${id}`, (c) => {
        const canvas = c as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return { n, width: canvas.width, height: canvas.height };
      });
      t.ok(painted.width > 100 && painted.height > 100, `${id} has a size`);
      t.ok(painted.n > 2000, `${id} is not blank (${painted.n} painted pixels)`);
    }
  });

  t.test('screenshot', async (t) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    t.ok(existsSync(file), file);
    t.same(problems, [], 'still no errors after interacting');
  });
}

if (!existsSync(CHROMIUM)) {
  // Under CI a missing browser is a broken setup, never a silent skip.
  if (process.env.CI === 'true') t.fail(`chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  else t.plan(0, `chromium not found at ${CHROMIUM}`);
} else {
  await browserTests();
}
