// The one seam between the protocol core and HPACK (RFC 7541). The core only
// needs to encode a field list, decode a field block, and follow table-size
// changes; any implementation of the seed's HDDeflater/HDInflater API fits.
// Decoding failures of any kind become COMPRESSION_ERROR (RFC 9113 §4.3).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { FieldSpans, HeaderDeflater, HeaderInflater } from '../hpack/types.js';
import type { FieldList } from './fields.js';
import type { CheckedFields, FieldCheck } from './checked-fields.js';
import type { FieldStrings } from './field-strings.js';

/** What the core needs of an HPACK encoder: the seed's deflater API without table inspection. */
export type FieldEncoder = Pick<HeaderDeflater, 'deflate' | 'changeTableSize'>;

/**
 * What the core needs of an HPACK decoder; `inflateSpans` (HDInflater has
 * it) is used instead of `inflate` where present, as it copies nothing.
 */
export type FieldDecoder = Pick<HeaderInflater, 'inflate' | 'changeTableSize'> & { inflateSpans?(block: Uint8Array): FieldSpans };

export interface HeaderCodec {
  encoder: FieldEncoder;
  decoder: FieldDecoder;
}

export type HeaderCodecFactory = () => HeaderCodec;

/**
 * One field block decoded by HPACK but not yet made into strings: the
 * decoder's borrowed spans (valid until the next block is decoded), or
 * the copied pairs of a decoder without inflateSpans.
 */
export type DecodedBlock = FieldSpans | Array<[Uint8Array, Uint8Array]>;

/**
 * HPACK-decodes one complete field block. Every block goes through this,
 * whatever becomes of its stream: the HPACK context must see them all
 * (RFC 9113 §4.3). Making strings of the fields is a second step
 * (fieldListOf), which a request rejected on its stream state skips and a
 * malformed one stops at its first bad field.
 */
export function inflateFieldBlock(decoder: FieldDecoder, block: Uint8Array): DecodedBlock {
  try {
    return decoder.inflateSpans ? decoder.inflateSpans(block) : decoder.inflate(block);
  } catch (err) {
    // RFC 9113 §4.3: a field block that cannot be decompressed is a
    // connection error of type COMPRESSION_ERROR, whatever the cause.
    throw new ConnectionError(E.COMPRESSION_ERROR, '4.3', `field block cannot be decoded: ${(err as Error).message ?? String(err)}`);
  }
}

/** The size SETTINGS_MAX_HEADER_LIST_SIZE counts (RFC 9113 §6.5.2: name + value + 32 per field), from the octets. */
export function decodedListSize(d: DecodedBlock): number {
  if (Array.isArray(d)) {
    let n = 0;
    for (const [name, value] of d) n += name.length + value.length + 32;
    return n;
  }
  let n = 32 * d.count;
  for (let i = 0; i < 2 * d.count; i++) n += d.lengths[i]!;
  return n;
}

/**
 * The fields as latin1 strings (field-strings.ts: one char per octet,
 * repeats answered from `strings`), each passed to `check` (with the
 * stream's id, so no closure is made per block; a field that passed it
 * before is answered from `checked`) before the
 * next is made: a check that throws ends the work at the first bad field.
 * Must run before another block is decoded (the spans are borrowed).
 */
export function fieldListOf(d: DecodedBlock, strings: FieldStrings, checked: CheckedFields, streamId: number, check: FieldCheck): FieldList {
  if (Array.isArray(d)) {
    const fields: FieldList = new Array(d.length);
    for (let i = 0; i < d.length; i++) {
      const [n, v] = d[i]!;
      const name = strings.text(n, 0, n.length);
      const slot = strings.slot;
      const value = strings.text(v, 0, v.length);
      checked.check(slot, streamId, name, value, check);
      fields[i] = [name, value];
    }
    return fields;
  }
  const { bytes, lengths, count } = d;
  const fields: FieldList = new Array(count);
  let at = d.start;
  for (let i = 0; i < count; i++) {
    const nameLength = lengths[2 * i]!;
    const valueLength = lengths[2 * i + 1]!;
    const name = strings.text(bytes, at, nameLength);
    const slot = strings.slot;
    at += nameLength;
    const value = strings.text(bytes, at, valueLength);
    at += valueLength;
    checked.check(slot, streamId, name, value, check);
    fields[i] = [name, value];
  }
  return fields;
}
