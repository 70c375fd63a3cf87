// Every server reproducer in corpus/http2 replayed. The seeded-bug ones
// (regression-<bug>.json, found in patched copies of our core) must fail
// against that copy and pass against our core; the ones found in real
// servers must still show nothing wrong on ref, and say whether the
// server's deviation is still there.
import t from 'tap';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayServerReproducer } from '../../harness/fuzz/server/replay-server.js';
import { readServerReproducer } from '../../harness/fuzz/server/reproducer.js';
import { toolsMissing } from '../peers/tool-guard.js';
import { BrokenCore, CORE_BUGS } from './broken-cores.js';

const CORPUS = resolve(fileURLToPath(import.meta.url), '../../../../corpus/http2');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();
const quiet = (): void => undefined;

t.ok(files.some((f) => f.startsWith('regression-')), 'the corpus holds the seeded-bug reproducers');

for (const file of files) {
  const path = join(CORPUS, file);
  const bug = CORE_BUGS.find((b) => file === `regression-${b.name}.json`);
  if (bug) {
    t.test(`${file}: fails against the copy with ${bug.name}, passes against our core`, async (t) => {
      const core = await BrokenCore.make(bug);
      t.teardown(() => core.remove());
      t.equal((await replayServerReproducer(path, quiet, 2000, core.factory)).failures, 1);
      t.equal((await replayServerReproducer(path, quiet)).failures, 0);
    });
    continue;
  }
  t.test(`${file}: ref shows nothing wrong; the target's deviation is reported`, async (t) => {
    const r = readServerReproducer(path);
    if (r.targets.includes('nghttpd') && toolsMissing(t, ['nghttpd'])) return;
    const { check } = await replayServerReproducer(path, quiet);
    for (const side of check.sides) {
      if (side.target === 'ref' || side.target === 'in-process') t.equal(side.finding, null, `${side.target}: no finding`);
      else t.comment(`${side.target}: ${side.finding ? `still ${side.finding.rule}: ${side.finding.actual}` : 'no finding now (the deviation depends on timing, or was fixed)'}`);
    }
    t.equal(check.sides.length, r.targets.length, 'every recorded target ran');
  });
}
