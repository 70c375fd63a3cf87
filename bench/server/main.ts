// Server throughput and h2spec run time: the reference server against
// node:http2 and nghttpd (the native ceiling), in one run, same route (`/`),
// same h2load settings. Prints ratios to node:http2; never passes or fails.
// The reference server and node:http2 run on this Node; with --node PATH
// (repeatable) the whole bench runs again on each PATH, in its own process,
// and the ratios between the runtimes are printed too.
//   node dist/bench/server/main.js [--requests N] [--repetitions N] [--node PATH]
import { parseArgs } from 'node:util';
import { referenceServerPeer } from '../../harness/peers/reference-server-peer.js';
import { nodeHttp2ServerPeer } from '../../harness/peers/node-http2-server.js';
import { nghttpdServerPeer } from '../../harness/peers/nghttpd-server.js';
import { baseUrl, type ServerPeer } from '../../harness/peers/server-peer.js';
import { runH2load } from '../../harness/peers/h2load-client.js';
import { runConformanceTarget } from '../../harness/conformance/conformance-session.js';
import { locateH2spec } from '../../harness/conformance/h2spec-locator.js';
import type { NamedTarget } from '../../harness/conformance/conformance-targets.js';
import { benchOnRuntimes, printResult, RUNTIME_OPTIONS } from '../runtime-compare.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '100000' }, repetitions: { type: 'string', default: '3' }, ...RUNTIME_OPTIONS },
});
const comparison = { script: import.meta.url, key: 'target', ratioColumns: ['req/s', 'h2spec s'] };
await benchOnRuntimes(values.node, { ...comparison, args: ['--requests', values.requests, '--repetitions', values.repetitions] }, benchHere);

async function benchHere(): Promise<void> {
  const requests = Number(values.requests);
  const repetitions = Number(values.repetitions);
  const targets: Array<[NamedTarget, ServerPeer]> = [
    ['ref', referenceServerPeer],
    ['node', nodeHttp2ServerPeer],
    ['nghttpd', nghttpdServerPeer],
  ];
  const h2spec = await locateH2spec({ install: false });
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  const rows: Array<{ target: string; reqPerSec: number; failed: number; h2specSeconds: number | null; h2specCounts: string }> = [];
  for (const [name, peer] of targets) {
    process.stderr.write(`bench server: ${name}…\n`);
    const server = await peer.start({ tls: false });
    const rates: number[] = [];
    let failed = 0;
    try {
      const load = () => runH2load({ url: `${baseUrl(server)}/`, requests, clients: 10, streamsPerClient: 10, timeoutMs: 120_000 });
      await load(); // warm-up: JIT, connection setup paths
      for (let i = 0; i < repetitions; i++) {
        const r = await load();
        rates.push(r.requestsPerSecond);
        failed += r.failed + r.errored + r.timedOut;
      }
    } finally {
      await server.stop();
    }
    let h2specSeconds: number | null = null;
    let h2specCounts = 'h2spec not installed';
    if (h2spec.kind === 'h2spec') {
      const run = await runConformanceTarget({ kind: 'peer', name }, { h2spec, tls: false, strict: true, specs: [], caseTimeoutSec: 2, overallTimeoutMs: 180_000 });
      h2specSeconds = run.durationMs / 1000;
      h2specCounts = `${run.counts.passed}/${run.cases.length} passed`;
    }
    rows.push({ target: name, reqPerSec: median(rates), failed, h2specSeconds, h2specCounts });
  }

  const node = rows.find((r) => r.target === 'node')!;
  printResult({
    header: `h2load -n ${requests} -c 10 -m 10 on /, h2c, median of ${repetitions} after a warm-up; h2spec --strict over h2c`,
    rows: rows.map((r) => ({
      target: r.target,
      'req/s': Math.round(r.reqPerSec),
      '× node:http2': +(r.reqPerSec / node.reqPerSec).toFixed(2),
      'failed requests': r.failed,
      'h2spec s': r.h2specSeconds === null ? '-' : +r.h2specSeconds.toFixed(2),
      h2spec: r.h2specCounts,
    })),
  }, values.json);
}
