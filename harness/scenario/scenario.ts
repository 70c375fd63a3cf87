// A scenario: what one client does on one HTTP/2 connection, as plain JSON
// data (stable key order, no bytes: payloads are hex, bodies are lengths).
// The fuzzer generates scenarios, the frame client plays them against any
// target, reproducers store them, and the judge reads them step by step.
// Every step is one client action; `wait` lets the server answer first.

/** Fields as written on the wire (names are not lower-cased for the caller: a test may want uppercase). */
export type ScenarioField = [name: string, value: string];

export type Step =
  /** RFC 9113 §3.4: the 24-octet preface; `damaged` flips one octet of it. */
  | { op: 'preface'; damaged?: boolean }
  /** §6.5: SETTINGS with any id/value pairs (invalid ones included). */
  | { op: 'settings'; pairs: Array<[id: number, value: number]> }
  /** §6.5.3: acknowledges the server's SETTINGS. */
  | { op: 'settings-ack' }
  /**
   * §6.2, §6.10: one field block on `stream`. `parts` > 1 splits it over
   * HEADERS + CONTINUATION; `continuationStream` puts the CONTINUATIONs on
   * another stream; `unterminated` leaves END_HEADERS off the last frame.
   */
  | {
      op: 'headers';
      stream: number;
      fields: ScenarioField[];
      endStream: boolean;
      parts?: number;
      continuationStream?: number;
      unterminated?: boolean;
      padLength?: number;
      priority?: { dependsOn: number; weight: number; exclusive: boolean };
    }
  /**
   * §6.1: DATA of `length` octets (byte i is i mod 251). `padLength` adds
   * padding; `padClaim` writes another Pad Length than the padding sent.
   */
  | { op: 'data'; stream: number; length: number; endStream: boolean; padLength?: number; padClaim?: number }
  /** §6.3 (deprecated scheme, still parsed). */
  | { op: 'priority'; stream: number; dependsOn: number; weight: number; exclusive: boolean }
  | { op: 'rst'; stream: number; code: number }
  /** §6.7: opaque is 16 hex digits; `ack` sends a PING ACK the server never asked for. */
  | { op: 'ping'; opaque: string; ack?: boolean }
  | { op: 'goaway'; lastStreamId: number; code: number }
  | { op: 'window-update'; stream: number; increment: number }
  /** §8.4: clients cannot push; PUSH_PROMISE from one is a connection error. */
  | { op: 'push-promise'; stream: number; promised: number; fields: ScenarioField[] }
  /** Any frame at all: `payload` in hex; `length` may lie; `reservedBit` sets the R bit (§4.1). */
  | { op: 'raw'; type: number; flags: number; stream: number; payload: string; length?: number; reservedBit?: boolean }
  /**
   * RFC 9113 §9.2.1: the client asks for a TLS renegotiation (TLS 1.2); a
   * server MUST treat it as a connection error. Nothing on h2c or in process.
   */
  | { op: 'tls-renegotiate' }
  /**
   * RFC 9113 §6.8: the server starts a graceful shutdown here. Only a core
   * in process can be told to (its goAway()); over the wire it does nothing.
   */
  | { op: 'server-shutdown' }
  /**
   * Let the server answer what it has received before the next step. `ms`
   * first lets that much time pass (RFC 9113 §5.1 closed: frames that come
   * "a significant time" after a stream closed may be judged otherwise).
   */
  | { op: 'wait'; ms?: number };

export type StepOp = Step['op'];

export interface Scenario {
  steps: Step[];
}

/** The handshake of a valid client: preface, empty SETTINGS, ACK of the server's. */
export const HANDSHAKE: readonly Step[] = [{ op: 'preface' }, { op: 'settings', pairs: [] }, { op: 'settings-ack' }];

/** A GET request's fields (RFC 9113 §8.3.1). */
export function requestFields(path = '/', method = 'GET', extra: ScenarioField[] = []): ScenarioField[] {
  return [[':method', method], [':scheme', 'http'], [':authority', 'localhost'], [':path', path], ...extra];
}

/** Byte i of every DATA body a scenario sends: truncation or reordering shows. */
export const bodyByte = (i: number): number => i % 251;
