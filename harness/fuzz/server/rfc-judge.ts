// The RFC judge: walks a scenario step by step, next to what one target sent
// back (its transcript), and says which rule each step breaks, so that the
// verdict can check the target did exactly what the rule allows. It models
// the client-visible side of RFC 9113 §5.1 (stream states), §5.1.2
// (concurrency), §6 (frame rules), §6.9 (the server's send windows) and
// §8.1-§8.3 (requests). Where the answer depends on frames still in flight
// (over the wire), it records latitude instead of guessing, and stops
// where it can no longer follow (a lying length, a GOAWAY).
import { ErrorCode as E } from '../../../impl/http2/error-codes.js';
import type { Scenario, Step } from '../../scenario/scenario.js';
import type { ServerFrame, Transcript } from '../../scenario/transcript.js';
import type { LatitudeRuleId } from './latitude-rules.js';
import { RFC_RULES, type RfcRuleId } from './rfc-rules.js';
import { judgeRequest, judgeTrailers } from './request-rules.js';

const MAX_WINDOW = 2 ** 31 - 1;
const DEFAULT_WINDOW = 65_535;
const MIN_FRAME = 16_384;
const SETTINGS_ENABLE_PUSH = 2;
const SETTINGS_MAX_CONCURRENT_STREAMS = 3;
const SETTINGS_INITIAL_WINDOW_SIZE = 4;
const SETTINGS_MAX_FRAME_SIZE = 5;

export interface Expectation {
  step: number;
  rule: RfcRuleId;
  section: string;
  scope: 'connection' | 'stream';
  stream: number;
  codes: readonly number[];
  /** Latitude rules that widen the outcome (escalation is always allowed for a stream error). */
  also: readonly LatitudeRuleId[];
  /** Doing nothing at all is also right, by this latitude rule. */
  mayIgnore: LatitudeRuleId | null;
  detail: string;
}

export interface LatitudeUse {
  rule: LatitudeRuleId;
  step: number;
  detail: string;
}

export interface JudgeResult {
  expectations: Expectation[];
  latitude: LatitudeUse[];
  /** The step where the judge could no longer follow, or null. */
  stoppedAt: number | null;
  /** Opaque data (hex) of each PING that must be acknowledged. */
  pings: string[];
  /** Valid SETTINGS frames that must be acknowledged. */
  settings: number;
  /** Streams whose complete, valid request must get a response. */
  mustAnswer: number[];
  /** Streams whose outcome the judge leaves free (in-flight races). */
  free: number[];
}

interface StreamModel {
  id: number;
  clientEnded: boolean;
  clientReset: boolean;
  /** The server reset it (seen in the transcript before this step), or the judge expects it to have. */
  serverReset: boolean;
  /** Sum of the client's WINDOW_UPDATE increments: the server's send window is initial + this - its DATA. */
  increments: number;
  contentLength: number | null;
  body: number;
  /** An expectation already names this stream: the server ends it there. */
  judged: boolean;
}

/** What the whole transcript says about the server, for bounds on what was in flight. */
interface ServerTotals {
  settings: Map<number, number>;
  dataByStream: Map<number, number>;
  data: number;
  endedAnywhere: Set<number>;
  resetAnywhere: Set<number>;
  windowByStream: Map<number, number>;
  window: number;
}

function totals(t: Transcript): ServerTotals {
  const s: ServerTotals = { settings: new Map(), dataByStream: new Map(), data: 0, endedAnywhere: new Set(), resetAnywhere: new Set(), windowByStream: new Map(), window: 0 };
  let first = true;
  for (const e of t.entries) {
    if (e.from !== 'server' || !('frame' in e)) continue;
    const f = e.frame;
    if (f.type === 'SETTINGS' && !f.ack && first) {
      first = false;
      for (const [id, v] of f.pairs) s.settings.set(id, v);
    } else if (f.type === 'DATA') {
      s.dataByStream.set(f.stream, (s.dataByStream.get(f.stream) ?? 0) + f.length);
      s.data += f.length;
      if (f.endStream) s.endedAnywhere.add(f.stream);
    } else if (f.type === 'HEADERS' && f.endStream) s.endedAnywhere.add(f.stream);
    else if (f.type === 'RST_STREAM') s.resetAnywhere.add(f.stream);
    else if (f.type === 'WINDOW_UPDATE') {
      if (f.stream === 0) s.window += f.increment;
      else s.windowByStream.set(f.stream, (s.windowByStream.get(f.stream) ?? 0) + f.increment);
    }
  }
  return s;
}

