// What one case of the wire oracles is: HTTP messages whose header lists
// the implementation under test and a real peer (node:http2, nghttp) each
// encode for the other, over one connection each way, with both decoders'
// SETTINGS_HEADER_TABLE_SIZE chosen by the case. Unlike the in-process
// cases, every field is HTTP-valid (RFC 9113 §8.2): the peers validate what
// they decode, and a field they refuse would test HTTP, not HPACK.
import type { InputField } from '../../../peers/hpack-implementation.js';
import type { HpackSession, SessionStep } from '../hpack-case.js';
import { DEFAULT_TABLE_SIZE } from '../inflater-classifier.js';

export interface WireMessage {
  readonly method: string;
  readonly path: string;
  readonly status: string;
  /** Regular fields (no pseudo-fields), in order. */
  readonly fields: readonly InputField[];
}

export interface WireCase {
  /** The cap of the implementation's own deflater (`new HDDeflater(cap)`). */
  readonly deflaterCap: number;
  /** The peer decoder's SETTINGS_HEADER_TABLE_SIZE: our deflater must stay within it. */
  readonly peerDecoderTableSize: number;
  /** What our side announces for the peer's encoder. */
  readonly ourDecoderTableSize: number;
  readonly messages: readonly WireMessage[];
}

/** The one authority every request names: any value would do, and a constant keeps the tables comparable. */
export const AUTHORITY = 'localhost';

export function requestList(m: WireMessage): InputField[] {
  return [[':method', m.method], [':scheme', 'http'], [':authority', AUTHORITY], [':path', m.path], ...m.fields];
}

export function responseList(m: WireMessage): InputField[] {
  return [[':status', m.status], ...m.fields];
}

/** The session the implementation's deflater runs for a peer: the peer's table size first, then every list. */
export function sessionFor(c: WireCase, lists: readonly (readonly InputField[])[]): HpackSession {
  const steps: SessionStep[] = [];
  if (c.peerDecoderTableSize !== DEFAULT_TABLE_SIZE) steps.push({ kind: 'settings', size: c.peerDecoderTableSize });
  for (const fields of lists) steps.push({ kind: 'headers', fields });
  return { deflaterCap: c.deflaterCap, steps };
}
