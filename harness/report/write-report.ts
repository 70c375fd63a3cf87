// Writes one run's folder: report.json (the source of truth) and the three
// files drawn from it, then points `latest` at it. `h2harness report DIR`
// redraws the three from report.json through `renderReportFiles`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Report } from './report-model.js';
import { validateReport } from './report-schema.js';
import { buildJUnitReport } from './junit-report.js';
import { buildMarkdownSummary } from './markdown-summary.js';
import { buildHtmlReport } from './html-report.js';
import { pointLatest } from './latest-pointer.js';

export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml', summary: 'summary.md', html: 'index.html' } as const;

/** Writes junit.xml, summary.md and index.html into `dir` from the report. */
export function renderReportFiles(report: Report, dir: string): void {
  // Reproducer paths are relative to the directory the run started in (the
  // user's project, where ./reports is); links in the page go there from `dir`.
  const up = relative(dir, process.cwd()).split(sep).join('/');
  writeFileSync(join(dir, REPORT_FILES.junit), buildJUnitReport(report));
  writeFileSync(join(dir, REPORT_FILES.summary), buildMarkdownSummary(report));
  writeFileSync(join(dir, REPORT_FILES.html), buildHtmlReport(report, { reproducerBase: up === '' ? '' : `${up}/` }));
}

export interface WrittenReport {
  dir: string;
  files: { json: string; junit: string; summary: string; html: string };
  latest: 'symlink' | 'text';
}

/**
 * Writes the run's folder under `root` (reports/ or --out), named by
 * `report.run.id`. The report is validated first: a report that breaks the
 * schema is a bug in the harness, and must not reach CI as a green file.
 */
export function writeReport(report: Report, root: string): WrittenReport {
  validateReport(report);
  const dir = join(root, report.run.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  renderReportFiles(report, dir);
  const files = Object.fromEntries(Object.entries(REPORT_FILES).map(([key, name]) => [key, join(dir, name)])) as WrittenReport['files'];
  return { dir, files, latest: pointLatest(root, dir) };
}
