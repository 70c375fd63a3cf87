// The attack stage: every selected attack against every target and
// transport (harness/attack/), one stage per transport (`attack-h2c`,
// `attack-tls`), one case per attack and target. A degraded attack is a
// failed case whose message starts with "degraded", so the baseline can
// accept a peer's known weakness and still catch a change.
import { ATTACKS, type Attack } from '../../attack/attack-catalogue.js';
import { runAttacks, type AttackResult } from '../../attack/attack-run.js';
import { VERDICT_RULE } from '../../attack/attack-verdict.js';
import { targetLabel, type TargetSpec } from '../../conformance/conformance-targets.js';
import { PeerNotInstalledError } from '../../peers/peer-availability.js';
import { ranStage } from '../../report/report-builder.js';
import type { CaseResult, StageResult } from '../../report/report-model.js';
import type { StageContext } from '../stage-context.js';

export interface AttackStageOptions {
  /** Seconds each attack runs. */
  seconds: number;
  /** Attack names (default: all). */
  only?: readonly string[];
  settleMs?: number;
  onResult?: (r: AttackResult) => void;
}

/** The servers whose attack results are known and kept in the baseline: ours, node:http2 and nghttpd. */
const CHARACTERISED = new Set(['ref', 'node', 'nghttpd']);

/**
 * Whom a run attacks: every target it names, except that `--target all`
 * leaves the real servers (nginx, h2o, …) out: twelve floods per server and
 * transport would double such a run, and their results are not yet in the
 * baseline; `h2harness attack --target nginx` attacks one by name.
 */
export function attackTargets(targetSpec: string, targets: readonly TargetSpec[]): TargetSpec[] {
  return targetSpec === 'all' ? targets.filter((t) => t.kind !== 'peer' || CHARACTERISED.has(t.name)) : [...targets];
}

export function selectAttacks(only: readonly string[] | undefined): Attack[] {
  if (!only || only.length === 0) return [...ATTACKS];
  return only.map((n) => {
    const a = ATTACKS.find((x) => x.name === n || x.cve === n);
    if (!a) throw new Error(`unknown attack ${JSON.stringify(n)}; attacks: ${ATTACKS.map((x) => x.name).join(', ')}`);
    return a;
  });
}

export async function attackStages(ctx: StageContext, o: AttackStageOptions): Promise<StageResult[]> {
  const attacks = selectAttacks(o.only);
  const stages: StageResult[] = [];
  for (const transport of ctx.transports) {
    const started = Date.now();
    const cases: CaseResult[] = [];
    for (const spec of ctx.targets) {
      if (ctx.signal.aborted) break;
      try {
        const run = (list: readonly Attack[]): Promise<AttackResult[]> => runAttacks(spec, transport, list, { seconds: o.seconds, settleMs: o.settleMs, signal: ctx.signal, onResult: o.onResult });
        const first = await run(attacks);
        // Like a conformance case, an attack that did not pass runs once more (on a fresh server):
        // passing then, it is flaky (a noisy machine), not a failure.
        const again = new Map((await run(attacks.filter((a) => first.some((r) => r.attack === a.name && r.verdict !== 'pass')))).map((r) => [r.attack, r]));
        cases.push(...first.map((r) => caseOf(r, again.get(r.attack))));
      } catch (err) {
        const missing = err instanceof PeerNotInstalledError;
        cases.push({
          id: 'attack/server',
          description: `start ${targetLabel(spec)} over ${transport}`,
          target: targetLabel(spec),
          outcome: missing && !ctx.ci ? 'skipped' : 'failed',
          failure: { message: (err as Error).message, scope: 'none', code: null, initiator: missing ? 'harness' : 'target' },
        });
      }
      ctx.progress(cases.length, cases.filter((c) => c.outcome === 'failed').length);
    }
    stages.push(
      ranStage(
        { name: `attack-${transport}`, kind: 'attack', title: `Published HTTP/2 attacks (${o.seconds} s each) over ${transport}; ${VERDICT_RULE}`, transport, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, cases },
        ctx.signal.aborted ? 'interrupted' : undefined,
      ),
    );
  }
  return stages;
}

export function describeResult(r: AttackResult): string {
  const pct = r.legit.total === 0 ? 0 : (r.legit.ok / r.legit.total) * 100;
  const rss = r.rss ? `RSS ${r.rss.beforeMb} MB, peak +${(r.rss.peakMb - r.rss.beforeMb).toFixed(1)}, after +${(r.rss.afterMb - r.rss.beforeMb).toFixed(1)}` : 'RSS unknown';
  const cut = r.cutOff.cut === 0 ? 'attacker never cut off' : `attacker cut off ${r.cutOff.cut}/${r.cutOff.connections} (median ${r.cutOff.medianMs} ms, slowest ${r.cutOff.slowestMs} ms) by ${r.cutOff.how}`;
  const answers = r.answers === null ? '' : `; ${r.answers.matching}/${r.answers.checked} connections answered ${r.answers.expected.join(' / ')} (RFC 9113 §${r.answers.section})`;
  return `legit ${r.legit.ok}/${r.legit.total} (${pct.toFixed(1)} %), p50 ${r.legit.p50Ms ?? '-'} ms, max ${r.legit.maxMs ?? '-'} ms; ${rss}; ${cut}${answers}; ${r.attacker.framesSent} frames sent`;
}

/** The case of an attack's first run, and of its re-run when the first did not pass. */
function caseOf(r: AttackResult, rerun?: AttackResult): CaseResult {
  const last = rerun ?? r;
  const base = { id: `attack/${r.attack}`, section: r.cve, sectionTitle: r.title, description: `${r.title}: ${describeResult(last)}`, target: r.target, durationMs: r.durationMs + (rerun?.durationMs ?? 0) };
  if (r.verdict === 'pass') return { ...base, outcome: 'passed' };
  const failure = (x: AttackResult) => ({ message: `${x.verdict}: ${x.reasons.join('; ')}`, scope: 'connection' as const, code: /^goaway (\S+)/.exec(x.cutOff.how ?? '')?.[1] ?? null, initiator: 'target' as const });
  if (rerun === undefined) return { ...base, outcome: 'failed', failure: failure(r) };
  return { ...base, outcome: rerun.verdict === 'pass' ? 'flaky' : 'failed', failure: failure(rerun.verdict === 'pass' ? r : rerun), attempts: 2 };
}
