// The one verifier every suite case goes through: a transcript reduced to
// outcomes (scenario/outcome.ts), matched against the case's allowed set.
// Exact by construction: a connection error must carry one of the codes the
// rule names; a stream error must be RST_STREAM on that stream with one of
// its codes while the connection keeps serving (the `then` stream answered);
// a frame to be ignored must leave no error anywhere. Everything else fails,
// and the verdict says what was observed next to what was allowed.
import { ErrorCode, errorCodeName } from '../../../impl/http2/error-codes.js';
import { reduceTranscript, type Outcome, type StreamOutcome } from '../../scenario/outcome.js';
import type { Transcript } from '../../scenario/transcript.js';
import type { Allowed, Expectation, SuiteCase } from './suite-case.js';

export interface CaseVerdict {
  passed: boolean;
  /** What the target did, in the words `allowed` uses. */
  observed: string;
  /** Every outcome that would have passed. */
  allowed: string[];
}

const codes = (cs: readonly number[]): string => cs.map(errorCodeName).join(' or ');

export function describeAllowed(a: Allowed): string {
  switch (a.outcome) {
    case 'goaway':
      return `connection error: GOAWAY ${codes(a.codes)}${a.lastStreamId !== undefined ? ` with last-stream-id ${a.lastStreamId}` : ''}`;
    case 'close':
      return 'the connection closed (a GOAWAY may be omitted)';
    case 'rst':
      return `stream error: RST_STREAM ${codes(a.codes)} on stream ${a.stream}, connection unharmed`;
    case 'response':
      return `a ${a.min === a.max ? a.min : `${a.min}-${a.max}`} response on stream ${a.stream}${a.thenReset ? ` (then RST_STREAM ${codes(a.thenReset)} allowed)` : ''}, connection unharmed`;
    case 'ignored':
      return 'ignored: no error of any kind, connection unharmed';
  }
}

function describeExtras(e: Expectation): string[] {
  const out: string[] = [];
  if (e.then !== undefined) out.push(`stream ${e.then} still answered (2xx)`);
  if (e.pingAck !== undefined) out.push(`PING ACK ${e.pingAck}`);
  if (e.noPingAck !== undefined) out.push(`no PING ACK for ${e.noPingAck}`);
  if (e.settingsAcks !== undefined) out.push(`at least ${e.settingsAcks} SETTINGS ACK`);
  if (e.settingsAckFirst) out.push('SETTINGS ACK before any response');
  if (e.goAways) out.push(`GOAWAY NO_ERROR with last-stream-id ${e.goAways.join(', then ')}`);
  return out;
}

export function describeObserved(o: Outcome): string {
  const parts: string[] = [];
  for (const [id, s] of Object.entries(o.streams)) {
    if (s.status !== null) parts.push(`response ${s.status} on stream ${id}${s.endedByServer ? '' : ' (not ended)'}`);
    for (const r of s.resets) parts.push(`RST_STREAM ${errorCodeName(r)} on stream ${id}`);
  }
  const c = o.connection;
  const g = c.errorGoAway ?? c.goAway;
  if (g) parts.push(`GOAWAY ${errorCodeName(g.code)} last-stream-id ${g.lastStreamId}`);
  if (c.closed) parts.push(g ? 'connection closed' : 'connection closed without GOAWAY');
  if (c.timedOut) parts.push('timed out waiting for the server');
  return parts.length > 0 ? parts.join(', ') : 'nothing (no error, no response)';
}

interface Facts {
  o: Outcome;
  errorGoAway: { code: number; lastStreamId: number } | null;
  /** No error GOAWAY, no bare close, no timeout: the connection still serves. */
  healthy: boolean;
}

function facts(o: Outcome, e: Expectation): Facts {
  const c = o.connection;
  const errorGoAway = c.errorGoAway ?? (c.goAway && c.goAway.code !== 0 ? c.goAway : null);
  const healthy = errorGoAway === null && !c.timedOut && (e.mayClose === true || !(c.closed && c.goAway === null));
  return { o, errorGoAway, healthy };
}

