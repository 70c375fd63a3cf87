// Starting the wire phase beside the in-process cases (wire-phase-worker.ts
// says why in a process of its own), and collecting what it found. The
// process is tracked by PID and leads its own process group, so stopping it
// (the in-process cases failed first, or the run is interrupted) also ends
// the nghttp it may be running.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trackChild, untrackChild } from '../../../peers/child-registry.js';
import { wireCaseFromJson } from '../case-json.js';
import type { FuzzCounts } from '../fuzz-stats.js';
import { WireTroubleError } from './wire-checker.js';
import type { FoundWireFailure } from './wire-runner.js';
import type { WirePhaseInput, WirePhaseMessage } from './wire-phase-protocol.js';

/** Beyond its time, what the phase may take: the exchange in flight (bounded at 10 s by each peer) and shrinking (5 s). */
const GRACE_S = 30;

export interface WirePhaseResult {
  counts: FuzzCounts;
  failures: number;
  failure: FoundWireFailure | null;
  notRun: string[];
  /** The phase's own lines (one per peer), in order. */
  lines: string[];
}

export interface WirePhase {
  /** Settles when the process has ended; rejects with WireTroubleError (or Error) when the phase could not be judged. */
  readonly result: Promise<WirePhaseResult>;
  /** Ends the process and its group now; the result then rejects unless it was done. */
  stop(): void;
}

export function startWirePhase(input: WirePhaseInput): WirePhase {
  const child: ChildProcess = fork(fileURLToPath(new URL('./wire-phase-worker.js', import.meta.url)), [JSON.stringify(input)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
  const pid = child.pid;
  if (pid !== undefined) trackChild(pid);
  const kill = (): void => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const lines: string[] = [];
  const limit = input.deadline === undefined ? undefined : setTimeout(kill, input.deadline - Date.now() + GRACE_S * 1000);
  const result = new Promise<WirePhaseResult>((resolve, reject) => {
    let done: Extract<WirePhaseMessage, { type: 'done' }> | undefined;
    let error: Extract<WirePhaseMessage, { type: 'error' }> | undefined;
    child.on('message', (m: WirePhaseMessage) => {
      if (m.type === 'log') lines.push(m.line);
      else if (m.type === 'done') done = m;
      else error = m;
    });
    child.once('exit', (code, signal) => {
      if (limit) clearTimeout(limit);
      if (pid !== undefined) untrackChild(pid);
      // Whatever the phase started dies with its group, on any ending.
      kill();
      if (error) return reject(error.trouble ? new WireTroubleError(error.message) : new Error(error.message));
      if (!done) return reject(new Error(`the wire phase ended (${signal ?? `exit ${code}`}) without a result`));
      const f = done.failure;
      resolve({
        counts: done.counts,
        failures: done.failures,
        notRun: done.notRun,
        lines,
        failure: f ? { oracle: f.oracle, wireCase: wireCaseFromJson(f.wireCase), finding: { ...f.finding, sides: () => f.finding.sides }, seed: f.seed, path: f.path, foundAfterSeconds: f.foundAfterSeconds } : null,
      });
    });
  });
  return { result, stop: kill };
}
