// What the connection reports back from receive(): past-tense facts, a
// discriminated union on `type`, so a caller's switch is checked for
// exhaustiveness. Nothing here calls back: the core stays sans-I/O.
import type { PriorityFields } from './frame-types.js';
import type { Initiator } from './errors.js';
import type { FieldList } from './fields.js';
import type { RequestHead } from './request-validation.js';
import type { Settings } from './settings.js';

export type H2Event =
  /** A valid request header section opened stream `streamId` (§8.3). */
  | { type: 'RequestReceived'; streamId: number; headers: FieldList; request: RequestHead; endStream: boolean; priority: PriorityFields | null }
  | { type: 'DataReceived'; streamId: number; data: Uint8Array; endStream: boolean }
  | { type: 'TrailersReceived'; streamId: number; headers: FieldList }
  /** The peer finished its side of the stream (END_STREAM, §5.1). */
  | { type: 'StreamEnded'; streamId: number }
  /** RST_STREAM from the peer (§6.4). */
  | { type: 'StreamReset'; streamId: number; errorCode: number }
  /**
   * The stream reached `closed`: `errorCode` 0 when both sides ended it
   * normally, else the RST_STREAM code and who sent it.
   */
  | { type: 'StreamClosed'; streamId: number; errorCode: number; initiator: Initiator | null; reason: string | null }
  | { type: 'PriorityReceived'; streamId: number; priority: PriorityFields }
  | { type: 'WindowUpdated'; streamId: number; increment: number }
  | { type: 'SettingsReceived'; settings: Settings; changed: Array<keyof Settings> }
  | { type: 'SettingsAcknowledged' }
  | { type: 'PingReceived'; opaque: Uint8Array }
  /** Our PING came back; `rtt` in the caller's time units (from `now`). */
  | { type: 'PingAcknowledged'; opaque: Uint8Array; rtt: number | null }
  | { type: 'GoAwayReceived'; lastStreamId: number; errorCode: number; debugData: Uint8Array }
  | { type: 'UnknownFrameReceived'; frameType: number; streamId: number }
  /**
   * checkTimeouts() found the connection idle (no open stream, no frame for
   * `idleTimeout`) and sent GOAWAY NO_ERROR with `lastStreamId`; close after
   * flushing dataToSend().
   */
  | { type: 'IdleTimedOut'; lastStreamId: number }
  /** We sent GOAWAY for a connection error (SETTINGS_TIMEOUT too); close after flushing dataToSend(). */
  | { type: 'ConnectionTerminated'; errorCode: number; initiator: Initiator; reason: string; section: string | null };

/** Events wait here until the caller takes them; every part of the core appends to the same one. */
export class EventQueue {
  #list: H2Event[] = [];

  push(event: H2Event): void {
    this.#list.push(event);
  }

  /** Hands the events over in order and starts a new list (the caller owns the old one). */
  take(): H2Event[] {
    const out = this.#list;
    this.#list = [];
    return out;
  }
}
