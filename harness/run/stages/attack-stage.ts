// The attack stage: every selected attack against every target and
// transport (harness/attack/), one stage per transport (`attack-h2c`,
// `attack-tls`), one case per attack and target. A degraded attack is a
// failed case whose message starts with "degraded", so the baseline can
// accept a peer's known weakness and still catch a change. The stage keeps to
// its deadline: a target whose pass would not fit in what is left is not
// attacked, and its skipped case says why.
import { ATTACKS, type Attack } from '../../attack/attack-catalogue.js';
import { DEFAULT_SETTLE_MS, runAttacks, type AttackResult } from '../../attack/attack-run.js';
import { VERDICT_RULE } from '../../attack/attack-verdict.js';
import { targetLabel, type TargetSpec } from '../../conformance/conformance-targets.js';
import { PeerNotInstalledError } from '../../peers/peer-availability.js';
import { ranStage } from '../../report/report-builder.js';
import type { CaseResult, StageResult, Transport } from '../../report/report-model.js';
import { attackPassSeconds } from '../budget.js';
import type { StageContext } from '../stage-context.js';

export interface AttackStageOptions {
  /** Seconds each attack runs. */
  seconds: number;
  /** Attack names (default: all). */
  only?: readonly string[];
  settleMs?: number;
  onResult?: (r: AttackResult) => void;
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
  const passMs = attackPassSeconds(attacks.length, o.seconds, o.settleMs ?? DEFAULT_SETTLE_MS) * 1000;
  const cases = new Map(ctx.transports.map((tr) => [tr, [] as CaseResult[]]));
  const spent = new Map(ctx.transports.map((tr) => [tr, 0]));
  const started = new Date().toISOString();
  // Target by target, every transport of one before the next target: when
  // the time runs out, the targets attacked are attacked whole (ours first).
  for (const spec of ctx.targets) {
    for (const transport of ctx.transports) {
      if (ctx.signal.aborted) break;
      const mine = cases.get(transport)!;
      const t0 = Date.now();
      if (t0 + passMs > ctx.deadline) mine.push(notAttacked(spec, transport, attacks.length, passMs, ctx.deadline));
      else mine.push(...(await attackTarget(ctx, spec, transport, attacks, o)));
      spent.set(transport, spent.get(transport)! + Date.now() - t0);
      const all = [...cases.values()].flat();
      ctx.progress(all.length, all.filter((c) => c.outcome === 'failed').length);
    }
  }
  return ctx.transports.map((transport) =>
    ranStage(
      { name: `attack-${transport}`, kind: 'attack', title: `Published HTTP/2 attacks (${o.seconds} s each) over ${transport}; ${VERDICT_RULE}`, transport, startedAt: started, durationMs: spent.get(transport)!, cases: cases.get(transport)! },
      ctx.signal.aborted ? 'interrupted' : undefined,
    ),
  );
}

/** Every attack against one target over one transport, the ones that did not pass once more. */
async function attackTarget(ctx: StageContext, spec: TargetSpec, transport: Transport, attacks: readonly Attack[], o: AttackStageOptions): Promise<CaseResult[]> {
  try {
    const run = (list: readonly Attack[]): Promise<AttackResult[]> => runAttacks(spec, transport, list, { seconds: o.seconds, settleMs: o.settleMs, signal: ctx.signal, onResult: o.onResult });
    const first = await run(attacks);
    // Like a conformance case, an attack that did not pass runs once more (on a fresh server):
    // passing then, it is flaky (a noisy machine), not a failure.
    const again = new Map((await run(attacks.filter((a) => first.some((r) => r.attack === a.name && r.verdict !== 'pass')))).map((r) => [r.attack, r]));
    return first.map((r) => caseOf(r, again.get(r.attack)));
  } catch (err) {
    const missing = err instanceof PeerNotInstalledError;
    return [
      {
        id: 'attack/server',
        description: `start ${targetLabel(spec)} over ${transport}`,
        target: targetLabel(spec),
        outcome: missing && !ctx.ci ? 'skipped' : 'failed',
        failure: { message: (err as Error).message, scope: 'none', code: null, initiator: missing ? 'harness' : 'target' },
      },
    ];
  }
}

/** A target the stage's time could not take: skipped, with what it would have needed. */
function notAttacked(spec: TargetSpec, transport: string, attacks: number, passMs: number, until: number): CaseResult {
  const left = Math.max(0, Math.round((until - Date.now()) / 1000));
  return {
    id: 'attack/not-run',
    description: `${targetLabel(spec)} over ${transport}: not attacked, ${left} s of the attack stage's share of the budget were left and ${attacks} attacks take about ${Math.round(passMs / 1000)} s (a larger --budget attacks it; \`h2harness attack --target ${targetLabel(spec)}\` attacks it alone)`,
    target: targetLabel(spec),
    outcome: 'skipped',
  };
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
