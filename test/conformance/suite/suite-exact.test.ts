// The suite against the reference core in process (every case passes), and
// against deliberately lenient cores: each fails exactly the cases whose
// rule requires something else than what it does.
import t from 'tap';
import { SUITE_CASES } from '../../../harness/conformance/suite/catalogue.js';
import { IN_PROCESS_BODY_PATH, inProcessPlayer, runSuite } from '../../../harness/conformance/suite/suite-runner.js';
import type { CoreFactory } from '../../../harness/scenario/in-process-target.js';
import { reduceTranscript } from '../../../harness/scenario/outcome.js';
import { ErrorCode as E } from '../../../impl/http2/error-codes.js';
import { calmCore, closeOnlyCore, earlyAnswerCore, oneGoAwayCore, protocolErrorCore } from './lenient-cores.js';

const target = { name: 'in-process', host: '', port: 0, tls: false };
/** What runs in process: every case but the TLS ones (§9.2), which are skipped there (the server-shutdown case runs only here). */
const IN_PROCESS = SUITE_CASES.filter((c) => !c.tlsOnly);
const run = async (core?: CoreFactory, bodyPath: string | null = IN_PROCESS_BODY_PATH) => (await runSuite({ target, play: inProcessPlayer(core), bodyPath, inProcess: true, parallel: 1 })).run;
const failedIds = (r: Awaited<ReturnType<typeof run>>) => r.cases.filter((c) => c.outcome === 'failed').map((c) => c.id);

