// The interface of an HPACK oracle that is a real HTTP/2 peer reached over
// loopback (node:http2, nghttp). One exchange covers both
// directions: the peer decodes the implementation's blocks (property 1) and
// encodes its own, which come back as raw steps for the implementation's
// inflater and libnghttp2's to replay (properties 2 and 3).
import type { DecodedField, InputField } from '../hpack-implementation.js';
import type { JudgeStep } from '../../fuzz/hpack/rfc-judge.js';
import type { WireCase } from '../../fuzz/hpack/wire/wire-case.js';

export const WIRE_ORACLES = ['node', 'nghttp'] as const;
export type WireOracleName = (typeof WIRE_ORACLES)[number];

/** What the peer made of one block: its fields in order (and which it saw as never-indexed, if it tells), or why it refused. */
export type PeerDecoding = { ok: true; fields: DecodedField[]; neverIndexed?: string[] } | { ok: false; error: string };

export interface WireResult {
  /** One per block of ours, in order; shorter when the peer stopped decoding. */
  decoded: PeerDecoding[];
  /** The peer's blocks, with the point where it acknowledged our table size, in wire order. */
  peerSteps: JudgeStep[];
  /** The list the peer was given for each of its blocks (a peer may add or reorder fields). */
  peerInputs: InputField[][];
  /** The exchange broke down for a reason HPACK does not explain (timeout, tool failure). */
  trouble?: string;
}

export interface WireOracle {
  readonly name: WireOracleName;
  /** Which form of a message the implementation encodes for this peer. */
  readonly ourRole: 'request' | 'response';
  exchange(c: WireCase, ourBlocks: readonly Uint8Array[]): Promise<WireResult>;
  close(): Promise<void>;
}