/**
 * RFC 9113 §8.1: "A server can send a complete response prior to the
 * client sending an entire request … a server MAY request that the client
 * abort transmission of a request without error by sending a RST_STREAM
 * with an error code of NO_ERROR after sending a complete response." Such a
 * reset is no error: not on the stream under test, not on any other.
 */
const earlyAnswerResets = (s: StreamOutcome): boolean => s.status !== null && s.endedByServer && s.resets.every((r) => r === ErrorCode.NO_ERROR);

/** Resets on streams other than `except`: a stream error nobody caused. */
const strayResets = (o: Outcome, except: number | null): boolean => Object.entries(o.streams).some(([id, s]) => Number(id) !== except && s.resets.length > 0 && !earlyAnswerResets(s));

function matches(a: Allowed, f: Facts): boolean {
  const { o } = f;
  switch (a.outcome) {
    case 'goaway':
      return f.errorGoAway !== null && a.codes.includes(f.errorGoAway.code) && (a.lastStreamId === undefined || f.errorGoAway.lastStreamId === a.lastStreamId);
    case 'close':
      return o.connection.closed && o.connection.goAway === null;
    case 'rst': {
      const s = o.streams[a.stream];
      return f.healthy && s !== undefined && s.reset !== null && a.codes.includes(s.reset) && !strayResets(o, a.stream);
    }
    case 'response': {
      const s = o.streams[a.stream];
      if (!f.healthy || s === undefined || s.status === null || s.status < a.min || s.status > a.max) return false;
      return (earlyAnswerResets(s) || s.resets.every((r) => (a.thenReset ?? []).includes(r))) && (s.endedByServer || s.resets.length > 0) && !strayResets(o, a.stream);
    }
    case 'ignored':
      return f.healthy && !strayResets(o, null);
  }
}

/** The checks that apply when the connection was to go on. */
function extrasHold(e: Expectation, o: Outcome, t: Transcript): boolean {
  if (e.then !== undefined) {
    const s = o.streams[e.then];
    if (!s || s.status === null || s.status < 200 || s.status > 299 || !s.endedByServer || s.reset !== null) return false;
  }
  if (e.pingAck !== undefined && !o.connection.pingAcks.includes(e.pingAck)) return false;
  if (e.noPingAck !== undefined && o.connection.pingAcks.includes(e.noPingAck)) return false;
  if (e.settingsAcks !== undefined && o.connection.settingsAcks < e.settingsAcks) return false;
  if (e.goAways) {
    const sent = t.entries.flatMap((x) => (x.from === 'server' && 'frame' in x && x.frame.type === 'GOAWAY' ? [x.frame] : []));
    if (sent.length !== e.goAways.length || sent.some((g, i) => g.code !== 0 || g.lastStreamId !== e.goAways![i])) return false;
  }
  if (e.settingsAckFirst) {
    const ack = t.entries.findIndex((x) => x.from === 'server' && 'frame' in x && x.frame.type === 'SETTINGS' && x.frame.ack);
    const head = t.entries.findIndex((x) => x.from === 'server' && 'frame' in x && x.frame.type === 'HEADERS');
    if (ack < 0 || (head >= 0 && head < ack)) return false;
  }
  return true;
}

/** The expectation that applies to this target: `ifAdvertised` when its SETTINGS say so. */
export function expectationFor(c: SuiteCase, o: Outcome): Expectation {
  const adv = c.ifAdvertised;
  if (!adv) return c.expect;
  const value = (o.connection.serverSettings ?? []).find(([id]) => id === adv.setting)?.[1];
  const applies = adv.atLeast ? value !== undefined && value >= adv.value : value === adv.value;
  return applies ? adv.expect : c.expect;
}

export function verifyCase(c: SuiteCase, t: Transcript): CaseVerdict {
  const o = reduceTranscript(t);
  const e = expectationFor(c, o);
  const f = facts(o, e);
  const passed = e.allowed.some((a) => matches(a, f) && (a.outcome === 'goaway' || a.outcome === 'close' || extrasHold(e, o, t)));
  const extras = describeExtras(e);
  const allowed = e.allowed.map((a) => (a.outcome === 'goaway' || a.outcome === 'close' || extras.length === 0 ? describeAllowed(a) : `${describeAllowed(a)}; ${extras.join('; ')}`));
  return { passed, observed: describeObserved(o), allowed };
}
