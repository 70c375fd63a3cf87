// hpack.js as an `--impl` module (HDDeflater/HDInflater classes): an HPACK
// that encodes differently from libnghttp2, used to see what the fuzzer
// reports for an implementation other than ours (`h2harness fuzz hpack --impl` on it).
import type { DecodedField, DeflaterLike, InflaterLike, InputField, TableEntryLike } from '../../harness/peers/hpack-implementation.js';
import { hpackJsImplementation } from '../../harness/peers/hpackjs-hpack.js';

/**
 * hpack.js throws plain assertion Errors for bad input; this module declares
 * them its decoding errors, so property 5 sees a typed error.
 */
export class HPACKError extends Error {
  override name = 'HPACKError';
  readonly code = 'HPACKJS_DECODING_ERROR';
}

abstract class Codec<T extends DeflaterLike | InflaterLike> {
  constructor(protected readonly inner: T) {}
  changeTableSize(size: number): void {
    this.inner.changeTableSize(size);
  }
  getHdTable(): TableEntryLike[] {
    return this.inner.getHdTable();
  }
}

export class HDDeflater extends Codec<DeflaterLike> {
  constructor(maxTableSize = 4096) {
    super(hpackJsImplementation.createDeflater(maxTableSize));
  }
  deflate(headers: readonly InputField[]): Uint8Array {
    return this.inner.deflate(headers);
  }
}

export class HDInflater extends Codec<InflaterLike> {
  constructor() {
    super(hpackJsImplementation.createInflater());
  }
  inflate(block: Uint8Array): DecodedField[] {
    try {
      return this.inner.inflate(block);
    } catch (err) {
      throw new HPACKError((err as Error).message, { cause: err });
    }
  }
}
