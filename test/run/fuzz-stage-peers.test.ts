// The run's fuzz stage without nghttp on PATH: a user gets the in-process and
// node:http2 fuzzing with nghttp reported as skipped (and how to install it);
// under CI=true the same run fails, because a missing peer never passes CI.
import t from 'tap';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../fuzz/cli-run.js';
import type { Report } from '../../harness/report/report-model.js';

for (const ci of [false, true]) {
  t.test(`nghttp missing, CI=${ci}`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'h2harness-nopeers-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const emptyPath = join(dir, 'bin');
    const { CI: _ci, ...env } = process.env;
    const out = join(dir, 'reports');
    const r = await runCli(['run', '--stages', 'fuzz', '--budget', '8', '--seed', '5', '--out', out], 120_000, { ...env, PATH: emptyPath, ...(ci ? { CI: 'true' } : {}) });
    t.equal(r.code, ci ? 1 : 0, r.stdout);
    const run = readdirSync(out).find((f) => f !== 'latest')!;
    const report = JSON.parse(readFileSync(join(out, run, 'report.json'), 'utf8')) as Report;
    const stage = report.stages.find((s) => s.name === 'hpack-fuzz')!;
    const nghttp = stage.cases.find((c) => c.id === 'fuzz/hpack-nghttp');
    t.equal(nghttp?.outcome, ci ? 'failed' : 'skipped');
    t.match(nghttp?.description, /apt-get install nghttp2-client/, 'says how to install it');
    t.equal(stage.cases.find((c) => c.id === 'fuzz/hpack')?.outcome, 'passed', 'the rest of the fuzzing ran and passed');
  });
}
