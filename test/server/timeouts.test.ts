// The server edge drives the core's deadlines with one timer per connection:
// a client that never ACKs our SETTINGS gets GOAWAY SETTINGS_TIMEOUT, an idle
// one gets GOAWAY NO_ERROR, and either way the socket then closes. Before a
// session exists, a client that never finishes TLS or the preface is dropped.
// Raw sockets, so the exact GOAWAY is seen (node:http2 would hide it).
import t from 'tap';
import net from 'node:net';
import { HDDeflater } from '../../impl/hpack/index.js';
import {
  CLIENT_PREFACE,
  ErrorCode as E,
  FrameSplitter,
  encodeHeadersFrame,
  encodeSettings,
  encodeSettingsAck,
  parseFrame,
  type Frame,
} from '../../impl/http2/index.js';
import { ReferenceHandler } from '../../harness/peers/reference-server.js';
import { selfSignedCertificate } from '../../harness/tls/self-signed.js';
import { start } from './helpers.js';

interface Transcript {
  frames: Frame[];
  /** ms from connect to the first GOAWAY, and to the socket's close. */
  goAwayAfter: number | null;
  closedAfter: number;
}

/** Connects, writes `opening`, and records every frame until the server closes (or `limitMs` passes). */
function converse(port: number, opening: Uint8Array[], limitMs: number): Promise<Transcript> {
  return new Promise((resolve, reject) => {
    const begin = Date.now();
    const frames: Frame[] = [];
    const splitter = new FrameSplitter();
    let goAwayAfter: number | null = null;
    const c = net.connect(port, '127.0.0.1', () => c.write(Buffer.concat(opening)));
    const guard = setTimeout(() => {
      c.destroy();
      reject(new Error(`the server did not close within ${limitMs} ms; frames: ${frames.map((f) => f.type).join(' ')}`));
    }, limitMs);
    c.on('data', (chunk: Buffer) => {
      splitter.push(chunk);
      for (let raw = splitter.next(16_777_215); raw; raw = splitter.next(16_777_215)) {
        const f = parseFrame(raw.header, raw.payload);
        if (f.type === 'GOAWAY' && goAwayAfter === null) goAwayAfter = Date.now() - begin;
        frames.push(f);
      }
    });
    c.on('error', () => {});
    c.on('close', () => {
      clearTimeout(guard);
      resolve({ frames, goAwayAfter, closedAfter: Date.now() - begin });
    });
  });
}

function goAways(frames: Frame[]): Array<Extract<Frame, { type: 'GOAWAY' }>> {
  return frames.filter((f): f is Extract<Frame, { type: 'GOAWAY' }> => f.type === 'GOAWAY');
}

t.test('a client that sends the preface but never ACKs our SETTINGS gets GOAWAY SETTINGS_TIMEOUT, then the socket closes', async (t) => {
  const r = await start(ReferenceHandler, { settingsTimeout: 200, idleTimeout: 0 });
  t.teardown(() => r.server.close());
  const tr = await converse(r.port, [CLIENT_PREFACE, encodeSettings([])], 3000);
  t.match(goAways(tr.frames), [{ errorCode: E.SETTINGS_TIMEOUT, lastStreamId: 0 }], 'exactly one GOAWAY, SETTINGS_TIMEOUT');
  t.ok(tr.goAwayAfter !== null && tr.goAwayAfter >= 190, `not before the timeout (${tr.goAwayAfter} ms)`);
  t.ok(tr.closedAfter < 2500, `closed promptly (${tr.closedAfter} ms)`);
});

t.test('an idle client gets GOAWAY NO_ERROR with the last stream processed, then the socket closes', async (t) => {
  const r = await start(ReferenceHandler, { settingsTimeout: 0, idleTimeout: 300 });
  t.teardown(() => r.server.close());
  const get = new HDDeflater().deflate([[':method', 'GET'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '/']]);
  const opening = [CLIENT_PREFACE, encodeSettings([]), encodeSettingsAck(), encodeHeadersFrame(1, get, { endStream: true, endHeaders: true })];
  const tr = await converse(r.port, opening, 3000);
  t.ok(tr.frames.some((f) => f.type === 'DATA' && f.streamId === 1 && f.endStream), 'stream 1 was answered first');
  t.match(goAways(tr.frames), [{ errorCode: E.NO_ERROR, lastStreamId: 1 }], 'exactly one GOAWAY, NO_ERROR, last stream 1');
  t.ok(tr.goAwayAfter !== null && tr.goAwayAfter >= 290, `not before the idle timeout (${tr.goAwayAfter} ms)`);
  t.ok(tr.closedAfter < 2500, `closed promptly (${tr.closedAfter} ms)`);
});

t.test('a client that ACKs in time and keeps a stream open is not timed out', async (t) => {
  const r = await start(ReferenceHandler, { settingsTimeout: 150, idleTimeout: 150 });
  t.teardown(() => r.server.close());
  const post = new HDDeflater().deflate([[':method', 'POST'], [':scheme', 'http'], [':authority', 'localhost'], [':path', '/echo']]);
  const c = net.connect(r.port, '127.0.0.1');
  c.on('error', () => {});
  const frames: Frame[] = [];
  const splitter = new FrameSplitter();
  c.on('data', (chunk: Buffer) => {
    splitter.push(chunk);
    for (let raw = splitter.next(16_777_215); raw; raw = splitter.next(16_777_215)) frames.push(parseFrame(raw.header, raw.payload));
  });
  // The request body never ends: stream 1 stays open for twice both timeouts.
  c.write(Buffer.concat([CLIENT_PREFACE, encodeSettings([]), encodeSettingsAck(), encodeHeadersFrame(1, post, { endHeaders: true })]));
  await new Promise((resolve) => setTimeout(resolve, 400));
  t.same(goAways(frames), [], 'no GOAWAY');
  t.notOk(c.destroyed, 'the socket is still open');
  c.destroy();
});

for (const [what, opening, tls] of [
  ['says nothing over cleartext', [], false],
  ['sends half the preface', [CLIENT_PREFACE.subarray(0, 12)], false],
  ['starts an HTTP/1.1 request and stops', [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n')], false],
  ['never starts its TLS handshake', [], true],
] as const) {
  t.test(`a client that ${what} is dropped after the handshake timeout`, async (t) => {
    const r = await start(ReferenceHandler, { handshakeTimeout: 200, ...(tls ? { ssl: await selfSignedCertificate() } : {}) });
    t.teardown(() => r.server.close());
    const tr = await converse(r.port, [...opening], 3000);
    t.same(tr.frames, [], 'no HTTP/2 frame: no session was started');
    t.ok(tr.closedAfter >= 190 && tr.closedAfter < 2500, `closed after ${tr.closedAfter} ms`);
  });
}

t.test('handshakeTimeout 0 waits forever; a negative one is refused at construction', async (t) => {
  const r = await start(ReferenceHandler, { handshakeTimeout: 0 });
  t.teardown(() => r.server.close());
  const c = net.connect(r.port, '127.0.0.1');
  c.on('error', () => {});
  await new Promise((resolve) => setTimeout(resolve, 400));
  t.notOk(c.destroyed, 'still open after 400 ms');
  c.destroy();
  await t.rejects(start(ReferenceHandler, { handshakeTimeout: -1 }), { code: 'ERR_INVALID_ARGUMENT' });
});
