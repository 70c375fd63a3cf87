// RFC 9113 §6: the ten frame types as a discriminated union on `type`.
// Unknown types (§4.1, §5.5) are kept as `unknown` so callers can ignore them.

export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const Flag = {
  END_STREAM: 0x1,
  ACK: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

/** RFC 9113 §4.1: 9-octet frame header. */
export const FRAME_HEADER_LENGTH = 9;
/** RFC 9113 §6.5.2: SETTINGS_MAX_FRAME_SIZE bounds. */
export const MIN_MAX_FRAME_SIZE = 16_384;
export const MAX_MAX_FRAME_SIZE = 16_777_215;
/** RFC 9113 §6.9.1: the largest flow-control window. */
export const MAX_WINDOW = 2 ** 31 - 1;

export interface FrameHeader {
  length: number;
  type: number;
  flags: number;
  streamId: number;
}

/** RFC 9113 §5.3 (deprecated scheme, still parsed): PRIORITY fields. */
export interface PriorityFields {
  dependsOn: number;
  exclusive: boolean;
  weight: number; // 1..256
}

export interface SettingPair {
  id: number;
  value: number;
}

export type Frame =
  | { type: 'DATA'; streamId: number; data: Uint8Array; endStream: boolean; flowLength: number }
  | {
      type: 'HEADERS';
      streamId: number;
      fragment: Uint8Array;
      endStream: boolean;
      endHeaders: boolean;
      priority: PriorityFields | null;
    }
  | { type: 'PRIORITY'; streamId: number; priority: PriorityFields }
  | { type: 'RST_STREAM'; streamId: number; errorCode: number }
  | { type: 'SETTINGS'; ack: boolean; settings: SettingPair[] }
  | { type: 'PUSH_PROMISE'; streamId: number; promisedStreamId: number; fragment: Uint8Array; endHeaders: boolean }
  | { type: 'PING'; ack: boolean; opaque: Uint8Array }
  | { type: 'GOAWAY'; lastStreamId: number; errorCode: number; debugData: Uint8Array }
  | { type: 'WINDOW_UPDATE'; streamId: number; increment: number }
  | { type: 'CONTINUATION'; streamId: number; fragment: Uint8Array; endHeaders: boolean }
  | { type: 'UNKNOWN'; frameType: number; streamId: number; flags: number; payload: Uint8Array };

export type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;
