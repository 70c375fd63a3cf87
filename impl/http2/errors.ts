// Typed errors of the protocol core. Each carries the facts a report needs
// to say what went wrong without parsing a message: scope (stream or
// connection), the HTTP/2 error code and who caused it, plus the RFC section
// whose rule was broken.
// The connection turns them into frames in one place (connection.ts).
import { errorCodeName } from './error-codes.js';

/** Who caused the error: the peer's bytes, our own user, or this library. */
export type Initiator = 'remote' | 'local' | 'library';

export abstract class Http2Error extends Error {
  abstract readonly scope: 'connection' | 'stream';
  constructor(
    readonly code: number,
    readonly section: string,
    message: string,
    readonly initiator: Initiator = 'remote',
  ) {
    // An error the peer's bytes caused is an outcome, not a bug: it becomes
    // one frame in one place and its stack is never read. Capturing one was
    // about a sixth of the cost of rejecting a malformed request, which a
    // flood of them (CVE-2019-9516) makes the server do thousands of times.
    const stackTraceLimit = Error.stackTraceLimit;
    if (initiator === 'remote') Error.stackTraceLimit = 0;
    super(`${errorCodeName(code)} (RFC 9113 §${section}): ${message}`);
    Error.stackTraceLimit = stackTraceLimit;
  }
  get codeName(): string {
    return errorCodeName(this.code);
  }
}

/** RFC 9113 §5.4.1: ends the whole connection with GOAWAY. */
export class ConnectionError extends Http2Error {
  override name = 'ConnectionError';
  readonly scope = 'connection' as const;
}

/** RFC 9113 §5.4.2: ends one stream with RST_STREAM; the connection goes on. */
export class StreamError extends Http2Error {
  override name = 'StreamError';
  readonly scope = 'stream' as const;
  constructor(
    readonly streamId: number,
    code: number,
    section: string,
    message: string,
    initiator: Initiator = 'remote',
  ) {
    super(code, section, message, initiator);
  }
}

/**
 * Misuse of the API by the application (sending on a closed stream, pushing
 * when the client disabled push...). Kept apart from protocol errors: no frame
 * is sent for it, the caller gets it thrown. `code` is a stable string.
 */
export class Http2UsageError extends Error {
  override name = 'Http2UsageError';
  constructor(
    readonly code: 'ERR_STREAM_STATE' | 'ERR_PUSH_DISABLED' | 'ERR_RESPONSE_SENT' | 'ERR_CONNECTION_CLOSED' | 'ERR_INVALID_HEADER' | 'ERR_INVALID_ARGUMENT' | 'ERR_PUSH_LIMIT',
    message: string,
  ) {
    super(message);
  }
}
