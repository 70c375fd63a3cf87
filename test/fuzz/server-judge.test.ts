// The RFC judge: for each rule a scenario can break, the exact outcomes
// allowed; a server that does anything else is a finding naming the rule,
// its section, the target and what it did instead. The core in process
// passes every one of these scenarios.
import t from 'tap';
import { ErrorCode as E } from '../../impl/http2/error-codes.js';
import { judge } from '../../harness/fuzz/server/rfc-judge.js';
import { checkRuns } from '../../harness/fuzz/server/scenario-checker.js';
import { runInProcess } from '../../harness/scenario/in-process-target.js';
import { requestFields, type Scenario, type Step } from '../../harness/scenario/scenario.js';
import { get, goaway, judged, ok, post, rst, transcript, withHandshake } from './server-transcripts.js';

const MAX = 2 ** 31 - 1;

interface RuleCase {
  name: string;
  scenario: Scenario;
  rule: string;
  scope: 'connection' | 'stream';
  codes: number[];
}

const h = (fields: Array<[string, string]>, stream = 1, endStream = true): Step => ({ op: 'headers', stream, fields, endStream });

const CASES: RuleCase[] = [
  { name: 'damaged preface', scenario: { steps: [{ op: 'preface', damaged: true }, { op: 'settings', pairs: [] }] }, rule: 'invalid-preface', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'first frame not SETTINGS', scenario: { steps: [{ op: 'preface' }, { op: 'ping', opaque: '0000000000000000' }] }, rule: 'invalid-preface', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'SETTINGS_ENABLE_PUSH 2', scenario: withHandshake({ op: 'settings', pairs: [[2, 2]] }), rule: 'settings-enable-push-range', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'SETTINGS_INITIAL_WINDOW_SIZE 2^31', scenario: withHandshake({ op: 'settings', pairs: [[4, MAX + 1]] }), rule: 'settings-initial-window-range', scope: 'connection', codes: [E.FLOW_CONTROL_ERROR] },
  { name: 'SETTINGS_MAX_FRAME_SIZE 16383', scenario: withHandshake({ op: 'settings', pairs: [[5, 16383]] }), rule: 'settings-max-frame-size-range', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  {
    name: 'initial window change overflows an open stream',
    scenario: withHandshake(post(1), { op: 'window-update', stream: 1, increment: MAX - 65_535 }, { op: 'settings', pairs: [[4, 65_536]] }),
    rule: 'settings-window-change-overflow',
    scope: 'connection',
    codes: [E.FLOW_CONTROL_ERROR],
  },
  { name: 'connection window overflow', scenario: withHandshake({ op: 'window-update', stream: 0, increment: MAX }), rule: 'connection-window-overflow', scope: 'connection', codes: [E.FLOW_CONTROL_ERROR] },
  { name: 'stream window overflow', scenario: withHandshake(post(1), { op: 'window-update', stream: 1, increment: MAX }), rule: 'stream-window-overflow', scope: 'stream', codes: [E.FLOW_CONTROL_ERROR] },
  { name: 'WINDOW_UPDATE 0 on a stream', scenario: withHandshake(post(1), { op: 'window-update', stream: 1, increment: 0 }), rule: 'window-update-zero', scope: 'stream', codes: [E.PROTOCOL_ERROR] },
  { name: 'WINDOW_UPDATE 0 on the connection', scenario: withHandshake({ op: 'window-update', stream: 0, increment: 0 }), rule: 'window-update-zero-connection', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'CONTINUATION on another stream', scenario: withHandshake({ ...h(requestFields('/')), parts: 2, continuationStream: 3 } as Step), rule: 'continuation-other-stream', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'a PING inside a field block', scenario: withHandshake({ ...h(requestFields('/')), unterminated: true } as Step, { op: 'ping', opaque: '0000000000000000' }), rule: 'field-block-interrupted', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'CONTINUATION alone', scenario: withHandshake({ op: 'raw', type: 9, flags: 4, stream: 1, payload: '82' }), rule: 'continuation-without-headers', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'even stream', scenario: withHandshake(get(2)), rule: 'even-stream-from-client', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'decreasing stream id', scenario: withHandshake(get(3), get(1)), rule: 'stream-id-decreased', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'DATA on an idle stream', scenario: withHandshake({ op: 'data', stream: 1, length: 1, endStream: false }), rule: 'frame-on-idle-stream', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'RST_STREAM on an idle stream', scenario: withHandshake({ op: 'rst', stream: 1, code: 8 }), rule: 'frame-on-idle-stream', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'DATA after END_STREAM', scenario: withHandshake(get(1), { op: 'data', stream: 1, length: 1, endStream: false }), rule: 'frame-on-closed-stream', scope: 'stream', codes: [E.STREAM_CLOSED] },
  { name: 'Pad Length past the payload', scenario: withHandshake(post(1), { op: 'data', stream: 1, length: 0, endStream: false, padClaim: 1 }), rule: 'padding-too-long', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'self-dependency', scenario: withHandshake(post(1), { op: 'priority', stream: 1, dependsOn: 1, weight: 16, exclusive: false }), rule: 'self-dependency', scope: 'stream', codes: [E.PROTOCOL_ERROR] },
  { name: 'a fifth stream with a limit of four', scenario: withHandshake(post(1), post(3), post(5), post(7), post(9)), rule: 'too-many-streams', scope: 'stream', codes: [E.PROTOCOL_ERROR, E.REFUSED_STREAM] },
  { name: 'no :path', scenario: withHandshake(h(requestFields('/').filter(([n]) => n !== ':path'))), rule: 'malformed-request', scope: 'stream', codes: [E.PROTOCOL_ERROR] },
  { name: 'an uppercase field name', scenario: withHandshake(h([...requestFields('/'), ['X-A', '1']])), rule: 'malformed-request', scope: 'stream', codes: [E.PROTOCOL_ERROR] },
  { name: 'a connection-specific field', scenario: withHandshake(h([...requestFields('/'), ['connection', 'close']])), rule: 'malformed-request', scope: 'stream', codes: [E.PROTOCOL_ERROR] },
  {
    name: 'content-length larger than the body',
    scenario: withHandshake(h([...requestFields('/', 'POST'), ['content-length', '5']], 1, false), { op: 'data', stream: 1, length: 4, endStream: true }),
    rule: 'malformed-request',
    scope: 'stream',
    codes: [E.PROTOCOL_ERROR],
  },
  { name: 'trailers without END_STREAM', scenario: withHandshake(post(1), h([['x-t', '1']], 1, false)), rule: 'trailers-without-end-stream', scope: 'stream', codes: [E.PROTOCOL_ERROR] },
  { name: 'PUSH_PROMISE from the client', scenario: withHandshake(post(1), { op: 'push-promise', stream: 1, promised: 2, fields: requestFields('/') }), rule: 'push-promise-from-client', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'PING of 7 octets', scenario: withHandshake({ op: 'raw', type: 6, flags: 0, stream: 0, payload: '00'.repeat(7) }), rule: 'frame-size', scope: 'connection', codes: [E.FRAME_SIZE_ERROR] },
  { name: 'PING on stream 1', scenario: withHandshake({ op: 'raw', type: 6, flags: 0, stream: 1, payload: '00'.repeat(8) }), rule: 'connection-frame-on-stream', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'DATA on stream 0', scenario: withHandshake({ op: 'raw', type: 0, flags: 0, stream: 0, payload: '00' }), rule: 'stream-zero', scope: 'connection', codes: [E.PROTOCOL_ERROR] },
  { name: 'PRIORITY of 4 octets', scenario: withHandshake(post(1), { op: 'raw', type: 2, flags: 0, stream: 1, payload: '00'.repeat(4) }), rule: 'priority-frame-size', scope: 'stream', codes: [E.FRAME_SIZE_ERROR] },
];

for (const c of CASES) {
  t.test(`${c.name}: ${c.rule} allows exactly ${c.scope === 'stream' ? 'RST_STREAM' : 'GOAWAY'} ${c.codes.join('/')}`, async (t) => {
    const silent = transcript(c.scenario);
    const e = judge(c.scenario, silent, true).expectations[0];
    t.equal(e?.rule, c.rule);
    t.equal(e?.scope, c.scope);
    t.same(e?.codes, c.codes);
    t.equal(e?.mayIgnore, null, 'ignoring it is not allowed');
    // A server that ignores it is a finding naming the rule and section.
    const v = judged(c.scenario, {});
    t.equal(v.finding?.rule, c.rule);
    t.equal(v.finding?.target, 'test');
    t.match(v.finding?.section ?? '', /^\d/);
    t.match(v.finding?.actual ?? '', /nothing|answered|closed/);
    // The core in process does one of the allowed things.
    const r = checkRuns(c.scenario, [{ target: 'in-process', transcript: runInProcess(c.scenario), exact: true }]);
    t.equal(r.finding, null, r.finding ? `${r.finding.expected} / ${r.finding.actual}` : 'the core passes');
  });
}

t.test('a wrong code is a finding that says what the server did instead', async (t) => {
  const s = withHandshake({ op: 'window-update', stream: 0, increment: MAX });
  const v = judged(s, { 0: [goaway(E.PROTOCOL_ERROR), 'closed'] });
  t.equal(v.finding?.rule, 'connection-window-overflow');
  t.equal(v.finding?.section, '6.9.1');
  t.match(v.finding?.expected ?? '', /GOAWAY FLOW_CONTROL_ERROR/);
  t.match(v.finding?.actual ?? '', /GOAWAY PROTOCOL_ERROR/);
  const right = judged(s, { 0: [goaway(E.FLOW_CONTROL_ERROR), 'closed'] });
  t.equal(right.finding, null);
});

t.test('a valid exchange: duties only (PING ACK, SETTINGS ACK, responses)', async (t) => {
  const s = withHandshake(get(1), { op: 'ping', opaque: 'aabbccddeeff0011' }, { op: 'settings', pairs: [[4, 1000]] });
  const j = judge(s, transcript(s), true);
  t.same(j.expectations, []);
  t.same(j.mustAnswer, [1]);
  t.same(j.pings, ['aabbccddeeff0011']);
  t.equal(j.settings, 2, 'the handshake SETTINGS and the later one');
  t.equal(judged(s, { 0: ok(1) }).finding?.rule, 'ping-acknowledged', 'a missing PING ACK is a finding');
  t.equal(judged(s, { 0: ok(1), 1: [{ type: 'PING', ack: true, opaque: 'aabbccddeeff0011' }] }).finding?.rule, 'settings-acknowledged');
  t.equal(judged(s, { 1: [{ type: 'PING', ack: true, opaque: 'aabbccddeeff0011' }], 2: [{ type: 'SETTINGS', ack: true, pairs: [] }] }).finding?.rule, 'request-answered');
  const good = judged(s, { 0: ok(1), 1: [{ type: 'PING', ack: true, opaque: 'aabbccddeeff0011' }], 2: [{ type: 'SETTINGS', ack: true, pairs: [] }] });
  t.equal(good.finding, null);
  t.equal(judged(withHandshake(get(1)), { 0: [goaway(E.INTERNAL_ERROR), 'closed'] }).finding?.rule, 'no-error-without-cause');
});

t.test('a stream error answered, then a later rule: each one is checked in order', async (t) => {
  const s = withHandshake(get(1), { op: 'data', stream: 1, length: 1, endStream: false }, { op: 'rst', stream: 5, code: 0 });
  t.equal(judged(s, { 0: ok(1), 1: [rst(1, E.STREAM_CLOSED)], 2: [goaway(E.PROTOCOL_ERROR), 'closed'] }).finding, null);
  t.equal(judged(s, { 0: ok(1), 1: [rst(1, E.STREAM_CLOSED)] }).finding?.rule, 'frame-on-idle-stream');
  t.equal(judged(s, { 0: ok(1), 2: [goaway(E.PROTOCOL_ERROR), 'closed'] }).finding?.rule, 'frame-on-closed-stream', 'in process the GOAWAY came after the DATA was let through');
});
