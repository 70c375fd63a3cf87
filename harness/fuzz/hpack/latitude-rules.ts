// Every difference RFC 7541 allows, in one place. A finding that matches one
// of these is latitude: reported and counted, never a failure. Anything not
// listed here that makes two sides differ is a failure. Each rule names the
// section that leaves the room and says why the difference is not a bug.

export interface LatitudeRule {
  readonly id: string;
  readonly section: string;
  readonly why: string;
}

export const LATITUDE_RULES = {
  'encoding-choice': {
    id: 'encoding-choice',
    section: 'RFC 7541 §2.3, §5.2, §6, §7.1',
    why: 'Which representation, whether to index, and whether to Huffman-code are the encoder\'s choice; only the decoded list and the resulting tables are fixed. Byte identity with libnghttp2 (property 4) is a promise of ours, so it is checked for ours only and never for another implementation.',
  },
  'field-length-limit': {
    id: 'field-length-limit',
    section: 'RFC 7541 §7.3, §5.2',
    why: 'An implementation "has to set a limit to the length it accepts for string literals" (§7.3); libnghttp2 rejects names or values over NGHTTP2_HD_MAX_NV = 65536 octets. Rejecting a string past 64 KiB, or a deflater refusing one, is within its rights.',
  },
  'header-list-size-limit': {
    id: 'header-list-size-limit',
    section: 'RFC 7541 §7.3; RFC 9113 §6.5.2 (SETTINGS_MAX_HEADER_LIST_SIZE), §10.5.1',
    why: 'A decoder may refuse a field block whose list (name + value + 32 per field) exceeds the limit it is willing to handle; ours rejects past 64 KiB by default, libnghttp2\'s inflater has no such limit.',
  },
  'integer-limit': {
    id: 'integer-limit',
    section: 'RFC 7541 §5.1',
    why: '"Integer encodings that exceed implementation limits -- in value or octet length -- MUST be treated as decoding errors": the limits are each implementation\'s, so an overlong encoding of a small value may be accepted by one decoder and rejected by another.',
  },
  'encoder-uses-less-table': {
    id: 'encoder-uses-less-table',
    section: 'RFC 7541 §4.2, §2.3.2',
    why: '"An encoder can choose to use less capacity than this maximum size." A deflater whose table is a prefix (newest first) of the decoder\'s only ever references entries the decoder also holds, so the stream decodes the same (hpack.js keeps a smaller table without a size update). Decoder tables must still match exactly; a deflater table equal to libnghttp2\'s is required of ours only (the byte-identity promise).',
  },
  'table-size-capability': {
    id: 'table-size-capability',
    section: 'RFC 9113 §6.5.2 (SETTINGS_HEADER_TABLE_SIZE); RFC 7541 §4.2',
    why: 'The decoder chooses the table size it advertises, and the encoder may use less (§4.2). An implementation that refuses changeTableSize above the 4096 default (hpack.js asserts) only limits what its endpoint can advertise; it decodes nothing wrongly.',
  },
  'missing-size-update': {
    id: 'missing-size-update',
    section: 'RFC 7541 §4.2',
    why: 'After the limit shrank below the table\'s maximum the ENCODER MUST open its next block with a size update; the RFC names no decoder action, so a decoder that rejects the block (libnghttp2) and one that shrinks silently are both conforming.',
  },
  'size-update-after-field': {
    id: 'size-update-after-field',
    section: 'RFC 7541 §4.2',
    why: '"This dynamic table size update MUST occur at the beginning of the first header block": a MUST on where the encoder puts it, with no decoder action named. libnghttp2 and ours reject a later one (as h2spec hpack/4.2 expects); hpack.js applies it. Both leave the same table for a valid stream.',
  },
  'smallest-size-not-signaled': {
    id: 'smallest-size-not-signaled',
    section: 'RFC 7541 §4.2',
    why: 'When the limit changed several times between blocks the ENCODER MUST signal the smallest; libnghttp2 enforces this in its decoder, which the RFC permits but does not require.',
  },
  'oracle-broke-rfc': {
    id: 'oracle-broke-rfc',
    section: 'RFC 7541 §4.2 (the rule the oracle broke is named in the finding)',
    why: 'The oracle\'s own deflater produced a block that libnghttp2 also cannot decode to the input (hpack.js shrinks its table without a size update); what the implementation under test does with that block is compared with libnghttp2, not with the input list.',
  },
} as const satisfies Record<string, LatitudeRule>;

export type LatitudeRuleId = keyof typeof LATITUDE_RULES;