t.test('the catalogue: at least 250 cases, unique stable ids, each with a section and allowed outcomes', async (t) => {
  t.ok(SUITE_CASES.length >= 250, `${SUITE_CASES.length} cases`);
  t.equal(new Set(SUITE_CASES.map((c) => c.id)).size, SUITE_CASES.length);
  for (const c of SUITE_CASES) t.ok(/^rfc(9113|8441|9218)\//.test(c.id) && c.section.startsWith('RFC') && c.expect.allowed.length > 0, c.id);
});

t.test('the reference core passes every case in process', async (t) => {
  const r = await run();
  t.same(failedIds(r), []);
  t.equal(r.counts.passed, IN_PROCESS.length);
  t.equal(r.counts.skipped, SUITE_CASES.length - IN_PROCESS.length, 'the TLS cases are skipped without TLS');
});

t.test('a server that only closes fails every case but the three where the RFC lets a GOAWAY be omitted', async (t) => {
  const r = await run(closeOnlyCore);
  const allowsClose = IN_PROCESS.filter((c) => c.expect.allowed.some((a) => a.outcome === 'close')).map((c) => c.id);
  t.same(allowsClose.sort(), ['rfc9113/3.4/preface-damaged', 'rfc9113/3.4/preface-headers-first', 'rfc9113/3.4/preface-not-followed-by-settings']);
  t.equal(r.counts.passed, 3, 'h2spec 2.2.1 --strict passes 80 of 146 against it');
  t.equal(r.counts.failed, IN_PROCESS.length - 3);
});

t.test('a server that answers everything with GOAWAY ENHANCE_YOUR_CALM fails every case', async (t) => {
  const r = await run(calmCore);
  t.ok(!IN_PROCESS.some((c) => c.expect.allowed.some((a) => a.outcome === 'goaway' && a.codes.includes(E.ENHANCE_YOUR_CALM))), 'no rule allows ENHANCE_YOUR_CALM here');
  t.equal(r.counts.passed, 0, 'h2spec 2.2.1 --strict passes 81 of 146 against it');
  t.equal(r.counts.failed, IN_PROCESS.length);
});

t.test('a server that answers PROTOCOL_ERROR where a more specific code is due fails exactly those cases', async (t) => {
  const r = await run(protocolErrorCore);
  const failed = failedIds(r);
  // The fake keeps the scope of each error the reference core sends and changes its code: a case must fail
  // exactly when no allowed outcome of that scope (RST_STREAM or GOAWAY) admits PROTOCOL_ERROR.
  const refRuns = (await runSuite({ target, play: inProcessPlayer(), bodyPath: IN_PROCESS_BODY_PATH, inProcess: true, parallel: 1 })).results;
  const due = refRuns
    .filter(({ case: c, transcript }) => {
      if (transcript === null) return false;
      const o = reduceTranscript(transcript);
      const goaway = (o.connection.errorGoAway ?? o.connection.goAway)?.code;
      const scope = goaway !== undefined && goaway !== 0 ? 'goaway' : Object.values(o.streams).some((s) => s.reset !== null && s.reset !== 0) ? 'rst' : null;
      if (scope === null) return false;
      const same = c.expect.allowed.filter((a) => a.outcome === scope) as Array<{ codes: readonly number[] }>;
      return !same.some((a) => a.codes.includes(E.PROTOCOL_ERROR));
    })
    .map(({ case: c }) => c);
  t.same(failed.sort(), due.map((c) => c.id).sort());
  t.equal(failed.length, 55);
});

t.test('a server that answers a request with a body early, complete, then RST_STREAM NO_ERROR (§8.1) fails only what needed the stream open', async (t) => {
  const r = await run(earlyAnswerCore);
  // Cases whose error is due on the request stream while it is open: after the early answer and its
  // reset the stream is closed, and frames on a stream it reset a moment ago a server may drop (§6.4).
  const streamErrorDue = [
    'rfc9113/6.3/priority-length-0',
    'rfc9113/6.3/priority-length-4',
    'rfc9113/6.3/priority-length-6',
    'rfc9113/5.1/reset-by-client/data',
    'rfc9113/5.1/reset-by-client/headers',
    'rfc9113/5.3.1/priority-self-dependency-open',
    'rfc9113/6.9/window-update-zero-on-stream',
    'rfc9113/6.9.1/stream-window-overflow',
    'rfc9113/6.9.1/stream-window-overflow-two-steps',
    'rfc9113/8.2.1/trailer-name-uppercase',
    'rfc9113/8.2.1/trailer-value-nul',
    'rfc9113/8.2.2/connection-in-trailers',
    'rfc9113/8.1/pseudo-in-trailers',
    'rfc9113/8.1.1/content-length-more-than-data',
    'rfc9113/8.1.1/content-length-less-than-data',
    'rfc9113/8.1.1/content-length-exceeded-without-end-stream',
    'rfc9113/8.1.1/content-length-over-several-frames',
    'rfc9113/8.1.1/content-length-zero-with-data',
    'rfc9113/8.1.1/content-length-with-trailers-short',
    'rfc9113/8.1/trailers-without-end-stream',
    'rfc9113/8.1/data-after-trailers',
  ];
  // A connection error that needs the open stream's window to overflow.
  const windowOfOpenStream = ['rfc9113/6.9.2/initial-window-change-overflows-stream'];
  // With SETTINGS_INITIAL_WINDOW_SIZE 0 from the client, the early answer's DATA cannot go before the
  // reset drops it: RST_STREAM NO_ERROR without a complete response, which §8.1 does not allow.
  const incomplete = ['rfc9113/6.9.2/initial-window-negative-allowed'];
  t.same(failedIds(r).sort(), [...streamErrorDue, ...windowOfOpenStream, ...incomplete].sort());
  t.ok(
    [...streamErrorDue, ...windowOfOpenStream].every((id) => IN_PROCESS.find((c) => c.id === id)!.needsBody),
    'each of them sends a request body',
  );
});

t.test('a target that reads no request body anywhere: the cases that send one are skipped with the reason, the rest judged', async (t) => {
  const r = await run(undefined, null);
  const needBody = IN_PROCESS.filter((c) => c.needsBody).map((c) => c.id);
  t.ok(needBody.length > 50, `${needBody.length} cases send a request body`);
  const skipped = r.cases.filter((c) => c.outcome === 'skipped');
  t.equal(skipped.length, SUITE_CASES.length - IN_PROCESS.length + needBody.length);
  t.same(skipped.filter((c) => needBody.includes(c.id)).map((c) => c.skipReason), needBody.map(() => 'needs a route that reads a request body (the target serves none, e.g. no /echo)'));
  t.ok(skipped.filter((c) => !needBody.includes(c.id)).every((c) => c.skipReason === 'needs TLS (RFC 9113 §9.2)'));
  t.same(failedIds(r), [], 'the reference core passes every case it is judged on');
});

t.test('graceful shutdown (§6.8): the reference core sends GOAWAY 2^31-1, serves the request in flight, then GOAWAY with it; one GOAWAY at once fails', async (t) => {
  const id = 'rfc9113/6.8/server-graceful-shutdown';
  const one = async (core?: CoreFactory) => (await runSuite({ target, play: inProcessPlayer(core), bodyPath: IN_PROCESS_BODY_PATH, inProcess: true, ids: [id] })).run.cases[0]!;
  t.equal((await one()).outcome, 'passed');
  const single = await one(oneGoAwayCore);
  t.equal(single.outcome, 'failed');
  t.match(single.expected!.join(' '), /GOAWAY NO_ERROR with last-stream-id 2147483647, then 3/);
  const wire = await runSuite({ target: { name: 'wire', host: '127.0.0.1', port: 1, tls: false }, play: () => Promise.reject(new Error('not played')), bodyPath: '/', ids: [id] });
  t.equal(wire.run.cases[0]!.outcome, 'skipped');
  t.match(wire.run.cases[0]!.skipReason, /graceful shutdown/);
});
