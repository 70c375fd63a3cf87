// junit.xml for CI systems: one <testsuite> per stage, one <testcase> per
// case and target, named `6.5.3/1 Sends …` (h2spec's own JUnit has no
// names) with the target in the classname so matrices do not collide.
// Flaky cases pass, with the first failure in <system-out>: JUnit has no
// flaky outcome that every CI reader understands.
import { XMLBuilder } from 'fast-xml-parser';
import type { CaseResult, FailureDetail, Report, StageResult } from './report-model.js';
import { countCases } from './report-totals.js';
import { stageBreakage } from './report-builder.js';

type Element = Record<string, unknown>;

// Four decimals: h2spec times its cases to 0.1 ms, and most take about that long.
const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(4);

/** The case's name everywhere a person reads it: `6.5.3/1 Sends a SETTINGS frame …`. */
export function caseName(c: Pick<CaseResult, 'id' | 'description'>): string {
  return c.description ? `${c.id} ${c.description}` : c.id;
}

/** Message, expected vs actual, and the scope/code/initiator facts a reader needs to tell who broke what. */
export function failureText(f: FailureDetail): string {
  const lines = [f.message];
  if (f.expected?.length) lines.push(`Expected: ${f.expected.join(' | ')}`);
  if (f.actual !== undefined) lines.push(`Actual: ${f.actual}`);
  lines.push(`Scope: ${f.scope}, code: ${f.code ?? 'none'}, initiator: ${f.initiator}`);
  return lines.join('\n');
}

function testcase(stage: StageResult, c: CaseResult): Element {
  const el: Element = { '@_name': caseName(c), '@_classname': `${stage.name}.${c.target}`, '@_time': seconds(c.durationMs) };
  if (c.outcome === 'skipped') el.skipped = { '@_message': c.failure?.message ?? 'skipped' };
  if (c.outcome === 'failed' && c.failure) {
    el.failure = { '@_message': c.failure.message, '@_type': c.failure.code ?? c.failure.scope, '#text': failureText(c.failure) };
  }
  if (c.outcome === 'flaky') {
    const first = c.failure ? failureText(c.failure) : 'failed';
    el['system-out'] = `flaky: failed, then passed on re-run (${c.attempts ?? 2} attempts)\n${first}`;
  }
  return el;
}

/** A stage that did not run, or broke (even after some cases), still shows up as one case: never as zero green tests. */
function stageCase(stage: StageResult): Element | null {
  const base = { '@_name': `stage ${stage.name}: ${stage.status}`, '@_classname': stage.name, '@_time': seconds(stage.durationMs) };
  const why = [stage.reason, stage.install && `fix: ${stage.install}`].filter(Boolean).join('\n');
  if (stage.status === 'not-run' || stage.status === 'skipped') return { ...base, skipped: { '@_message': why || stage.status } };
  const broken = stageBreakage(stage);
  if (broken !== null) return { ...base, error: { '@_message': broken, '@_type': 'stage', '#text': why } };
  return null;
}

function findingsText(stage: StageResult): string | undefined {
  if (stage.findings.length === 0) return undefined;
  return stage.findings.map((f) => `${f.classification} ${f.id} [${f.target}] ${f.property}: ${f.reproducer}`).join('\n');
}

function testsuite(report: Report, stage: StageResult): Element {
  const cases = stage.cases.map((c) => testcase(stage, c));
  const extra = stageCase(stage);
  if (extra) cases.push(extra);
  const totals = countCases(stage.cases);
  const props: Array<[string, string | undefined]> = [
    ['stage', stage.name],
    ['kind', stage.kind],
    ['status', stage.status],
    ['transport', stage.transport],
    ['seed', report.run.seed],
  ];
  return {
    '@_name': stage.title || stage.name,
    '@_tests': cases.length,
    '@_failures': totals.failed,
    '@_errors': extra?.error ? 1 : 0,
    '@_skipped': totals.skipped + (extra?.skipped ? 1 : 0),
    '@_time': seconds(stage.durationMs),
    '@_timestamp': stage.startedAt ?? report.run.startedAt,
    properties: { property: props.filter(([, v]) => v !== undefined).map(([name, value]) => ({ '@_name': name, '@_value': value })) },
    testcase: cases,
    'system-out': findingsText(stage),
  };
}

export function buildJUnitReport(report: Report): string {
  const suites = report.stages.map((s) => testsuite(report, s));
  const sum = (key: string): number => suites.reduce((n, s) => n + Number(s[key]), 0);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `h2harness ${report.run.id}`,
      '@_tests': sum('@_tests'),
      '@_failures': sum('@_failures'),
      '@_errors': sum('@_errors'),
      '@_skipped': sum('@_skipped'),
      '@_time': seconds(report.run.durationMs),
      testsuite: suites,
    },
  };
  // processEntities (the default) escapes &, <, > and quotes in text and attributes.
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(doc) as string;
}
