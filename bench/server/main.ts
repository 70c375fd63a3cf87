// The server bench: the reference server against node:http2 and nghttpd (and
// the real servers asked for with --targets, on small responses only), in one
// run, each in its own process, h2load as the client, over h2c and TLS:
//   - small responses (the same 45-octet stylesheet from every full target) at -m 10 and -m 100, req/s,
//     and the server's CPU per request (by PID: steadier than req/s on a shared machine);
//   - 1 MiB responses (/bytes/1048576), MiB/s received, and the server's CPU per response;
//   - server RSS per idle connection, --idle of them open at once, by PID;
//   - latency p50/p99 at a fixed request rate (h2load --rps), and how long the server's main thread
//     waited for a CPU meanwhile (by PID): on a shared machine that wait is most of a p99;
//   - h2spec --strict run time over h2c (unless --no-h2spec).
// Prints the figures and their ratios to nghttpd and to node:http2 measured in
// the same run; never passes or fails. With --node PATH (repeatable) the whole
// bench runs again on each PATH, in its own process, and the ratios between
// the runtimes are printed too.
//   node dist/bench/server/main.js [--targets ref,node,nghttpd] [--transports h2c,tls] [--requests N]
//     [--large-requests N] [--repetitions N] [--idle N] [--rate N] [--seconds N] [--no-h2spec] [--markdown FILE] [--node PATH] [--json]
import { benchArgs } from '../bench-args.js';
import { baseUrl } from '../../harness/peers/server-peer.js';
import { runConformanceTarget } from '../../harness/conformance/conformance-session.js';
import { locateH2spec } from '../../harness/conformance/h2spec-locator.js';
import { NAMED_TARGETS, targetInstalled, type NamedTarget } from '../../harness/conformance/conformance-targets.js';
import { benchOnRuntimes, printResult, RUNTIME_OPTIONS, type BenchRow } from '../runtime-compare.js';
import { FULL_TARGETS, LARGE_PATH, smallPath, startBenchTarget } from './bench-targets.js';
import { latencyAtRate, loadRun, median, type LoadRun, type LoadShape } from './h2load-figures.js';
import { idleRss, type IdleRss } from './idle-rss.js';
import { renderServerSection, writeServerSection } from './results-section.js';
import type { RunningServer } from '../../harness/peers/server-peer.js';

const values = benchArgs('usage: node dist/bench/server/main.js [--targets ref,node,nghttpd] [--transports h2c,tls] [--requests N] [--large-requests N] [--repetitions N] [--idle N] [--rate N] [--seconds N] [--no-h2spec] [--markdown FILE] [--node PATH] [--json]', {
  targets: { type: 'string', default: FULL_TARGETS.join(',') },
  transports: { type: 'string', default: 'h2c,tls' },
  requests: { type: 'string', default: '100000' },
  'large-requests': { type: 'string', default: '2000' },
  repetitions: { type: 'string', default: '3' },
  idle: { type: 'string', default: '1000' },
  rate: { type: 'string', default: '5000' },
  seconds: { type: 'string', default: '5' },
  'no-h2spec': { type: 'boolean', default: false },
  markdown: { type: 'string' },
  ...RUNTIME_OPTIONS,
});
const FIGURES = ['req/s -m 10', 'req/s -m 100', '1 MiB MiB/s', 'CPU µs/req -m 10', 'CPU µs/MiB', 'idle KiB/conn', 'p50 ms', 'p99 ms', 'CPU wait ms/s'] as const;
const comparison = { script: import.meta.url, key: 'target', ratioColumns: ['req/s -m 10', 'req/s -m 100', '1 MiB MiB/s', 'h2spec s'] };
const ownArgs = Object.entries(values).flatMap(([k, v]) => (k === 'node' || k === 'json' || k === 'markdown' || v === false ? [] : v === true ? [`--${k}`] : [`--${k}`, String(v)]));

const round = (x: number | null | undefined, digits = 0): number | string => (x === undefined || x === null || !Number.isFinite(x) ? '-' : +x.toFixed(digits));

interface Measured {
  name: NamedTarget;
  server: RunningServer;
  full: boolean;
  idle: IdleRss | null;
  runs: Map<string, LoadRun[]>;
}

/** The PID whose CPU is the server's: a real server's PID is a master whose workers do the serving, so none. */
const cpuPid = (m: Measured): number | undefined => (m.full ? m.server.pid : undefined);

/**
 * One transport: every target started (each measured idle while still
 * fresh), then every load run in turns, target after target, repetition
 * after repetition, so a change in the machine's load (it is shared) falls
 * on all targets alike and the ratios stay comparable.
 */
