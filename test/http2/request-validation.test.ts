// RFC 9113 §8.1-§8.3 and §8.5: malformed requests are stream PROTOCOL_ERROR.
import t from 'tap';
import { ErrorCode as E, type HeaderCodec } from '../../impl/http2/index.js';
import { HDDeflater, HDInflater } from '../../impl/hpack/index.js';
import { Peer, bytes, f, outcomeOf, request, type Fields } from './frames.js';

const base = (): Fields => request();
const malformed: Array<[string, Fields]> = [
  ['§8.2.1 uppercase field name', [...base(), ['X-Upper', 'a']]],
  ['§8.2.1 field value with CR LF', [...base(), ['x-a', 'a\r\nb']]],
  ['§8.2.1 field value with leading space', [...base(), ['x-a', ' a']]],
  ['§8.3 unknown pseudo-header', [...base(), [':foo', 'bar']]],
  ['§8.3 response pseudo-header :status', [[':status', '200'], ...base()]],
  ['§8.3 pseudo-header after a regular field', [[':method', 'GET'], [':scheme', 'http'], ['x-a', 'b'], [':path', '/']]],
  ['§8.3 duplicate :method', [[':method', 'GET'], ...base()]],
  ['§8.3.1 missing :method', base().filter(([n]) => n !== ':method')],
  ['§8.3.1 missing :scheme', base().filter(([n]) => n !== ':scheme')],
  ['§8.3.1 missing :path', base().filter(([n]) => n !== ':path')],
  ['§8.3.1 empty :path', base().map(([n, v]): [string, string] => [n, n === ':path' ? '' : v])],
  ['§8.3.1 host differing from :authority', [...base(), ['host', 'elsewhere']]],
  ['§8.2.2 connection field', [...base(), ['connection', 'keep-alive']]],
  ['§8.2.2 transfer-encoding field', [...base(), ['transfer-encoding', 'chunked']]],
  ['§8.2.2 upgrade field', [...base(), ['upgrade', 'h2c']]],
  ['§8.2.2 te other than trailers', [...base(), ['te', 'gzip']]],
  ['§8.5 CONNECT with :path', [[':method', 'CONNECT'], [':authority', 'x:443'], [':path', '/']]],
  ['§8.5 CONNECT without :authority', [[':method', 'CONNECT']]],
  ['§8.1.1 non-numeric content-length', [...base(), ['content-length', 'ten']]],
];

for (const [name, fields] of malformed) {
  t.test(`${name} is stream PROTOCOL_ERROR`, async (t) => {
    const p = new Peer();
    p.handshake();
    const r = p.send(p.headers(1, fields, { endStream: true }));
    t.same(outcomeOf(r.frames), { stream: 1, code: E.PROTOCOL_ERROR });
    t.same(r.events.filter((e) => e.type === 'RequestReceived'), [], 'no request reaches the application');
  });
}

t.test('§8.2.2 te: trailers and a CONNECT with :authority only are accepted', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(p.headers(1, [...base(), ['te', 'trailers']], { endStream: true })).frames), 'accepted');
  t.same(outcomeOf(p.send(p.headers(3, [[':method', 'CONNECT'], [':authority', 'example.com:443']])).frames), 'accepted');
});

t.test('§8.1.1 DATA longer than content-length is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST', [['content-length', '3']])));
  t.same(outcomeOf(p.send(f.data(1, bytes('four'), true)).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§8.1.1 DATA frames summing to less than content-length is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST', [['content-length', '10']])));
  t.same(outcomeOf(p.send(f.data(1, bytes('abc'), false), f.data(1, bytes('def'), true)).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§8.1.1 content-length with END_STREAM on HEADERS and no body is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(p.headers(1, request('/', 'POST', [['content-length', '5']]), { endStream: true })).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§8.1 trailers: accepted with END_STREAM, reported as TrailersReceived', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')), f.data(1, bytes('body'), false));
  const r = p.send(p.headers(1, [['x-checksum', 'abc']], { endStream: true }));
  t.match(r.events, [{ type: 'TrailersReceived', streamId: 1, headers: [['x-checksum', 'abc']] }, { type: 'StreamEnded', streamId: 1 }]);
});

t.test('§8.1 trailers without END_STREAM are stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  t.same(outcomeOf(p.send(p.headers(1, [['x-a', 'b']])).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('§8.1 a pseudo-header in trailers is stream PROTOCOL_ERROR', async (t) => {
  const p = new Peer();
  p.handshake();
  p.send(p.headers(1, request('/', 'POST')));
  t.same(outcomeOf(p.send(p.headers(1, [[':method', 'GET']], { endStream: true })).frames), { stream: 1, code: E.PROTOCOL_ERROR });
});

