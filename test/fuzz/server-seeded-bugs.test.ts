// The proof that the server fuzzer finds bugs: each copy of our core with one
// line changed must be caught within 60 s with a fixed seed, shrunk to a
// short scenario that still breaks the same rule, written as a reproducer
// that fails against the broken copy and passes against ours. The
// unmodified core must give no finding (15 s here; the 120 s run is in
// bench/server). Each bug is found in well under a second.
import t from 'tap';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayServerReproducer } from '../../harness/fuzz/server/replay-server.js';
import { readServerReproducer } from '../../harness/fuzz/server/reproducer.js';
import { runServerFuzz } from '../../harness/fuzz/server/run-server-fuzz.js';
import { BrokenCore, CORE_BUGS } from './broken-cores.js';

const SEED = 20261201;
const DETECTION_LIMIT_S = 60;
const CLEAN_RUN_S = 10;
const quiet = (): void => undefined;

/** The rule each seeded bug must be caught by. */
const RULE: Record<string, string> = {
  'window-overflow-protocol-error': 'connection-window-overflow',
  'max-concurrent-streams-off-by-one': 'too-many-streams',
  'continuation-on-other-stream-accepted': 'continuation-other-stream',
  'data-on-closed-stream-ignored': 'frame-on-closed-stream',
  'rst-stream-on-idle-accepted': 'frame-on-idle-stream',
  'initial-window-change-not-applied': 'settings-window-change-overflow',
  'padding-longer-than-payload-accepted': 'padding-too-long',
  'missing-path-accepted': 'malformed-request',
};

function tempDir(t: { teardown(fn: () => void): void }, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `h2harness-${name}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

for (const bug of CORE_BUGS) {
  t.test(`the server fuzzer catches ${bug.name} within ${DETECTION_LIMIT_S} s`, async (t) => {
    const core = await BrokenCore.make(bug);
    t.teardown(() => core.remove());
    const out = tempDir(t, `server-repro-${bug.name}`);
    const r = await runServerFuzz({ seed: SEED, seconds: DETECTION_LIMIT_S, targets: [], tls: false, out, core: core.factory, maxFindings: 1, log: quiet });
    t.equal(r.findings.length, 1, 'one finding');
    const f = r.findings[0]!;
    t.ok(f.found.foundAfterSeconds < DETECTION_LIMIT_S, `found after ${f.found.foundAfterSeconds.toFixed(2)} s`);
    t.comment(`time to detection, ${bug.name}: ${f.found.foundAfterSeconds.toFixed(2)} s (${r.stats.scenarios} scenarios), ${f.found.check.finding!.rule}, shrunk to ${f.found.scenario.steps.length} steps`);
    t.equal(f.found.check.finding!.rule, RULE[bug.name], `caught by its rule: ${f.found.check.finding!.expected}`);
    t.ok(f.found.scenario.steps.length <= 10, `shrunk to ${f.found.scenario.steps.length} steps`);
    const files = readdirSync(out).filter((x) => x.endsWith('.json'));
    t.equal(files.length, 1, 'one reproducer written');
    const rep = readServerReproducer(join(out, files[0]!));
    t.equal(rep.seed, SEED);
    t.same(rep.targets, ['in-process']);
    const broken = await replayServerReproducer(join(out, files[0]!), quiet, 2000, core.factory);
    t.equal(broken.failures, 1, 'the reproducer still fails against the broken copy');
    const ours = await replayServerReproducer(join(out, files[0]!), quiet);
    t.equal(ours.failures, 0, 'and passes against our core');
  });
}

t.test(`the unmodified core runs ${CLEAN_RUN_S} s with no finding`, async (t) => {
  const r = await runServerFuzz({ seed: SEED, seconds: CLEAN_RUN_S, targets: [], tls: false, out: tempDir(t, 'server-clean'), log: quiet });
  t.equal(r.findings.length, 0, r.findings.map((f) => `${f.found.check.finding!.rule}: ${f.found.check.finding!.actual}`).join('; ') || 'no finding');
  t.ok(r.stats.scenarios > 1000, `${r.stats.scenarios} scenarios (${r.stats.rate()}/s)`);
  t.ok(r.stats.latitude > 0, 'latitude is counted');
});
