// The verdict on one attack, by a rule stated once (and printed in the
// report): what the legit client saw, what the server's memory did, and for
// floods how fast the attacker was cut off.
import type { ExpectedAnswer } from './attack-catalogue.js';
import type { AttackerReport, ConnectionRecord } from './attacker.js';
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

/** A probe's answers: how many attacker connections got one the RFC allows, and what the others got. */
export interface AnswerSummary {
  section: string;
  expected: readonly string[];
  checked: number;
  matching: number;
  /** Connections the probe could not be made on, and why (the first reason). */
  notProbed: number;
  notProbedWhy: string | null;
  /** Answers outside the expected ones, with how many connections got each. */
  others: Record<string, number>;
}

export const VERDICT_RULE =
  'pass: legit >= 99 % answered, legit p50 < 20 ms, server RSS growth < 100 MB during and < 10 MB after (where the PID is known), ' +
  'and for floods every attacker connection cut off within 1 s; fail: legit < 90 % answered, legit p50 >= 200 ms, ' +
  'RSS growth >= 500 MB, the server died, or (a probe of an RFC 9113 MUST) an attacker connection got none of the answers its section requires; degraded: anything between';

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

/** What one connection got: its GOAWAY, else its first RST_STREAM, else how it ended (or `nothing`). */
function answerOf(c: ConnectionRecord): string[] {
  const got: string[] = [];
  if (c.cutOff?.how === 'goaway') got.push(`goaway ${c.cutOff.code}`);
  if (c.firstReset) got.push(`rst_stream ${c.firstReset.code}`);
  if (got.length === 0) got.push(c.cutOff ? c.cutOff.how : 'nothing');
  return got;
}

export function summarizeAnswers(r: AttackerReport, expect: ExpectedAnswer): AnswerSummary {
  const out: AnswerSummary = { section: expect.section, expected: expect.answers, checked: 0, matching: 0, notProbed: 0, notProbedWhy: null, others: {} };
  for (const c of r.connections) {
    if (c.notProbed !== null) {
      out.notProbed++;
      out.notProbedWhy ??= c.notProbed;
      continue;
    }
    const got = answerOf(c);
    const matches = got.some((a) => expect.answers.includes(a));
    // A connection opened in the last moments may not have had its answer yet: counted only if it got one.
    if (!matches && c.cutOff === null && c.firstReset === null && c.openedMs >= r.durationMs - GRACE_MS) continue;
    out.checked++;
    if (matches) out.matching++;
    else for (const a of got) out.others[a] = (out.others[a] ?? 0) + 1;
  }
  return out;
}

export function judge(
  flood: boolean,
  legit: LegitStats,
  rss: RssFigures | null,
  cut: CutOffSummary,
  serverDied: boolean,
  answers: AnswerSummary | null = null,
): { verdict: Verdict; reasons: string[] } {
  const failReasons: string[] = [];
  const degradedReasons: string[] = [];
  if (answers) {
    const others = Object.entries(answers.others).map(([a, n]) => `${a} (${n})`).join(', ');
    // A server that gives a probe nothing to exceed (no stream limit) is weaker for it, not wrong: degraded, with the reason.
    if (answers.checked === 0 && answers.notProbed > 0) degradedReasons.push(`not probed: ${answers.notProbedWhy}`);
    else if (answers.checked === 0) failReasons.push('no attacker connection to check the answer on');
    else if (answers.matching < answers.checked) {
      failReasons.push(`${answers.checked - answers.matching} of ${answers.checked} attacker connections got none of ${answers.expected.join(' / ')} (RFC 9113 §${answers.section}): got ${others}`);
    }
  }
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
