// RSS per idle connection: open `count` HTTP/2 connections to a server (its
// preface, SETTINGS both ways, one GET answered, then nothing), wait, read
// the server's RSS by PID and subtract what it held before they opened.
// What a server keeps per connection it is not using is what decides how
// many idle clients (browsers keep connections open) a process can hold.
import net from 'node:net';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssMb } from '../../harness/attack/rss-sampler.js';
import type { RunningServer } from '../../harness/peers/server-peer.js';
import { HDDeflater } from '../../impl/hpack/index.js';
import { CLIENT_PREFACE, encodeHeadersFrame, encodeSettings, encodeSettingsAck } from '../../impl/http2/index.js';

export interface IdleRss {
  /** KiB of server RSS per idle connection. */
  kibPerConnection: number;
  baselineMb: number;
  withConnectionsMb: number;
  opened: number;
}

/** Connections opened at once: enough to be quick, few enough not to look like a SYN flood to the server. */
const BATCH = 50;
const SETTLE_MS = 1500;
const OPEN_TIMEOUT_MS = 10_000;

function openOne(server: RunningServer, path: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = server.tls
      ? tls.connect({ host: server.host, port: server.port, ALPNProtocols: ['h2'], rejectUnauthorized: false, servername: 'localhost' })
      : net.connect({ host: server.host, port: server.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection to ${server.name} not answered within ${OPEN_TIMEOUT_MS} ms`));
    }, OPEN_TIMEOUT_MS);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once(server.tls ? 'secureConnect' : 'connect', () => {
      socket.write(Buffer.concat([CLIENT_PREFACE, encodeSettings([])]));
    });
    let spoke = false;
    socket.on('data', () => {
      if (spoke) return; // the response is read and dropped
      spoke = true;
      // Its SETTINGS came first (§3.4): acknowledge it and ask for one small response.
      const block = new HDDeflater(4096).deflate([[':method', 'GET'], [':scheme', server.tls ? 'https' : 'http'], [':authority', 'localhost'], [':path', path]]);
      socket.write(Buffer.concat([encodeSettingsAck(), encodeHeadersFrame(1, block, { endStream: true })]));
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

export async function idleRss(server: RunningServer, count: number, path: string): Promise<IdleRss | null> {
  if (server.pid === undefined) return null;
  const pid = server.pid;
  // One connection first, so code paths loaded on first use are in the baseline, not in the figure.
  (await openOne(server, path)).destroy();
  await sleep(SETTLE_MS);
  const baselineMb = rssMb(pid);
  const sockets: net.Socket[] = [];
  try {
    while (sockets.length < count) {
      const batch = Math.min(BATCH, count - sockets.length);
      sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openOne(server, path)))));
    }
    await sleep(SETTLE_MS);
    const withConnectionsMb = rssMb(pid);
    if (baselineMb === null || withConnectionsMb === null) return null;
    return { kibPerConnection: ((withConnectionsMb - baselineMb) * 1024) / count, baselineMb, withConnectionsMb, opened: sockets.length };
  } finally {
    for (const s of sockets) s.destroy();
  }
}
