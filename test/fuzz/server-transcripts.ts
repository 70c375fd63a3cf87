// Test helper: transcripts written by hand, so the judge and the verdict can
// be shown a server behaving exactly one way (conforming, broken, or using
// one latitude) without needing such a server.
import { reduceTranscript } from '../../harness/scenario/outcome.js';
import { HANDSHAKE, requestFields, type Scenario, type Step } from '../../harness/scenario/scenario.js';
import type { ServerFrame, Transcript } from '../../harness/scenario/transcript.js';
import { judge } from '../../harness/fuzz/server/rfc-judge.js';
import { verdict, type Verdict } from '../../harness/fuzz/server/verdict.js';

export type Reply = ServerFrame | 'closed';

/** The server's preface as the in-process target sends it (SETTINGS with MAX_CONCURRENT_STREAMS 4). */
export const SERVER_PREFACE: ServerFrame[] = [{ type: 'SETTINGS', ack: false, pairs: [[3, 4], [4, 65535], [5, 16384]] }];

export const ok = (stream: number): ServerFrame[] => [
  { type: 'HEADERS', stream, fields: [[':status', '200']], endStream: false },
  { type: 'DATA', stream, length: 17, endStream: true },
];
export const rst = (stream: number, code: number): ServerFrame => ({ type: 'RST_STREAM', stream, code });
export const goaway = (code: number, lastStreamId = 0): ServerFrame => ({ type: 'GOAWAY', lastStreamId, code, debug: '' });

/** A scenario: the handshake, then `steps`. Step numbers in `replies` count from the first of `steps`. */
export function withHandshake(...steps: Step[]): Scenario {
  return { steps: [...HANDSHAKE, ...steps] };
}

export function transcript(s: Scenario, replies: Record<number, Reply[]> = {}, preface: ServerFrame[] = SERVER_PREFACE): Transcript {
  const t: Transcript = { entries: preface.map((frame) => ({ from: 'server' as const, frame })), bodies: {} };
  const offset = s.steps.length > 0 && s.steps[0]!.op === 'preface' ? HANDSHAKE.length : 0;
  for (let i = 0; i < s.steps.length; i++) {
    t.entries.push({ from: 'client', step: i, op: s.steps[i]!.op });
    if (i === 1) t.entries.push({ from: 'server', frame: { type: 'SETTINGS', ack: true, pairs: [] } });
    for (const r of replies[i - offset] ?? []) {
      if (r === 'closed') t.entries.push({ from: 'server', closed: 'connection closed' });
      else {
        t.entries.push({ from: 'server', frame: r });
        if (r.type === 'DATA') {
          const b = (t.bodies[r.stream] ??= { length: 0, fnv: 0 });
          b.length += r.length;
        }
      }
    }
  }
  return t;
}

export function judged(s: Scenario, replies: Record<number, Reply[]>, exact = true): Verdict {
  const t = transcript(s, replies);
  return verdict('test', judge(s, t, exact), reduceTranscript(t), t, exact);
}

export const get = (stream: number, endStream = true): Step => ({ op: 'headers', stream, fields: requestFields('/'), endStream });
export const post = (stream: number): Step => ({ op: 'headers', stream, fields: requestFields('/', 'POST'), endStream: false });
