// Where the attacks go: `ref` and `node` in a child process of their own
// (target-main.ts), `nghttpd` as its peer starts it (a child too), or a server
// the user runs (`HOST:PORT`, no PID, so no RSS). Every child is tracked and
// stopped by PID. Ours can be asked for a full garbage collection before
// their memory is read (see target-main.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetSpec } from '../conformance/conformance-targets.js';
import { startTarget } from '../conformance/conformance-targets.js';
import { killQuietly } from '../peers/bounded-process.js';
import { trackChild, untrackChild } from '../peers/child-registry.js';
import type { RunningServer } from '../peers/server-peer.js';

const TARGET_MAIN = fileURLToPath(new URL('./target-main.js', import.meta.url));
const READY_MS = 10_000;
/** How long a garbage collection may take before the memory is read anyway. */
const COLLECT_MS = 2000;

export interface AttackTarget extends RunningServer {
  /** Runs a full garbage collection in the server and resolves when it is done; absent where the server has none to ask for. */
  readonly collectGarbage?: () => Promise<void>;
}

export async function startAttackTarget(spec: TargetSpec, tls: boolean): Promise<AttackTarget> {
  if (spec.kind === 'peer' && (spec.name === 'ref' || spec.name === 'node')) return startChild(spec.name, tls);
  return startTarget(spec, tls);
}

async function startChild(name: 'ref' | 'node', tls: boolean): Promise<AttackTarget> {
  const child = spawn(process.execPath, ['--expose-gc', TARGET_MAIN, name, tls ? 'tls' : 'h2c'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw (await once(child, 'error'))[0] as Error;
  trackChild(pid);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${READY_MS} ms:\n${output}`)), READY_MS);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /PORT (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    killQuietly(pid);
    untrackChild(pid);
    throw err;
  });
  let stopped: Promise<void> | undefined;
  return {
    name,
    host: '127.0.0.1',
    port,
    tls,
    pid,
    collectGarbage: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      let onData: (d: Buffer) => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        onData = (d) => {
          if (d.toString().includes('COLLECTED')) resolve();
        };
        child.stdout!.on('data', onData);
      });
      killQuietly(pid, 'SIGUSR2');
      await Promise.race([done, sleep(COLLECT_MS, undefined, { ref: false })]);
      child.stdout!.off('data', onData);
    },
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          killQuietly(pid, 'SIGTERM');
          const gone = await Promise.race([once(child, 'exit').then(() => true), sleep(3000, false, { ref: false })]);
          if (!gone) killQuietly(pid, 'SIGKILL');
        }
        untrackChild(pid);
      })();
      return stopped;
    },
  };
}

/** True when the server process is still there (always true without a PID). */
export function targetAlive(server: RunningServer): boolean {
  if (server.pid === undefined) return true;
  try {
    process.kill(server.pid, 0);
    return true;
  } catch {
    return false;
  }
}
