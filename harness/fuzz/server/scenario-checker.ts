// One scenario against one or more targets: each transcript is reduced to
// its outcome, judged against the RFC, and the first finding (if any) is
// kept with every side's transcript and outcome for the reproducer.
import { reduceTranscript, streamDisposition, type Outcome } from '../../scenario/outcome.js';
import type { Scenario } from '../../scenario/scenario.js';
import type { Transcript } from '../../scenario/transcript.js';
import type { LatitudeUse } from './rfc-judge.js';
import { judge } from './rfc-judge.js';
import { verdict, type Finding } from './verdict.js';

export interface TargetRun {
  target: string;
  transcript: Transcript;
  /** True in process: server frames sit exactly after the step that caused them. */
  exact: boolean;
}

export interface SideResult {
  target: string;
  transcript: Transcript;
  outcome: Outcome;
  finding: Finding | null;
  latitude: LatitudeUse[];
}

export interface CheckResult {
  sides: SideResult[];
  finding: Finding | null;
  latitude: LatitudeUse[];
}

export function checkRuns(scenario: Scenario, runs: readonly TargetRun[]): CheckResult {
  const sides: SideResult[] = [];
  let finding: Finding | null = null;
  const latitude: LatitudeUse[] = [];
  for (const r of runs) {
    const outcome = reduceTranscript(r.transcript);
    const v = verdict(r.target, judge(scenario, r.transcript, r.exact), outcome, r.transcript, r.exact);
    sides.push({ target: r.target, transcript: r.transcript, outcome, finding: v.finding, latitude: v.latitude });
    finding ??= v.finding;
    latitude.push(...v.latitude);
  }
  if (!finding && sides.length > 1) latitude.push(...contentDifferences(sides));
  return { sides, finding, latitude };
}

/** Targets that all pass the judge may still answer differently: that is the application's content. */
function contentDifferences(sides: readonly SideResult[]): LatitudeUse[] {
  const [first, ...rest] = sides;
  const out: LatitudeUse[] = [];
  for (const other of rest) {
    const ids = new Set([...Object.keys(first!.outcome.streams), ...Object.keys(other.outcome.streams)]);
    for (const id of ids) {
      const a = first!.outcome.streams[Number(id)];
      const b = other.outcome.streams[Number(id)];
      if (streamDisposition(a) !== streamDisposition(b) || a?.status !== b?.status || a?.bodyFnv !== b?.bodyFnv) {
        out.push({ rule: 'response-content', step: -1, detail: `stream ${id}: ${first!.target} ${streamDisposition(a)} ${a?.status ?? '-'}, ${other.target} ${streamDisposition(b)} ${b?.status ?? '-'}` });
        break;
      }
    }
  }
  return out;
}
