// What one generated case is: a session on one deflater/inflater pair (header
// lists and SETTINGS_HEADER_TABLE_SIZE changes, in order) plus the mutations
// applied to its blocks for the malformed-input property. Plain data, so a
// case can be written to a reproducer and read back unchanged.
import type { InputField } from '../../peers/hpack-implementation.js';

/**
 * `settings` is an acknowledged SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2):
 * both ends learn the new limit at the same point, so the deflater must open
 * its next block with a dynamic table size update (RFC 7541 §4.2).
 */
export type SessionStep =
  | { readonly kind: 'headers'; readonly fields: readonly InputField[] }
  | { readonly kind: 'settings'; readonly size: number };

export interface HpackSession {
  /** The deflater's own cap on its table (`new HDDeflater(cap)`), whatever the peer allows. */
  readonly deflaterCap: number;
  readonly steps: readonly SessionStep[];
}

/** One way to damage a valid block; `block` picks the block (modulo their count). */
export type BlockMutation =
  | { readonly kind: 'flip-bit'; readonly block: number; readonly bit: number }
  | { readonly kind: 'cut'; readonly block: number; readonly keep: number }
  | { readonly kind: 'splice'; readonly block: number; readonly from: number; readonly start: number; readonly length: number; readonly at: number }
  | { readonly kind: 'size-updates'; readonly block: number; readonly sizes: readonly number[]; readonly atEnd: boolean }
  | { readonly kind: 'index-past-table'; readonly block: number; readonly beyond: number }
  | { readonly kind: 'huffman-padding'; readonly block: number; readonly padding: 'long' | 'not-ones' | 'eos' }
  | { readonly kind: 'oversized-integer'; readonly block: number; readonly continuation: number; readonly asLength: boolean }
  | { readonly kind: 'raw'; readonly block: number; readonly bytes: Uint8Array };

export interface HpackCase {
  readonly session: HpackSession;
  /** Applied in order to the blocks the reference oracle deflates; empty leaves property 5 unexercised. */
  readonly mutations: readonly BlockMutation[];
}

export function headerSteps(session: HpackSession): Array<readonly InputField[]> {
  return session.steps.flatMap((s) => (s.kind === 'headers' ? [s.fields] : []));
}

export function isSensitive(field: InputField): boolean {
  return field[2]?.sensitive === true;
}
