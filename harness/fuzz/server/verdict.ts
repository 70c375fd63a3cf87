// The verdict on one target: its outcome against what the judge expects.
// For every rule a step broke, the target must have done one of the
// allowed things; on a valid exchange it must have done its duties (ACKs,
// responses) and raised no error. The first thing it got wrong is the
// finding; every latitude it used is counted.
import { ErrorCode as E, errorCodeName } from '../../../impl/http2/error-codes.js';
import type { Outcome, StreamOutcome } from '../../scenario/outcome.js';
import type { Transcript } from '../../scenario/transcript.js';
import type { LatitudeRuleId } from './latitude-rules.js';
import { DUTIES, type DutyId } from './rfc-rules.js';
import type { Expectation, JudgeResult, LatitudeUse } from './rfc-judge.js';
import type { RfcRuleId } from './rfc-rules.js';

export interface Finding {
  target: string;
  /** The rule broken (a frame rule, or a duty on a valid exchange). */
  rule: RfcRuleId | DutyId;
  section: string;
  /** The client step that broke the rule, or the last step for a duty. */
  step: number;
  expected: string;
  actual: string;
}

export interface Verdict {
  finding: Finding | null;
  latitude: LatitudeUse[];
}

const code = (c: number): string => errorCodeName(c) ?? `0x${c.toString(16)}`;
const codes = (cs: readonly number[]): string => cs.map(code).join(' or ');

function describe(s: StreamOutcome | undefined, o: Outcome): string {
  const g = o.connection.errorGoAway;
  const parts: string[] = [];
  if (s?.reset != null) parts.push(`RST_STREAM ${code(s.reset)}`);
  else if (s === undefined) {
    // A connection-level rule: what it did on streams instead is the answer.
    for (const [id, x] of Object.entries(o.streams)) if (x.reset !== null) parts.push(`RST_STREAM ${code(x.reset)} on stream ${id}`);
  }
  if (s?.status != null) parts.push(`answered ${s.status}`);
  if (g) parts.push(`GOAWAY ${code(g.code)} (last stream ${g.lastStreamId})`);
  else if (o.connection.goAway) parts.push(`GOAWAY NO_ERROR`);
  if (o.connection.closed) parts.push('closed the connection');
  if (o.connection.timedOut) parts.push('timed out');
  return parts.length > 0 ? parts.join(', ') : 'nothing (kept the connection open)';
}

function expected(e: Expectation): string {
  const where = e.scope === 'stream' ? `RST_STREAM ${codes(e.codes)} on stream ${e.stream}` : `GOAWAY ${codes(e.codes)}`;
  return `${where}${e.mayIgnore ? ' or nothing' : ''} (${e.rule}, RFC 9113 §${e.section}: ${e.detail})`;
}

/** Index in the transcript of the client's step `step`, for in-process ordering. */
function stepIndex(t: Transcript, step: number): number {
  const i = t.entries.findIndex((e) => e.from === 'client' && e.step === step);
  return i < 0 ? t.entries.length : i;
}

function goAwayIndex(t: Transcript): number {
  const i = t.entries.findIndex((e) => e.from === 'server' && 'frame' in e && e.frame.type === 'GOAWAY' && e.frame.code !== 0);
  return i < 0 ? t.entries.length : i;
}

/**
 * Over the wire, a server that sent nothing at all, not even its SETTINGS
 * (RFC 9113 §3.4 makes that its first frame), and did not close, has not
 * answered yet: with eight servers and the fuzzer on two busy cores it can
 * take longer than the scenario's budget. That silence is not every frame
 * ignored; a server that never speaks fails interop and conformance, and
 * shows here as a run of time-budget latitude.
 */
export function silent(t: Transcript): boolean {
  return t.entries.every((e) => e.from !== 'server');
}

