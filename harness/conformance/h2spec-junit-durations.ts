// Per-case durations, which h2spec's plain output does not print but its own
// JUnit file does (reporter/junit_report.go: one <testsuite package="http2/6.5.3">
// per section, <testcase classname="DESCRIPTION" time="0.0012">, no names).
// Cases are matched by section id and description, in order.
import { XMLParser } from 'fast-xml-parser';
import type { ConformanceCase } from './conformance-result.js';

interface RawCase {
  '@_package'?: string;
  '@_classname'?: string;
  '@_time'?: string;
}

/** Fills `durationMs` in place; cases h2spec's JUnit does not mention stay null. */
export function applyH2specJUnitDurations(cases: ConformanceCase[], junitXml: string): void {
  const parser = new XMLParser({
    ignoreAttributes: false,
    // Go's encoding/xml writes quotes as `&#34;`: numeric entities must be decoded to match descriptions.
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const doc = parser.parse(junitXml) as { testsuites?: { testsuite?: Array<{ testcase?: RawCase[] }> } };
  const times = new Map<string, number[]>();
  for (const suite of doc.testsuites?.testsuite ?? []) {
    for (const tc of suite.testcase ?? []) {
      const key = `${tc['@_package'] ?? ''}\n${tc['@_classname'] ?? ''}`;
      const seconds = Number(tc['@_time']);
      if (!Number.isFinite(seconds)) continue;
      times.set(key, [...(times.get(key) ?? []), seconds]);
    }
  }
  for (const c of cases) {
    const queue = times.get(`${c.suite}/${c.section}\n${c.description}`);
    const seconds = queue?.shift();
    if (seconds !== undefined) c.durationMs = Math.round(seconds * 1e6) / 1e3;
  }
}
