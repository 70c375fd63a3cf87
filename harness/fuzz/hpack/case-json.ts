// Cases and outputs as JSON for reproducers. Bytes that are printable ASCII
// stay readable strings; anything else (every byte value is generated) is
// written as { "hex": ... } so it survives the round trip exactly.
import type { FieldPart, InputField } from '../../peers/hpack-implementation.js';
import { toBytes } from '../../peers/hpack-implementation.js';
import type { BlockMutation, HpackCase, SessionStep } from './hpack-case.js';
import type { WireCase, WireMessage } from './wire/wire-case.js';

export type JsonBytes = string | { hex: string };

function isPrintableAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return false;
  return true;
}

export function bytesToJson(part: FieldPart): JsonBytes {
  const bytes = toBytes(part);
  return isPrintableAscii(bytes) ? Buffer.from(bytes).toString('latin1') : { hex: Buffer.from(bytes).toString('hex') };
}

export function bytesFromJson(json: JsonBytes): Uint8Array {
  if (typeof json === 'string') return new Uint8Array(Buffer.from(json, 'latin1'));
  return new Uint8Array(Buffer.from(json.hex, 'hex'));
}

type JsonField = [JsonBytes, JsonBytes] | [JsonBytes, JsonBytes, { sensitive: true }];

export function fieldToJson(field: InputField): JsonField {
  const pair: [JsonBytes, JsonBytes] = [bytesToJson(field[0]), bytesToJson(field[1])];
  return field[2]?.sensitive === true ? [...pair, { sensitive: true }] : pair;
}

export function fieldFromJson(json: JsonField): InputField {
  const name = bytesFromJson(json[0]);
  const value = bytesFromJson(json[1]);
  return json[2]?.sensitive === true ? [name, value, { sensitive: true }] : [name, value];
}

function mutationToJson(m: BlockMutation): unknown {
  return m.kind === 'raw' ? { ...m, bytes: bytesToJson(m.bytes) } : m;
}

function mutationFromJson(json: Record<string, unknown>): BlockMutation {
  return (json.kind === 'raw' ? { ...json, bytes: bytesFromJson(json.bytes as JsonBytes) } : json) as BlockMutation;
}

export function caseToJson(c: HpackCase): unknown {
  return {
    session: {
      deflaterCap: c.session.deflaterCap,
      steps: c.session.steps.map((s) => (s.kind === 'headers' ? { kind: 'headers', fields: s.fields.map(fieldToJson) } : s)),
    },
    mutations: c.mutations.map(mutationToJson),
  };
}

export function caseFromJson(json: unknown): HpackCase {
  const c = json as { session: { deflaterCap: number; steps: Array<Record<string, unknown>> }; mutations?: Array<Record<string, unknown>> };
  const steps: SessionStep[] = c.session.steps.map((s) =>
    s.kind === 'headers' ? { kind: 'headers', fields: (s.fields as JsonField[]).map(fieldFromJson) } : { kind: 'settings', size: s.size as number },
  );
  return { session: { deflaterCap: c.session.deflaterCap, steps }, mutations: (c.mutations ?? []).map(mutationFromJson) };
}

export function wireCaseToJson(c: WireCase): unknown {
  return { ...c, messages: c.messages.map((m) => ({ ...m, fields: m.fields.map(fieldToJson) })) };
}

export function wireCaseFromJson(json: unknown): WireCase {
  const c = json as Omit<WireCase, 'messages'> & { messages: Array<Omit<WireMessage, 'fields'> & { fields: JsonField[] }> };
  return { ...c, messages: c.messages.map((m) => ({ ...m, fields: m.fields.map(fieldFromJson) })) };
}
