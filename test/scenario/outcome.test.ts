// Outcome reduction: a transcript becomes what a client can observe, and
// nothing the RFC leaves free (frame boundaries, WINDOW_UPDATE timing) shows.
import t from 'tap';
import { reduceTranscript, streamDisposition } from '../../harness/scenario/outcome.js';
import { runInProcess } from '../../harness/scenario/in-process-target.js';
import { ROOT_BODY } from '../../harness/peers/peer-routes.js';
import { get, goaway, post, rst, transcript, withHandshake } from '../fuzz/server-transcripts.js';

const fnv = (bytes: Uint8Array): number => {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
};

t.test('a GET against the core in process: status, body length and digest, ended by the server', async (t) => {
  const o = reduceTranscript(runInProcess(withHandshake(get(1))));
  const s = o.streams[1]!;
  t.equal(s.status, 200);
  t.equal(s.bodyLength, ROOT_BODY.length);
  t.equal(s.bodyFnv, fnv(Buffer.from(ROOT_BODY)), 'the digest is of the body octets');
  t.ok(s.endedByServer);
  t.equal(s.reset, null);
  t.equal(streamDisposition(s), 'answered');
  t.equal(o.connection.settingsAcks, 1, 'our SETTINGS were acknowledged');
  t.same(o.connection.serverSettings?.find(([id]) => id === 3), [3, 4], 'the server preface is kept');
  t.equal(o.connection.closed, false);
  t.equal(o.connection.goAway, null);
});

t.test('DATA frame boundaries do not change the outcome', async (t) => {
  const s = withHandshake(get(1));
  const one = transcript(s, { 0: [{ type: 'HEADERS', stream: 1, fields: [[':status', '200']], endStream: false }, { type: 'DATA', stream: 1, length: 10, endStream: true }] });
  const two = transcript(s, {
    0: [
      { type: 'HEADERS', stream: 1, fields: [[':status', '200']], endStream: false },
      { type: 'WINDOW_UPDATE', stream: 0, increment: 100 },
      { type: 'DATA', stream: 1, length: 4, endStream: false },
      { type: 'DATA', stream: 1, length: 6, endStream: true },
    ],
  });
  t.same(reduceTranscript(one), reduceTranscript(two));
});

t.test('resets, interim responses, trailers, GOAWAY codes and PING ACKs are kept', async (t) => {
  const s = withHandshake(post(1), get(3), { op: 'ping', opaque: '0102030405060708' });
  const o = reduceTranscript(
    transcript(s, {
      0: [rst(1, 5), rst(1, 1)],
      1: [
        { type: 'HEADERS', stream: 3, fields: [[':status', '103']], endStream: false },
        { type: 'HEADERS', stream: 3, fields: [[':status', '200'], ['x-a', '1']], endStream: false },
        { type: 'HEADERS', stream: 3, fields: [['x-trailer', '1']], endStream: true },
      ],
      2: [{ type: 'PING', ack: true, opaque: '0102030405060708' }, goaway(0, 3), goaway(1, 3), 'closed'],
    }),
  );
  t.same(o.streams[1]!.resets, [5, 1], 'every reset code, in order');
  t.equal(o.streams[1]!.reset, 5, 'the first one as the reset');
  t.equal(streamDisposition(o.streams[1]), 'reset:5');
  t.equal(o.streams[3]!.interim, 1);
  t.equal(o.streams[3]!.status, 200);
  t.same(o.streams[3]!.fields, [['x-a', '1']], 'fields of the final response, without pseudo-fields');
  t.ok(o.streams[3]!.trailers);
  t.ok(o.streams[3]!.endedByServer);
  t.same(o.connection.pingAcks, ['0102030405060708']);
  t.same(o.connection.goAway, { code: 1, lastStreamId: 3 }, 'the last GOAWAY');
  t.same(o.connection.errorGoAway, { code: 1, lastStreamId: 3 }, 'the first one with an error');
  t.ok(o.connection.closed);
  t.equal(streamDisposition(undefined), 'silent');
});

t.test('a timed-out run says so', async (t) => {
  const tr = transcript(withHandshake(get(1)));
  tr.entries.push({ from: 'harness', timedOut: 100 });
  t.ok(reduceTranscript(tr).connection.timedOut);
});
