// RFC 9113 §6.5: SETTINGS parameters, their range checks, and the two views
// each endpoint keeps: the peer's values (applied on receipt) and ours
// (sent, but binding on the peer only once it has ACKed them, §6.5.3).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import { MAX_MAX_FRAME_SIZE, MAX_WINDOW, MIN_MAX_FRAME_SIZE, type SettingPair } from './frame-types.js';

export const SettingId = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
} as const;

export interface Settings {
  headerTableSize: number;
  enablePush: boolean;
  /** `Infinity` until the peer sets it (§6.5.2: initially unlimited). */
  maxConcurrentStreams: number;
  initialWindowSize: number;
  maxFrameSize: number;
  maxHeaderListSize: number;
}

/** §6.5.2 initial values. */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  headerTableSize: 4096,
  enablePush: true,
  maxConcurrentStreams: Infinity,
  initialWindowSize: 65_535,
  maxFrameSize: MIN_MAX_FRAME_SIZE,
  maxHeaderListSize: Infinity,
};

/** §6.5.2: range checks. Unknown identifiers are ignored (returns false). */
export function applySetting(target: Settings, s: SettingPair): boolean {
  switch (s.id) {
    case SettingId.HEADER_TABLE_SIZE:
      target.headerTableSize = s.value;
      return true;
    case SettingId.ENABLE_PUSH:
      if (s.value > 1) throw new ConnectionError(E.PROTOCOL_ERROR, '6.5.2', `SETTINGS_ENABLE_PUSH ${s.value}, must be 0 or 1`);
      target.enablePush = s.value === 1;
      return true;
    case SettingId.MAX_CONCURRENT_STREAMS:
      target.maxConcurrentStreams = s.value;
      return true;
    case SettingId.INITIAL_WINDOW_SIZE:
      if (s.value > MAX_WINDOW) throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.5.2', `SETTINGS_INITIAL_WINDOW_SIZE ${s.value} exceeds 2^31-1`);
      target.initialWindowSize = s.value;
      return true;
    case SettingId.MAX_FRAME_SIZE:
      if (s.value < MIN_MAX_FRAME_SIZE || s.value > MAX_MAX_FRAME_SIZE) {
        throw new ConnectionError(E.PROTOCOL_ERROR, '6.5.2', `SETTINGS_MAX_FRAME_SIZE ${s.value} outside 16384..16777215`);
      }
      target.maxFrameSize = s.value;
      return true;
    case SettingId.MAX_HEADER_LIST_SIZE:
      target.maxHeaderListSize = s.value;
      return true;
    default:
      return false; // §6.5.2: unknown settings MUST be ignored.
  }
}

/** The settings we advertise, as pairs for a SETTINGS frame (only non-defaults). */
export function settingsToPairs(s: Partial<Settings>): SettingPair[] {
  const out: SettingPair[] = [];
  const add = (id: number, v: number | undefined): void => {
    if (v !== undefined && Number.isFinite(v)) out.push({ id, value: v });
  };
  add(SettingId.HEADER_TABLE_SIZE, s.headerTableSize);
  if (s.enablePush !== undefined) add(SettingId.ENABLE_PUSH, s.enablePush ? 1 : 0);
  add(SettingId.MAX_CONCURRENT_STREAMS, s.maxConcurrentStreams);
  add(SettingId.INITIAL_WINDOW_SIZE, s.initialWindowSize);
  add(SettingId.MAX_FRAME_SIZE, s.maxFrameSize);
  add(SettingId.MAX_HEADER_LIST_SIZE, s.maxHeaderListSize);
  return out;
}

/**
 * §6.5.3: our own settings. A change is pending from the moment we send it
 * until the peer's ACK; ACKs arrive in the order the frames were sent.
 * Until then the peer may still use the previous values, so enforcement
 * (receive windows, HPACK table size, frame size) uses `acknowledged`.
 * Each pending change keeps when it was sent (the caller's clock), for the
 * SETTINGS_TIMEOUT of §6.5.3.
 */
export class LocalSettings {
  readonly acknowledged: Settings = { ...DEFAULT_SETTINGS };
  readonly #pending: Array<{ change: Partial<Settings>; sentAt: number | null }> = [];

  /** Records a change about to be sent (at `sentAt`, null if not known yet); returns the pairs to put in the frame. */
  queue(change: Partial<Settings>, sentAt: number | null = null): SettingPair[] {
    this.#pending.push({ change, sentAt });
    return settingsToPairs(change);
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** When the oldest unacknowledged change was sent; null when none waits or its time is not known yet. */
  get oldestSentAt(): number | null {
    return this.#pending[0]?.sentAt ?? null;
  }

  /** Gives `now` to the changes queued before the caller's clock was known. */
  stamp(now: number): void {
    for (const p of this.#pending) p.sentAt ??= now;
  }

  /** The latest value we have sent, acknowledged or not. */
  latest<K extends keyof Settings>(key: K): Settings[K] {
    for (let i = this.#pending.length - 1; i >= 0; i--) {
      const v = this.#pending[i]!.change[key];
      if (v !== undefined) return v as Settings[K];
    }
    return this.acknowledged[key];
  }

  /** Applies the oldest pending change; returns what it changed, or null on an unsolicited ACK. */
  acknowledge(): { previous: Settings; change: Partial<Settings> } | null {
    const entry = this.#pending.shift();
    if (!entry) return null;
    const previous = { ...this.acknowledged };
    Object.assign(this.acknowledged, entry.change);
    return { previous, change: entry.change };
  }
}
