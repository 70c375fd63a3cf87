// Drives one attack for a bounded time: `parallel` attacker connections at
// once, each reopened when the server cuts it off (up to a bound), frames
// written as fast as the server reads them. Runs in a worker thread
// (attacker-worker.ts) so the flood does not delay the legit client's timings.
import { setImmediate as yieldLoop, setTimeout as sleep } from 'node:timers/promises';
import { attackNamed, AttackState, type Attack } from './attack-catalogue.js';
import { FloodSocket, type CutOff, type FloodTarget } from './flood-socket.js';

export interface AttackerOptions {
  target: FloodTarget;
  attack: string;
  seconds: number;
  /** Connections opened in all, reconnects included. */
  maxConnections: number;
  /** Frames written in all. */
  maxFrames: number;
}

export interface ConnectionRecord {
  openedMs: number;
  cutOff: CutOff | null;
  firstReset: CutOff | null;
  resetsReceived: number;
  framesSent: number;
  /** Why a probe could not be made on this connection (e.g. no stream limit to exceed), or null. */
  notProbed: string | null;
}

export interface AttackerReport {
  connections: ConnectionRecord[];
  /** Attempts to connect that failed (the server refused or was gone). */
  connectFailures: number;
  framesSent: number;
  bytesSent: number;
  durationMs: number;
}

export async function runAttacker(o: AttackerOptions): Promise<AttackerReport> {
  const attack = attackNamed(o.attack);
  if (!attack) throw new Error(`unknown attack ${o.attack}`);
  const started = Date.now();
  const deadline = started + o.seconds * 1000;
  const report: AttackerReport = { connections: [], connectFailures: 0, framesSent: 0, bytesSent: 0, durationMs: 0 };
  const live = new Set<FloodSocket>();
  let opened = 0;
  // Reconnects are spread over the attack, so a server that cuts fast is still attacked for the whole time.
  const spacingMs = (o.seconds * 1000 * attack.parallel) / o.maxConnections;
  const lane = async (): Promise<void> => {
    let last = 0;
    while (Date.now() < deadline && opened < o.maxConnections && report.framesSent < o.maxFrames) {
      const wait = last + spacingMs - Date.now();
      if (wait > 0) await sleep(Math.min(wait, deadline - Date.now()));
      if (Date.now() >= deadline) break;
      last = Date.now();
      opened++;
      let sock: FloodSocket;
      try {
        sock = await FloodSocket.open(o.target, attack.settings, attack.reads, attack.preface ?? true);
      } catch {
        report.connectFailures++;
        await sleep(50);
        continue;
      }
      live.add(sock);
      await drive(attack, sock, deadline, () => report.framesSent + sock.framesSent < o.maxFrames);
      report.connections.push({ openedMs: sock.openedAt - started, cutOff: sock.cutOff, firstReset: sock.firstReset, resetsReceived: sock.resetsReceived, framesSent: sock.framesSent, notProbed: sock.notProbed });
      report.framesSent += sock.framesSent;
      report.bytesSent += sock.bytesSent;
      sock.destroy();
      live.delete(sock);
    }
  };
  await Promise.all(Array.from({ length: attack.parallel }, lane));
  for (const s of live) s.destroy();
  report.durationMs = Date.now() - started;
  return report;
}

async function drive(attack: Attack, sock: FloodSocket, deadline: number, underBound: () => boolean): Promise<void> {
  const state = new AttackState();
  while (sock.alive && Date.now() < deadline && underBound()) {
    state.serverSettings = sock.serverSettings;
    const b = attack.batch(state);
    sock.notProbed = state.notProbed;
    if (b === null) {
      // Nothing more to send: hold the connection (and what it costs the server) until the end.
      await Promise.race([sock.closed, sleep(100)]);
      continue;
    }
    await sock.write(b.frames, b.count);
    if (b.pauseMs !== undefined) await Promise.race([sock.closed, sleep(Math.max(0, Math.min(b.pauseMs, deadline - Date.now())))]);
    else await yieldLoop();
  }
}
