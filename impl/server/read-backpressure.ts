// A peer that does not read what we send must not make us queue without
// bound (RFC 9113 §10.5; CVE-2019-9512/9515/9517): while the socket's write
// buffer is full we stop reading from it, so its PINGs, SETTINGS and requests
// wait in its own kernel buffers instead of becoming replies in ours; and a
// socket that stays full for `stallTimeout` ms is dropped.
import type { Socket } from 'node:net';

export class ReadBackpressure {
  #timer: NodeJS.Timeout | null = null;
  #blocked = false;

  constructor(
    readonly socket: Socket,
    /** ms; null: never drop. */
    readonly stallTimeout: number | null,
    readonly onStall: () => void,
  ) {}

  get blocked(): boolean {
    return this.#blocked;
  }

  /** socket.write() returned false. */
  block(): void {
    if (this.#blocked) return;
    this.#blocked = true;
    this.socket.pause();
    if (this.stallTimeout !== null) {
      this.#timer = setTimeout(() => this.onStall(), this.stallTimeout);
      this.#timer.unref();
    }
  }

  /** 'drain': the peer read; read from it again. */
  unblock(): void {
    if (!this.#blocked) return;
    this.#blocked = false;
    this.clear();
    this.socket.resume();
  }

  clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