/** Thrown to end the walk where the judge cannot follow; not an Error, so it costs no stack trace. */
const STOP = Symbol('stop');

/**
 * Judges one target's run of a scenario. `exact`: the server's frames sit
 * right after the step that caused them (in process), so nothing was in
 * flight and what the server sent later cannot have changed its mind earlier.
 */
export function judge(scenario: Scenario, transcript: Transcript, exact = false): JudgeResult {
  return new Judge(scenario, transcript, exact).run();
}

class Judge {
  readonly result: JudgeResult = { expectations: [], latitude: [], stoppedAt: null, pings: [], settings: 0, mustAnswer: [], free: [] };
  readonly #t: Transcript;
  readonly #steps: readonly Step[];
  readonly #all: ServerTotals;
  readonly #streams = new Map<number, StreamModel>();
  #highest = 0;
  #acked = false;
  #prefaceDone = false;
  #settingsSeen = false;
  #openBlock: number | null = null;
  /** The client's SETTINGS_INITIAL_WINDOW_SIZE: the initial send window of the server's streams. */
  #clientInitial = DEFAULT_WINDOW;
  #connIncrements = 0;
  #step = 0;
  // What the server has sent before the current step.
  #seenEnded = new Set<number>();
  #seenData = new Map<number, number>();
  #seenDataTotal = 0;
  #seenWindow = new Map<number, number>();
  #seenConnWindow = 0;
  #seenGoAway = false;

  readonly #exact: boolean;

  constructor(scenario: Scenario, transcript: Transcript, exact: boolean) {
    this.#t = transcript;
    this.#steps = scenario.steps;
    this.#all = totals(transcript);
    this.#exact = exact;
  }

