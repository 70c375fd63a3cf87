// Comparing the implementation's inflater with libnghttp2's on the same steps,
// block by block, and classifying every difference. libnghttp2 is the
// reference for outputs and tables; when the two disagree on accepting a
// block, the RFC judge says whether the RFC settles it (failure) or leaves
// room (latitude).
import { LATITUDE_RULES } from './latitude-rules.js';
import type { Finding, PropertyName } from './findings.js';
import { failure, latitude } from './findings.js';
import { outcomeJson, pairsEqual, tableJson, tablesAgree } from './output-compare.js';
import type { BlockOutcome } from './session-driver.js';
import type { BlockVerdict, JudgeStep } from './rfc-judge.js';
import { judgeSteps } from './rfc-judge.js';

/** HTTP/2's initial SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2); refusing more is table-size-capability latitude. */
export const DEFAULT_TABLE_SIZE = 4096;

export interface ComparedRun {
  steps: readonly JudgeStep[];
  impl: readonly BlockOutcome[];
  nghttp2: readonly BlockOutcome[];
  /** Property a difference in decoded fields is charged to (2 for oracle blocks, 5 for mutated ones). */
  fieldsProperty: PropertyName;
  implName: string;
}

function verdictAt(steps: readonly JudgeStep[], block: number): BlockVerdict | undefined {
  return judgeSteps(steps, block)[block];
}

const sidesAt = (run: ComparedRun, block: number, verdict?: BlockVerdict) => (): Record<string, unknown> => {
  const sides: Record<string, unknown> = { [run.implName]: outcomeJson(run.impl[block]), nghttp2: outcomeJson(run.nghttp2[block]) };
  if (verdict) sides.rfcJudge = verdict.verdict === 'valid' ? { verdict: 'valid' } : verdict;
  return sides;
};

/** libnghttp2 rejected the block, the implementation did not. */
function implAccepted(run: ComparedRun, block: number): Finding {
  const v = verdictAt(run.steps, block);
  const sides = sidesAt(run, block, v);
  const p = run.fieldsProperty;
  if (v?.verdict === 'may-reject') return latitude(p, v.rule, block, `libnghttp2 rejects, ${run.implName} accepts: ${v.reason} (${LATITUDE_RULES[v.rule].section})`, sides);
  if (v?.verdict === 'must-reject') return failure(p, block, `${run.implName} accepts a block that MUST be rejected: ${v.reason} (${v.section})`, sides);
  return failure(p, block, `libnghttp2 rejects, ${run.implName} accepts, and no RFC rule explains the rejection`, sides);
}

/** The implementation rejected (with a typed error) a block libnghttp2 accepted. */
function implRejected(run: ComparedRun, block: number): Finding {
  const v = verdictAt(run.steps, block);
  const sides = sidesAt(run, block, v);
  const p = run.fieldsProperty;
  if (v?.verdict === 'may-reject') return latitude(p, v.rule, block, `${run.implName} rejects where libnghttp2 accepts: ${v.reason} (${LATITUDE_RULES[v.rule].section})`, sides);
  if (v?.verdict === 'must-reject') return latitude(p, 'oracle-broke-rfc', block, `libnghttp2 accepts a block that MUST be rejected: ${v.reason} (${v.section})`, sides);
  return failure(p, block, `${run.implName} rejects a valid block that libnghttp2 accepts`, sides);
}

/** Findings up to the first block where the two stop agreeing (after that the contexts differ). */
export function compareInflaters(run: ComparedRun): Finding[] {
  const n = Math.max(run.impl.length, run.nghttp2.length);
  for (let block = 0; block < n; block++) {
    const mine = run.impl[block];
    const ref = run.nghttp2[block];
    if (mine && !mine.ok && mine.refusedTableSize !== undefined && mine.refusedTableSize > DEFAULT_TABLE_SIZE) {
      return [latitude(run.fieldsProperty, 'table-size-capability', block, `${run.implName}'s inflater refuses a table size of ${mine.refusedTableSize}`, sidesAt(run, block))];
    }
    if (mine && !mine.ok && !mine.error.typed) {
      const what = mine.error.crash !== undefined ? `crashed (${mine.error.crash})` : `threw ${mine.error.name} (not its typed error)`;
      return [failure(run.fieldsProperty, block, `${run.implName}'s inflater ${what}: ${mine.error.message}`, sidesAt(run, block))];
    }
    if (!mine || !ref) return [];
    if (!mine.ok && !ref.ok) return [];
    if (!ref.ok) return [implAccepted(run, block)];
    if (!mine.ok) return [implRejected(run, block)];
    if (!pairsEqual(mine.fields, ref.fields)) return [failure(run.fieldsProperty, block, `decoded fields differ from libnghttp2's`, sidesAt(run, block))];
    if (!tablesAgree(mine, ref)) {
      return [failure('its-tables-equal-libnghttp2s-after-every-block', block, `inflater table differs from libnghttp2's`, () => ({ [run.implName]: tableJson(mine), nghttp2: tableJson(ref) }))];
    }
  }
  return [];
}
