// Shared response fields (shared-fields.ts): a pair is shared only when it
// passed the field rules, and the section check trusts it only by identity.
import t from 'tap';
import { Http2UsageError } from '../../impl/http2/errors.js';
import { checkResponseFields } from '../../impl/http2/outbound-fields.js';
import { isSharedField, sharedField } from '../../impl/http2/shared-fields.js';

t.test('a valid ASCII field is one frozen pair, handed out again for the same name and value', async (t) => {
  const a = sharedField('content-type', 'text/css');
  t.ok(a && Object.isFrozen(a));
  t.same(a, ['content-type', 'text/css']);
  t.equal(sharedField('content-type', 'text/css'), a, 'the same pair');
  t.ok(isSharedField(a!));
  t.not(sharedField('content-type', 'text/html'), a);
});

t.test('a field breaking a rule, non-ASCII or too long is not shared', async (t) => {
  t.equal(sharedField('x-a', ' leading space'), null);
  t.equal(sharedField('x-a', 'a\r\nb'), null);
  t.equal(sharedField('connection', 'close'), null);
  t.equal(sharedField('te', 'gzip'), null);
  t.equal(sharedField('x-a', 'caf\u00e9'), null);
  t.equal(sharedField('', 'v'), null);
  t.equal(sharedField('x-long', 'v'.repeat(200)), null);
});

t.test('an equal pair that is not the shared one is checked as any other field', async (t) => {
  const shared = sharedField('x-b', 'ok')!;
  const lookalike = Object.freeze(['x-b', 'ok'] as const);
  t.ok(isSharedField(shared));
  t.notOk(isSharedField(lookalike), 'identity, not content');
  t.notOk(isSharedField(['x-b', 'ok']));
  // A bad field is refused by the section check whatever the cache holds.
  t.throws(() => checkResponseFields([[':status', '200'], ['x-b', ' ok']], false), Http2UsageError);
});

t.test('pseudo-header rules still apply to a shared pair: :status in trailers is refused', async (t) => {
  const status = sharedField(':status', '200')!;
  t.ok(isSharedField(status));
  t.same(checkResponseFields([status, sharedField('x-c', 'v')!], false), [[':status', '200'], ['x-c', 'v']]);
  t.throws(() => checkResponseFields([status], true), { code: 'ERR_INVALID_HEADER' });
  t.throws(() => checkResponseFields([sharedField('x-c', 'v')!, status], false), { code: 'ERR_INVALID_HEADER' }, 'pseudo after regular');
});
