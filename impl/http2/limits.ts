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
};
