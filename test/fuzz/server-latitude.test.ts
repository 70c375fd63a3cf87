// Each latitude rule with a case that needs it: a server doing something the
// RFC allows that the strict reading would flag. Every case must end with no
// finding and name its rule; a rule without a case fails the last test.
import t from 'tap';
import { ErrorCode as E } from '../../impl/http2/error-codes.js';
import { LATITUDE_RULES, type LatitudeRuleId } from '../../harness/fuzz/server/latitude-rules.js';
import { checkRuns } from '../../harness/fuzz/server/scenario-checker.js';
import { requestFields, type Scenario } from '../../harness/scenario/scenario.js';
import { get, goaway, judged, ok, post, rst, transcript, withHandshake, type Reply } from './server-transcripts.js';

const MAX = 2 ** 31 - 1;
const noPath = requestFields('/').filter(([n]) => n !== ':path');

interface Case {
  rule: LatitudeRuleId;
  why: string;
  scenario: Scenario;
  replies: Record<number, Reply[]>;
  /** Over the wire (frames may have been in flight). */
  wire?: boolean;
}

const CASES: Case[] = [
  { rule: 'stream-error-as-connection-error', why: 'a malformed request answered with GOAWAY PROTOCOL_ERROR', scenario: withHandshake({ op: 'headers', stream: 1, fields: noPath, endStream: true }), replies: { 0: [goaway(E.PROTOCOL_ERROR, 1), 'closed'] } },
  { rule: 'bare-close', why: 'a damaged preface answered by closing without GOAWAY', scenario: { steps: [{ op: 'preface', damaged: true }, { op: 'settings', pairs: [] }] }, replies: { [-3]: ['closed'] } },
  {
    rule: 'ignored-after-reset',
    why: 'DATA after the server reset the stream is ignored',
    scenario: withHandshake({ op: 'headers', stream: 1, fields: noPath, endStream: false }, { op: 'data', stream: 1, length: 4, endStream: true }),
    replies: { 0: [rst(1, E.PROTOCOL_ERROR)] },
  },
  { rule: 'late-frame-on-closed-stream', why: 'WINDOW_UPDATE on a closed stream is ignored', scenario: withHandshake(get(1), { op: 'window-update', stream: 1, increment: 10 }), replies: { 0: ok(1) } },
  { rule: 'malformed-answered', why: 'a malformed request answered 400', scenario: withHandshake({ op: 'headers', stream: 1, fields: noPath, endStream: true }), replies: { 0: [{ type: 'HEADERS', stream: 1, fields: [[':status', '400']], endStream: true }] } },
  {
    rule: 'reset-crossed',
    why: 'a malformed request the client resets at once: the server closes on our RST_STREAM and sends none',
    scenario: withHandshake({ op: 'headers', stream: 1, fields: noPath, endStream: true }, { op: 'rst', stream: 1, code: E.CANCEL }),
    replies: {},
  },
  {
    rule: 'connection-error-subsumes',
    why: 'over the wire, a stream window overflow then a 7-octet PING: only GOAWAY FRAME_SIZE_ERROR comes',
    scenario: withHandshake(post(1), { op: 'window-update', stream: 1, increment: MAX }, { op: 'raw', type: 6, flags: 0, stream: 0, payload: '00'.repeat(7) }),
    replies: { 2: [goaway(E.FRAME_SIZE_ERROR, 1), 'closed'] },
    wire: true,
  },
  { rule: 'refused-stream', why: 'a valid request refused', scenario: withHandshake(get(1)), replies: { 0: [rst(1, E.REFUSED_STREAM)] } },
  { rule: 'early-response-no-error', why: 'a full response, then RST_STREAM NO_ERROR before the request ended', scenario: withHandshake(post(1)), replies: { 0: [...ok(1), rst(1, E.NO_ERROR)] } },
  {
    rule: 'concurrency-in-flight',
    why: 'over the wire, a fifth stream while four responses were in flight is refused with PROTOCOL_ERROR',
    scenario: withHandshake(get(1), get(3), get(5), get(7), get(9)),
    replies: { 4: [...ok(1), ...ok(3), ...ok(5), ...ok(7), rst(9, E.PROTOCOL_ERROR)] },
    wire: true,
  },
  {
    rule: 'settings-not-acknowledged',
    why: 'five streams accepted although the server advertised four: the client never acknowledged that',
    scenario: { steps: [{ op: 'preface' }, { op: 'settings', pairs: [] }, post(1), post(3), post(5), post(7), post(9)] },
    replies: {},
  },
  {
    rule: 'window-in-flight',
    why: 'over the wire, a connection WINDOW_UPDATE overflows only if the DATA in flight had not been sent',
    scenario: withHandshake(get(1), { op: 'window-update', stream: 0, increment: MAX - 65_535 + 10 }),
    replies: { 1: ok(1) },
    wire: true,
  },
  {
    rule: 'window-update-after-end',
    why: 'an overflowing WINDOW_UPDATE on a stream whose response already ended is ignored',
    scenario: withHandshake(post(1), { op: 'window-update', stream: 1, increment: MAX }),
    replies: { 0: ok(1) },
  },
  {
    rule: 'window-update-after-end',
    why: 'a SETTINGS_INITIAL_WINDOW_SIZE change overflowing the window of a stream whose response already ended is ignored',
    scenario: withHandshake(post(1), { op: 'window-update', stream: 1, increment: MAX - 65_535 }, { op: 'settings', pairs: [[4, 65_635]] }),
    replies: { 0: ok(1), 2: [{ type: 'SETTINGS', ack: true, pairs: [] }] },
  },
  { rule: 'after-goaway', why: 'after the client GOAWAY the server ignores a new stream', scenario: withHandshake({ op: 'goaway', lastStreamId: 0, code: 0 }, get(1)), replies: {} },
  { rule: 'frame-desync', why: 'a frame whose length lies ends with the server waiting for more', scenario: withHandshake({ op: 'raw', type: 6, flags: 0, stream: 0, payload: '00'.repeat(8), length: 20 }), replies: {} },
  { rule: 'unsolicited-ack', why: 'an unsolicited PING ACK answered with PROTOCOL_ERROR', scenario: withHandshake({ op: 'ping', opaque: '0000000000000001', ack: true }), replies: { 0: [goaway(E.PROTOCOL_ERROR), 'closed'] } },
  { rule: 'server-limits', why: 'the server calms the client down', scenario: withHandshake(get(1)), replies: { 0: [goaway(E.ENHANCE_YOUR_CALM), 'closed'] } },
];

