// The server fuzzer keeps to its deadline, shrinking included: generating
// stops early enough to shrink what it found, each finding gets a part of
// what is left, and one the time cannot take is kept as first seen. The
// target is a broken copy of our core behind a delay, as slow as a loopback
// server, so unbounded shrinking (5 s per finding) would overrun by far.
import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { fuzzAsync } from '../../harness/fuzz/server/fast-check-runner.js';
import { ServerFuzzStats } from '../../harness/fuzz/server/fuzz-stats.js';
import { checkRuns } from '../../harness/fuzz/server/scenario-checker.js';
import { inProcessRun } from '../../harness/fuzz/server/server-targets.js';
import { BrokenCore, CORE_BUGS } from './broken-cores.js';

const SECONDS = 3;
const WIRE_LIKE_MS = 100;

t.test(`a ${SECONDS} s run against a slow broken server ends after ${SECONDS} s, its findings shrunk or kept`, async (t) => {
  const core = await BrokenCore.make(CORE_BUGS.find((b) => b.name === 'window-overflow-protocol-error')!);
  t.teardown(() => core.remove());
  const run = inProcessRun(core.factory, 'slow');
  const stats = new ServerFuzzStats();
  const started = Date.now();
  const found = await fuzzAsync(
    async (s) => {
      await sleep(WIRE_LIKE_MS);
      return checkRuns(s, [run(s)]);
    },
    { seed: 20261201, seconds: SECONDS, deadline: started + SECONDS * 1000, maxFindings: 20, shrinkMs: 5000, scenarioMs: WIRE_LIKE_MS },
    stats,
    () => undefined,
  );
  const elapsed = (Date.now() - started) / 1000;
  t.ok(found.length >= 1, `${found.length} findings`);
  t.ok(found.every((f) => f.check.finding?.target === 'slow'), 'each finding is the broken server\'s');
  t.ok(found.some((f) => f.check.finding?.rule === 'connection-window-overflow'), 'the seeded bug is among them');
  t.ok(elapsed < SECONDS + 0.5, `ended after ${elapsed.toFixed(2)} s (deadline ${SECONDS} s)`);
  t.comment(`${stats.scenarios} scenarios, ${found.length} findings in ${elapsed.toFixed(2)} s`);
});
