// Runs the selected attacks one after the other against one target over one
// transport: the legit client runs throughout, the server's RSS is sampled
// where its PID is known, the attacker runs in a worker thread, and each
// attack ends in an AttackResult with its verdict.
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { targetLabel, type TargetSpec } from '../conformance/conformance-targets.js';
import type { RunningServer } from '../peers/server-peer.js';
import type { Transport } from '../report/report-model.js';
import type { Attack } from './attack-catalogue.js';
import { startAttackTarget, targetAlive } from './attack-targets.js';
import type { AttackerOptions, AttackerReport } from './attacker.js';
import { judge, summarizeAnswers, summarizeCutOffs, type AnswerSummary, type CutOffSummary, type RssFigures, type Verdict } from './attack-verdict.js';
import { LegitClient, type LegitStats } from './legit-client.js';
import { rssMb, RssSampler } from './rss-sampler.js';
import { warmUp } from './warm-up.js';

export interface AttackResult {
  attack: string;
  cve: string;
  title: string;
  flood: boolean;
  target: string;
  transport: Transport;
  seconds: number;
  legit: LegitStats;
  rss: RssFigures | null;
  attacker: { framesSent: number; bytesSent: number; connectFailures: number };
  cutOff: CutOffSummary;
  /** A probe's answers against what its RFC section requires; null for the attacks that expect none. */
  answers: AnswerSummary | null;
  verdict: Verdict;
  reasons: string[];
  durationMs: number;
}

export interface AttackRunOptions {
  seconds: number;
  /** How long after an attack its memory gets to come back before "after" is read. */
  settleMs?: number;
  signal?: AbortSignal;
  onResult?: (r: AttackResult) => void;
}

/** How long an attack's memory gets to come back, unless told. */
export const DEFAULT_SETTLE_MS = 2000;
const WORKER = new URL('./attacker-worker.js', import.meta.url);
/** Bounds per attack, whatever the server does. */
const MAX_CONNECTIONS = 200;
const MAX_FRAMES = 50_000_000;

export async function runAttacks(spec: TargetSpec, transport: Transport, attacks: readonly Attack[], o: AttackRunOptions): Promise<AttackResult[]> {
  const results: AttackResult[] = [];
  let server: RunningServer | null = null;
  let legit: LegitClient | null = null;
  const stopAll = async (): Promise<void> => {
    await legit?.stop();
    await server?.stop();
    legit = null;
    server = null;
  };
  try {
    for (const attack of attacks) {
      if (o.signal?.aborted) break;
      if (server === null) {
        server = await startAttackTarget(spec, transport === 'tls');
        await warmUp({ host: server.host, port: server.port, tls: server.tls, pid: server.pid });
        legit = new LegitClient({ host: server.host, port: server.port, tls: server.tls });
        legit.start();
        await sleep(500);
      }
      const r = await runOne(server, legit!, attack, spec, transport, o);
      results.push(r);
      o.onResult?.(r);
      // A server that died (or was wedged) gets a fresh start for the next attack.
      if (r.verdict === 'fail' && r.reasons.includes('the server process died')) await stopAll();
    }
  } finally {
    await stopAll();
  }
  return results;
}

async function runOne(server: RunningServer, legit: LegitClient, attack: Attack, spec: TargetSpec, transport: Transport, o: AttackRunOptions): Promise<AttackResult> {
  const started = Date.now();
  const pid = server.pid;
  // The figures of the time between attacks are not this attack's.
  void legit.reset();
  const beforeMb = pid === undefined ? null : rssMb(pid);
  const sampler = pid === undefined ? null : new RssSampler(pid);
  const report = await attackInWorker({
    target: { host: server.host, port: server.port, tls: server.tls },
    attack: attack.name,
    seconds: o.seconds,
    maxConnections: MAX_CONNECTIONS,
    maxFrames: MAX_FRAMES,
  });
  const stats = await legit.reset();
  sampler?.stop();
  await sleep(o.settleMs ?? DEFAULT_SETTLE_MS);
  const afterMb = pid === undefined ? null : rssMb(pid);
  const died = !targetAlive(server);
  const rss = beforeMb !== null && afterMb !== null && sampler?.peakMb != null ? { beforeMb: round(beforeMb), peakMb: round(sampler.peakMb), afterMb: round(afterMb) } : null;
  const cutOff = summarizeCutOffs(report);
  const answers = attack.expect ? summarizeAnswers(report, attack.expect) : null;
  const { verdict, reasons } = judge(attack.flood, stats, rss, cutOff, died, answers);
  return {
    attack: attack.name,
    cve: attack.cve,
    title: attack.title,
    flood: attack.flood,
    target: targetLabel(spec),
    transport,
    seconds: o.seconds,
    legit: stats,
    rss,
    attacker: { framesSent: report.framesSent, bytesSent: report.bytesSent, connectFailures: report.connectFailures },
    cutOff,
    answers,
    verdict,
    reasons,
    durationMs: Date.now() - started,
  };
}

function attackInWorker(options: AttackerOptions): Promise<AttackerReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: options });
    // The attacker bounds itself; this is the backstop if it does not.
    const backstop = setTimeout(() => void worker.terminate(), options.seconds * 1000 + 15_000);
    worker.once('message', (m: { ok: true; report: AttackerReport } | { ok: false; error: string }) => {
      clearTimeout(backstop);
      void worker.terminate();
      if (m.ok) resolve(m.report);
      else reject(new Error(`attacker failed: ${m.error}`));
    });
    worker.once('error', (err) => {
      clearTimeout(backstop);
      reject(err);
    });
    worker.once('exit', (code) => {
      clearTimeout(backstop);
      reject(new Error(`attacker exited with ${code} before reporting`));
    });
  });
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** One line per attack for the terminal and bench. */
export function resultRow(r: AttackResult): string[] {
  const pct = r.legit.total === 0 ? '-' : `${((r.legit.ok / r.legit.total) * 100).toFixed(1)}%`;
  const rss = r.rss ? `+${(r.rss.peakMb - r.rss.beforeMb).toFixed(0)}/+${(r.rss.afterMb - r.rss.beforeMb).toFixed(0)}` : '-';
  const cut = r.cutOff.cut === 0 ? (r.cutOff.connections === 0 ? '-' : 'never') : `${r.cutOff.cut}/${r.cutOff.connections} med ${r.cutOff.medianMs} ms ${r.cutOff.how ?? ''}`;
  const answered = r.answers === null ? '' : `; RFC answer ${r.answers.matching}/${r.answers.checked}${Object.keys(r.answers.others).length > 0 ? ` (else ${Object.keys(r.answers.others).join(', ')})` : ''}`;
  return [r.attack, r.transport, `${r.legit.ok}/${r.legit.total} ${pct}`, `${r.legit.p50Ms ?? '-'}`, `${r.legit.maxMs ?? '-'}`, rss, cut + answered, r.verdict];
}

export const RESULT_HEADER = ['attack', 'transport', 'legit ok', 'p50 ms', 'max ms', 'RSS MB during/after', 'cut off', 'verdict'];

export function table(rows: string[][], header = RESULT_HEADER): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