for (const c of CASES) {
  t.test(`${c.rule}: ${c.why}`, async (t) => {
    const v = judged(c.scenario, c.replies, !c.wire);
    t.equal(v.finding, null, v.finding ? `${v.finding.rule}: ${v.finding.expected} / ${v.finding.actual}` : 'no finding');
    t.ok(v.latitude.some((l) => l.rule === c.rule), `uses ${c.rule} (used: ${v.latitude.map((l) => l.rule).join(', ') || 'none'})`);
  });
}

t.test('response-content: two conforming servers answering differently', async (t) => {
  const s = withHandshake(get(1));
  const a = transcript(s, { 0: ok(1) });
  const b = transcript(s, { 0: [{ type: 'HEADERS', stream: 1, fields: [[':status', '404']], endStream: true }] });
  const r = checkRuns(s, [{ target: 'a', transcript: a, exact: true }, { target: 'b', transcript: b, exact: true }]);
  t.equal(r.finding, null);
  t.ok(r.latitude.some((l) => l.rule === 'response-content'));
});

t.test('time-budget: a server still silent when the budget ran out is not judged on what it did not send', async (t) => {
  const s = withHandshake(get(1));
  const tr = transcript(s);
  tr.entries.push({ from: 'harness', timedOut: 100 });
  const { judge } = await import('../../harness/fuzz/server/rfc-judge.js');
  const { verdict } = await import('../../harness/fuzz/server/verdict.js');
  const { reduceTranscript } = await import('../../harness/scenario/outcome.js');
  const v = verdict('test', judge(s, tr, false), reduceTranscript(tr), tr, false);
  t.equal(v.finding, null);
  t.ok(v.latitude.some((l) => l.rule === 'time-budget'));
});

t.test('window-update-after-end: the same SETTINGS change may also be answered as §6.9.2 says, and only so', async (t) => {
  const s = withHandshake(post(1), { op: 'window-update', stream: 1, increment: MAX - 65_535 }, { op: 'settings', pairs: [[4, 65_635]] });
  for (const exact of [true, false]) {
    const flow = judged(s, { 0: ok(1), 2: [goaway(E.FLOW_CONTROL_ERROR, 1), 'closed'] }, exact);
    t.equal(flow.finding, null, `GOAWAY FLOW_CONTROL_ERROR (${exact ? 'in process' : 'over the wire'}): ${flow.finding?.rule ?? 'no finding'}`);
    const wrong = judged(s, { 0: ok(1), 2: [goaway(E.PROTOCOL_ERROR, 1), 'closed'] }, exact);
    t.equal(wrong.finding?.rule, 'settings-window-change-overflow', `GOAWAY PROTOCOL_ERROR is still a finding (${exact ? 'in process' : 'over the wire'})`);
  }
  // A stream both sides ended is closed: in process, where the order is exact, its window is gone and an error has no cause.
  const closed = withHandshake(get(1), { op: 'window-update', stream: 1, increment: MAX - 65_535 }, { op: 'settings', pairs: [[4, 65_635]] });
  t.equal(judged(closed, { 1: ok(1), 2: [goaway(E.FLOW_CONTROL_ERROR, 1), 'closed'] }).finding?.rule, 'no-error-without-cause');
});

t.test('without the latitude, the same server would be a finding', async (t) => {
  // The refused-stream case with a code no rule allows: CANCEL on a valid request.
  const v = judged(withHandshake(get(1)), { 0: [rst(1, E.CANCEL)] });
  t.equal(v.finding?.rule, 'no-error-without-cause');
  // The malformed-answered case with a 200: accepting a malformed request.
  const w = judged(withHandshake({ op: 'headers', stream: 1, fields: noPath, endStream: true }), { 0: ok(1) });
  t.equal(w.finding?.rule, 'malformed-request');
  // The bare-close case on a valid exchange: closing for no reason.
  const x = judged(withHandshake(get(1)), { 0: ['closed'] });
  t.equal(x.finding?.rule, 'no-error-without-cause');
});

t.test('every latitude rule has a case here', async (t) => {
  const covered = new Set<string>([...CASES.map((c) => c.rule), 'response-content', 'time-budget']);
  for (const id of Object.keys(LATITUDE_RULES)) t.ok(covered.has(id), `${id} has a case`);
});
