// Resource limits of one connection, with safe defaults. They are the hooks
// the later hardening work (HTTP/2 attack catalogue) tunes, so every one is
// enforced in the core, not in the I/O layer.
export interface ConnectionLimits {
  /** SETTINGS_MAX_CONCURRENT_STREAMS we advertise and enforce (RFC 9113 §5.1.2). */
  maxConcurrentStreams: number;
  /** SETTINGS_MAX_HEADER_LIST_SIZE we advertise and enforce (§6.5.2, §10.5.1). */
  maxHeaderListSize: number;
  /** Compressed octets of one field block across HEADERS + CONTINUATION (§10.5.1). */
  maxHeaderBlockSize: number;
  /** Control-frame octets queued but not yet taken by dataToSend() (§10.5). */
  maxQueuedOutput: number;
  /** Closed stream ids remembered to tell "closed" from "never opened" (§5.1). */
  maxClosedStreamsRemembered: number;
  /**
   * §5.1: after we reset a stream, how long the peer's frames already in
   * flight on it are ignored (the caller's clock units, as `now`); later ones
   * are stream errors STREAM_CLOSED.
   */
  resetStreamGrace: number;
  /** SETTINGS_INITIAL_WINDOW_SIZE we advertise for request bodies (§6.9.2). */
  initialWindowSize: number;
  /** Connection-level receive window we grant with a first WINDOW_UPDATE (§6.9). */
  connectionWindowSize: number;
  /** SETTINGS_MAX_FRAME_SIZE we advertise (§6.5.2). */
  maxFrameSize: number;
  /**
   * The window of the flood budgets below, in the units of the `now` passed
   * to receive() (ms in HTTP2Server).
   */
  floodWindow: number;
  /**
   * Frames that do no work (empty DATA / CONTINUATION, PRIORITY, small
   * WINDOW_UPDATE, SETTINGS, PING, unknown types) per floodWindow; more is
   * GOAWAY ENHANCE_YOUR_CALM (§10.5; CVE-2019-9511/9512/9513/9515/9518).
   */
  maxWorklessFrames: number;
  /** A WINDOW_UPDATE increment below this counts as work-less (CVE-2019-9511 data dribble). */
  minWindowUpdate: number;
  /**
   * Stream resets per floodWindow: the peer's RST_STREAM on streams whose
   * response was unfinished, plus the RST_STREAMs its frames make us send;
   * more is GOAWAY ENHANCE_YOUR_CALM (CVE-2023-44487, CVE-2019-9514).
   */
  maxResets: number;
  /**
   * Frames one receive() call handles; the rest stay buffered until the next
   * call (hasBufferedInput says so: call receive() with no bytes, after
   * letting other connections run). Bounds the work of one read, so one busy
   * connection cannot starve the others. Default Infinity in the core;
   * HTTP2Server uses 1000.
   */
  maxFramesPerReceive: number;
  /**
   * A stream whose queued DATA has no flow-control window to go out in, with
   * none sent on it for this long (caller's clock), is reset with CANCEL
   * (RFC 9113 §6.9, CVE-2019-9517). 0 or Infinity: never.
   */
  streamFlowStallTimeout: number;
  /**
   * A connection where DATA waited for a window and none at all went out for
   * this long (our stall resets do not interrupt it) ends with GOAWAY
   * ENHANCE_YOUR_CALM (§10.5). 0 or Infinity: never.
   */
  connectionFlowStallTimeout: number;
}

export const DEFAULT_LIMITS: Readonly<ConnectionLimits> = {
  maxConcurrentStreams: 100,
  maxHeaderListSize: 64 * 1024,
  maxHeaderBlockSize: 64 * 1024,
  maxQueuedOutput: 1024 * 1024,
  maxClosedStreamsRemembered: 10_000,
  resetStreamGrace: 10_000,
  initialWindowSize: 65_535,
  connectionWindowSize: 1024 * 1024,
  maxFrameSize: 16_384,
  floodWindow: 1000,
  maxWorklessFrames: 1000,
  minWindowUpdate: 1024,
  maxResets: 200,
  maxFramesPerReceive: Infinity,
  streamFlowStallTimeout: 30_000,
  connectionFlowStallTimeout: 60_000,
};
