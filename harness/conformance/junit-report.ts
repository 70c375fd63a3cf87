// Our JUnit file: one <testsuite> per run (target × transport), every
// <testcase> named by its case id, section and description — h2spec's own
// JUnit leaves the name out. A run that did not complete (no cases, crash,
// timeout) adds an <error> case, so CI shows it as red, not as "0 tests".
import { XMLBuilder } from 'fast-xml-parser';
import type { ConformanceCase, ConformanceRun } from './conformance-result.js';

type XmlNode = Record<string, unknown>;

export function runLabel(run: Pick<ConformanceRun, 'target' | 'strict'>): string {
  return `h2spec ${run.target.name} ${run.target.tls ? 'tls' : 'h2c'}${run.strict ? ' strict' : ''}`;
}

/** `6.5.3/1 Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE` — readable with no other context. */
export function junitCaseName(c: Pick<ConformanceCase, 'id' | 'description'>): string {
  return `${c.id} ${c.description}`;
}

function failureText(c: ConformanceCase): string {
  const lines: string[] = [];
  if (c.requirement) lines.push(c.requirement);
  if (c.expected) lines.push(`Expected: ${c.expected.join(' | ')}`);
  if (c.actual !== undefined) lines.push(`Actual: ${c.actual}`);
  if (c.error) lines.push(`Error: ${c.error}`);
  return lines.join('\n');
}

function caseNode(run: ConformanceRun, c: ConformanceCase): XmlNode {
  const node: XmlNode = {
    '@_name': junitCaseName(c),
    '@_classname': `h2spec.${run.target.name}.${c.suite} ${c.section}. ${c.sectionTitle}`,
    '@_time': ((c.durationMs ?? 0) / 1000).toFixed(4),
  };
  if (c.outcome === 'skipped') node.skipped = '';
  if (c.outcome === 'failed') {
    node.failure = { '@_message': c.requirement ?? c.error ?? 'failed', '@_type': 'h2spec', '#text': failureText(c) };
  }
  return node;
}

function suiteNode(run: ConformanceRun): XmlNode {
  const cases = run.cases.map((c) => caseNode(run, c));
  const incomplete = run.status !== 'completed';
  if (incomplete) {
    cases.push({
      '@_name': `h2spec run: ${run.status}`,
      '@_classname': `h2spec.${run.target.name}`,
      '@_time': (run.durationMs / 1000).toFixed(3),
      error: { '@_message': run.problems[0] ?? run.status, '@_type': run.status, '#text': run.problems.join('\n') },
    });
  }
  return {
    '@_name': runLabel(run),
    '@_tests': cases.length,
    '@_failures': run.counts.failed,
    '@_errors': incomplete ? 1 : 0,
    '@_skipped': run.counts.skipped,
    '@_time': (run.durationMs / 1000).toFixed(3),
    '@_timestamp': run.startedAt,
    properties: {
      property: [
        { '@_name': 'h2spec.version', '@_value': run.tool.version },
        { '@_name': 'target', '@_value': `${run.target.host}:${run.target.port}` },
      ],
    },
    testcase: cases,
  };
}

export function buildJUnitXml(runs: readonly ConformanceRun[]): string {
  const suites = runs.map(suiteNode);
  const sum = (key: string) => suites.reduce((n, s) => n + Number(s[key]), 0);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'h2harness conformance',
      '@_tests': sum('@_tests'),
      '@_failures': sum('@_failures'),
      '@_errors': sum('@_errors'),
      '@_skipped': sum('@_skipped'),
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  return builder.build(doc) as string;
}
