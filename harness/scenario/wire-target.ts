// Runs a scenario against a server over loopback (h2c with prior knowledge,
// or TLS with ALPN h2). Steps are written back to back, as a client would;
// `wait` (and the end of the scenario) sends a PING and waits for its ACK,
// which the server can only send after processing everything before it
// (RFC 9113 §6.7), or for the connection to end. Everything is bounded by
// the scenario's own time budget: a server that hangs costs that, no more.
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { encodePing } from '../../impl/http2/frame-encoder.js';
import { FrameClient } from './frame-client.js';
import type { Scenario, Step } from './scenario.js';
import { StepEncoder } from './step-encoder.js';
import { TranscriptRecorder, type Transcript } from './transcript.js';

export interface WireEndpoint {
  host: string;
  port: number;
  tls: boolean;
}

export interface WireRunOptions {
  /** The scenario's whole time budget, connect included (ms). */
  budgetMs?: number;
  /** Longest a single `wait` may take (ms). */
  waitMs?: number;
  /**
   * After the last step, wait up to this long more (ms) for every request
   * the client ended to be answered to its end or reset: a PING ACK says
   * the server read every frame, not that the application behind it (a CGI
   * script) has answered. Default 0: the fuzzer judges what came by then.
   */
  settleMs?: number;
  /** TLS client settings beyond ALPN h2 (RFC 9113 §9.2: versions and cipher suites a server must refuse). */
  tlsClient?: { minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; ciphers?: string };
}

/** PINGs of the harness's own waits carry this first octet, so they are told from the scenario's. */
export const WAIT_PING_PREFIX = 'fe';

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, Math.max(0, ms)).unref());

