// The one seam between the protocol core and HPACK (RFC 7541). The core only
// needs to encode a field list, decode a field block, and follow table-size
// changes; any implementation of the seed's HDDeflater/HDInflater API fits.
// Decoding failures of any kind become COMPRESSION_ERROR (RFC 9113 §4.3).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { HeaderDeflater, HeaderInflater } from '../hpack/types.js';
import type { FieldList } from './fields.js';
import type { FieldStrings } from './field-strings.js';

/** What the core needs of an HPACK encoder: the seed's deflater API without table inspection. */
export type FieldEncoder = Pick<HeaderDeflater, 'deflate' | 'changeTableSize'>;

/** What the core needs of an HPACK decoder. */
export type FieldDecoder = Pick<HeaderInflater, 'inflate' | 'changeTableSize'>;

export interface HeaderCodec {
  encoder: FieldEncoder;
  decoder: FieldDecoder;
}

export type HeaderCodecFactory = () => HeaderCodec;

/**
 * Decodes one complete field block. Names and values become latin1 strings
 * (field-strings.ts: one char per octet, repeats answered from `strings`).
 */
export function decodeFieldBlock(decoder: FieldDecoder, block: Uint8Array, strings: FieldStrings): FieldList {
  let raw: Array<[Uint8Array, Uint8Array]>;
  try {
    raw = decoder.inflate(block);
  } catch (err) {
    // RFC 9113 §4.3: a field block that cannot be decompressed is a
    // connection error of type COMPRESSION_ERROR, whatever the cause.
    throw new ConnectionError(E.COMPRESSION_ERROR, '4.3', `field block cannot be decoded: ${(err as Error).message ?? String(err)}`);
  }
  const fields: FieldList = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) fields[i] = [strings.text(raw[i]![0]), strings.text(raw[i]![1])];
  return fields;
}
