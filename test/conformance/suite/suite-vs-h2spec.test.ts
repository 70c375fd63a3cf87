// The same two lenient servers over TCP, judged by h2spec 2.2.1 --strict and
// by the h2harness suite: h2spec passes more than half its cases against
// each, the suite none (even the bad-preface cases, where a close without
// GOAWAY would do: these servers take any 24 octets as the preface and
// wait for more).
import t from 'tap';
import { locateH2spec } from '../../../harness/conformance/h2spec-locator.js';
import { runH2spec } from '../../../harness/conformance/h2spec-runner.js';
import { SUITE_CASES } from '../../../harness/conformance/suite/catalogue.js';
import { runSuite, wirePlayer } from '../../../harness/conformance/suite/suite-runner.js';
import { h2specMissing } from '../../peers/tool-guard.js';
import { startLenientServer, type Leniency } from './lenient-servers.js';

/** What a server over h2c is judged on: not the TLS cases, nor the graceful shutdown only a core in process can be told to start. */
const H2C_CASES = SUITE_CASES.filter((c) => !c.tlsOnly && !c.scenario.steps.some((s) => s.op === 'server-shutdown')).length;

/** h2spec's passes against each, as measured with h2spec 2.2.1 --strict on a quiet machine (of 146 cases; ±1 between runs: a case or two race the close). */
const H2SPEC_PASSES: Record<Leniency, number> = { close: 80, calm: 82 };
const SUITE_PASSES: Record<Leniency, number> = { close: 0, calm: 0 };

for (const kind of ['close', 'calm'] as const) {
  t.test(`a server that answers everything ${kind === 'close' ? 'by closing' : 'with GOAWAY ENHANCE_YOUR_CALM'}: h2spec ${H2SPEC_PASSES[kind]} of 146, the suite ${SUITE_PASSES[kind]} of ${H2C_CASES}`, async (t) => {
    const server = await startLenientServer(kind);
    t.teardown(() => server.stop());
    const target = { name: `lenient-${kind}`, host: '127.0.0.1', port: server.port, tls: false };
    // They read whatever comes (and answer nothing), so every case is played against them, the body ones at `/`.
    const { run } = await runSuite({ target, play: wirePlayer(target), bodyPath: '/', parallel: 8 });
    t.same(run.counts, { passed: SUITE_PASSES[kind], failed: H2C_CASES - SUITE_PASSES[kind], skipped: SUITE_CASES.length - H2C_CASES });
    if (await h2specMissing(t)) return;
    const h2spec = await locateH2spec({ install: false });
    if (h2spec.kind !== 'h2spec') return;
    const spec = await runH2spec({ h2spec, target, strict: true, specs: [], caseTimeoutSec: 1, overallTimeoutMs: 120_000 });
    t.equal(spec.status, 'completed');
    t.equal(spec.cases.length, 146);
    // The point is h2spec's leniency: it passes more than half of its cases
    // against a server that does nothing right. Its exact count moves with
    // the machine's load (a case or two, more when busy, race the close), so
    // only a floor well below the quiet-machine figure is asserted.
    t.ok(spec.counts.passed >= H2SPEC_PASSES[kind] - 8, `h2spec --strict passes ${spec.counts.passed} of its 146 cases against it (${H2SPEC_PASSES[kind]} on a quiet machine)`);
  });
}
