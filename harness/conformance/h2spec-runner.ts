// Runs h2spec once against one target and turns its output into a
// ConformanceRun. A run that matched no case, crashed, or overran its time
// limit is never a pass, even though h2spec exits 0 when nothing matched.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBounded, type BoundedProcessResult } from '../peers/bounded-process.js';
import { countOutcomes, type ConformanceRun, type ConformanceTarget, type RunStatus } from './conformance-result.js';
import { applyH2specJUnitDurations } from './h2spec-junit-durations.js';
import type { H2specTool } from './h2spec-locator.js';
import { parseH2specOutput, type ParsedH2specOutput } from './h2spec-output-parser.js';

export interface H2specRunOptions {
  h2spec: H2specTool;
  target: ConformanceTarget;
  strict: boolean;
  /** h2spec spec ids (`http2/6.5`, `generic`, `6.5.3/1` is not accepted by h2spec). */
  specs: readonly string[];
  /** h2spec `-o`: seconds each case waits for the server (h2spec's default is 2). */
  caseTimeoutSec: number;
  /** The whole run is killed by PID after this long. */
  overallTimeoutMs: number;
}

export function h2specArgs(o: Omit<H2specRunOptions, 'h2spec' | 'overallTimeoutMs'>, junitPath: string): string[] {
  return [
    ...o.specs,
    '-h', o.target.host,
    '-p', String(o.target.port),
    '-o', String(o.caseTimeoutSec),
    '-j', junitPath,
    ...(o.strict ? ['--strict'] : []),
    ...(o.target.tls ? ['-t', '-k'] : []),
  ];
}

/** Why a finished process does not count as a completed run, if it does not. */
export function classifyRun(parsed: ParsedH2specOutput, proc: Pick<BoundedProcessResult, 'code' | 'signal' | 'timedOut'>, overallTimeoutMs: number): { status: RunStatus; problems: string[] } {
  const problems: string[] = [];
  const counts = countOutcomes(parsed.cases);
  if (proc.timedOut) {
    const where = parsed.interrupted ? ` during ${parsed.interrupted.section}/${parsed.interrupted.seq} "${parsed.interrupted.description}"` : '';
    problems.push(`h2spec killed after the overall timeout of ${overallTimeoutMs / 1000} s${where}`);
    return { status: 'timeout', problems };
  }
  if (parsed.errors.length > 0) {
    problems.push(...parsed.errors.map((e) => `h2spec error: ${e}`));
    return { status: 'crashed', problems };
  }
  if (proc.signal || (proc.code !== 0 && proc.code !== 1) || (proc.code === 1 && counts.failed === 0)) {
    problems.push(`h2spec ended with ${proc.signal ?? `exit code ${proc.code}`} and ${counts.failed} failed cases`);
    return { status: 'crashed', problems };
  }
  if (parsed.cases.length === 0) {
    problems.push('no case ran: the spec filters matched nothing or h2spec printed no cases');
    return { status: 'no-cases', problems };
  }
  if (!parsed.summary) {
    problems.push('h2spec printed no summary line');
    return { status: 'crashed', problems };
  }
  const s = parsed.summary;
  if (s.passed !== counts.passed || s.failed !== counts.failed || s.skipped !== counts.skipped) {
    // The parser missed or misread a case: never let that pass silently.
    problems.push(`h2spec counted ${s.passed}/${s.failed}/${s.skipped} (passed/failed/skipped), the parser ${counts.passed}/${counts.failed}/${counts.skipped}`);
    return { status: 'crashed', problems };
  }
  return { status: 'completed', problems };
}

export async function runH2spec(o: H2specRunOptions): Promise<ConformanceRun> {
  const work = await mkdtemp(join(tmpdir(), 'h2harness-h2spec-'));
  const junitPath = join(work, 'h2spec-junit.xml');
  const startedAt = new Date().toISOString();
  try {
    const proc = await runBounded({
      command: o.h2spec.path,
      args: h2specArgs(o, junitPath),
      // fatih/color already stays plain on a pipe; these make sure of it.
      env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' },
      timeoutMs: o.overallTimeoutMs,
    });
    const parsed = parseH2specOutput(proc.stdout.toString('utf8'));
    const junit = await readFile(junitPath, 'utf8').catch(() => undefined);
    if (junit) applyH2specJUnitDurations(parsed.cases, junit);
    const { status, problems } = classifyRun(parsed, proc, o.overallTimeoutMs);
    if (proc.stderr.trim()) problems.push(`stderr: ${proc.stderr.trim().slice(-500)}`);
    return {
      tool: { name: 'h2spec', version: o.h2spec.version, path: o.h2spec.path },
      target: o.target,
      strict: o.strict,
      specs: [...o.specs],
      startedAt,
      durationMs: Math.round(proc.durationMs),
      status,
      problems,
      exitCode: proc.code,
      cases: parsed.cases,
      counts: countOutcomes(parsed.cases),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
