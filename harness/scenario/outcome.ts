// Outcomes, not bytes: a transcript reduced to what a client can observe and
// the RFC constrains. Frame boundaries, WINDOW_UPDATE timing, SETTINGS the
// server chose and the order of frames on different streams all disappear;
// what stays is, per stream, how it ended, and per connection, how it ended.
import type { ScenarioField } from './scenario.js';
import type { Transcript } from './transcript.js';

export interface StreamOutcome {
  /** `:status` of the final response HEADERS, or null when none came. */
  status: number | null;
  /** Interim (1xx) responses before it (RFC 9110 §15.2). */
  interim: number;
  /** Response fields (without pseudo-fields), from the final response. */
  fields: ScenarioField[];
  bodyLength: number;
  bodyFnv: number;
  /** Trailers came (a HEADERS after the response). */
  trailers: boolean;
  /** The server sent END_STREAM. */
  endedByServer: boolean;
  /** The server's first RST_STREAM code, or null. */
  reset: number | null;
  /** Every RST_STREAM code the server sent on the stream, in order. */
  resets: number[];
}

export interface ConnectionOutcome {
  /** The last GOAWAY the server sent: its code and last-stream-id. */
  goAway: { code: number; lastStreamId: number } | null;
  /** The first GOAWAY with an error code, when another (NO_ERROR) came after or before it. */
  errorGoAway: { code: number; lastStreamId: number } | null;
  /** The server closed the connection (or its bytes stopped parsing). */
  closed: boolean;
  /** The scenario's time budget ran out with the server still sending or silent. */
  timedOut: boolean;
  pingAcks: string[];
  settingsAcks: number;
  /** The server's first SETTINGS, as sent (its preface, §3.4). */
  serverSettings: Array<[number, number]> | null;
  pushPromises: number;
}

export interface Outcome {
  streams: Record<number, StreamOutcome>;
  connection: ConnectionOutcome;
}

const newStream = (): StreamOutcome => ({ status: null, interim: 0, fields: [], bodyLength: 0, bodyFnv: 0, trailers: false, endedByServer: false, reset: null, resets: [] });

export function reduceTranscript(t: Transcript): Outcome {
  const streams: Record<number, StreamOutcome> = {};
  const connection: ConnectionOutcome = { goAway: null, errorGoAway: null, closed: false, timedOut: false, pingAcks: [], settingsAcks: 0, serverSettings: null, pushPromises: 0 };
  const stream = (id: number): StreamOutcome => (streams[id] ??= newStream());
  for (const e of t.entries) {
    if (e.from === 'harness') {
      connection.timedOut = true;
      continue;
    }
    if (e.from !== 'server') continue;
    if ('closed' in e) {
      connection.closed = true;
      continue;
    }
    const f = e.frame;
    switch (f.type) {
      case 'HEADERS': {
        const s = stream(f.stream);
        const status = f.fields.find(([n]) => n === ':status')?.[1];
        if (s.status !== null || status === undefined) s.trailers = true;
        else if (/^1\d\d$/.test(status)) s.interim++;
        else {
          s.status = Number(status);
          s.fields = f.fields.filter(([n]) => !n.startsWith(':'));
        }
        if (f.endStream) s.endedByServer = true;
        break;
      }
      case 'DATA':
        if (f.endStream) stream(f.stream).endedByServer = true;
        else stream(f.stream);
        break;
      case 'RST_STREAM':
      {
        const s = stream(f.stream);
        s.reset ??= f.code;
        s.resets.push(f.code);
        break;
      }
      case 'GOAWAY':
        connection.goAway = { code: f.code, lastStreamId: f.lastStreamId };
        if (f.code !== 0) connection.errorGoAway ??= { code: f.code, lastStreamId: f.lastStreamId };
        break;
      case 'PING':
        if (f.ack) connection.pingAcks.push(f.opaque);
        break;
      case 'SETTINGS':
        if (f.ack) connection.settingsAcks++;
        else connection.serverSettings ??= f.pairs;
        break;
      case 'PUSH_PROMISE':
        connection.pushPromises++;
        break;
      default:
        break;
    }
  }
  for (const [id, b] of Object.entries(t.bodies)) {
    const s = stream(Number(id));
    s.bodyLength = b.length;
    s.bodyFnv = b.fnv;
  }
  return { streams, connection };
}

/** How a stream ended, in one word: what targets are compared on. */
export function streamDisposition(s: StreamOutcome | undefined): string {
  if (!s) return 'silent';
  if (s.reset !== null) return `reset:${s.reset}`;
  if (s.status !== null) return s.endedByServer ? 'answered' : 'answering';
  return 'silent';
}
