// The one seam between the protocol core and HPACK (RFC 7541). The core only
// needs to encode a field list, decode a field block, and follow table-size
// changes; any implementation of the seed's HDDeflater/HDInflater API fits.
// Decoding failures of any kind become COMPRESSION_ERROR (RFC 9113 §4.3).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { HeaderDeflater, HeaderInflater } from '../hpack/types.js';
import type { FieldList } from './fields.js';

/** What the core needs of an HPACK encoder: the seed's deflater API without table inspection. */
export type FieldEncoder = Pick<HeaderDeflater, 'deflate' | 'changeTableSize'>;

/** What the core needs of an HPACK decoder. */
export type FieldDecoder = Pick<HeaderInflater, 'inflate' | 'changeTableSize'>;

export interface HeaderCodec {
  encoder: FieldEncoder;
  decoder: FieldDecoder;
}

export type HeaderCodecFactory = () => HeaderCodec;

const latin1 = new TextDecoder('latin1');

/**
 * Decodes one complete field block. Names and values become latin1 strings:
 * one char per octet, so every byte survives and validation sees raw octets.
 */
export function decodeFieldBlock(decoder: FieldDecoder, block: Uint8Array): FieldList {
  let raw: Array<[Uint8Array, Uint8Array]>;
  try {
    raw = decoder.inflate(block);
  } catch (err) {
    // RFC 9113 §4.3: a field block that cannot be decompressed is a
    // connection error of type COMPRESSION_ERROR, whatever the cause.
    throw new ConnectionError(E.COMPRESSION_ERROR, '4.3', `field block cannot be decoded: ${(err as Error).message ?? String(err)}`);
  }
  return raw.map(([n, v]) => [latin1.decode(n), latin1.decode(v)]);
}
