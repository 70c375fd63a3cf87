// The parts of the wire oracles that can go wrong quietly: how nghttp's -v
// output is read, which -H fields nghttp really sends, how a list becomes
// node:http2's headers object, and where the capture server puts the
// peer's SETTINGS acknowledgement among its blocks.
import t from 'tap';
import http2 from 'node:http2';
import { CaptureServer } from '../../harness/peers/wire/capture-server.js';
import { nghttpRequestFields, parseNghttpVerbose } from '../../harness/peers/wire/nghttp-oracle.js';
import { nodeRequestHeaders } from '../../harness/peers/wire/node-http2-oracle.js';
import { HDInflater } from '../../impl/index.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

t.test('nghttp -v: fields by stream, never-indexed ones, whole blocks, resets and GOAWAY', async (t) => {
  const out = [
    '[  0.002] recv (stream_id=13) :status: 200',
    '[  0.002] recv (stream_id=13) x-a: b: c',
    '[  0.002] recv (stream_id=13, sensitive) authorization: x',
    '[  0.002] recv (stream_id=13) x-empty: ',
    '[  0.002] recv HEADERS frame <length=12, flags=0x05, stream_id=13>',
    '          ; END_STREAM | END_HEADERS',
    '[  0.003] recv (stream_id=15) :status: 404',
    '[  0.003] send RST_STREAM frame <length=4, flags=0x00, stream_id=15>',
    '          (error_code=PROTOCOL_ERROR(0x01))',
    '[  0.004] send GOAWAY frame <length=8, flags=0x00, stream_id=0>',
    '          (last_stream_id=0, error_code=COMPRESSION_ERROR(0x09), opaque_data(0)=[])',
  ].join('\n');
  const p = parseNghttpVerbose(out);
  t.same(p.fields.get(13)!.map(([n, v]) => [text(n), text(v)]), [[':status', '200'], ['x-a', 'b: c'], ['authorization', 'x'], ['x-empty', '']]);
  t.same(p.neverIndexed.get(13), ['authorization']);
  t.ok(p.decodedWhole.has(13));
  t.notOk(p.decodedWhole.has(15), 'stream 15 has fields but no whole HEADERS frame');
  t.equal(p.resets.get(15), 'PROTOCOL_ERROR');
  t.equal(p.goAwayError, 'COMPRESSION_ERROR');
  t.equal(parseNghttpVerbose(out.replace('COMPRESSION_ERROR(0x09)', 'NO_ERROR(0x00)')).goAwayError, undefined, 'a clean GOAWAY is no error');
});

t.test('nghttp -H: no empty values, and one value for the names nghttp replaces', async (t) => {
  const sent = nghttpRequestFields([['accept', 'a'], ['x-a', ''], ['x-a', '1'], ['accept', 'b'], ['user-agent', 'u'], ['x-a', '2']]);
  t.same(sent, [['x-a', '1'], ['accept', 'b'], ['user-agent', 'u'], ['x-a', '2']]);
});

t.test('node:http2 headers: duplicates grouped, single-value names once, sensitive names listed, __proto__ a field', async (t) => {
  const { headers, sent } = nodeRequestHeaders([
    [':method', 'GET'],
    ['x-a', '1'],
    ['user-agent', 'u1'],
    ['x-a', '2'],
    ['user-agent', 'u2'],
    ['__proto__', 'p'],
    ['authorization', 's', { sensitive: true }],
  ]);
  t.same(headers['x-a'], ['1', '2']);
  t.equal(headers['user-agent'], 'u1');
  t.equal(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value, 'p');
  t.same((headers as Record<symbol, unknown>)[http2.sensitiveHeaders], ['authorization']);
  t.equal(sent.length, 6, 'the repeated user-agent is not sent');
});

t.test('the capture server records blocks in wire order with the acknowledgement of its table size', async (t) => {
  const server = await CaptureServer.listen();
  t.teardown(() => server.close());
  const captured = server.capture({ decoderTableSize: 256, expectedBlocks: 2, timeoutMs: 5000 });
  const client = http2.connect(`http://127.0.0.1:${server.port}`);
  client.on('error', () => undefined);
  await new Promise((ok) => client.once('remoteSettings', ok));
  for (const path of ['/one', '/two']) client.request({ ':path': path, 'x-long': 'v'.repeat(300) }, { endStream: true }).resume();
  const capture = await captured;
  client.destroy();
  t.equal(capture.incomplete, undefined);
  t.same(capture.streamIds, [1, 3]);
  t.same(capture.steps[0], { kind: 'settings', size: 256 }, 'acknowledged before the requests, so it comes first');
  // node's encoder now works under 256: its first block opens with a size update, and the 300-octet field is never indexed.
  const inflater = new HDInflater();
  inflater.changeTableSize(256);
  const paths = capture.steps.flatMap((s) => (s.kind === 'block' ? [inflater.inflate(s.bytes).find(([n]) => text(n) === ':path')] : []));
  t.same(paths.map((f) => text(f![1])), ['/one', '/two']);
  t.ok(inflater.getHdTable().every((e) => text(e.name) !== 'x-long'));
});

t.test('a capture armed for a client that never connects ends when abandoned', async (t) => {
  const server = await CaptureServer.listen();
  t.teardown(() => server.close());
  const captured = server.capture({ decoderTableSize: 4096, expectedBlocks: 1, timeoutMs: 60_000 });
  server.abandon('the client failed to start');
  t.same(await captured, { steps: [], streamIds: [], incomplete: 'the client failed to start' });
});
