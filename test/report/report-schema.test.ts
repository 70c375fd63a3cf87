// The committed schema accepts a full report and rejects broken ones; the
// committed baseline matches its schema too.
import t from 'tap';
import { NAMED_TARGETS } from '../../harness/conformance/target-grammar.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ReportFormatError, validateBaseline, validateReport } from '../../harness/report/report-schema.js';
import { writeReport } from '../../harness/report/write-report.js';
import { projectRoot } from '../../harness/cli/package-info.js';
import { sampleReport } from './sample-report.js';

const clone = <T>(v: T): T => structuredClone(v);

t.test('a full report validates, including after a JSON round trip', async (t) => {
  const report = sampleReport();
  t.equal(validateReport(report), report);
  t.same(validateReport(JSON.parse(JSON.stringify(report))), report);
  t.match(report.run.id, /^2026-01-02T03-04-05Z-all$/);
  t.equal(report.run.complete, true);
});

t.test('a run with nothing seeded (`h2harness conformance`) validates without a seed', async (t) => {
  const { seed: _seed, ...run } = sampleReport().run;
  t.notOk('seed' in validateReport({ ...sampleReport(), run }).run);
});

t.test('an interrupted run validates and is marked incomplete', async (t) => {
  const report = sampleReport(undefined, { interruption: 'SIGINT' });
  validateReport(report);
  t.equal(report.run.complete, false);
  t.equal(report.run.interruption, 'SIGINT');
});

t.test('broken reports are rejected, saying where', async (t) => {
  const breakages: Array<[string, (r: ReturnType<typeof sampleReport>) => void, RegExp]> = [
    ['unknown schema version', (r) => ((r as { schemaVersion: number }).schemaVersion = 2), /schemaVersion/],
    ['missing budget', (r) => delete (r.run as Partial<typeof r.run>).budgetSeconds, /\/run .*budgetSeconds/],
    ['a seed that is not text', (r) => ((r.run as { seed: unknown }).seed = 42), /\/run\/seed/],
    ['unknown outcome', (r) => ((r.stages[1]!.cases[0] as { outcome: string }).outcome = 'maybe'), /\/stages\/1\/cases\/0\/outcome/],
    ['failed case without its failure', (r) => delete r.stages[1]!.cases.find((c) => c.outcome === 'failed')!.failure, /failure/],
    ['failure without scope', (r) => delete (r.stages[1]!.cases.find((c) => c.failure)!.failure as { scope?: string }).scope, /scope/],
    ['not-run stage without reason', (r) => delete r.stages.find((s) => s.status === 'not-run')!.reason, /reason/],
    ['start time not ISO 8601', (r) => (r.run.startedAt = 'yesterday'), /startedAt/],
    ['unknown property', (r) => ((r as unknown as Record<string, unknown>).extra = 1), /additional properties/],
  ];
  for (const [what, breakIt, where] of breakages) {
    const broken = clone(sampleReport());
    breakIt(broken);
    t.throws(() => validateReport(broken), where, what);
    t.throws(() => validateReport(broken), ReportFormatError, what);
  }
});

t.test('writeReport refuses a report that breaks the schema', async (t) => {
  const broken = clone(sampleReport());
  broken.run.durationMs = -1;
  t.throws(() => writeReport(broken, t.testdir()), /durationMs/);
});

t.test('the committed baseline.json matches its schema', async (t) => {
  const file = join(projectRoot, 'reports/baseline.json');
  const baseline = validateBaseline(JSON.parse(readFileSync(file, 'utf8')));
  // Only built-in targets: a user's HOST:PORT has no place in the project's own baseline. A target
  // with no accepted failure has no key, so the set is a subset that changes as servers get fixed.
  for (const name of Object.keys(baseline.targets)) t.ok((NAMED_TARGETS as readonly string[]).includes(name), `${name} is a built-in target`);
  for (const name of ['node', 'nghttpd', 'nginx']) t.ok(baseline.targets[name]?.length, `${name}'s known failures are in it`);
  for (const [target, entries] of Object.entries(baseline.targets)) {
    for (const e of entries) t.notMatch(e.reason, /TODO/, `${target} ${e.stage} ${e.case} has a reason written down`);
  }
  t.throws(() => validateBaseline({ schemaVersion: 1, targets: { node: [{ stage: 'conformance-h2c', case: '6.5.3/1' }] } }), /reason/);
});
