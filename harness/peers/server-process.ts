// A server peer that is a separate process (nghttpd, the real servers): spawn it, wait until
// its port accepts connections, and stop it by PID (SIGTERM, then SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { trackChild, untrackChild } from './child-registry.js';
import { killQuietly } from './bounded-process.js';

export interface ServerProcessOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  host: string;
  port: number;
  /** How long the server may take to accept its first connection. */
  readyTimeoutMs?: number;
  /**
   * Start it in a process group of its own, and on stop wait for the whole
   * group to be gone (SIGKILL to the group after the grace time): for
   * servers that fork workers and helpers (nginx, apache, h2o), so none
   * outlives the server.
   */
  processGroup?: boolean;
}

export interface ServerProcess {
  readonly pid: number;
  readonly output: () => string;
  stop(): Promise<void>;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolveTry) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolveTry(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => child.once('exit', () => resolveExit()));
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Bounded: 50 ms polls for 2 s (workers notice their parent is gone), then SIGKILL to the group. */
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 40 && groupExists(pgid); i++) await sleep(50);
  if (!groupExists(pgid)) return;
  killQuietly(-pgid, 'SIGKILL');
  for (let i = 0; i < 40 && groupExists(pgid); i++) await sleep(50);
}

export async function startServerProcess(o: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(o.command, o.args, { cwd: o.cwd, env: o.env ?? process.env, detached: o.processGroup === true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  const spawnError = new Promise<Error>((resolveErr) => child.once('error', resolveErr));
  const pid = child.pid;
  if (pid === undefined) throw await spawnError;
  // A group is tracked by its negative id, so an exiting harness kills the whole group.
  const tracked = o.processGroup ? -pid : pid;
  trackChild(tracked);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killQuietly(pid, 'SIGTERM');
      const gone = await Promise.race([exited(child).then(() => true), sleep(2000, undefined, { ref: false }).then(() => false)]);
      if (!gone) killQuietly(pid, 'SIGKILL');
      await exited(child);
    }
    if (o.processGroup) await groupGone(pid);
    untrackChild(tracked);
  };
  // Bounded poll: 50 ms steps until the deadline.
  const deadline = Date.now() + (o.readyTimeoutMs ?? 5000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await canConnect(o.host, o.port)) return { pid, output: () => output, stop };
    await sleep(50);
  }
  await stop();
  throw new Error(`${o.command} did not accept connections on ${o.host}:${o.port} (exit ${child.exitCode}):\n${output}`);
}
