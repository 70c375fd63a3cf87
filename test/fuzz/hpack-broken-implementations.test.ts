// The proof that the HPACK fuzzer catches bugs: each deliberately broken copy
// of ours, loaded through --impl, must fail within 30 s; the unmodified copy
// must run clean. A clean run of 60 s is what the fuzzer is held to; the suite
// uses 15 s to keep total test time sane on 2 cores (`h2harness fuzz hpack
// --seconds 60 --impl COPY` is the long form).
import t from 'tap';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUGS, derivedFor, tempDir } from './broken-implementations.js';
import { finalLine, runCli } from './cli-run.js';

const SEED = '20240601';
const DETECTION_LIMIT_S = 30;
const CLEAN_RUN_S = 15;

for (const bug of BUGS) {
  t.test(`the fuzzer catches ${bug.name} within ${DETECTION_LIMIT_S} s`, async (t) => {
    const impl = derivedFor(t, bug);
    const out = tempDir(t, `repro-${bug.name}`);
    const r = await runCli(['fuzz', 'hpack', '--impl', impl, '--seconds', String(DETECTION_LIMIT_S), '--seed', SEED, '--out', out], 90_000);
    const found = /found after ([\d.]+) s/.exec(r.stdout);
    t.equal(r.code, 1, 'exit 1 on a failure');
    t.ok(found, 'prints the time to detection');
    const seconds = Number(found?.[1] ?? Infinity);
    t.ok(seconds < DETECTION_LIMIT_S, `detected after ${seconds} s`);
    t.comment(`time to detection, ${bug.name}: ${seconds.toFixed(2)} s; ${/^FAIL .*$/m.exec(r.stdout)?.[0] ?? ''}`);
    const files = readdirSync(out).filter((f) => f.endsWith('.json'));
    t.equal(files.length, 1, 'one reproducer written');
    const again = await runCli(['replay', join(out, files[0]!)], 60_000);
    t.equal(again.code, 1, 'the reproducer still fails when replayed against the broken copy');
    const ours = await runCli(['replay', join(out, files[0]!), '--impl', derivedFor(t)], 60_000);
    t.equal(ours.code, 0, 'and passes against an unmodified copy');
  });
}

t.test(`an unmodified copy of ours runs ${CLEAN_RUN_S} s with zero failures`, async (t) => {
  const r = await runCli(['fuzz', 'hpack', '--impl', derivedFor(t), '--seconds', String(CLEAN_RUN_S), '--seed', SEED, '--out', tempDir(t, 'clean')], 90_000);
  const last = finalLine(r.stdout);
  t.equal(r.code, 0, r.code === 0 ? 'exit 0' : r.stdout);
  t.equal(last?.failures, 0);
  t.ok((last?.cases ?? 0) > 0, `cases: ${last?.cases} (${last?.rate}/s)`);
});
