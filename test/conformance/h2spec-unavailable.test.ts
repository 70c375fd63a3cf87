// An h2spec that cannot be used (H2SPEC naming no executable): `conformance`
// and the conformance stages of `run` report the check as not run, with the
// reason and the fix, never a stack trace; under CI=true that fails (exit 1).
import t from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../fuzz/cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'h2harness-no-h2spec-'));
const env = (ci: boolean): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, H2SPEC: join(scratch, 'no-h2spec') };
  if (ci) e.CI = 'true';
  else delete e.CI;
  return e;
};

t.test('`conformance`: not run, with the fix; exit 0, 1 under CI', async (t) => {
  const r = await runCli(['conformance', '--target', 'ref', '--no-install'], 30_000, env(false));
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^not run: H2SPEC=.*no-h2spec is not an executable file$/m);
  t.match(r.stdout, /^fix: point H2SPEC at an h2spec binary, or unset it/m);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const ci = await runCli(['conformance', '--target', 'ref', '--no-install'], 30_000, env(true));
  t.equal(ci.code, 1);
});

t.test('`run --stages conformance`: both stages not run, the report says why and what fixes it', async (t) => {
  const out = join(scratch, 'reports');
  const r = await runCli(['run', '--stages', 'conformance', '--budget', '20', '--out', out], 60_000, env(false));
  t.equal(r.code, 0, r.stdout + r.stderr);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const report = JSON.parse(readFileSync(join(out, 'latest', 'report.json'), 'utf8')) as { stages: Array<{ name: string; status: string; reason: string; install: string }> };
  t.same(report.stages.map((s) => [s.name, s.status]), [['conformance-h2c', 'not-run'], ['conformance-tls', 'not-run']]);
  t.match(report.stages[0], { reason: /is not an executable file/, install: /point H2SPEC at an h2spec binary/ });
});
