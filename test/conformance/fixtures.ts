// Captured h2spec output (real runs of h2spec v2.2.1, which prints 2.0.0),
// read from the source tree: tsc does not copy fixtures into dist/; and the
// report `h2harness conformance` makes of such runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../harness/cli/package-info.js';
import { parseH2specOutput } from '../../harness/conformance/h2spec-output-parser.js';
import { countOutcomes, type ConformanceRun } from '../../harness/conformance/conformance-result.js';
import { emptyBaseline, type BaselineFile } from '../../harness/report/baseline-file.js';
import { conformanceReport } from '../../harness/report/conformance-report.js';
import { withComparison } from '../../harness/report/baseline.js';
import type { Report } from '../../harness/report/report-model.js';

export function fixture(name: string): string {
  return readFileSync(join(projectRoot, 'test/conformance/fixtures', name), 'utf8');
}

/** A ConformanceRun as the runner would build it from a captured output. */
export function runFromFixture(name: string, target: string, overrides: Partial<ConformanceRun> = {}): ConformanceRun {
  const parsed = parseH2specOutput(fixture(name));
  return {
    tool: { name: 'h2spec', version: '2.0.0', path: '/fixture/h2spec' },
    target: { name: target, host: '127.0.0.1', port: 8443, tls: false },
    strict: true,
    specs: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    status: 'completed',
    problems: [],
    exitCode: 1,
    cases: parsed.cases,
    counts: countOutcomes(parsed.cases),
    ...overrides,
  };
}

/**
 * The Node the node:http2 captures were made on: their 6.9.1/2 failure is
 * Node 20's (later majors fail 6.9.1/3 instead), and the baseline accepts a
 * failure per Node major, so a report of them must say so.
 */
export const FIXTURE_NODE = 'v20.20.2';

/** The report `h2harness conformance` makes of these runs (one transport), compared with `baseline` as if made on Node `madeOn`. */
export function conformanceReportOf(runs: ConformanceRun[], baseline: BaselineFile = emptyBaseline(), madeOn = process.version): Report {
  const report = conformanceReport(
    {
      targetSpec: runs.length > 1 ? 'all' : (runs[0]?.target.name ?? 'ref'),
      transports: [runs[0]?.target.tls ? 'tls' : 'h2c'],
      runs,
      targets: [...new Set(runs.map((r) => r.target.name))].map((name) => ({ name })),
      budgetSeconds: 300 * runs.length,
      startedAt: new Date('2026-01-01T00:00:00Z'),
      finishedAt: new Date('2026-01-01T00:00:02Z'),
      ci: false,
      h2specVersion: runs[0]?.tool.version ?? '2.0.0',
      command: 'conformance --strict',
    },
    baseline,
    'baseline.json',
  );
  const onNode = { ...report, run: { ...report.run, versions: { ...report.run.versions, node: madeOn } } };
  return withComparison(onNode, baseline, 'baseline.json');
}
