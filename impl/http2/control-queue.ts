// Control frames (SETTINGS, PING, WINDOW_UPDATE, RST_STREAM, GOAWAY) wait
// here until dataToSend(), which sends them before any DATA so ACKs never
// sit behind a large body.
export class ControlQueue {
  #frames: Uint8Array[] = [];
  #bytes = 0;
  #sealed = false;

  /**
   * `onOverflow` runs when more than `limit` octets wait: RFC 9113 §10.5, a
   * peer that makes us queue without reading (PING or SETTINGS floods) must
   * be cut off, which the owner does by sealing the queue with a GOAWAY.
   */
  constructor(
    readonly limit: number,
    readonly onOverflow: () => void,
  ) {}

  push(frame: Uint8Array): void {
    if (this.#sealed) return;
    this.#append(frame);
    if (this.#bytes > this.limit) this.onOverflow();
  }

  /** The connection's last frame (its GOAWAY): queued whatever the limit, and nothing after it. */
  seal(frame: Uint8Array): void {
    if (this.#sealed) return;
    this.#sealed = true;
    this.#append(frame);
  }

  /** Hands the queued frames over, oldest first. */
  take(): Uint8Array[] {
    const out = this.#frames;
    this.#frames = [];
    this.#bytes = 0;
    return out;
  }

  #append(frame: Uint8Array): void {
    this.#frames.push(frame);
    this.#bytes += frame.length;
  }
}
