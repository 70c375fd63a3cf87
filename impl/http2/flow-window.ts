// RFC 9113 §6.9: one flow-control window. Used for both directions and both
// levels (connection, stream). A window may go negative after a
// SETTINGS_INITIAL_WINDOW_SIZE decrease (§6.9.2) but never above 2^31-1.
import { MAX_WINDOW } from './frame-types.js';

export class FlowWindow {
  constructor(public size: number) {}

  /** Adds `delta`; returns false (leaving the window unchanged) on overflow past 2^31-1. */
  grow(delta: number): boolean {
    if (this.size + delta > MAX_WINDOW) return false;
    this.size += delta;
    return true;
  }

  consume(n: number): void {
    this.size -= n;
  }
}

/**
 * Receive side (§6.9): tracks what the peer may still send, and how much the
 * application has consumed but not yet been re-credited with WINDOW_UPDATE.
 * Credits go back once half the target window is used up, which batches
 * WINDOW_UPDATE frames the way most implementations do.
 */
export class ReceiveWindow {
  readonly window: FlowWindow;
  #unacked = 0;
  constructor(public target: number) {
    this.window = new FlowWindow(target);
  }

  /** True when a frame of `n` octets fits. */
  fits(n: number): boolean {
    return n <= this.window.size;
  }

  receive(n: number): void {
    this.window.consume(n);
  }

  /** Marks `n` octets consumed; returns the increment to send now, or 0. */
  release(n: number): number {
    this.#unacked += n;
    if (this.#unacked < this.target / 2 && this.window.size > 0) return 0;
    const inc = Math.min(this.#unacked, MAX_WINDOW - this.window.size);
    this.#unacked = 0;
    if (inc <= 0) return 0;
    this.window.grow(inc);
    return inc;
  }
}