export async function runOnWire(scenario: Scenario, endpoint: WireEndpoint, options: WireRunOptions = {}): Promise<Transcript> {
  const budget = options.budgetMs ?? 2000;
  const waitMs = options.waitMs ?? 500;
  const deadline = performance.now() + budget;
  const recorder = new TranscriptRecorder();
  const socket = endpoint.tls
    ? tlsConnect({ host: endpoint.host, port: endpoint.port, ALPNProtocols: ['h2'], rejectUnauthorized: false, servername: endpoint.host.includes(':') ? undefined : 'localhost', ...(options.tlsClient ?? {}) })
    : tcpConnect({ host: endpoint.host, port: endpoint.port });
  socket.setNoDelay(true);
  let wake: (() => void) | null = null;
  let waitingFor: string | null = null;
  let errorGoAway = false;
  let done = false;
  /** Streams the client ended that the server has not ended or reset yet. */
  const unanswered = new Set<number>();
  /**
   * Streams already answered or reset: a later frame with END_STREAM on one
   * (a frame on a closed stream, which the server may ignore) awaits no answer,
   * so the settle wait does not sit out its whole time for it.
   */
  const finished = new Set<number>();
  const answered = (stream: number): void => {
    unanswered.delete(stream);
    finished.add(stream);
  };
  const client = new FrameClient(
    socket,
    {
      frame(f) {
        if (done) return;
        recorder.frame(f);
        if ((f.type === 'DATA' && f.endStream) || f.type === 'RST_STREAM') answered(f.streamId);
        if (f.type === 'PING' && f.ack && waitingFor !== null && Buffer.from(f.opaque).toString('hex') === waitingFor) wake?.();
        if (f.type === 'GOAWAY' && f.errorCode !== 0) {
          errorGoAway = true;
          wake?.();
        }
      },
      block(b) {
        if (b.kind === 'HEADERS' && b.endStream) answered(b.streamId);
        if (!done) recorder.fieldBlock(b);
      },
      closed(reason) {
        if (!done) recorder.close(reason);
        wake?.();
      },
    },
    { ackSettings: false },
  );
  let connectError = '';
  socket.once('error', (err) => {
    connectError = `: ${err.message.split('\n')[0]}`;
  });
  const ready = await new Promise<boolean>((ok) => {
    const timer = setTimeout(() => ok(false), Math.max(1, deadline - performance.now()));
    socket.once(endpoint.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      ok(true);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      ok(false);
    });
  });
  const until = (ms: number, expected: string | null): Promise<void> =>
    new Promise((ok) => {
      waitingFor = expected;
      const timer = setTimeout(() => finish(), Math.max(1, Math.min(ms, deadline - performance.now())));
      const finish = (): void => {
        clearTimeout(timer);
        wake = null;
        waitingFor = null;
        ok();
      };
      wake = finish;
    });
  let pings = 0;
  let blockOpen = false;
  let framesWritten = 0;
  /** Let the server answer: a PING round trip when a PING is legal here, else a short pause. */
  const quiet = async (): Promise<boolean> => {
    if (client.closed || errorGoAway) return true;
    if (framesWritten < 2 || blockOpen) {
      await until(Math.min(waitMs, 50), null);
      return true;
    }
    const opaque = `${WAIT_PING_PREFIX}${(pings++).toString(16).padStart(14, '0')}`;
    client.write(encodePing(Buffer.from(opaque, 'hex'), false));
    await until(waitMs, opaque);
    return client.closed || errorGoAway || performance.now() < deadline;
  };
  try {
    if (!ready) {
      recorder.close(`could not connect${connectError}`);
      return recorder.transcript;
    }
    const encoder = new StepEncoder();
    const steps = scenario.steps;
    for (let i = 0; i < steps.length && !client.closed && !errorGoAway; i++) {
      if (performance.now() >= deadline) {
        recorder.timedOut(budget);
        return recorder.transcript;
      }
      const step: Step = steps[i]!;
      recorder.client(i, step.op);
      // A server over the wire has no shutdown trigger: the suite skips such cases there.
      if (step.op === 'server-shutdown') continue;
      if (step.op === 'tls-renegotiate') {
        if (endpoint.tls) await renegotiate(socket as TLSSocket, Math.min(waitMs, deadline - performance.now()));
        continue;
      }
      if (step.op === 'wait') {
        if (step.ms !== undefined && step.ms > 0) await until(Math.min(step.ms, deadline - performance.now()), null);
        await quiet();
        continue;
      }
      client.write(encoder.encode(step));
      if ((step.op === 'headers' || step.op === 'data') && step.endStream && !finished.has(step.stream)) unanswered.add(step.stream);
      if (step.op === 'rst') answered(step.stream);
      if (step.op !== 'preface') framesWritten++;
      blockOpen = step.op === 'headers' && step.unterminated === true;
    }
    let settled = await quiet();
    const settleUntil = performance.now() + (options.settleMs ?? 0);
    if (unanswered.size > 0 && performance.now() < settleUntil) {
      while (unanswered.size > 0 && !client.closed && !errorGoAway && performance.now() < Math.min(settleUntil, deadline)) await until(Math.min(50, settleUntil - performance.now()), null);
      settled = await quiet();
    }
    // Frames sent with the answer (a GOAWAY right before the close) land within a moment.
    if (!client.closed) await until(5, null);
    if (!settled || (!client.closed && !errorGoAway && performance.now() >= deadline)) recorder.timedOut(budget);
    return recorder.transcript;
  } finally {
    done = true;
    client.destroy();
  }
}

/** §9.2.1: asks for a TLS renegotiation; done when the server completed or refused it (or time is up). */
function renegotiate(socket: TLSSocket, ms: number): Promise<void> {
  return new Promise((ok) => {
    const timer = setTimeout(ok, Math.max(1, ms));
    const done = (): void => {
      clearTimeout(timer);
      ok();
    };
    socket.once('close', done);
    // TLS 1.3 has no renegotiation: renegotiate() then fails at once, which is not the server's doing.
    if (!socket.renegotiate({ rejectUnauthorized: false }, done)) done();
  });
}
