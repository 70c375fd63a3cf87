// Reads every case from h2spec 2.x's plain output. h2spec prints each case
// twice on one line: `  N: desc` while it runs, then `\r`, then the verdict
// (`✔ N: desc` passed, `× N: desc` failed, bare `N: desc` skipped). A failure
// is followed by `-> requirement`, `Expected: …` (one line per accepted
// outcome) and `Actual: …`, or by `Error: …`. The list after `Failures:`
// repeats the failures and is not read. (summerwind/h2spec spec/spec.go
// `TestResult.Print`, reporter/reporter.go.)
import type { CaseOutcome, ConformanceCase } from './conformance-result.js';
import { caseId, caseKey } from './case-id.js';

export interface H2specSummary {
  total: number;
  passed: number;
  skipped: number;
  failed: number;
}

export interface ParsedH2specOutput {
  cases: ConformanceCase[];
  /** h2spec's own closing line, when it got that far. */
  summary?: H2specSummary;
  finishedSeconds?: number;
  /** Run-level `Error: …` lines: h2spec gave up (e.g. could not connect). */
  errors: string[];
  /** A case that started but never got a verdict (h2spec was killed). */
  interrupted?: { section: string; seq: number; description: string };
}

/** Root group titles → the suite key h2spec uses in its ids (`http2/6.5.3/1`). */
const SUITE_KEYS: Record<string, string> = {
  'Generic tests for HTTP/2 server': 'generic',
  'Hypertext Transfer Protocol Version 2 (HTTP/2)': 'http2',
  'HPACK: Header Compression for HTTP/2': 'hpack',
};

function suiteKey(title: string): string {
  return SUITE_KEYS[title] ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const GROUP = /^(\d+(?:\.\d+)*)\. (.+)$/;
const VERDICT = /(✔|×) (\d+): (.*)$/;
const BARE_CASE = /^(\d+): (.*)$/;
const SUMMARY = /^(\d+) tests, (\d+) passed, (\d+) skipped, (\d+) failed/;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * The text a terminal would show: what follows the last `\r`, without
 * colours, and with other control bytes escaped — h2spec prints PING opaque
 * data raw (`opaque_data:h2spec\0\0`), and a NUL is not allowed in XML.
 */
function visible(rawLine: string): { text: string; overwritten: boolean } {
  const clean = rawLine.replace(ANSI, '');
  const cut = clean.lastIndexOf('\r');
  const text = (cut >= 0 ? clean.slice(cut + 1) : clean).trimEnd();
  const escaped = text.replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return { text: escaped, overwritten: cut >= 0 };
}

export function parseH2specOutput(output: string): ParsedH2specOutput {
  const parsed: ParsedH2specOutput = { cases: [], errors: [] };
  let suite = '';
  let section = '';
  let sectionTitle = '';
  let failing: ConformanceCase | undefined;
  let readingExpected = false;
  let inFailureList = false;

  const addCase = (seq: number, description: string, outcome: CaseOutcome): ConformanceCase => {
    const c: ConformanceCase = {
      id: caseId(suite, section, seq),
      key: caseKey(suite, section, description),
      h2specId: `${suite}/${section}/${seq}`,
      suite,
      section,
      sectionTitle,
      seq,
      description,
      outcome,
      durationMs: null,
    };
    parsed.cases.push(c);
    return c;
  };

  for (const rawLine of output.split('\n')) {
    const { text: line, overwritten } = visible(rawLine);
    const trimmed = line.trim();
    const summary = SUMMARY.exec(trimmed);
    if (summary) {
      const [total, passed, skipped, failed] = summary.slice(1).map(Number) as [number, number, number, number];
      parsed.summary = { total, passed, skipped, failed };
      continue;
    }
    const finished = /^Finished in ([\d.]+) seconds/.exec(trimmed);
    if (finished) {
      parsed.finishedSeconds = Number(finished[1]);
      continue;
    }
    if (trimmed.startsWith('Failures:')) inFailureList = true;
    if (inFailureList) continue;
    if (trimmed === '') {
      failing = undefined;
      readingExpected = false;
      continue;
    }

    // Details of the failure just printed.
    if (failing) {
      if (trimmed.startsWith('-> ')) {
        failing.requirement = trimmed.slice(3);
        continue;
      }
      if (trimmed.startsWith('Expected: ')) {
        failing.expected = [trimmed.slice('Expected: '.length)];
        readingExpected = true;
        continue;
      }
      if (trimmed.startsWith('Actual: ')) {
        failing.actual = trimmed.slice('Actual: '.length);
        readingExpected = false;
        continue;
      }
      if (trimmed.startsWith('Error: ')) {
        failing.error = trimmed.slice('Error: '.length);
        continue;
      }
      if (readingExpected && !VERDICT.test(trimmed) && !overwritten) {
        failing.expected?.push(trimmed);
        continue;
      }
    }
    failing = undefined;
    readingExpected = false;

    // A verdict may follow the in-progress text even when the `\r` was lost.
    const verdict = VERDICT.exec(line);
    if (verdict) {
      const c = addCase(Number(verdict[2]), verdict[3]!.trim(), verdict[1] === '✔' ? 'passed' : 'failed');
      if (c.outcome === 'failed') failing = c;
      continue;
    }
    const bare = BARE_CASE.exec(trimmed);
    if (bare) {
      // Overwritten = h2spec printed the verdict line, uncoloured: skipped.
      // Not overwritten = the in-progress text only: the run stopped inside it.
      if (overwritten) addCase(Number(bare[1]), bare[2]!.trim(), 'skipped');
      else parsed.interrupted = { section, seq: Number(bare[1]), description: bare[2]!.trim() };
      continue;
    }
    if (trimmed.startsWith('Error: ')) {
      parsed.errors.push(trimmed.slice('Error: '.length));
      continue;
    }
    const group = GROUP.exec(trimmed);
    if (group && line.startsWith(' ')) {
      section = group[1]!;
      sectionTitle = group[2]!;
      continue;
    }
    if (!line.startsWith(' ')) {
      suite = suiteKey(trimmed);
      section = '';
      sectionTitle = '';
    }
  }
  // h2spec stops at the first connection error; the case it was on carries it.
  for (const c of parsed.cases) {
    if (c.outcome === 'failed' && !c.actual && !c.error && parsed.errors[0]) c.error = parsed.errors[0];
  }
  return parsed;
}
