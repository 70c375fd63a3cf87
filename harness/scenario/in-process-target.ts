// Runs a scenario against a sans-I/O ServerConnection in this process: no
// socket, no timer, no promise. The clock is the step number, so a run is
// a pure function of (core, scenario). After every step the server's
// output is drained, so "let the server answer" (`wait`) is always true
// here and each server frame lands in the transcript right after the step
// that caused it.
import { ServerConnection, type ConnectionOptions } from '../../impl/http2/connection.js';
import type { H2Event } from '../../impl/http2/events.js';
import { ROOT_BODY } from '../peers/peer-routes.js';
import { FrameReader } from './frame-reader.js';
import type { Scenario } from './scenario.js';
import { StepEncoder } from './step-encoder.js';
import { TranscriptRecorder, type Transcript } from './transcript.js';

/** What the harness needs of a core: ServerConnection's public face (a patched copy of it fits too). */
export interface CoreConnection {
  receive(bytes: Uint8Array, now?: number): H2Event[];
  takeEvents(): H2Event[];
  dataToSend(budget?: number): Uint8Array;
  sendHeaders(id: number, fields: Array<[string, string]>, endStream?: boolean): void;
  sendData(id: number, data: Uint8Array, endStream?: boolean): void;
  /** The application is done with a closed stream: a reset one stops counting toward the stream limit. */
  releaseStream(id: number): void;
  /** §6.8 graceful shutdown (ServerConnection.goAway); a core without it cannot be told to shut down. */
  goAway?(code: number, debug: string, now: number): void;
  readonly terminated: boolean;
  readonly closing: boolean;
  readonly activeStreams: number;
}

export type CoreFactory = () => CoreConnection;

/**
 * The limits of the in-process target: small, so the fuzzer reaches them
 * in a few steps (SETTINGS_MAX_CONCURRENT_STREAMS is advertised, so the
 * judge reads it from the transcript like any other target's).
 */
export const IN_PROCESS_OPTIONS: ConnectionOptions = {
  limits: { maxConcurrentStreams: 4 },
  settingsTimeout: 0,
};

export const referenceCore: CoreFactory = () => new ServerConnection(IN_PROCESS_OPTIONS);

const OK_BODY = Buffer.from(ROOT_BODY);
const NOT_FOUND_BODY = Buffer.from('not found\n');
const OK_HEAD: Array<[string, string]> = [[':status', '200'], ['content-type', 'text/plain']];
const NOT_FOUND_HEAD: Array<[string, string]> = [[':status', '404'], ['content-type', 'text/plain']];

/**
 * The application: answers every request once its client side ended, as
 * the reference server's `/` and not-found routes do (harness/peers/peer-routes.ts).
 */
class Responder {
  readonly #paths = new Map<number, string>();

  constructor(readonly conn: CoreConnection) {}

  handle(events: H2Event[]): void {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      // As the reference server's handler does, a request without :path is served as `/`.
      if (e.type === 'RequestReceived') this.#paths.set(e.streamId, e.request.path ?? '/');
      else if (e.type === 'StreamEnded') this.#answer(e.streamId);
      else if (e.type === 'StreamClosed') {
        // This application is done with a stream once it closes, as the
        // reference server is once its handler returns: release it, or a
        // stream the client reset keeps counting against the stream limit
        // (the core's rapid-reset defence, CVE-2023-44487).
        this.#paths.delete(e.streamId);
        this.conn.releaseStream(e.streamId);
      }
    }
  }

  #answer(id: number): void {
    const path = this.#paths.get(id);
    if (path === undefined) return;
    this.#paths.delete(id);
    const found = path === '/' || path.startsWith('/?');
    try {
      this.conn.sendHeaders(id, found ? OK_HEAD : NOT_FOUND_HEAD);
      this.conn.sendData(id, found ? OK_BODY : NOT_FOUND_BODY, true);
    } catch (err) {
      // The stream closed under us (reset in the same batch): nothing to answer.
      if ((err as { code?: string }).code === undefined) throw err;
    }
  }
}

/** Octets taken from the core per dataToSend() call. */
const DRAIN_BUDGET = 256 * 1024;

export function runInProcess(scenario: Scenario, core: CoreFactory = referenceCore): Transcript {
  const conn = core();
  const encoder = new StepEncoder();
  const recorder = new TranscriptRecorder();
  const reader = new FrameReader(recorder);
  const responder = new Responder(conn);
  const drain = (): void => {
    responder.handle(conn.takeEvents());
    for (let guard = 0; guard < 64; guard++) {
      // Until empty: a short write does not mean done (a response's DATA may come a call after its HEADERS).
      const out = conn.dataToSend(DRAIN_BUDGET);
      if (out.length === 0) break;
      reader.push(out);
    }
    responder.handle(conn.takeEvents());
    if (conn.terminated || (conn.closing && conn.activeStreams === 0)) recorder.close('server ended the connection');
  };
  drain(); // the server preface (§3.4) goes out before anything is read
  const steps = scenario.steps;
  // The clock is the step number, plus the time a `wait` with `ms` lets pass.
  let elapsed = 0;
  for (let i = 0; i < steps.length && !recorder.closed; i++) {
    const step = steps[i]!;
    recorder.client(i, step.op);
    if (step.op === 'wait') {
      elapsed += step.ms ?? 0;
      continue;
    }
    if (step.op === 'server-shutdown') {
      conn.goAway?.(0, 'server shutting down', i + 1 + elapsed);
      drain();
      continue;
    }
    responder.handle(conn.receive(encoder.encode(step), i + 1 + elapsed));
    drain();
  }
  return recorder.transcript;
}