async function measureTransport(names: NamedTarget[], tls: boolean, skipped: string[]): Promise<BenchRow[]> {
  const measured: Measured[] = [];
  try {
    for (const name of names) {
      try {
        const server = await startBenchTarget(name, tls);
        const full = FULL_TARGETS.includes(name);
        measured.push({ name, server, full, idle: null, runs: new Map() });
        // On a fresh process: the idle figure must not carry the load runs' heap.
        if (full) measured.at(-1)!.idle = await idleRss(server, Number(values.idle), smallPath(name));
      } catch (err) {
        skipped.push(`${name} over ${tls ? 'tls' : 'h2c'}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    const requests = Number(values.requests);
    const loads: Array<{ figure: string; path: (m: Measured) => string; shape: LoadShape; fullOnly: boolean }> = [
      { figure: '-m 10', path: (m) => smallPath(m.name), shape: { requests, clients: 10, streams: 10 }, fullOnly: false },
      { figure: '-m 100', path: (m) => smallPath(m.name), shape: { requests, clients: 10, streams: 100 }, fullOnly: false },
      { figure: '1 MiB', path: () => LARGE_PATH, shape: { requests: Number(values['large-requests']), clients: 10, streams: 1 }, fullOnly: true },
    ];
    for (const load of loads) {
      const on = measured.filter((m) => m.full || !load.fullOnly);
      // A warm-up run each (JIT, connection setup paths, caches), then the measured turns.
      for (const m of on) await loadRun(baseUrl(m.server) + load.path(m), load.shape, cpuPid(m));
      for (let rep = 0; rep < Number(values.repetitions); rep++) {
        for (const m of on) {
          const run = await loadRun(baseUrl(m.server) + load.path(m), load.shape, cpuPid(m));
          m.runs.set(load.figure, [...(m.runs.get(load.figure) ?? []), run]);
        }
      }
    }
    const rows: BenchRow[] = [];
    for (const m of measured) {
      const latency = m.full ? await latencyAtRate(baseUrl(m.server) + smallPath(m.name), Number(values.rate), 10, Number(values.seconds), cpuPid(m)) : null;
      const runs = (figure: string): LoadRun[] => m.runs.get(figure) ?? [];
      const med = (figure: string, pick: (r: LoadRun) => number | null): number => median(runs(figure).map(pick).filter((x): x is number => x !== null));
      const failed = [...m.runs.values()].flat().reduce((n, r) => n + r.failed, 0) + (latency?.failed ?? 0);
      rows.push({
        target: m.name,
        transport: tls ? 'tls' : 'h2c',
        version: m.server.version ?? process.version,
        'req/s -m 10': round(med('-m 10', (r) => r.reqPerSec)),
        'req/s -m 100': round(med('-m 100', (r) => r.reqPerSec)),
        '1 MiB MiB/s': round(med('1 MiB', (r) => r.mibPerSec)),
        'CPU µs/req -m 10': round(med('-m 10', (r) => r.cpuUsPerRequest), 2),
        'CPU µs/MiB': round(med('1 MiB', (r) => r.cpuUsPerRequest)),
        'idle KiB/conn': round(m.idle?.kibPerConnection, 1),
        'p50 ms': round(latency?.p50Ms, 2),
        'p99 ms': round(latency?.p99Ms, 2),
        'CPU wait ms/s': round(latency?.runQueueWaitMsPerS, 1),
        failed,
      });
    }
    return rows;
  } finally {
    for (const m of measured) await m.server.stop();
  }
}

/** Each figure of `row` over the same figure of `base` (same transport); RSS and latency: lower is better. */
function ratios(row: BenchRow, base: BenchRow | undefined, label: string): BenchRow {
  const out: BenchRow = {};
  for (const f of FIGURES) {
    const a = Number(row[f]);
    const b = Number(base?.[f]);
    out[`${f} ${label}`] = Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? +(a / b).toFixed(2) : '-';
  }
  return out;
}

async function benchHere(): Promise<void> {
  const asked = values.targets.split(',').filter((n): n is NamedTarget => (NAMED_TARGETS as readonly string[]).includes(n));
  const transports = values.transports.split(',').filter((t) => t === 'h2c' || t === 'tls');
  const skipped: string[] = [];
  const installed = asked.filter((name) => {
    const why = targetInstalled(name);
    if (why !== true) skipped.push(`${name}: ${why}`);
    return why === true;
  });
  const rows: BenchRow[] = [];
  for (const transport of transports) {
    process.stderr.write(`bench server: ${installed.join(', ')} over ${transport}…\n`);
    rows.push(...(await measureTransport(installed, transport === 'tls', skipped)));
  }
  const h2spec = values['no-h2spec'] ? undefined : await locateH2spec({ install: false });
  if (h2spec?.kind === 'h2spec') {
    for (const row of rows.filter((r) => r.transport === 'h2c')) {
      process.stderr.write(`bench server: h2spec on ${row.target}…\n`);
      const run = await runConformanceTarget({ kind: 'peer', name: row.target as NamedTarget }, { h2spec, tls: false, strict: true, specs: [], caseTimeoutSec: 2, overallTimeoutMs: 180_000 });
      row['h2spec s'] = +(run.durationMs / 1000).toFixed(2);
      row.h2spec = `${run.counts.passed}/${run.cases.length}`;
    }
  }
  const withRatios = rows.map((r) => {
    const peer = (t: string) => rows.find((x) => x.target === t && x.transport === r.transport);
    return { ...r, ...ratios(r, peer('nghttpd'), '× nghttpd'), ...ratios(r, peer('node'), '× node') };
  });
  const header =
    `h2load, each server in its own process, one run, targets in turns: ${values.requests} small responses (-c 10 -m 10 and -m 100, median of ${values.repetitions} after a warm-up), ` +
    `${values['large-requests']} × 1 MiB (-c 10 -m 1), RSS of ${values.idle} idle connections, latency at ${values.rate} req/s for ${values.seconds} s (-c 10 --rps) with the ms per second the server's main thread waited for a CPU (runnable, not running: /proc/PID/schedstat)`;
  if (values.markdown) writeServerSection(values.markdown, renderServerSection(header, withRatios, FIGURES));
  if (values.json) printResult({ header, rows: withRatios }, true);
  else {
    console.log(header);
    console.table(rows);
    for (const label of ['× nghttpd', '× node']) {
      console.log(`each figure ${label === '× node' ? 'of node:http2' : "of nghttpd's"} as 1 (CPU, idle KiB and latency: lower is better)`);
      console.table(withRatios.map((r) => ({ target: r.target, transport: r.transport, ...Object.fromEntries(Object.entries(r).filter(([k]) => k.endsWith(label))) })));
    }
  }
  for (const line of skipped) console.error(`not run: ${line}`);
}

await benchOnRuntimes(values.node, { ...comparison, args: ownArgs }, benchHere);
