// The HTTP/1.1 side door of a cleartext port: an `Upgrade: h2c` request
// (RFC 7540 §3.2) becomes stream 1 of an HTTP/2 connection; any other
// HTTP/1.1 request gets a clear 505 response instead of a hang.
import type { FieldList } from '../http2/fields.js';

export interface Http1Request {
  method: string;
  target: string;
  fields: Array<[string, string]>;
  /** Bytes after the head (the client preface, after an upgrade). */
  rest: Uint8Array;
}

const MAX_HEAD = 16 * 1024;
/** Largest HTTP/1.1 body accepted with an Upgrade request (it is buffered). */
export const MAX_UPGRADE_BODY = 1024 * 1024;

/** 'more' = need more bytes; 'invalid' = not HTTP/1.x at all; else the parsed head. */
export function parseHttp1Head(buf: Buffer): Http1Request | 'more' | 'invalid' {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) {
    const firstLine = buf.indexOf('\r\n');
    if (firstLine >= 0 && !/^[A-Za-z]+ \S+ HTTP\/1\.[01]$/.test(buf.subarray(0, firstLine).toString('latin1'))) return 'invalid';
    return buf.length > MAX_HEAD ? 'invalid' : 'more';
  }
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^([A-Za-z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!m) return 'invalid';
  const fields: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) return 'invalid';
    fields.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
  }
  return { method: m[1]!, target: m[2]!, fields, rest: buf.subarray(end + 4) };
}

const get = (r: Http1Request, n: string): string | undefined => r.fields.find(([k]) => k === n)?.[1];

/**
 * RFC 7540 §3.2: an upgrade needs `Upgrade: h2c`, one `HTTP2-Settings`
 * (base64url SETTINGS payload) and both named in `Connection`. A body must
 * come with Content-Length (at most MAX_UPGRADE_BODY); it is read as HTTP/1.1
 * before the switch and handed to stream 1. Chunked bodies are not upgraded.
 */
export function upgradeOf(r: Http1Request): { settings: Uint8Array; fields: FieldList; bodyLength: number } | null {
  const upgrade = get(r, 'upgrade');
  const settings = get(r, 'http2-settings');
  const connection = (get(r, 'connection') ?? '').toLowerCase().split(',').map((s) => s.trim());
  if (!upgrade || !upgrade.split(',').some((p) => p.trim() === 'h2c') || settings === undefined) return null;
  if (!connection.includes('upgrade') || !connection.includes('http2-settings')) return null;
  const length = get(r, 'content-length') ?? '0';
  if (!/^\d{1,9}$/.test(length) || Number(length) > MAX_UPGRADE_BODY || get(r, 'transfer-encoding') !== undefined) return null;
  const skip = new Set(['connection', 'upgrade', 'http2-settings', 'host', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te']);
  const fields: FieldList = [
    [':method', r.method],
    [':scheme', 'http'],
    [':authority', get(r, 'host') ?? ''],
    [':path', r.target],
  ];
  for (const [k, v] of r.fields) if (!skip.has(k)) fields.push([k, v]);
  return { settings: Buffer.from(settings, 'base64url'), fields, bodyLength: Number(length) };
}

export const SWITCHING_PROTOCOLS = 'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n';

export function http2OnlyResponse(tls: boolean): string {
  const body = tls
    ? 'This server speaks HTTP/2 only: negotiate "h2" with ALPN.\n'
    : 'This server speaks HTTP/2 only: connect with prior knowledge (h2c) or send Upgrade: h2c with HTTP2-Settings.\n';
  return `HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
