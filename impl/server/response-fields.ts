// Builds the response field list: `:status` first (RFC 9113 §8.3.2), then
// the application's fields with names lowercased (§8.2). Connection-specific
// fields are refused (§8.2.2): sending them would make the response malformed.
import { Http2UsageError } from '../http2/errors.js';
import { CONNECTION_SPECIFIC_FIELDS, type FieldInput } from '../http2/fields.js';
import { sharedField } from '../http2/shared-fields.js';
import type { HeaderField } from '../hpack/types.js';

/** One frozen `:status` field per code, made on first use: every response starts with one, and frozen it can be shared. */
const STATUS_FIELDS: Array<HeaderField | undefined> = [];
function statusField(status: number): HeaderField {
  return (STATUS_FIELDS[status] ??= sharedField(':status', String(status)) ?? (Object.freeze([':status', String(status)]) as HeaderField));
}

/**
 * Frozen, section and fields: the core keeps a frozen section as it is
 * instead of copying it (outbound-fields.ts), and this one is ours alone.
 */
export function responseFields(status: number, headers: FieldInput | undefined): readonly HeaderField[] {
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    throw new Http2UsageError('ERR_INVALID_ARGUMENT', `status must be an integer 100..999, got ${status}`);
  }
  const out: HeaderField[] = [statusField(status)];
  // Indexed, not for…of with destructuring: that made iterators per field, and this runs for every response.
  for (let i = 0; headers !== undefined && i < headers.length; i++) {
    const field = headers[i]!;
    const name = field[0];
    const value = field[1];
    const options = field[2];
    const n = typeof name === 'string' ? name.toLowerCase() : name;
    const text = typeof n === 'string' ? n : Buffer.from(n).toString('latin1');
    if (text.startsWith(':')) throw new Http2UsageError('ERR_INVALID_HEADER', `pseudo-header "${text}" cannot be set by the application`);
    if (CONNECTION_SPECIFIC_FIELDS.has(text)) throw new Http2UsageError('ERR_INVALID_HEADER', `connection-specific field "${text}" is not allowed in HTTP/2 (RFC 9113 §8.2.2)`);
    // A string field without options is a pair shared with earlier responses when it can be (shared-fields.ts).
    const shared = options === undefined && typeof n === 'string' && typeof value === 'string' ? sharedField(n, value) : null;
    out.push(shared ?? (Object.freeze(options === undefined ? [n, value] : [n, value, options]) as HeaderField));
  }
  return Object.freeze(out);
}
