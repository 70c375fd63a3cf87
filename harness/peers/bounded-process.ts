// Runs a client process to completion, never longer than its time limit:
// a stuck peer is killed by PID and reported, so no test or run can hang.
import { spawn } from 'node:child_process';
import { trackChild, untrackChild } from './child-registry.js';

export interface BoundedProcessOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Written to the child's stdin, which is then closed. */
  stdin?: Uint8Array;
  /** Run it in a process group of its own, and on timeout kill the group: for tools that fork workers (jsfuzz). */
  processGroup?: boolean;
}

export interface BoundedProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: Buffer;
  stderr: string;
  durationMs: number;
}

export function runBounded(o: BoundedProcessOptions): Promise<BoundedProcessResult> {
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(o.command, o.args, {
      cwd: o.cwd,
      env: o.env ?? process.env,
      detached: o.processGroup === true,
      stdio: [o.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) trackChild(pid);
    const out: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    if (o.stdin && child.stdin) {
      child.stdin.on('error', () => undefined); // the child may exit before reading all of it
      child.stdin.end(o.stdin);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) killQuietly(o.processGroup ? -pid : pid);
    }, o.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      if (pid !== undefined) untrackChild(pid);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (pid !== undefined) untrackChild(pid);
      resolveRun({ code, signal, timedOut, stdout: Buffer.concat(out), stderr, durationMs: performance.now() - started });
    });
  });
}

/** SIGKILL one process we started (or, with a negative pid, its process group); it may already be gone. */
export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already exited
  }
}