export function verdict(target: string, j: JudgeResult, o: Outcome, t: Transcript, exact: boolean): Verdict {
  const latitude = [...j.latitude];
  const used = (rule: LatitudeRuleId, step: number, detail: string): void => {
    latitude.push({ rule, step, detail });
  };
  const fail = (rule: RfcRuleId | DutyId, section: string, step: number, exp: string, actual: string): Verdict => ({
    finding: { target, rule, section, step, expected: exp, actual },
    latitude,
  });
  const g = o.connection.errorGoAway;
  const lastStep = j.stoppedAt ?? Math.max(0, ...t.entries.map((e) => (e.from === 'client' ? e.step : 0)));
  if (!exact && silent(t)) {
    used('time-budget', lastStep, 'the server sent nothing, not even its SETTINGS');
    return { finding: null, latitude };
  }
  const explained = new Set<number>();
  const exps = j.expectations;
  for (let k = 0; k < exps.length; k++) {
    const e = exps[k]!;
    const s = o.streams[e.stream];
    // In process the order is exact: a GOAWAY before the next rule's step answers this one or an earlier one.
    // Over the wire it is the last rule's, or this one's when its code fits.
    const last = k + 1 === exps.length;
    const goAwayHere = g !== null && (last || (exact ? goAwayIndex(t) < stepIndex(t, exps[k + 1]!.step) : e.codes.includes(g.code)));
    if (e.scope === 'stream') {
      if (s !== undefined && s.resets.some((c) => e.codes.includes(c))) {
        explained.add(e.stream);
        continue;
      }
      if (goAwayHere && e.codes.includes(g.code)) {
        used('stream-error-as-connection-error', e.step, e.rule);
        return { finding: null, latitude };
      }
      // Over the wire a GOAWAY written just before the close is lost when our next frame met the closed socket (TCP reset).
      if (!g && o.connection.closed && (last || !exact)) {
        used('stream-error-as-connection-error', e.step, e.rule);
        used('bare-close', e.step, e.rule);
        return { finding: null, latitude };
      }
      if (g !== null && !exact && exps.slice(k + 1).some((later) => later.codes.includes(g.code))) {
        used('connection-error-subsumes', e.step, e.rule);
        continue;
      }
      if (e.also.includes('malformed-answered') && s?.status != null && s.status >= 400 && s.status < 500 && (s.endedByServer || s.reset !== null)) {
        used('malformed-answered', e.step, `${s.status} for ${e.rule}`);
        explained.add(e.stream);
        continue;
      }
      if (e.mayIgnore && !goAwayHere) {
        used(e.mayIgnore, e.step, e.detail);
        explained.add(e.stream);
        continue;
      }
      return fail(e.rule, e.section, e.step, expected(e), describe(s, o));
    }
    if (goAwayHere && e.codes.includes(g.code)) return { finding: null, latitude };
    if (e.mayIgnore && !goAwayHere) {
      used(e.mayIgnore, e.step, e.detail);
      explained.add(e.stream);
      continue;
    }
    if (!g && o.connection.closed && !e.mayIgnore) {
      used('bare-close', e.step, e.rule);
      return { finding: null, latitude };
    }
    return fail(e.rule, e.section, e.step, expected(e), describe(s, o));
  }
  if (o.connection.timedOut) {
    used('time-budget', lastStep, 'the server did not go quiet in time');
    return { finding: null, latitude };
  }
  // No rule broken (or every one answered by a stream reset): the rest is a valid exchange.
  if (g) {
    // A rule answered on its stream may still be escalated afterwards (§5.4.1).
    if (exps.some((e) => e.codes.includes(g.code))) {
      used('stream-error-as-connection-error', lastStep, `GOAWAY ${code(g.code)}`);
      return { finding: null, latitude };
    }
    if (g.code === E.ENHANCE_YOUR_CALM) {
      used('server-limits', lastStep, 'GOAWAY ENHANCE_YOUR_CALM');
      return { finding: null, latitude };
    }
    if (j.stoppedAt !== null) return { finding: null, latitude };
    return fail('no-error-without-cause', DUTIES['no-error-without-cause'].section, lastStep, 'no connection error', describe(undefined, o));
  }
  const free = new Set(j.free);
  for (const [idText, s] of Object.entries(o.streams)) {
    const id = Number(idText);
    if (s.reset === null || explained.has(id) || free.has(id)) continue;
    if (s.reset === E.REFUSED_STREAM) {
      used('refused-stream', lastStep, `stream ${id}`);
      free.add(id);
      continue;
    }
    if (s.reset === E.NO_ERROR && s.endedByServer) {
      used('early-response-no-error', lastStep, `stream ${id}`);
      continue;
    }
    if (j.stoppedAt !== null) continue;
    return fail('no-error-without-cause', DUTIES['no-error-without-cause'].section, lastStep, `no RST_STREAM on stream ${id}`, `RST_STREAM ${code(s.reset)} on stream ${id}`);
  }
  if (o.connection.closed && !o.connection.goAway) {
    if (j.stoppedAt !== null) return { finding: null, latitude };
    if (exps.length > 0) {
      used('stream-error-as-connection-error', lastStep, 'closed after a stream error');
      used('bare-close', lastStep, 'no GOAWAY');
      return { finding: null, latitude };
    }
    return fail('no-error-without-cause', DUTIES['no-error-without-cause'].section, lastStep, 'the connection kept open', describe(undefined, o));
  }
  // Duties hold while the connection lives: once either side said GOAWAY, what was pending may be dropped (§6.8).
  // Where the judge stopped, later steps (a reset, a GOAWAY) may have cancelled what was owed.
  if (o.connection.closed || o.connection.goAway || j.stoppedAt !== null) return { finding: null, latitude };
  for (const p of j.pings) {
    if (!o.connection.pingAcks.includes(p)) return fail('ping-acknowledged', DUTIES['ping-acknowledged'].section, lastStep, `PING ACK ${p}`, `ACKs: ${o.connection.pingAcks.join(', ') || 'none'}`);
  }
  if (o.connection.settingsAcks < j.settings) {
    return fail('settings-acknowledged', DUTIES['settings-acknowledged'].section, lastStep, `${j.settings} SETTINGS ACK(s)`, `${o.connection.settingsAcks}`);
  }
  for (const id of j.mustAnswer) {
    const s = o.streams[id];
    if (free.has(id) || explained.has(id)) continue;
    if (s?.status == null && s?.reset == null) {
      return fail('request-answered', DUTIES['request-answered'].section, lastStep, `a response on stream ${id}`, describe(s, o));
    }
  }
  return { finding: null, latitude };
}
