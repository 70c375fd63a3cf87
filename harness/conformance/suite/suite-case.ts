// One case of h2harness's own conformance suite, as plain data: a stable id
// (`rfc9113/6.9.1/connection-window-overflow`, never a position), the RFC
// section, the requirement in one sentence, the scenario the frame client
// plays, and the exact set of outcomes the RFC allows. An outcome outside
// the set fails the case, whichever way it is lenient: a bare close where a
// GOAWAY is due, another error code, a connection error where a stream
// error is due (the stream error's point is that other streams go on).
import type { Scenario } from '../../scenario/scenario.js';
import type { WireRunOptions } from '../../scenario/wire-target.js';

export type TlsClientSettings = NonNullable<WireRunOptions['tlsClient']>;

/** One outcome the RFC allows; a case passes when the transcript matches any of its set. */
export type Allowed =
  /** A connection error (§5.4.1): GOAWAY with one of `codes`; `lastStreamId`, when given, must be what it says. */
  | { outcome: 'goaway'; codes: readonly number[]; lastStreamId?: number }
  /** The connection closed without any GOAWAY: allowed only where the RFC says so (§3.4: after a bad preface). */
  | { outcome: 'close' }
  /** A stream error (§5.4.2): RST_STREAM on `stream` with one of `codes`, the connection unharmed. */
  | { outcome: 'rst'; stream: number; codes: readonly number[] }
  /**
   * A response on `stream` with a status in [min, max], the connection
   * unharmed; `thenReset` lists RST_STREAM codes allowed after it (§8.1.1:
   * a server MAY answer a malformed request before resetting the stream).
   */
  | { outcome: 'response'; stream: number; min: number; max: number; thenReset?: readonly number[] }
  /** Nothing: the frame is ignored, no error of any kind, the connection unharmed. */
  | { outcome: 'ignored' };

export interface Expectation {
  allowed: readonly Allowed[];
  /**
   * A stream the scenario opens after the frame under test that must still
   * be answered (2xx), unless the outcome was an allowed connection error
   * or close: what must still work afterwards.
   */
  then?: number;
  /** A PING the server must have answered, with this opaque data (§6.7). */
  pingAck?: string;
  /** At least this many SETTINGS ACKs (§6.5.3). */
  settingsAcks?: number;
  /** A PING ACK with this opaque data must not come (§6.7: an ACK is never answered). */
  noPingAck?: string;
  /** The server may close the connection once done, without GOAWAY (it is answering the client's own GOAWAY, §6.8). */
  mayClose?: boolean;
  /** The server's first SETTINGS ACK must come before any response HEADERS (§6.5.3 "immediately"). */
  settingsAckFirst?: boolean;
  /** The server's GOAWAYs, in order, are NO_ERROR with these last-stream-ids (§6.8 graceful shutdown). */
  goAways?: readonly number[];
}

export interface SuiteCase {
  /** `rfc9113/6.9.1/connection-window-overflow`: document/section/what, stable across releases. */
  id: string;
  /** `RFC 9113 §6.9.1`. */
  section: string;
  /** The requirement tested, in one sentence (quoting the RFC's MUST where there is one). */
  requirement: string;
  scenario: Scenario;
  expect: Expectation;
  /**
   * When the target's SETTINGS carry `setting` = `value` (RFC 8441's
   * SETTINGS_ENABLE_CONNECT_PROTOCOL, RFC 9218's SETTINGS_NO_RFC7540_PRIORITIES),
   * or at least `value` with `atLeast` (a SETTINGS_MAX_FRAME_SIZE above the frame sent),
   * this expectation replaces `expect`: what the RFC requires depends on
   * what the server advertised.
   */
  ifAdvertised?: {
    setting: number;
    value: number;
    /** The advertised value is at least `value` (a limit raised above what the case sends: SETTINGS_MAX_FRAME_SIZE). */
    atLeast?: boolean;
    expect: Expectation;
  };
  /**
   * Its requests to BODY_PATH (case-kit.ts) carry a body the server must
   * read: played against the target's body path, skipped where it has none.
   */
  needsBody?: boolean;
  /** Needs TLS (RFC 9113 §9.2): run only on TLS targets. */
  tlsOnly?: boolean;
  /** The TLS client offers only these versions or cipher suites (§9.2); implies tlsOnly. */
  tlsClient?: TlsClientSettings;
}
