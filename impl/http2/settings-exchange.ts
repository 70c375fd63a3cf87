// RFC 9113 §6.5.3: the SETTINGS exchange of one connection. The peer's
// values apply on receipt and are ACKed; ours are sent, and bind the peer
// only once it ACKs them. Both sides' changes reach into the streams
// (initial windows, §6.9.2) and the HPACK contexts (RFC 7541 §4.2).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { EventQueue } from './events.js';
import type { ControlQueue } from './control-queue.js';
import { encodeSettings, encodeSettingsAck } from './frame-encoder.js';
import type { FrameOf, SettingPair } from './frame-types.js';
import type { HeaderCodec } from './header-codec.js';
import { applySetting, DEFAULT_SETTINGS, LocalSettings, type Settings } from './settings.js';
import type { StreamTable } from './stream-table.js';

/** RFC 7541 §4.2: our encoder uses at most this much dynamic table, whatever the peer allows. */
const MAX_ENCODER_TABLE = 4096;

export class SettingsExchange {
  readonly local = new LocalSettings();
  /** The peer's settings, applied on receipt. */
  readonly peer: Settings = { ...DEFAULT_SETTINGS };

  constructor(
    readonly codec: HeaderCodec,
    readonly streams: StreamTable,
    readonly control: ControlQueue,
    readonly events: EventQueue,
    /** §6.5.3: how long an ACK may take before SETTINGS_TIMEOUT; null when off. */
    readonly timeout: number | null,
  ) {}

  /** Sends a change of our settings at `now` (null: not known yet, see stamp()); it binds the peer once ACKed. */
  send(change: Partial<Settings>, now: number | null): void {
    this.control.push(encodeSettings(this.local.queue(change, now)));
  }

  /** Settings sent before the caller's clock was known count as sent at the first `now` seen. */
  stamp(now: number): void {
    this.local.stamp(now);
  }

  /** §6.5.3: when the oldest unacknowledged SETTINGS is overdue; null when none waits or the timeout is off. */
  deadline(): number | null {
    const sentAt = this.local.oldestSentAt;
    return this.timeout === null || sentAt === null ? null : sentAt + this.timeout;
  }

  onFrame(f: FrameOf<'SETTINGS'>): void {
    if (f.ack) {
      const acked = this.local.acknowledge();
      if (acked) this.#applyAcknowledged(acked.previous);
      this.events.push({ type: 'SettingsAcknowledged' });
      return;
    }
    const changed: Array<keyof Settings> = [];
    for (const pair of f.settings) {
      const before = { ...this.peer };
      if (!applySetting(this.peer, pair)) continue;
      for (const k of Object.keys(before) as Array<keyof Settings>) if (before[k] !== this.peer[k] && !changed.includes(k)) changed.push(k);
      if (before.initialWindowSize !== this.peer.initialWindowSize) {
        // §6.9.2: adjust every stream send window by the difference; overflow is a connection error.
        const delta = this.peer.initialWindowSize - before.initialWindowSize;
        for (const s of this.streams.values()) {
          if (!s.sendWindow.grow(delta)) throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.2', `SETTINGS_INITIAL_WINDOW_SIZE change overflows stream ${s.id}`);
        }
      }
      if (before.headerTableSize !== this.peer.headerTableSize) this.#limitEncoderTable();
    }
    // §6.5.3: ACK once all values are processed.
    this.control.push(encodeSettingsAck());
    this.events.push({ type: 'SettingsReceived', settings: { ...this.peer }, changed });
  }

  /** RFC 7540 §3.2.1: the HTTP2-Settings of an h2c Upgrade count as the peer's first SETTINGS, unACKed. */
  applyUpgrade(pairs: readonly SettingPair[]): void {
    for (const pair of pairs) applySetting(this.peer, pair);
    this.#limitEncoderTable();
  }

  #limitEncoderTable(): void {
    this.codec.encoder.changeTableSize(Math.min(this.peer.headerTableSize, MAX_ENCODER_TABLE));
  }

  /** §6.5.3: our settings bind the peer only once acknowledged. */
  #applyAcknowledged(previous: Settings): void {
    const now = this.local.acknowledged;
    if (now.initialWindowSize !== previous.initialWindowSize) {
      const delta = now.initialWindowSize - previous.initialWindowSize;
      for (const s of this.streams.values()) {
        s.recvWindow.target = now.initialWindowSize;
        s.recvWindow.window.grow(delta);
      }
    }
    if (now.headerTableSize !== previous.headerTableSize) this.codec.decoder.changeTableSize(now.headerTableSize);
  }
}
