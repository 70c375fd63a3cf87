// The default HeaderCodec: our RFC 7541 implementation (impl/hpack).
// The inflater's own list limit is set above ours so that a moderately large
// field section is a stream error (checked by the connection, §10.5.1) while
// a decompression bomb still stops inside HPACK, as a COMPRESSION_ERROR.
import { HDDeflater, HDInflater } from '../hpack/index.js';
import type { HeaderCodec } from './header-codec.js';

export function hpackCodec(maxHeaderListSize: number): HeaderCodec {
  const inflater = new HDInflater({ maxHeaderListSize: maxHeaderListSize * 2, maxFieldLength: maxHeaderListSize * 2 });
  return { encoder: new HDDeflater(4096), decoder: inflater };
}
