// summary.md for a pull request: verdict, totals per stage and target,
// regressions by name, fixed with the update hint, flaky, not-run stages with
// their install command, findings with reproducers.
import t from 'tap';
import { buildMarkdownSummary } from '../../harness/report/markdown-summary.js';
import { withComparison } from '../../harness/report/baseline.js';
import { emptyBaseline } from '../../harness/report/baseline-file.js';
import { updateBaseline } from '../../harness/report/baseline-update.js';
import { DEFAULT_OUTCOMES, sampleReport, sampleStages } from './sample-report.js';

t.test('a regression: red headline, the case named under Regressions', async (t) => {
  const md = buildMarkdownSummary(withComparison(sampleReport(), emptyBaseline(), 'reports/baseline.json'));
  t.match(md, /^## ❌ h2harness: 4 regression\(s\), 0 broken stage\(s\)\n/);
  t.match(md, /### Regressions \(4\)\n.*\n\n- `node` · `conformance-h2c` · \*\*6\.5\.3\/1\*\* Sends multiple values of SETTINGS_INITIAL_WINDOW_SIZE: The endpoint MUST/);
  t.match(md, /\| h2spec --strict over h2c \| nghttpd \| 6 \| 1 \| 0 \| 1 \| failed \|/);
  t.match(md, /### Flaky \(2\)/);
  t.match(md, /### Not run \(1\)\n- `interop` \(not-run\): curl is not installed; fix: `apt-get install curl`/);
  t.match(md, /\| hpack-latitude-1a2b \| ref \| rejects what the oracle rejects \| latitude \| `corpus\/hpack\/hpack-latitude-1a2b\.json` \|/);
  t.match(md, /Run `2026-01-02T03-04-05Z-all` · target `all` \(h2c, tls\) · budget 60 s, took 57\.3 s · seed `0x5eed` · h2harness /);
});

t.test('green against the baseline; fixed entries say to update it; accepted ones folded away', async (t) => {
  const accepted = updateBaseline(sampleReport(), emptyBaseline()).baseline;
  const fixedNode = sampleReport(sampleStages({ ...DEFAULT_OUTCOMES, node: {} }));
  const md = buildMarkdownSummary(withComparison(fixedNode, accepted, 'reports/baseline.json'));
  t.match(md, /^## ✅ h2harness: passed, 2 fixed\n/);
  t.match(md, /### Fixed \(2\)\nAccepted failures that pass now: run `h2harness baseline update` to drop them\./);
  t.match(md, /<details><summary>Accepted failures still failing \(2\)<\/summary>/);
  t.notMatch(md, /### Regressions/);
});

t.test('pipes in a description do not break the table; an interrupted run says so', async (t) => {
  const stages = sampleStages();
  stages[0]!.title = 'vectors | with a pipe';
  const md = buildMarkdownSummary(sampleReport(stages, { interruption: 'SIGINT' }));
  t.match(md, /^## ❌ h2harness: incomplete run \(SIGINT\)/);
  t.match(md, /\| vectors \\\| with a pipe \| ref \| 4 \|/);
  t.match(md, /_No baseline comparison was made/);
});

t.test('a run with nothing seeded names no seed in its run line', async (t) => {
  const { seed: _seed, ...run } = sampleReport().run;
  const md = buildMarkdownSummary({ ...sampleReport(), run });
  t.match(md, /· budget 60 s, took 57\.3 s · h2harness /);
  t.notMatch(md, /seed/);
});

t.test('stale baseline entries are listed with the update hint', async (t) => {
  const baseline = { schemaVersion: 1 as const, targets: { node: [{ stage: 'conformance-h2c', case: '6.5.3#deadbeef', description: 'a case h2spec no longer has', reason: 'was a known defect' }] } };
  const md = buildMarkdownSummary(withComparison(sampleReport(), baseline, 'reports/baseline.json'));
  t.match(md, /### Stale \(1\)\nBaseline entries whose case no longer exists: run `h2harness baseline update` to drop them\.\n\n- `node` · `conformance-h2c` · \*\*6\.5\.3#deadbeef\*\* a case h2spec no longer has: was a known defect/);
});
