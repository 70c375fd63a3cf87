// RFC 9113 §6.7: PING in both directions. The peer's PINGs are answered at
// once; ours are remembered by their opaque data so the ACK yields a
// round-trip time in the caller's clock (`now`), never one read here.
import type { ControlQueue } from './control-queue.js';
import type { EventQueue } from './events.js';
import { Http2UsageError } from './errors.js';
import { encodePing } from './frame-encoder.js';
import type { FrameOf } from './frame-types.js';

export class PingTracker {
  readonly #sentAt = new Map<string, number>();

  constructor(
    readonly control: ControlQueue,
    readonly events: EventQueue,
  ) {}

  send(opaque: Uint8Array, now: number): void {
    if (opaque.length !== 8) throw new Http2UsageError('ERR_INVALID_ARGUMENT', 'PING opaque data is 8 octets');
    this.#sentAt.set(key(opaque), now);
    this.control.push(encodePing(opaque, false));
  }

  onFrame(f: FrameOf<'PING'>, now: number): void {
    if (!f.ack) {
      // §6.7: answer with the same opaque data.
      this.control.push(encodePing(f.opaque, true));
      this.events.push({ type: 'PingReceived', opaque: f.opaque });
      return;
    }
    const k = key(f.opaque);
    const sent = this.#sentAt.get(k);
    this.#sentAt.delete(k);
    this.events.push({ type: 'PingAcknowledged', opaque: f.opaque, rtt: sent === undefined ? null : now - sent });
  }
}

function key(opaque: Uint8Array): string {
  return Buffer.from(opaque).toString('hex');
}
