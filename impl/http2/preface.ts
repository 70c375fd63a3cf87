// RFC 9113 §3.4: the client connection preface. A read may end anywhere
// inside it, so it is matched incrementally across receive() calls.
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';

/** RFC 9113 §3.4: the client connection preface. */
export const CLIENT_PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export class PrefaceMatcher {
  #seen = 0;

  /** Checks the preface octets at the start of `bytes`; returns the rest (frames). */
  consume(bytes: Uint8Array): Uint8Array {
    // Once matched, the bytes pass through untouched: no subarray on the hot path.
    if (this.#seen >= CLIENT_PREFACE.length) return bytes;
    const n = Math.min(CLIENT_PREFACE.length - this.#seen, bytes.length);
    for (let i = 0; i < n; i++) {
      if (bytes[i] !== CLIENT_PREFACE[this.#seen + i]) throw new ConnectionError(E.PROTOCOL_ERROR, '3.4', 'invalid connection preface');
    }
    this.#seen += n;
    return bytes.subarray(n);
  }
}
