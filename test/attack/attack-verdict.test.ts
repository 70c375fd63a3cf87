// The verdict rule on made-up attacker reports: a probe of an RFC 9113 MUST
// fails when any attacker connection got an answer outside the set its
// section allows (or none), whatever the legit client saw; connections
// opened in the last moments count only once they got an answer.
import t from 'tap';
import { attackNamed } from '../../harness/attack/attack-catalogue.js';
import type { AttackerReport, ConnectionRecord } from '../../harness/attack/attacker.js';
import { judge, summarizeAnswers, summarizeCutOffs } from '../../harness/attack/attack-verdict.js';
import type { LegitStats } from '../../harness/attack/legit-client.js';

const LEGIT: LegitStats = { total: 80, ok: 80, p50Ms: 1, maxMs: 20, firstError: null };
const RSS = { beforeMb: 80, peakMb: 81, afterMb: 80 };

function conn(openedMs: number, goaway: string | null, reset: string | null): ConnectionRecord {
  return {
    openedMs,
    cutOff: goaway === null ? null : { how: 'goaway', afterMs: 2, code: goaway, debug: null },
    firstReset: reset === null ? null : { how: 'rst_stream', afterMs: 1, code: reset, debug: null },
    resetsReceived: reset === null ? 0 : 1,
    framesSent: 150,
    notProbed: null,
  };
}

function report(connections: ConnectionRecord[]): AttackerReport {
  return { connections, connectFailures: 0, framesSent: 600, bytesSent: 10_000, durationMs: 8000 };
}

const limit = attackNamed('RFC9113-5.1.2-stream-limit')!;
const overflow = attackNamed('RFC9113-6.9.1-window-overflow')!;

t.test('§5.1.2: REFUSED_STREAM or PROTOCOL_ERROR on the stream, or GOAWAY PROTOCOL_ERROR, pass', async (t) => {
  const r = report([conn(0, null, 'REFUSED_STREAM'), conn(0, null, 'PROTOCOL_ERROR'), conn(0, 'PROTOCOL_ERROR', null)]);
  const a = summarizeAnswers(r, limit.expect!);
  t.match(a, { checked: 3, matching: 3, others: {} });
  t.same(judge(limit.flood, LEGIT, RSS, summarizeCutOffs(r), false, a), { verdict: 'pass', reasons: [] });
});

t.test('§5.1.2: a server that serves past its limit (no reset) or answers another code fails', async (t) => {
  const r = report([conn(0, null, 'REFUSED_STREAM'), conn(0, null, null), conn(0, null, 'INTERNAL_ERROR')]);
  const a = summarizeAnswers(r, limit.expect!);
  t.match(a, { checked: 3, matching: 1, others: { nothing: 1, 'rst_stream INTERNAL_ERROR': 1 } });
  const v = judge(limit.flood, LEGIT, RSS, summarizeCutOffs(r), false, a);
  t.equal(v.verdict, 'fail');
  t.match(v.reasons[0], /^2 of 3 attacker connections got none of rst_stream REFUSED_STREAM .* \(RFC 9113 §5\.1\.2\): got nothing \(1\), rst_stream INTERNAL_ERROR \(1\)$/);
});

t.test('§6.9.1: only GOAWAY FLOW_CONTROL_ERROR passes; a connection opened at the very end counts once answered', async (t) => {
  const good = report([conn(0, 'FLOW_CONTROL_ERROR', null), conn(7900, null, null)]);
  const a = summarizeAnswers(good, overflow.expect!);
  t.match(a, { checked: 1, matching: 1 }, 'the unanswered late connection is not held against the server');
  t.equal(judge(overflow.flood, LEGIT, RSS, summarizeCutOffs(good), false, a).verdict, 'pass');
  const bad = report([conn(0, 'PROTOCOL_ERROR', null), conn(7900, 'FLOW_CONTROL_ERROR', null)]);
  const b = summarizeAnswers(bad, overflow.expect!);
  t.match(b, { checked: 2, matching: 1, others: { 'goaway PROTOCOL_ERROR': 1 } });
  t.equal(judge(overflow.flood, LEGIT, RSS, summarizeCutOffs(bad), false, b).verdict, 'fail');
});

t.test('a probe with no connection to check fails', async (t) => {
  const r = report([]);
  const v = judge(overflow.flood, LEGIT, RSS, summarizeCutOffs(r), false, summarizeAnswers(r, overflow.expect!));
  t.equal(v.verdict, 'fail');
  t.match(v.reasons, ['no attacker connection to check the answer on']);
});

t.test('§5.1.2 against a server with no stream limit to exceed: degraded, saying so, never a pass', async (t) => {
  const why = 'the server advertises no SETTINGS_MAX_CONCURRENT_STREAMS (unlimited): no limit a probe can exceed';
  const r = report([{ ...conn(0, null, null), notProbed: why }]);
  const a = summarizeAnswers(r, limit.expect!);
  t.match(a, { checked: 0, matching: 0, notProbed: 1, notProbedWhy: why });
  t.same(judge(limit.flood, LEGIT, RSS, summarizeCutOffs(r), false, a), { verdict: 'degraded', reasons: [`not probed: ${why}`] });
});

t.test('the stream-limit probe reads the server limit first and opens 50 streams past it', async (t) => {
  const { AttackState } = await import('../../harness/attack/attack-catalogue.js');
  const s = new AttackState();
  t.match(limit.batch(s), { frames: [], count: 0 }, 'waits for the server SETTINGS');
  s.serverSettings = new Map([[0x3, 100]]);
  t.equal(limit.batch(s)!.count, 150);
  t.equal(limit.batch(s), null, 'then holds');
  const unlimited = new AttackState();
  unlimited.serverSettings = new Map();
  t.equal(limit.batch(unlimited), null);
  t.match(unlimited.notProbed, /no SETTINGS_MAX_CONCURRENT_STREAMS \(unlimited\)/);
});

t.test('the attacks without an expected answer are judged as before', async (t) => {
  const r = report([conn(0, 'ENHANCE_YOUR_CALM', null)]);
  t.same(judge(true, LEGIT, RSS, summarizeCutOffs(r), false), { verdict: 'pass', reasons: [] });
  t.equal(attackNamed('CVE-2007-6750-slowloris')!.expect, undefined);
});
