// Stories that cannot be found or read: the vectors stage of `run` and the
// `vectors` verb report the check as not run, with the reason and the fix,
// never a stack trace; under CI=true that is a failure (exit 1).
import t from 'tap';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vectorsStage } from '../../harness/run/stages/vectors-stage.js';
import { encoderDirs, VectorsUnavailableError, BUNDLED_VECTORS } from '../../harness/vectors/run-vectors.js';
import { runCli } from '../fuzz/cli-run.js';

const scratch = mkdtempSync(join(tmpdir(), 'h2harness-vectors-'));
const missing = join(scratch, 'nowhere');
const empty = join(scratch, 'empty');
mkdirSync(empty);
const aFile = join(scratch, 'file.json');
writeFileSync(aFile, '{}');

t.test('each kind of unusable folder is a typed error with a fix', async (t) => {
  const codeOf = (dir: string): string => {
    try {
      encoderDirs(dir);
      return 'none';
    } catch (err) {
      t.type(err, VectorsUnavailableError);
      t.match((err as VectorsUnavailableError).fix, /hpack-test-case/, `${dir}: the fix names the data set`);
      return (err as VectorsUnavailableError).code;
    }
  };
  t.equal(codeOf(missing), 'VECTORS_MISSING');
  t.equal(codeOf(empty), 'VECTORS_EMPTY');
  t.equal(codeOf(aFile), 'VECTORS_NOT_A_FOLDER');
});

const asRoot = process.getuid?.() === 0 ? 'running as root: permissions do not stop reading' : false;
t.test('an unreadable folder is not run, not a crash', { skip: asRoot }, async (t) => {
  const locked = join(scratch, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0);
  t.teardown(() => chmodSync(locked, 0o700));
  const stage = vectorsStage(false, locked);
  t.equal(stage.status, 'not-run');
  t.match(stage.reason, /cannot read .*EACCES/);
});

t.test('the stage: not run with reason and fix, no cases', async (t) => {
  const stage = vectorsStage(false, missing);
  t.match(stage, { name: 'hpack-vectors', status: 'not-run', reason: /does not exist/, install: /github\.com\/http2jp\/hpack-test-case/, cases: [] });
});

t.test('a story folder without raw-data still runs; the identity check says why it is skipped', async (t) => {
  const root = join(scratch, 'root');
  const one = join(root, 'one-encoder');
  mkdirSync(one, { recursive: true });
  const src = join(BUNDLED_VECTORS, 'nghttp2');
  const first = readdirSync(src).sort()[0]!;
  writeFileSync(join(one, first), readFileSync(join(src, first)));
  const stage = vectorsStage(false, root);
  t.equal(stage.status, 'passed');
  t.match(stage.cases.find((c) => c.id === 'identity/nghttp2'), { outcome: 'skipped', failure: { message: /no raw-data folder/ } });
  t.match(stage.cases.find((c) => c.id === 'vectors/one-encoder'), { outcome: 'passed', description: /^1 stories/ });
});

const env = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('CI' in extra)) delete e.CI;
  return e;
};

t.test('`vectors` with HPACK_TEST_CASE_DIR pointing nowhere: not run, exit 0 (1 under CI)', async (t) => {
  const r = await runCli(['vectors'], 30_000, env({ HPACK_TEST_CASE_DIR: missing }));
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^vectors: .*nowhere\n/);
  t.match(r.stdout, /not run: no hpack-test-case stories at .*nowhere/);
  t.match(r.stdout, /fix: point HPACK_TEST_CASE_DIR at a checkout/);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const ci = await runCli(['vectors'], 30_000, env({ HPACK_TEST_CASE_DIR: missing, CI: 'true' }));
  t.equal(ci.code, 1, 'under CI a check that cannot run fails');
});

t.test('`vectors DIR` naming a folder without stories is bad usage (exit 2), with the fix', async (t) => {
  const r = await runCli(['vectors', empty], 30_000, env({}));
  t.equal(r.code, 2);
  t.match(r.stderr, /no hpack-test-case stories in .*empty.*give a checkout/);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

t.test('`run --stages vectors` with the stories missing: the stage is not run, the run still reports', async (t) => {
  const out = join(scratch, 'reports');
  const r = await runCli(['run', '--stages', 'vectors', '--budget', '30', '--out', out, '--baseline', join(scratch, 'no-baseline.json')], 60_000, env({ HPACK_TEST_CASE_DIR: missing }));
  t.equal(r.code, 0, r.stdout + r.stderr);
  t.match(r.stdout, /hpack-vectors\s+not-run/);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const report = JSON.parse(readFileSync(join(out, 'latest', 'report.json'), 'utf8')) as { stages: Array<{ status: string; reason: string; install: string }> };
  t.match(report.stages[0], { status: 'not-run', reason: /does not exist/, install: /HPACK_TEST_CASE_DIR/ });
  const ci = await runCli(['run', '--stages', 'vectors', '--budget', '30', '--out', out, '--baseline', join(scratch, 'no-baseline.json')], 60_000, env({ HPACK_TEST_CASE_DIR: missing, CI: 'true' }));
  t.equal(ci.code, 1, 'under CI=true a stage that could not run fails the run');
});