  // Upper bounds on what the server may have done by the time it read the current step.
  #endedBy(id: number): boolean {
    return this.#exact ? this.#seenEnded.has(id) : this.#all.endedAnywhere.has(id);
  }
  #resetBy(id: number): boolean {
    return this.#exact ? (this.#streams.get(id)?.serverReset ?? false) : this.#all.resetAnywhere.has(id);
  }
  #dataBy(id: number): number {
    return (this.#exact ? this.#seenData : this.#all.dataByStream).get(id) ?? 0;
  }
  #dataTotalBy(): number {
    return this.#exact ? this.#seenDataTotal : this.#all.data;
  }
  #windowBy(id: number): number {
    return this.#exact ? (id === 0 ? this.#seenConnWindow : (this.#seenWindow.get(id) ?? 0)) : id === 0 ? this.#all.window : (this.#all.windowByStream.get(id) ?? 0);
  }

  run(): JudgeResult {
    try {
      for (const e of this.#t.entries) {
        if (e.from === 'server' && 'frame' in e) this.#server(e.frame);
        else if (e.from === 'client') {
          this.#step = e.step;
          this.#client(this.#steps[e.step]!);
        }
      }
    } catch (err) {
      if (err !== STOP) throw err;
      this.result.stoppedAt = this.#step;
    }
    return this.result;
  }

  // ---- what the server did before the current step -------------------------------

  #server(f: ServerFrame): void {
    switch (f.type) {
      case 'HEADERS':
        if (f.endStream) this.#seenEnded.add(f.stream);
        return;
      case 'DATA':
        this.#seenData.set(f.stream, (this.#seenData.get(f.stream) ?? 0) + f.length);
        this.#seenDataTotal += f.length;
        if (f.endStream) this.#seenEnded.add(f.stream);
        return;
      case 'RST_STREAM': {
        const s = this.#streams.get(f.stream);
        if (s) s.serverReset = true;
        return;
      }
      case 'WINDOW_UPDATE':
        if (f.stream === 0) this.#seenConnWindow += f.increment;
        else this.#seenWindow.set(f.stream, (this.#seenWindow.get(f.stream) ?? 0) + f.increment);
        return;
      case 'GOAWAY':
        this.#seenGoAway = true;
        return;
      default:
        return;
    }
  }

  // ---- outcomes the judge records ---------------------------------------------------

  #expect(rule: RfcRuleId, stream: number, detail: string, o: { scope?: Expectation['scope']; codes?: number[]; mayIgnore?: LatitudeRuleId } = {}): void {
    const r = RFC_RULES[rule];
    const scope = o.scope ?? r.scope;
    this.result.expectations.push({ step: this.#step, rule, section: r.section, scope, stream, codes: o.codes ?? r.codes, also: r.also ?? [], mayIgnore: o.mayIgnore ?? null, detail });
    if (scope === 'connection' && !o.mayIgnore) throw STOP;
    const s = this.#streams.get(stream);
    if (s && !o.mayIgnore) {
      s.serverReset = true;
      s.judged = true;
    }
    if (!s && stream !== 0 && !o.mayIgnore) this.#streams.set(stream, { ...this.#newStream(stream), serverReset: true, judged: true });
  }

  #latitude(rule: LatitudeRuleId, detail: string, stop = false): void {
    this.result.latitude.push({ rule, step: this.#step, detail });
    if (stop) throw STOP;
  }

  #free(id: number, rule: LatitudeRuleId, detail: string): void {
    this.result.free.push(id);
    this.#latitude(rule, detail);
    const s = this.#streams.get(id);
    if (s) {
      s.serverReset = true;
      s.judged = true;
    }
  }

  #newStream(id: number): StreamModel {
    return { id, clientEnded: false, clientReset: false, serverReset: false, increments: 0, contentLength: null, body: 0, judged: false };
  }

  // ---- the client's steps -------------------------------------------------------------

  #client(step: Step): void {
    if (step.op === 'wait' || step.op === 'tls-renegotiate' || step.op === 'server-shutdown') return;
    if (!this.#prefaceDone) {
      this.#prefaceDone = true;
      if (step.op !== 'preface' || step.damaged) this.#expect('invalid-preface', 0, step.op === 'preface' ? 'damaged preface' : `${step.op} instead of the preface`);
      return;
    }
    if (step.op === 'preface') return this.#expect('invalid-preface', 0, 'a second preface: its octets are no frame');
    if (!this.#settingsSeen) {
      this.#settingsSeen = true;
      const isSettings = step.op === 'settings' || (step.op === 'raw' && step.type === 0x4 && (step.flags & 1) === 0);
      if (!isSettings) this.#expect('invalid-preface', 0, `the first frame is ${step.op}, not SETTINGS`);
    }
    if (this.#openBlock !== null) {
      const id = this.#openBlock;
      const continues = step.op === 'raw' && step.type === 0x9 && step.stream === id;
      if (!continues) this.#expect('field-block-interrupted', 0, `${step.op} while the field block of stream ${id} is open`);
      this.#latitude('frame-desync', 'a raw CONTINUATION ends an open block: its fragment is not followed', true);
    }
    switch (step.op) {
      case 'settings':
        return this.#settings(step.pairs);
      case 'settings-ack':
        if (this.#acked) return this.#latitude('unsolicited-ack', 'a second SETTINGS ACK', true);
        this.#acked = true;
        return;
      case 'headers':
        return this.#headers(step);
      case 'data':
        return this.#data(step);
      case 'priority':
        return this.#priority(step.stream, step.dependsOn);
      case 'rst':
        return this.#rst(step.stream);
      case 'ping':
        if (step.ack) return this.#latitude('unsolicited-ack', 'a PING ACK nobody asked for', true);
        this.result.pings.push(step.opaque.padEnd(16, '0').slice(0, 16).toLowerCase());
        return;
      case 'goaway':
        return this.#latitude('after-goaway', 'the client sent GOAWAY', true);
      case 'window-update':
        return this.#windowUpdate(step.stream, step.increment);
      case 'push-promise':
        return this.#expect('push-promise-from-client', 0, `PUSH_PROMISE on stream ${step.stream}`);
      case 'raw':
        return this.#raw(step);
    }
  }

  #settings(pairs: ReadonlyArray<readonly [number, number]>): void {
    for (const [id, value] of pairs) {
      if (id === SETTINGS_ENABLE_PUSH && value > 1) return this.#expect('settings-enable-push-range', 0, `SETTINGS_ENABLE_PUSH ${value}`);
      if (id === SETTINGS_INITIAL_WINDOW_SIZE && value > MAX_WINDOW) return this.#expect('settings-initial-window-range', 0, `SETTINGS_INITIAL_WINDOW_SIZE ${value}`);
      if (id === SETTINGS_MAX_FRAME_SIZE && (value < MIN_FRAME || value > 16_777_215)) return this.#expect('settings-max-frame-size-range', 0, `SETTINGS_MAX_FRAME_SIZE ${value}`);
      if (id === SETTINGS_INITIAL_WINDOW_SIZE) this.#initialWindow(value);
    }
    this.result.settings++;
  }

  /** §6.9.2: a new initial window shifts every open stream's send window by the difference. */
  #initialWindow(value: number): void {
    let endedOverflow = false;
    for (const s of this.#streams.values()) {
      if (s.clientReset || s.serverReset) continue;
      const max = value + s.increments - (this.#seenData.get(s.id) ?? 0);
      const min = value + s.increments - this.#dataBy(s.id);
      if (this.#endedBy(s.id)) {
        // The server has sent END_STREAM: the stream is half-closed (local) and its window, though nothing
        // is left to send with it, still exists. Dropping it (ignoring the overflow) and §6.9.2's connection
        // error are both seen, and over the wire the response may only have ended after the SETTINGS arrived.
        // Closed both ways (in process, where the order is known), or reset by the server after its response
        // (§8.1), the stream has no window left to overflow.
        if (max > MAX_WINDOW && !endedOverflow && !(this.#exact && s.clientEnded) && !this.#resetBy(s.id)) {
          endedOverflow = true;
          this.#expect('settings-window-change-overflow', 0, `stream ${s.id} (its response ended): window up to ${max} after SETTINGS_INITIAL_WINDOW_SIZE ${value}`, { mayIgnore: 'window-update-after-end' });
        }
        continue;
      }
      if (min > MAX_WINDOW) return this.#expect('settings-window-change-overflow', 0, `stream ${s.id}: window ${min} after SETTINGS_INITIAL_WINDOW_SIZE ${value}`);
      if (max > MAX_WINDOW) this.#latitude('window-in-flight', `stream ${s.id} window may overflow`, true);
    }
    this.#clientInitial = value;
  }

  #serverSetting(id: number, fallback: number): number {
    return this.#all.settings.get(id) ?? fallback;
  }

  #headers(step: Extract<Step, { op: 'headers' }>): void {
    const id = step.stream;
    if ((step.parts ?? 1) > 1 && step.continuationStream !== undefined && step.continuationStream !== id) {
      if (step.continuationStream === 0) return this.#expect('stream-zero', 0, 'CONTINUATION on stream 0');
      return this.#expect('continuation-other-stream', 0, `HEADERS on ${id}, CONTINUATION on ${step.continuationStream}`);
    }
    if (step.unterminated) {
      this.#openBlock = id;
      return;
    }
    const s = this.#streams.get(id);
    if (s) return this.#trailers(s, step);
    if (id % 2 === 0) return this.#expect('even-stream-from-client', 0, `HEADERS on stream ${id}`);
    if (id <= this.#highest) return this.#expect('stream-id-decreased', 0, `stream ${id} after stream ${this.#highest}`);
    this.#highest = id;
    const fresh = this.#newStream(id);
    this.#streams.set(id, fresh);
    if (this.#seenGoAway) return this.#latitude('after-goaway', `stream ${id} opened after the server's GOAWAY`, true);
    if (step.priority && step.priority.dependsOn === id) return this.#expect('self-dependency', id, `HEADERS on ${id} depends on itself`);
    if (this.#tooMany(id)) return;
    const r = judgeRequest(step.fields);
    if (r.problem) return this.#expect('malformed-request', id, r.problem);
    if (step.endStream && r.contentLength !== null && r.contentLength !== 0) return this.#expect('malformed-request', id, `END_STREAM with content-length ${r.contentLength} (§8.1.1)`);
    fresh.contentLength = r.contentLength;
    if (step.endStream) this.#ended(fresh);
  }

  /** §5.1.2: true when the stream was judged (refused, or left free because responses were in flight). */
  #tooMany(id: number): boolean {
    const limit = this.#serverSetting(SETTINGS_MAX_CONCURRENT_STREAMS, Infinity);
    if (!Number.isFinite(limit)) return false;
    let atMost = 0;
    let atLeast = 0;
    for (const s of this.#streams.values()) {
      if (s.id === id || s.clientReset || s.serverReset) continue;
      const finished = s.clientEnded && this.#seenEnded.has(s.id);
      if (!finished) atMost++;
      if (!finished && !(s.clientEnded && this.#endedBy(s.id)) && !this.#resetBy(s.id)) atLeast++;
    }
    if (atMost < limit) return false;
    if (!this.#acked) {
      this.#free(id, 'settings-not-acknowledged', `stream ${id} beyond the unacknowledged limit of ${limit}`);
      return true;
    }
    if (atLeast >= limit) {
      this.#expect('too-many-streams', id, `stream ${id} with ${atLeast} streams open, limit ${limit}`);
      return true;
    }
    this.#free(id, 'concurrency-in-flight', `stream ${id}: between ${atLeast} and ${atMost} streams open, limit ${limit}`);
    return true;
  }

  #trailers(s: StreamModel, step: Extract<Step, { op: 'headers' }>): void {
    if (this.#closedForData(s, 'HEADERS')) return;
    if (!step.endStream) return this.#expect('trailers-without-end-stream', s.id, `second HEADERS on ${s.id} without END_STREAM`);
    const p = judgeTrailers(step.fields);
    if (p) return this.#expect('malformed-request', s.id, p);
    this.#ended(s);
  }

  /** §5.1, §6.1: DATA or HEADERS on a stream the client cannot send on. True when judged. */
  #closedForData(s: StreamModel, what: string): boolean {
    // A reset seen before this step (or owed for an earlier one); one sent later answers this step or a later one.
    if (s.serverReset) {
      this.#expect('frame-on-closed-stream', s.id, `${what} on ${s.id} after the server ${s.judged ? 'had to reset' : 'reset'} it`, { mayIgnore: 'ignored-after-reset' });
      return true;
    }
    if (s.clientEnded || s.clientReset) {
      this.#expect('frame-on-closed-stream', s.id, `${what} on ${s.id} after the client ${s.clientReset ? 'reset' : 'ended'} it`);
      return true;
    }
    return false;
  }

  #ended(s: StreamModel): void {
    s.clientEnded = true;
    if (s.contentLength !== null && s.body !== s.contentLength) return this.#expect('malformed-request', s.id, `body of ${s.body} octets, content-length ${s.contentLength} (§8.1.1)`);
    this.result.mustAnswer.push(s.id);
  }

  #data(step: Extract<Step, { op: 'data' }>): void {
    const id = step.stream;
    const payload = step.padClaim !== undefined || step.padLength !== undefined ? 1 + step.length + (step.padLength ?? 0) : step.length;
    if (id === 0) return this.#expect('stream-zero', 0, 'DATA on stream 0');
    if (payload > MIN_FRAME) return this.#expect('frame-size', id, `DATA of ${payload} octets`, { scope: 'stream', codes: [E.FRAME_SIZE_ERROR] });
    const s = this.#streams.get(id);
    if (step.padClaim !== undefined && step.padClaim >= payload) {
      // On a stream the server reset, "MUST ignore" (§5.1) meets this MUST: a server may drop the frame unparsed.
      const ignorable = s?.serverReset === true;
      return this.#expect('padding-too-long', 0, `Pad Length ${step.padClaim} in a payload of ${payload}`, ignorable ? { mayIgnore: 'ignored-after-reset' } : {});
    }
    if (!s) {
      if (id > this.#highest || id % 2 === 0) return this.#expect('frame-on-idle-stream', 0, `DATA on idle stream ${id}`);
      return this.#expect('frame-on-closed-stream', id, `DATA on stream ${id}, closed when a higher one opened (§5.1.1)`);
    }
    if (this.#closedForData(s, 'DATA')) return;
    const body = step.padClaim !== undefined ? payload - 1 - step.padClaim : step.length;
    // §6.9.1: the server's receive windows; it may have granted more than we saw yet.
    const acked = this.#acked;
    const advertised = this.#serverSetting(SETTINGS_INITIAL_WINDOW_SIZE, DEFAULT_WINDOW);
    s.body += body;
    const sent = this.#clientData(id, payload);
    const streamMax = Math.max(DEFAULT_WINDOW, advertised) + this.#windowBy(id);
    const streamMin = (acked ? advertised : Math.min(DEFAULT_WINDOW, advertised)) + (this.#seenWindow.get(id) ?? 0);
    const connMax = DEFAULT_WINDOW + this.#windowBy(0);
    const connMin = DEFAULT_WINDOW + this.#seenConnWindow;
    if (sent.connection > connMax) return this.#expect('flow-control-exceeded', 0, `${sent.connection} octets of DATA, connection window at most ${connMax}`, { scope: 'connection' });
    if (sent.stream > streamMax) return this.#expect('flow-control-exceeded', id, `${sent.stream} octets of DATA on ${id}, window at most ${streamMax}`);
    if (sent.connection > connMin || sent.stream > streamMin) return this.#latitude('window-in-flight', `DATA on ${id} may exceed a window`, true);
    if (s.contentLength !== null && s.body > s.contentLength) return this.#expect('malformed-request', id, `body of ${s.body} octets, content-length ${s.contentLength} (§8.1.1)`);
    if (step.endStream) this.#ended(s);
  }

  #dataSent = new Map<number, number>();
  #dataSentTotal = 0;
  #clientData(id: number, n: number): { stream: number; connection: number } {
    const stream = (this.#dataSent.get(id) ?? 0) + n;
    this.#dataSent.set(id, stream);
    this.#dataSentTotal += n;
    return { stream, connection: this.#dataSentTotal };
  }

  #priority(id: number, dependsOn: number): void {
    if (id === 0) return this.#expect('stream-zero', 0, 'PRIORITY on stream 0');
    if (dependsOn !== id) return;
    const s = this.#streams.get(id);
    // A stream error on an idle stream would need RST_STREAM on an idle stream, which §6.4 forbids: the RFC leaves this open.
    if (!s) return this.#latitude('frame-desync', `PRIORITY on idle stream ${id} depends on itself`, true);
    const closed = s.serverReset || s.judged;
    this.#expect('self-dependency', id, `PRIORITY on ${id} depends on itself${closed ? ' after a reset' : ''}`, closed ? { mayIgnore: 'ignored-after-reset' } : {});
  }

  /** A frame the RFC says to ignore on a closed stream, which a server MAY still treat as a connection error. */
  #lateOnClosed(id: number, what: string): void {
    this.#expect('frame-on-closed-stream', id, `${what} on closed stream ${id}`, { scope: 'connection', codes: [E.STREAM_CLOSED, E.PROTOCOL_ERROR], mayIgnore: 'late-frame-on-closed-stream' });
  }

  #closed(s: StreamModel): boolean {
    return s.clientReset || s.serverReset || (s.clientEnded && this.#seenEnded.has(s.id));
  }

  #rst(id: number): void {
    if (id === 0) return this.#expect('stream-zero', 0, 'RST_STREAM on stream 0');
    const s = this.#streams.get(id);
    if (!s) {
      if (id > this.#highest || id % 2 === 0) return this.#expect('frame-on-idle-stream', 0, `RST_STREAM on idle stream ${id}`);
      return this.#lateOnClosed(id, 'RST_STREAM');
    }
    if (s.judged && !s.clientReset) {
      // §5.4.2: the server may take our RST_STREAM first and then owes no reset of its own.
      const pending = this.result.expectations.findLast((e) => e.stream === id && e.scope === 'stream' && e.mayIgnore === null);
      if (pending) pending.mayIgnore = 'reset-crossed';
    }
    if (this.#closed(s)) return this.#lateOnClosed(id, 'RST_STREAM');
    if (s.clientEnded && this.#endedBy(id)) {
      // The response may have finished before our RST_STREAM arrived: closed or half-closed, both fine.
      this.#latitude('late-frame-on-closed-stream', `RST_STREAM on ${id} as its response ends`);
    }
    s.clientReset = true;
    this.result.mustAnswer = this.result.mustAnswer.filter((x) => x !== id);
    this.result.free.push(id);
  }

  #windowUpdate(id: number, increment: number): void {
    if (id === 0) {
      if (increment === 0) return this.#expect('window-update-zero-connection', 0, 'WINDOW_UPDATE 0 on the connection');
      this.#connIncrements += increment;
      const max = DEFAULT_WINDOW + this.#connIncrements - this.#seenDataTotal;
      const min = DEFAULT_WINDOW + this.#connIncrements - this.#dataTotalBy();
      if (min > MAX_WINDOW) return this.#expect('connection-window-overflow', 0, `connection window ${min}`);
      if (max > MAX_WINDOW) this.#latitude('window-in-flight', 'connection window may overflow', true);
      return;
    }
    const s = this.#streams.get(id);
    if (!s) {
      if (id > this.#highest || id % 2 === 0) return this.#expect('frame-on-idle-stream', 0, `WINDOW_UPDATE on idle stream ${id}`);
      return this.#lateOnClosed(id, 'WINDOW_UPDATE');
    }
    if (this.#closed(s)) return this.#lateOnClosed(id, 'WINDOW_UPDATE');
    if (increment === 0) return this.#expect('window-update-zero', id, `WINDOW_UPDATE 0 on stream ${id}`);
    s.increments += increment;
    const max = this.#clientInitial + s.increments - (this.#seenData.get(id) ?? 0);
    const min = this.#clientInitial + s.increments - this.#dataBy(id);
    if (min <= MAX_WINDOW && max <= MAX_WINDOW) return;
    if (this.#endedBy(id)) {
      this.#free(id, 'window-update-after-end', `stream ${id} window above 2^31-1 after its response ended`);
      return;
    }
    if (min > MAX_WINDOW) return this.#expect('stream-window-overflow', id, `stream ${id} window ${min}`);
    this.#latitude('window-in-flight', `stream ${id} window may overflow`, true);
  }

  #raw(step: Extract<Step, { op: 'raw' }>): void {
    const length = step.payload.length / 2;
    if (step.length !== undefined && step.length !== length) return this.#latitude('frame-desync', `length field ${step.length}, payload ${length}`, true);
    const id = step.stream;
    const onStream = [0x0, 0x1, 0x2, 0x3, 0x9].includes(step.type);
    const onConnection = [0x4, 0x6, 0x7].includes(step.type);
    if (step.type > 0x9) return; // §4.1, §5.5: unknown types are ignored
    if (length > MIN_FRAME) return this.#expect('frame-size', 0, `${length}-octet frame of type ${step.type}`);
    if (onStream && id === 0) return this.#expect('stream-zero', 0, `frame type ${step.type} on stream 0`);
    if (onConnection && id !== 0) return this.#expect('connection-frame-on-stream', 0, `frame type ${step.type} on stream ${id}`);
    switch (step.type) {
      case 0x6:
        if (length !== 8) return this.#expect('frame-size', 0, `PING of ${length} octets`);
        if (step.flags & 1) return this.#latitude('unsolicited-ack', 'a PING ACK nobody asked for', true);
        this.result.pings.push(step.payload.toLowerCase());
        return;
      case 0x3:
        if (length !== 4) return this.#expect('frame-size', 0, `RST_STREAM of ${length} octets`, this.#idle(id) ? { codes: [E.FRAME_SIZE_ERROR, E.PROTOCOL_ERROR] } : {});
        return this.#rst(id);
      case 0x8:
        if (length !== 4) return this.#expect('frame-size', 0, `WINDOW_UPDATE of ${length} octets`, this.#idle(id) ? { codes: [E.FRAME_SIZE_ERROR, E.PROTOCOL_ERROR] } : {});
        return this.#windowUpdate(id, Number.parseInt(step.payload, 16) & 0x7fff_ffff);
      case 0x4: {
        if (step.flags & 1) {
          if (length !== 0) return this.#expect('frame-size', 0, `SETTINGS ACK with ${length} octets`);
          if (this.#acked) return this.#latitude('unsolicited-ack', 'a second SETTINGS ACK', true);
          this.#acked = true;
          return;
        }
        if (length % 6 !== 0) return this.#expect('frame-size', 0, `SETTINGS of ${length} octets`);
        const pairs: Array<[number, number]> = [];
        for (let o = 0; o < step.payload.length; o += 12) pairs.push([Number.parseInt(step.payload.slice(o, o + 4), 16), Number.parseInt(step.payload.slice(o + 4, o + 12), 16)]);
        return this.#settings(pairs);
      }
      case 0x2: {
        if (length !== 5) {
          const s = this.#streams.get(id);
          if (!s) return this.#latitude('frame-desync', `short PRIORITY on idle stream ${id}`, true);
          if (s.serverReset || s.judged) return this.#expect('priority-frame-size', id, `PRIORITY of ${length} octets after a reset`, { mayIgnore: 'ignored-after-reset' });
          return this.#expect('priority-frame-size', id, `PRIORITY of ${length} octets`);
        }
        return this.#priority(id, Number.parseInt(step.payload.slice(0, 8), 16) & 0x7fff_ffff);
      }
      case 0x9:
        return this.#expect('continuation-without-headers', 0, `CONTINUATION on ${id} with no field block open`);
      default:
        return this.#latitude('frame-desync', `raw frame of type ${step.type} is not followed`, true);
    }
  }

  #idle(id: number): boolean {
    return !this.#streams.has(id) && (id > this.#highest || id % 2 === 0);
  }
}
