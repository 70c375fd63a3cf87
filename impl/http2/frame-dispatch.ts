// The inbound side of a connection: preface, frame splitting, and one
// handler per frame type. Handlers throw typed errors; a StreamError ends
// only its stream, so it is reported frame by frame and reading goes on,
// while a ConnectionError ends the whole receive() (connection.ts).
import type { AbuseBudget } from './abuse-budget.js';
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError, StreamError } from './errors.js';
import type { EventQueue } from './events.js';
import { FrameSplitter, parseFrame } from './frame-decoder.js';
import type { Frame } from './frame-types.js';
import type { IdleTracker } from './idle-tracker.js';
import type { PingTracker } from './ping-tracker.js';
import { PrefaceMatcher } from './preface.js';
import type { RequestFrames } from './request-frames.js';
import type { ResetRate } from './reset-rate.js';
import type { SettingsExchange } from './settings-exchange.js';
import type { Shutdown } from './shutdown.js';
import type { StreamFrames } from './stream-frames.js';

export interface FrameHandlers {
  readonly requests: RequestFrames;
  readonly streamFrames: StreamFrames;
  readonly settings: SettingsExchange;
  readonly pings: PingTracker;
  readonly shutdown: Shutdown;
  readonly events: EventQueue;
  readonly idle: IdleTracker;
  /** Flood defences (abuse-budget.ts, reset-rate.ts). */
  readonly budget: AbuseBudget;
  readonly resets: ResetRate;
}

export class FrameDispatcher {
  readonly #preface = new PrefaceMatcher();
  readonly #splitter = new FrameSplitter();
  #settingsSeen = false;

  constructor(
    readonly h: FrameHandlers,
    /** Turns a stream error into its RST_STREAM (the connection's one error path). */
    readonly onStreamError: (err: StreamError) => void,
  ) {}

  /** True when complete frames may be left over from the last receive() (maxFrames reached). */
  hasBufferedInput = false;

  /** The connection is over: its unread bytes (a flood's, often) need not stay in memory. */
  discardInput(): void {
    this.#splitter.clear();
    this.hasBufferedInput = false;
  }

  receive(bytes: Uint8Array, now: number, maxFrames = Infinity): void {
    this.#splitter.push(this.#preface.consume(bytes));
    this.hasBufferedInput = false;
    for (let n = 0; ; n++) {
      if (this.h.shutdown.terminated) return;
      if (n >= maxFrames) {
        this.hasBufferedInput = this.#splitter.buffered > 0;
        return;
      }
      // §4.2: frames are bounded by the SETTINGS_MAX_FRAME_SIZE the peer has acknowledged.
      const splitter = this.#splitter;
      if (!splitter.nextFrame(this.h.settings.local.acknowledged.maxFrameSize)) return;
      // Any complete frame, even one that fails below, shows the peer is there.
      this.h.idle.activity(now);
      try {
        const frame = parseFrame(splitter.header, splitter.payload);
        if (!this.#settingsSeen) {
          // §3.4: the client preface ends with a SETTINGS frame.
          if (frame.type !== 'SETTINGS' || frame.ack) throw new ConnectionError(E.PROTOCOL_ERROR, '3.4', 'first frame is not SETTINGS');
          this.#settingsSeen = true;
        }
        this.#dispatch(frame, now);
      } catch (err) {
        if (err instanceof StreamError) this.onStreamError(err);
        else throw err;
      }
    }
  }

  #dispatch(f: Frame, now: number): void {
    const { requests, streamFrames, settings, pings, shutdown, events } = this.h;
    // §6.10: while a field block is open only its CONTINUATIONs may arrive.
    if (requests.block.open && f.type !== 'CONTINUATION') {
      throw new ConnectionError(E.PROTOCOL_ERROR, '6.10', `${f.type} frame inside a field block of stream ${requests.block.streamId}`);
    }
    this.h.budget.observe(f, now);
    switch (f.type) {
      case 'DATA':
        return streamFrames.onData(f);
      case 'HEADERS':
        return requests.onHeaders(f);
      case 'CONTINUATION':
        return requests.onContinuation(f);
      case 'PRIORITY':
        return streamFrames.onPriority(f.streamId, f.priority);
      case 'RST_STREAM': {
        const s = requests.streams.get(f.streamId);
        if (this.h.resets.peerReset(f.streamId, s !== undefined && !s.endPlanned, now)) throw new ConnectionError(E.ENHANCE_YOUR_CALM, '10.5', this.h.resets.describe());
        return streamFrames.onRstStream(f);
      }
      case 'SETTINGS':
        return settings.onFrame(f);
      case 'PUSH_PROMISE':
        return streamFrames.onPushPromise(f);
      case 'PING':
        pings.onFrame(f, now);
        if (f.ack) shutdown.onPingAck(f.opaque);
        return;
      case 'GOAWAY':
        return shutdown.onGoAway(f);
      case 'WINDOW_UPDATE':
        return streamFrames.onWindowUpdate(f);
      case 'UNKNOWN':
        // §5.5: unknown frame types are ignored.
        events.push({ type: 'UnknownFrameReceived', frameType: f.frameType, streamId: f.streamId });
        return;
    }
  }
}
