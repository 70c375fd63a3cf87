// h2spec --strict through the wrapper against real servers. The failures
// asserted here are the ones observed on this machine (h2spec v2.2.1 /
// "2.0.0", nghttpd 1.52, node:http2 per Node major in
// node-http2-failures.ts) over repeated runs: real, known failures of those
// servers, not ours to fix. When one changes, this test says which case moved.
import t from 'tap';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { locateH2spec, type H2specTool } from '../../harness/conformance/h2spec-locator.js';
import { runConformanceTarget } from '../../harness/conformance/conformance-session.js';
import { runH2spec } from '../../harness/conformance/h2spec-runner.js';
import type { ConformanceRun } from '../../harness/conformance/conformance-result.js';
import type { TargetSpec } from '../../harness/conformance/conformance-targets.js';
import { toolsMissing, unavailable } from '../peers/tool-guard.js';
import { readBaseline } from '../../harness/report/baseline-file.js';
import { projectRoot } from '../../harness/cli/package-info.js';
import { conformanceReportOf } from './fixtures.js';
import { nodeHttp2Failures, runtimeMajor, unrecordedMajor } from './node-http2-failures.js';

const located = await locateH2spec({ install: false });
if (located.kind === 'not-installed') {
  const message = `h2spec not installed (${located.installCommand})`;
  unavailable(t, message);
} else {
  const h2spec: H2specTool = located;
  const run = (spec: TargetSpec, tls: boolean, specs: string[] = []) =>
    runConformanceTarget(spec, { h2spec, tls, strict: true, specs, caseTimeoutSec: 2, overallTimeoutMs: 120_000 });
  const committed = readBaseline(join(projectRoot, 'reports/baseline.json'));
  const failedIds = (r: ConformanceRun) => r.cases.filter((c) => c.outcome === 'failed').map((c) => c.id);

  for (const tls of [false, true]) {
    t.test(`nghttpd --strict ${tls ? 'TLS' : 'h2c'}: 145 of 146 pass, 5.1.1/2 fails`, async (t) => {
      if (toolsMissing(t, ['nghttpd'])) return;
      const r = await run({ kind: 'peer', name: 'nghttpd' }, tls);
      t.comment(`nghttpd ${tls ? 'tls' : 'h2c'}: ${r.counts.passed}/${r.counts.failed}/${r.counts.skipped} in ${r.durationMs} ms`);
      t.equal(r.status, 'completed');
      t.same(r.counts, { passed: 145, failed: 1, skipped: 0 });
      t.same(failedIds(r), ['5.1.1/2']);
      t.match(r.cases.find((c) => c.id === '5.1.1/2'), { expected: ['GOAWAY Frame (Error Code: PROTOCOL_ERROR)', 'Connection closed'], actual: /^DATA Frame/ });
      t.ok(r.cases.every((c) => c.durationMs !== null), 'durations from h2spec JUnit');
      t.same(conformanceReportOf([r]).baseline!.regressions.map((f) => f.case), ['5.1.1#120bed5a'], 'with no baseline it gates, naming the case by key');
      t.equal(conformanceReportOf([r], committed).baseline!.exitCode, 0, 'the committed baseline accepts it, as in `run`');
    });
  }

  for (const tls of [false, true]) {
    const known = nodeHttp2Failures;
    const expected = (tls ? known?.tls : known?.h2c) ?? [];
    t.test(`node:http2 on Node ${runtimeMajor} --strict ${tls ? 'TLS' : 'h2c'}: ${expected.length} known failures, 5.1.2/1 skipped`, { skip: known ? false : unrecordedMajor }, async (t) => {
      const r = await run({ kind: 'peer', name: 'node' }, tls);
      t.comment(`node ${tls ? 'tls' : 'h2c'}: ${r.counts.passed}/${r.counts.failed}/${r.counts.skipped} in ${r.durationMs} ms: ${failedIds(r).join(' ')}`);
      t.equal(r.status, 'completed');
      t.equal(r.cases.length, 146);
      const racy = failedIds(r).filter((id) => !expected.includes(id));
      t.same(racy.filter((id) => !known!.racy.includes(id)), [], 'no failure beyond the known ones');
      t.same(expected.filter((id) => !failedIds(r).includes(id)), [], 'every known failure is reported');
      // node advertises no SETTINGS_MAX_CONCURRENT_STREAMS, so h2spec cannot test the limit.
      t.same(r.cases.filter((c) => c.outcome === 'skipped').map((c) => c.id), ['5.1.2/1']);
      t.match(r.cases.find((c) => c.id === known!.windowUpdateCase), { outcome: 'failed', actual: known!.windowUpdateAnswer });
      t.same(conformanceReportOf([r], committed).baseline!.regressions, [], `the committed baseline accepts every known failure on Node ${runtimeMajor}`);
    });
  }

  t.test('a filter that matches nothing is a failure (h2spec itself exits 0)', async (t) => {
    const r = await run({ kind: 'peer', name: 'node' }, false, ['http2/9.9']);
    t.equal(r.status, 'no-cases');
    t.equal(r.exitCode, 0);
    t.equal(conformanceReportOf([r], committed).baseline!.exitCode, 1, 'no baseline entry makes a run of nothing green');
  });

  t.test('a server that never answers: the overall timeout kills h2spec', async (t) => {
    const sockets = new Set<Socket>();
    const silent = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    const r = await runH2spec({
      h2spec,
      target: { name: 'silent', host: '127.0.0.1', port, tls: false },
      strict: false,
      specs: ['http2/6.5'],
      caseTimeoutSec: 30,
      overallTimeoutMs: 1500,
    });
    for (const s of sockets) s.destroy();
    silent.close();
    t.equal(r.status, 'timeout');
    t.match(r.problems[0], /overall timeout of 1.5 s during 6.5\/1/);
    t.ok(Date.now() - started < 10_000, 'bounded');
    t.equal(conformanceReportOf([r]).baseline!.exitCode, 1);
  });

  t.test('ref (our reference server): every case passes', async (t) => {
    const r = await run({ kind: 'peer', name: 'ref' }, false);
    t.equal(r.status, 'completed', r.problems.join('; '));
    t.same(failedIds(r), []);
    t.equal(r.counts.passed, 146);
  });
}