t.test('the request head reaches the application parsed', async (t) => {
  const p = new Peer();
  p.handshake();
  const r = p.send(p.headers(1, request('/x?y', 'POST', [['content-length', '0']]), { endStream: true }));
  t.match(r.events[0], { type: 'RequestReceived', request: { method: 'POST', scheme: 'http', authority: 'localhost', path: '/x?y', contentLength: 0 } });
});

t.test('§4.3: a malformed request is rejected at its first bad field, yet every field after it still enters the HPACK table', async (t) => {
  const p = new Peer();
  p.handshake();
  // Hundreds of empty names (CVE-2019-9516), then a field the client's encoder indexes.
  const empties: Fields = Array.from({ length: 300 }, () => ['', '']);
  const r = p.send(p.headers(1, [...base(), ...empties, ['x-after', 'indexed']], { endStream: true }));
  t.same(outcomeOf(r.frames), { stream: 1, code: E.PROTOCOL_ERROR });
  t.match(r.events.find((e) => e.type === 'StreamClosed'), { reason: /empty field name/ });
  // The encoder now refers to x-after by its table index: only a decoder that took the whole block understands it.
  t.ok(p.deflater.getHdTable().some((e) => Buffer.from(e.name as Uint8Array).toString() === 'x-after'), 'the client indexed x-after');
  const next = p.send(p.headers(3, [...base(), ['x-after', 'indexed']], { endStream: true }));
  t.same(outcomeOf(next.frames), 'accepted');
  t.match(next.events.find((e) => e.type === 'RequestReceived'), { headers: [...base(), ['x-after', 'indexed']] });
});

t.test('§10.5.1: the field section size is counted from the decoded octets, before any field is checked', async (t) => {
  const p = new Peer({ maxHeaderListSize: 300 });
  p.handshake();
  const r = p.send(p.headers(1, [...base(), ['X-Upper', 'a'.repeat(150)]], { endStream: true }));
  t.same(outcomeOf(r.frames), { stream: 1, code: E.PROTOCOL_ERROR });
  t.match(r.events.find((e) => e.type === 'StreamClosed'), { reason: /SETTINGS_MAX_HEADER_LIST_SIZE 300/ });
});

t.test('a decoder with only the seed API (inflate, no inflateSpans) gives the same requests and rejections', async (t) => {
  const codec = (): HeaderCodec => {
    const inflater = new HDInflater({ maxHeaderListSize: 128 * 1024, maxFieldLength: 128 * 1024 });
    return { encoder: new HDDeflater(4096), decoder: { inflate: (b) => inflater.inflate(b), changeTableSize: (n) => inflater.changeTableSize(n) } };
  };
  const p = new Peer({}, { headerCodec: codec });
  p.handshake();
  const ok = p.send(p.headers(1, [...base(), ['x-a', 'b']], { endStream: true }));
  t.match(ok.events.find((e) => e.type === 'RequestReceived'), { headers: [...base(), ['x-a', 'b']] });
  const bad = p.send(p.headers(3, [...base(), ['', ''], ['x-a', 'b']], { endStream: true }));
  t.same(outcomeOf(bad.frames), { stream: 3, code: E.PROTOCOL_ERROR });
  t.match(bad.events.find((e) => e.type === 'StreamClosed'), { reason: /empty field name/ });
});

t.test('a field checked once on a connection is still judged by each check: equal fields pass, a changed value or another check is checked again', async (t) => {
  const p = new Peer();
  p.handshake();
  t.same(outcomeOf(p.send(p.headers(1, [...base(), ['x-a', 'ok']], { endStream: true })).frames), 'accepted');
  t.same(outcomeOf(p.send(p.headers(3, [...base(), ['x-a', 'ok']], { endStream: true })).frames), 'accepted', 'the same field again');
  t.same(outcomeOf(p.send(p.headers(5, [...base(), ['x-a', ' ok']], { endStream: true })).frames), { stream: 5, code: E.PROTOCOL_ERROR }, 'same name, bad value');
  // :method GET passed as a request field above; as a trailer it is malformed (§8.1).
  p.send(p.headers(7, request('/', 'POST')));
  t.same(outcomeOf(p.send(p.headers(7, [[':method', 'GET']], { endStream: true })).frames), { stream: 7, code: E.PROTOCOL_ERROR }, 'a request field in trailers');
});
