// Case ids are positions, case keys are what a case is: the key of a case
// does not depend on where h2spec lists it, and tells suites apart.
import t from 'tap';
import { caseId, caseKey } from '../../harness/conformance/case-id.js';

t.test('the key is the section and a digest of the description, whatever the position', async (t) => {
  const key = caseKey('http2', '5.1.1', 'Sends stream identifier that is numerically smaller than previous');
  t.equal(key, '5.1.1#120bed5a', 'a fixed value: the committed baseline is written in these');
  t.equal(caseKey('http2', '5.1.1', '  Sends stream identifier that is\tnumerically smaller than previous '), key, 'whitespace does not matter');
  t.not(caseKey('http2', '5.1.1', 'Sends even-numbered stream identifier'), key, 'another case of the section differs');
  t.not(caseKey('http2', '5.1', 'Sends stream identifier that is numerically smaller than previous'), key, 'the section is part of it');
});

t.test('generic and hpack keep their suite prefix, as ids do', async (t) => {
  t.match(caseKey('generic', '3.1', 'Sends a DATA frame'), /^generic\/3\.1#[0-9a-f]{8}$/);
  t.match(caseKey('hpack', '6.1', 'Sends a indexed header field representation'), /^hpack\/6\.1#[0-9a-f]{8}$/);
  t.equal(caseId('http2', '6.5.3', 1), '6.5.3/1');
  t.equal(caseId('generic', '3.1', 2), 'generic/3.1/2');
});
