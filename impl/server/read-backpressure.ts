// When to read from a connection's socket, and when not (RFC 9113 §10.5):
// - while its write buffer is full (the peer does not read what we send,
//   CVE-2019-9512/9515/9517), so its PINGs, SETTINGS and requests wait in
//   its own kernel buffers instead of becoming replies in ours; a socket
//   that stays full for `stallTimeout` ms is dropped;
// - while the core still holds frames of an earlier read (it handles at
//   most maxFramesPerReceive per call), so one busy connection yields to the
//   others between slices instead of starving them;
// - once the connection ended with an error GOAWAY: nothing it sends is
//   read any more, so a flooder meets a closed window, not a server that
//   still reads and discards.
// Reading resumes when no reason holds.
import type { Socket } from 'node:net';

export type HoldReason = 'unwritable' | 'buffered-input' | 'terminated';

export class ReadBackpressure {
  #timer: NodeJS.Timeout | null = null;
  readonly #holds = new Set<HoldReason>();

  constructor(
    readonly socket: Socket,
    /** ms; null: never drop. */
    readonly stallTimeout: number | null,
    readonly onStall: () => void,
  ) {}

  /** socket.write() returned false. */
  block(): void {
    if (this.#holds.has('unwritable')) return;
    this.hold('unwritable');
    if (this.stallTimeout !== null) {
      this.#timer = setTimeout(() => this.onStall(), this.stallTimeout);
      this.#timer.unref();
    }
  }

  /** 'drain': the peer read what we sent. */
  unblock(): void {
    this.clear();
    this.release('unwritable');
  }

  hold(reason: HoldReason): void {
    if (this.#holds.size === 0) this.socket.pause();
    this.#holds.add(reason);
  }

  release(reason: HoldReason): void {
    if (!this.#holds.delete(reason)) return;
    if (this.#holds.size === 0) this.socket.resume();
  }

  clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
