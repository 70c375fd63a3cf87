// Server-fuzz findings against the baseline: a finding is named by the rule
// the judge applied, the target and the transport, never by the scenario
// (its steps and the seed that generated it), so a baseline entry accepts
// "nginx breaks rule X over h2c" whatever seed meets it; a rule newly broken
// is red; an accepted finding a run did not meet is neither fixed nor stale,
// and `baseline update` keeps it.
import t from 'tap';
import { compareWithBaseline } from '../../harness/report/baseline.js';
import type { BaselineFile } from '../../harness/report/baseline-file.js';
import { updateBaseline } from '../../harness/report/baseline-update.js';
import { ranStage } from '../../harness/report/report-builder.js';
import type { StageResult } from '../../harness/report/report-model.js';
import { findingCaseId, serverFuzzCases, type ServerFuzzOutcome } from '../../harness/run/stages/server-fuzz-cases.js';
import type { ServerFuzzWorkerFinding } from '../../harness/run/stages/server-fuzz-worker.js';
import { sampleReport } from '../report/sample-report.js';

const finding = (target: string, rule: string, step: number, seed: number): ServerFuzzWorkerFinding => ({
  file: `/tmp/run-${seed}/reproducers/http2/${target}-${rule}-${step}.json`,
  target,
  rule,
  section: '6.9.1',
  message: `${rule} (RFC 9113 §6.9.1) at step ${step}: expected GOAWAY FLOW_CONTROL_ERROR; it did: nothing (seed ${seed})`,
  t: step / 10,
});

function stage(seed: number, findings: ServerFuzzWorkerFinding[], transport: 'h2c' | 'tls' = 'h2c'): StageResult {
  const done: ServerFuzzOutcome = { findings, rates: { 'in-process': 900, nginx: 12 }, notRun: [] };
  return ranStage({ name: 'server-fuzz', kind: 'fuzz', title: 'server fuzzing', durationMs: 1000, cases: serverFuzzCases(['nginx'], transport, seed, done) });
}

const baseline: BaselineFile = {
  schemaVersion: 1,
  targets: {
    nginx: [
      { stage: 'server-fuzz', case: 'server-fuzz/h2c/connection-window-overflow', reason: 'nginx keeps the connection open where RFC 9113 §6.9.1 requires GOAWAY FLOW_CONTROL_ERROR' },
      { stage: 'server-fuzz', case: 'server-fuzz/h2c/window-update-zero', reason: 'nginx answers with GOAWAY where §6.9 requires RST_STREAM' },
    ],
  },
};
const report = (s: StageResult) => sampleReport([s]);

t.test('the case id is the path and the rule, nothing of the scenario', async (t) => {
  t.equal(findingCaseId('h2c', 'frame-size'), 'server-fuzz/h2c/frame-size');
  t.equal(findingCaseId('in-process', 'frame-size'), 'server-fuzz/in-process/frame-size');
  const a = stage(1, [finding('nginx', 'connection-window-overflow', 3, 1)]).cases;
  const b = stage(987654, [finding('nginx', 'connection-window-overflow', 11, 987654), finding('nginx', 'connection-window-overflow', 2, 987654)]).cases;
  const failed = (cs: typeof a) => cs.filter((c) => c.outcome === 'failed').map((c) => `${c.target} ${c.id}`);
  t.same(failed(a), ['nginx server-fuzz/h2c/connection-window-overflow'], 'one case per rule, however many findings show it');
  t.same(failed(b), failed(a), 'another seed, other steps: the same case');
  t.same(failed(stage(1, [finding('nginx', 'connection-window-overflow', 3, 1)], 'tls').cases), ['nginx server-fuzz/tls/connection-window-overflow'], 'over TLS it is another case');
  t.same(failed(stage(1, [finding('in-process', 'frame-size', 1, 1)]).cases), ['ref server-fuzz/in-process/frame-size'], 'the core in process is reported as ref, apart from ref over the wire');
  t.same(stage(1, []).cases.map((c) => `${c.target} ${c.id} ${c.outcome}`), ['ref server-fuzz/core passed', 'nginx server-fuzz/wire passed'], 'no finding: a passed case per target');
});

t.test('an accepted rule is green whatever the seed; a new rule is red', async (t) => {
  for (const seed of [1, 42, 20261201]) {
    const cmp = compareWithBaseline(report(stage(seed, [finding('nginx', 'connection-window-overflow', seed % 7, seed)])), baseline, 'baseline.json');
    t.equal(cmp.exitCode, 0, `seed ${seed}: green`);
    t.same(cmp.stillFailing.map((c) => c.case), ['server-fuzz/h2c/connection-window-overflow']);
  }
  const red = compareWithBaseline(report(stage(5, [finding('nginx', 'connection-window-overflow', 1, 5), finding('nginx', 'frame-size', 4, 5)])), baseline, 'baseline.json');
  t.equal(red.exitCode, 1, 'a rule the baseline does not accept fails the run');
  t.same(red.regressions.map((r) => `${r.target} ${r.case}`), ['nginx server-fuzz/h2c/frame-size']);
  const tls = compareWithBaseline(report(stage(5, [finding('nginx', 'connection-window-overflow', 1, 5)], 'tls')), baseline, 'baseline.json');
  t.equal(tls.exitCode, 1, 'accepted over h2c says nothing of TLS');
});

t.test('an accepted finding this seed did not meet is neither fixed nor stale, and baseline update keeps it', async (t) => {
  const r = report(stage(3, [finding('nginx', 'connection-window-overflow', 1, 3)]));
  const cmp = compareWithBaseline(r, baseline, 'baseline.json');
  t.equal(cmp.exitCode, 0);
  t.same(cmp.fixed, []);
  t.same(cmp.stale, [], 'window-update-zero was not met: another seed meets it');
  const updated = updateBaseline(r, baseline);
  t.same(updated.removed, []);
  t.same(updated.added, []);
  t.same(updated.baseline.targets.nginx!.map((e) => e.case).sort(), ['server-fuzz/h2c/connection-window-overflow', 'server-fuzz/h2c/window-update-zero']);
  const grown = updateBaseline(report(stage(4, [finding('nginx', 'frame-size', 2, 4)])), baseline);
  t.same(grown.added.map((a) => a.case), ['server-fuzz/h2c/frame-size'], 'a new rule is added for a person to explain');
  t.equal(grown.baseline.targets.nginx!.length, 3);
});
