// A synthetic run as the orchestrator would build it: three targets, h2spec
// over h2c and TLS, HPACK vectors, a fuzz stage with findings and throughput,
// and an interop stage that could not run. Counts are fixed so tests can
// assert them; one description carries markup to prove every writer escapes.
import type { CaseOutcome, CaseResult, Report, StageResult } from '../../harness/report/report-model.js';
import { buildReport, notRunStage, ranStage } from '../../harness/report/report-builder.js';

export const TARGETS = ['ref', 'node', 'nghttpd'] as const;
export const HOSTILE = 'Sends <script>alert("x")</script> & a </script> tag';

/** Sections and ids as h2spec writes them down. */
const H2SPEC_CASES: Array<[string, string, string, string]> = [
  ['3.5/1', '3.5', 'HTTP/2 Connection Preface', 'Sends client connection preface'],
  ['3.5/2', '3.5', 'HTTP/2 Connection Preface', 'Sends invalid connection preface'],
  ['4.2/1', '4.2', 'Frame Size', 'Sends a DATA frame with 2^14 octets in length'],
  ['5.1/1', '5.1', 'Stream States', 'idle: Sends a DATA frame'],
  ['5.1/2', '5.1', 'Stream States', HOSTILE],
  ['6.5.3/1', '6.5.3', 'Settings Synchronization', 'Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE'],
  ['6.5.3/2', '6.5.3', 'Settings Synchronization', 'Sends a SETTINGS frame without ACK flag'],
  ['6.9.1/1', '6.9.1', 'The Flow-Control Window', 'Sends SETTINGS frame to set the initial window size to 1 and sends HEADERS frame'],
];

/** Outcome per target and case id, when not `passed`. */
export type Outcomes = Partial<Record<string, Partial<Record<string, CaseOutcome>>>>;

/** Default: node fails 6.5.3/1, nghttpd fails 5.1/1 and skips 4.2/1, ref is flaky on 6.9.1/1. */
export const DEFAULT_OUTCOMES: Outcomes = {
  node: { '6.5.3/1': 'failed' },
  nghttpd: { '5.1/1': 'failed', '4.2/1': 'skipped' },
  ref: { '6.9.1/1': 'flaky' },
};

function h2specCase(target: string, [id, section, sectionTitle, description]: (typeof H2SPEC_CASES)[number], outcome: CaseOutcome): CaseResult {
  const c: CaseResult = { id, section, sectionTitle, description, target, outcome, durationMs: 12 };
  if (outcome === 'failed' || outcome === 'flaky') {
    c.failure = {
      message: 'The endpoint MUST respond with a connection error of type PROTOCOL_ERROR.',
      expected: ['GOAWAY Frame (Error Code: PROTOCOL_ERROR)', 'Connection closed'],
      actual: 'DATA Frame (length:0, flags:0x01, stream_id:1)',
      scope: 'connection',
      code: 'PROTOCOL_ERROR',
      initiator: 'target',
    };
  }
  if (outcome === 'flaky') c.attempts = 2;
  return c;
}

export function conformanceStages(outcomes: Outcomes = DEFAULT_OUTCOMES, targets: readonly string[] = TARGETS): StageResult[] {
  return (['h2c', 'tls'] as const).map((transport) =>
    ranStage({
      name: `conformance-${transport}`,
      kind: 'conformance',
      title: `h2spec --strict over ${transport}`,
      transport,
      durationMs: 4200,
      // The TLS stage has the same outcomes: enough for the matrix to show two columns per target.
      cases: targets.flatMap((t) => H2SPEC_CASES.map((spec) => h2specCase(t, spec, outcomes[t]?.[spec[0]] ?? 'passed'))),
    }),
  );
}

function vectorsStage(): StageResult {
  const stories = ['go-hpack', 'nghttp2', 'nghttp2-16384-4096', 'python-hpack'];
  return ranStage({
    name: 'hpack-vectors',
    kind: 'vectors',
    title: 'HPACK vectors (hpack-test-case)',
    durationMs: 800,
    cases: stories.map((id) => ({ id, description: `decode and re-encode ${id}`, target: 'ref', outcome: 'passed' })),
  });
}

function fuzzStage(): StageResult {
  const throughput = Array.from({ length: 11 }, (_, i) => ({ t: i * 2, cases: i * 42_000 + (i % 3) * 1_500, findings: i < 4 ? 0 : i < 8 ? 1 : 2 }));
  return ranStage({
    name: 'hpack-fuzz',
    kind: 'fuzz',
    title: 'HPACK differential fuzzing',
    durationMs: 20_000,
    cases: [
      { id: 'round-trip', description: 'decodes what it encodes', target: 'ref', outcome: 'passed' },
      { id: 'oracle-agrees', description: 'decodes what the oracle encodes', target: 'ref', outcome: 'passed' },
    ],
    findings: [
      {
        id: 'hpack-latitude-1a2b',
        kind: 'mismatch',
        property: 'rejects what the oracle rejects',
        classification: 'latitude',
        reproducer: 'corpus/hpack/hpack-latitude-1a2b.json',
        target: 'ref',
        message: 'oracle rejects an oversized table update, ours clamps (RFC 7541 §6.3 allows either)',
        t: 8,
      },
      {
        id: 'hpack-latitude-3c4d',
        kind: 'mismatch',
        property: 'rejects what the oracle rejects',
        classification: 'latitude',
        reproducer: 'corpus/hpack/hpack-latitude-3c4d.json',
        target: 'ref',
        t: 16,
      },
    ],
    throughput,
    fuzzTotals: { cases: 421_500, casesPerSecond: 21_075, failures: 0, latitude: 2 },
  });
}

export function sampleStages(outcomes: Outcomes = DEFAULT_OUTCOMES): StageResult[] {
  return [
    vectorsStage(),
    ...conformanceStages(outcomes),
    fuzzStage(),
    notRunStage({ name: 'interop', kind: 'interop', title: 'Interop clients' }, 'curl is not installed', 'apt-get install curl'),
  ];
}

/** `node` is the runtime the run says it was made on (default: this test's own). */
export function sampleReport(stages: StageResult[] = sampleStages(), overrides: { interruption?: string; ci?: boolean; node?: string } = {}): Report {
  const report = buildReport(
    {
      targetSpec: 'all',
      targets: [{ name: 'ref', address: '127.0.0.1:40001' }, { name: 'node', version: 'v20.20.2' }, { name: 'nghttpd', version: '1.64.0' }],
      transports: ['h2c', 'tls'],
      seed: '0x5eed',
      budgetSeconds: 60,
      startedAt: new Date('2026-01-02T03:04:05.678Z'),
      finishedAt: new Date('2026-01-02T03:05:03.000Z'),
      ci: overrides.ci ?? false,
      tools: { h2spec: '2.0.0', nghttp2: '1.64.0', curl: null },
      command: 'h2harness run --target all',
      ...(overrides.interruption !== undefined ? { interruption: overrides.interruption } : {}),
    },
    stages,
  );
  if (overrides.node !== undefined) report.run.versions.node = overrides.node;
  return report;
}
