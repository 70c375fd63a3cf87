// Every difference RFC 9113 leaves to the server, in one place. An outcome
// explained by one of these is latitude: counted, never a failure. Anything
// else the judge does not allow is a finding. Each rule names the section
// that leaves the room and says why the difference is not a bug.

export interface LatitudeRule {
  readonly id: string;
  readonly section: string;
  readonly why: string;
}

export const LATITUDE_RULES = {
  'stream-error-as-connection-error': {
    id: 'stream-error-as-connection-error',
    section: 'RFC 9113 §5.4.1',
    why: '"An endpoint MAY choose to treat a stream error as a connection error": GOAWAY with the stream error\'s code instead of RST_STREAM.',
  },
  'bare-close': {
    id: 'bare-close',
    section: 'RFC 9113 §5.4.1, §3.4',
    why: 'An endpoint that meets a connection error SHOULD (not MUST) send GOAWAY first, and after an invalid preface "a GOAWAY frame MAY be omitted": closing without one is allowed.',
  },
  'ignored-after-reset': {
    id: 'ignored-after-reset',
    section: 'RFC 9113 §5.1 (closed)',
    why: 'After sending RST_STREAM an endpoint MUST ignore frames that arrive on the stream, but MAY limit the period and then treat them as errors: ignoring and STREAM_CLOSED are both right.',
  },
  'late-frame-on-closed-stream': {
    id: 'late-frame-on-closed-stream',
    section: 'RFC 9113 §5.1 (closed)',
    why: 'WINDOW_UPDATE and RST_STREAM on a closed stream MUST be ignored, but endpoints "MAY choose to treat frames that arrive a significant time after sending END_STREAM as a connection error of type PROTOCOL_ERROR", and any other frame on a closed stream MAY be a connection error of type STREAM_CLOSED.',
  },
  'malformed-answered': {
    id: 'malformed-answered',
    section: 'RFC 9113 §8.1.1',
    why: '"For malformed requests, a server MAY send an HTTP response prior to closing or resetting the stream": a 4xx response instead of (or before) RST_STREAM PROTOCOL_ERROR.',
  },
  'reset-crossed': {
    id: 'reset-crossed',
    section: 'RFC 9113 §5.4.2, §5.1',
    why: 'When the client resets a stream right after a frame that calls for a stream error, the server may have closed the stream on the client\'s RST_STREAM before writing its own, and "MUST NOT send a RST_STREAM in response to a RST_STREAM frame": its reset may never come.',
  },
  'connection-error-subsumes': {
    id: 'connection-error-subsumes',
    section: 'RFC 9113 §5.4.1',
    why: 'A stream error followed closely by a connection error: the endpoint "MUST close the TCP connection" after the GOAWAY, and a RST_STREAM still queued for the earlier stream error may be dropped with everything else.',
  },
  'refused-stream': {
    id: 'refused-stream',
    section: 'RFC 9113 §8.7, §5.1.2',
    why: 'A server may refuse any stream it has not processed with REFUSED_STREAM (the request is safe to retry); it also answers an excess stream with REFUSED_STREAM or PROTOCOL_ERROR.',
  },
  'early-response-no-error': {
    id: 'early-response-no-error',
    section: 'RFC 9113 §8.1',
    why: 'A server that sent a complete response before the request ended MAY ask the client to stop with RST_STREAM NO_ERROR.',
  },
  'concurrency-in-flight': {
    id: 'concurrency-in-flight',
    section: 'RFC 9113 §5.1.2',
    why: 'Whether a new stream exceeds SETTINGS_MAX_CONCURRENT_STREAMS depends on responses still in flight when it was sent: over the wire the client cannot know, so either answer is right.',
  },
  'settings-not-acknowledged': {
    id: 'settings-not-acknowledged',
    section: 'RFC 9113 §6.5.3',
    why: 'A server\'s SETTINGS bind the client only once it acknowledged them: a limit enforced earlier, or the default still applied, are both the server\'s call until the ACK.',
  },
  'window-in-flight': {
    id: 'window-in-flight',
    section: 'RFC 9113 §6.9, §6.9.1',
    why: 'Whether a window is exceeded or overflows depends on DATA and WINDOW_UPDATE frames still in flight; when the bounds straddle the limit either outcome is right. WINDOW_UPDATE timing and sizes are the receiver\'s choice.',
  },
  'window-update-after-end': {
    id: 'window-update-after-end',
    section: 'RFC 9113 §5.1 (half-closed (local)), §6.9, §6.9.2',
    why: 'Once the server has sent END_STREAM it has nothing left to send: an overflowing WINDOW_UPDATE on that stream, or a SETTINGS_INITIAL_WINDOW_SIZE change that overflows its window (§6.9.2), may be ignored or answered with FLOW_CONTROL_ERROR.',
  },
  'after-goaway': {
    id: 'after-goaway',
    section: 'RFC 9113 §6.8',
    why: 'After a GOAWAY (either side\'s) the receiver may ignore new streams, finish or drop the rest and close when it likes: the judge stops there.',
  },
  'frame-desync': {
    id: 'frame-desync',
    section: 'RFC 9113 §4.1, §4.2',
    why: 'A frame whose length field lies makes the rest of the bytes mean whatever the server parses them as: which error it reports (or whether it waits for more) follows from that, the judge stops.',
  },
  'unsolicited-ack': {
    id: 'unsolicited-ack',
    section: 'RFC 9113 §6.5.3, §6.7',
    why: 'The RFC names no action for a SETTINGS or PING ACK nobody asked for: ignoring it and treating it as a PROTOCOL_ERROR are both seen in servers.',
  },
  'response-content': {
    id: 'response-content',
    section: 'RFC 9113 §8.3.2; RFC 9110 §15',
    why: 'Status, fields and body of a response are the application\'s; targets serving different content differ here by design.',
  },
  'server-limits': {
    id: 'server-limits',
    section: 'RFC 9113 §6.5.2, §10.5',
    why: 'SETTINGS values, window sizes and resource limits are the server\'s to choose, and a server may refuse work beyond them (ENHANCE_YOUR_CALM, REFUSED_STREAM).',
  },
  'time-budget': {
    id: 'time-budget',
    section: 'harness',
    why: 'The scenario\'s time budget ran out before the server went quiet: what it had not yet sent cannot be judged.',
  },
} as const satisfies Record<string, LatitudeRule>;

export type LatitudeRuleId = keyof typeof LATITUDE_RULES;
