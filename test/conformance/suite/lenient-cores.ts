// Deliberately lenient servers, as cores the in-process runner drives: the
// proof that the suite's verdicts are exact. These close (or send GOAWAY
// ENHANCE_YOUR_CALM) at once, without completing a handshake; the
// handshaking versions over TCP, which h2spec 2.2.1 --strict passes 80 and
// 82 of its 146 cases against, are in lenient-servers.ts.
import { ServerConnection } from '../../../impl/http2/connection.js';
import { ErrorCode } from '../../../impl/http2/error-codes.js';
import { encodeGoAway, encodeSettings } from '../../../impl/http2/frame-encoder.js';
import type { H2Event } from '../../../impl/http2/events.js';
import { IN_PROCESS_OPTIONS, type CoreConnection, type CoreFactory } from '../../../harness/scenario/in-process-target.js';

abstract class Lenient implements CoreConnection {
  protected out: Uint8Array[] = [];
  terminated = false;
  closing = false;
  activeStreams = 0;
  abstract receive(bytes: Uint8Array): H2Event[];
  takeEvents(): H2Event[] {
    return [];
  }
  dataToSend(): Uint8Array {
    const b = Buffer.concat(this.out);
    this.out = [];
    return b;
  }
  sendHeaders(): void {}
  sendData(): void {}
  releaseStream(): void {}
}

/** Accepts the connection and closes it: no frame ever. */
export const closeOnlyCore: CoreFactory = () =>
  new (class extends Lenient {
    override terminated = true;
    receive(): H2Event[] {
      return [];
    }
  })();

/** Sends its SETTINGS, then GOAWAY ENHANCE_YOUR_CALM on the first octets it gets, and closes. */
export const calmCore: CoreFactory = () =>
  new (class extends Lenient {
    constructor() {
      super();
      this.out.push(encodeSettings([]));
    }
    receive(): H2Event[] {
      if (!this.terminated) this.out.push(encodeGoAway(0, ErrorCode.ENHANCE_YOUR_CALM));
      this.terminated = true;
      return [];
    }
  })();

/** The reference core as it is, but for the methods given: each fake below changes one thing about it. */
function wrapCore(core: ServerConnection, own: Partial<CoreConnection>): CoreConnection {
  return {
    receive: (bytes, now) => core.receive(bytes, now),
    takeEvents: () => core.takeEvents(),
    dataToSend: (budget) => core.dataToSend(budget),
    sendHeaders: (id, fields, end) => core.sendHeaders(id, fields, end),
    sendData: (id, data, end) => core.sendData(id, data, end),
    releaseStream: (id) => core.releaseStream(id),
    goAway: (code, debug, now) => core.goAway(code, debug, now),
    ...own,
    get terminated() {
      return core.terminated;
    },
    get closing() {
      return core.closing;
    },
    get activeStreams() {
      return core.activeStreams;
    },
  };
}

/**
 * The reference core with every error code it sends rewritten to
 * PROTOCOL_ERROR: right wherever PROTOCOL_ERROR is due, wrong wherever a
 * more specific code (FLOW_CONTROL_ERROR, FRAME_SIZE_ERROR, STREAM_CLOSED,
 * COMPRESSION_ERROR) is.
 */
export const protocolErrorCore: CoreFactory = () => {
  const core = new ServerConnection(IN_PROCESS_OPTIONS);
  const rewrite = (bytes: Uint8Array): Uint8Array => {
    const b = Buffer.from(bytes);
    for (let i = 0; i + 9 <= b.length; ) {
      const len = b.readUIntBE(i, 3);
      const type = b[i + 3]!;
      if (type === 0x3 && len === 4 && b.readUInt32BE(i + 9) !== 0) b.writeUInt32BE(ErrorCode.PROTOCOL_ERROR, i + 9);
      if (type === 0x7 && len >= 8 && b.readUInt32BE(i + 13) !== 0) b.writeUInt32BE(ErrorCode.PROTOCOL_ERROR, i + 13);
      i += 9 + len;
    }
    return b;
  };
  return wrapCore(core, { dataToSend: (budget) => rewrite(core.dataToSend(budget)) });
};

/**
 * The reference core behind an application that answers every request with
 * a body at once, complete, and then asks the client to stop sending with
 * RST_STREAM NO_ERROR, as RFC 9113 §8.1 lets a server whose response does
 * not depend on the rest of the request (caddy's and HAProxy's static
 * answers do this).
 */
export const earlyAnswerCore: CoreFactory = () => {
  const core = new ServerConnection(IN_PROCESS_OPTIONS);
  // A reset drops the stream's queued output: it goes out once the response has been taken.
  const resetAfterAnswer: number[] = [];
  const answerEarly = (events: H2Event[]): H2Event[] => {
    for (const e of events) {
      if (e.type !== 'RequestReceived' || e.endStream) continue;
      core.sendHeaders(e.streamId, [[':status', '200']], false);
      core.sendData(e.streamId, new TextEncoder().encode('early\n'), true);
      resetAfterAnswer.push(e.streamId);
    }
    return events;
  };
  const dataToSend = (budget?: number): Uint8Array => {
    const answer = core.dataToSend(budget);
    if (resetAfterAnswer.length === 0) return answer;
    for (const id of resetAfterAnswer.splice(0)) core.resetStream(id, ErrorCode.NO_ERROR);
    return Buffer.concat([answer, core.dataToSend(budget)]);
  };
  return wrapCore(core, { receive: (bytes, now) => answerEarly(core.receive(bytes, now)), takeEvents: () => answerEarly(core.takeEvents()), dataToSend });
};

/**
 * The reference core, but a graceful shutdown is one GOAWAY with the last
 * stream at once (as RFC 7540 servers do): a request already on its way
 * when it goes out is refused.
 */
export const oneGoAwayCore: CoreFactory = () => {
  const core = new ServerConnection(IN_PROCESS_OPTIONS);
  let lastStream = 0;
  let extra: Uint8Array[] = [];
  return wrapCore(core, {
    receive: (bytes, now) => {
      const events = core.receive(bytes, now);
      for (const e of events) if (e.type === 'RequestReceived') lastStream = Math.max(lastStream, e.streamId);
      return events;
    },
    dataToSend: (budget) => {
      const out = Buffer.concat([...extra, core.dataToSend(budget)]);
      extra = [];
      return out;
    },
    goAway: () => {
      extra.push(encodeGoAway(lastStream, ErrorCode.NO_ERROR));
    },
  });
};
