// The cases the server-fuzz stage reports, and the name the baseline knows
// each finding by. A fuzzer's scenario depends on the seed, its digest and
// step numbers with it; what does not is which RFC rule the judge applied,
// which server broke it and over which transport. So a finding's case is
// `server-fuzz/<transport>/<rule>` for that target: the baseline can accept
// "nginx breaks rule X over h2c" with a reason, a run with another seed that
// meets the same rule stays green, and a rule newly broken is a new case,
// hence red.
import type { CaseResult, Transport } from '../../report/report-model.js';
import type { ServerFuzzWorkerFinding } from './server-fuzz-worker.js';

/** The in-process phase's target (the core, no transport) and the target it is reported under. */
export const IN_PROCESS = 'in-process';
const IN_PROCESS_REPORTED_AS = 'ref';

/** Where a scenario ran: in process, or over one transport. */
export type FuzzPath = typeof IN_PROCESS | Transport;

/** The stable case id of `rule` broken by a target reached over `path`. */
export function findingCaseId(path: FuzzPath, rule: string): string {
  return `server-fuzz/${path}/${rule}`;
}

export interface ServerFuzzOutcome {
  findings: readonly ServerFuzzWorkerFinding[];
  /** Scenarios per second per target, when it ran. */
  rates: Readonly<Record<string, number>>;
  notRun: readonly string[];
}

/**
 * One case per target that ran (passed when the fuzzer could drive it), then
 * one failed case per rule it broke: the first finding of that rule speaks
 * for it. `done` is undefined when the worker gave no result.
 */
export function serverFuzzCases(targets: readonly string[], transport: Transport, seed: number, done: ServerFuzzOutcome | undefined): CaseResult[] {
  const cases: CaseResult[] = [];
  for (const target of [IN_PROCESS, ...targets]) {
    const path: FuzzPath = target === IN_PROCESS ? IN_PROCESS : transport;
    const reported = target === IN_PROCESS ? IN_PROCESS_REPORTED_AS : target;
    const rate = done?.rates[target];
    const notRun = done?.notRun.includes(target) ?? false;
    cases.push({
      id: `server-fuzz/${target === IN_PROCESS ? 'core' : 'wire'}`,
      description: `seed ${seed}: ${target}${target === IN_PROCESS ? '' : ` over ${transport}`}${rate !== undefined ? ` (${rate} scenarios/s)` : ''}${notRun ? ': not run' : ''}`,
      target: reported,
      outcome: done && !notRun ? 'passed' : done ? 'skipped' : 'failed',
    });
    const mine = (done?.findings ?? []).filter((f) => f.target === target);
    for (const rule of new Set(mine.map((f) => f.rule))) {
      const first = mine.find((f) => f.rule === rule)!;
      cases.push({
        id: findingCaseId(path, rule),
        section: first.section,
        description: `${target}${target === IN_PROCESS ? '' : ` over ${transport}`} breaks ${rule} (RFC 9113 §${first.section})`,
        target: reported,
        outcome: 'failed',
        failure: { message: first.message, scope: 'none', code: null, initiator: 'target' },
      });
    }
  }
  return cases;
}
