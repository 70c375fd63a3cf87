// The verdict on one attack, by a rule stated once (and printed in the
// report): what the legit client saw, what the server's memory did, and for
// floods how fast the attacker was cut off.
import type { AttackerReport } from './attacker.js';
import type { LegitStats } from './legit-client.js';

export type Verdict = 'pass' | 'degraded' | 'fail';

export interface RssFigures {
  beforeMb: number;
  peakMb: number;
  afterMb: number;
}

export interface CutOffSummary {
  /** Connections the attacker opened, and how many of them the server cut off. */
  connections: number;
  cut: number;
  /** Median and slowest time to the cut-off over cut connections (ms). */
  medianMs: number | null;
  slowestMs: number | null;
  /** How (most common): `goaway ENHANCE_YOUR_CALM "reason"`, `fin`, `stalled`… */
  how: string | null;
}

export const VERDICT_RULE =
  'pass: legit >= 99 % answered, legit p50 < 20 ms, server RSS growth < 100 MB during and < 10 MB after (where the PID is known), ' +
  'and for floods every attacker connection cut off within 1 s; fail: legit < 90 % answered, legit p50 >= 200 ms, ' +
  'RSS growth >= 500 MB, or the server died; degraded: anything between';

/** Connections younger than this at the end are not expected to have been cut yet. */
const GRACE_MS = 1000;

export function summarizeCutOffs(r: AttackerReport): CutOffSummary {
  const times: number[] = [];
  const hows = new Map<string, number>();
  let considered = 0;
  for (const c of r.connections) {
    if (c.cutOff === null) {
      if (c.openedMs < r.durationMs - GRACE_MS) considered++;
      continue;
    }
    considered++;
    times.push(c.cutOff.afterMs);
    const how = [c.cutOff.how, c.cutOff.code, c.cutOff.debug ? JSON.stringify(c.cutOff.debug.slice(0, 140)) : null].filter(Boolean).join(' ');
    hows.set(how, (hows.get(how) ?? 0) + 1);
  }
  times.sort((a, b) => a - b);
  const how = [...hows].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { connections: considered, cut: times.length, medianMs: times[Math.floor((times.length - 1) / 2)] ?? null, slowestMs: times.at(-1) ?? null, how };
}

export function judge(flood: boolean, legit: LegitStats, rss: RssFigures | null, cut: CutOffSummary, serverDied: boolean): { verdict: Verdict; reasons: string[] } {
  const failReasons: string[] = [];
  const degradedReasons: string[] = [];
  const ratio = legit.total === 0 ? 0 : legit.ok / legit.total;
  const pct = `${(ratio * 100).toFixed(1)} %`;
  if (serverDied) failReasons.push('the server process died');
  if (ratio < 0.9) failReasons.push(`legit answered ${pct}`);
  else if (ratio < 0.99) degradedReasons.push(`legit answered ${pct}`);
  if (legit.p50Ms !== null && legit.p50Ms >= 200) failReasons.push(`legit p50 ${legit.p50Ms} ms`);
  else if (legit.p50Ms !== null && legit.p50Ms >= 20) degradedReasons.push(`legit p50 ${legit.p50Ms} ms`);
  if (rss) {
    const during = rss.peakMb - rss.beforeMb;
    const after = rss.afterMb - rss.beforeMb;
    if (during >= 500) failReasons.push(`RSS grew by ${during.toFixed(0)} MB`);
    else if (during >= 100) degradedReasons.push(`RSS grew by ${during.toFixed(0)} MB during`);
    if (after >= 10) degradedReasons.push(`RSS ${after.toFixed(0)} MB above its start after the attack`);
  }
  if (flood) {
    if (cut.cut < cut.connections) degradedReasons.push(`${cut.connections - cut.cut} of ${cut.connections} attacker connections never cut off`);
    else if (cut.slowestMs !== null && cut.slowestMs > 1000) degradedReasons.push(`attacker cut off after up to ${cut.slowestMs} ms`);
  }
  if (failReasons.length > 0) return { verdict: 'fail', reasons: [...failReasons, ...degradedReasons] };
  if (degradedReasons.length > 0) return { verdict: 'degraded', reasons: degradedReasons };
  return { verdict: 'pass', reasons: [] };
}
