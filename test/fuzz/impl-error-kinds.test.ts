// Judging what an --impl module throws: any Error it throws on purpose (a
// plain Error, or a class of its own) rejects the input; the engine's own
// errors, Node's ERR_* and non-Error throws are crashes; `--typed-error NAME`
// requires one class. Checked on values, then end to end with a correct HPACK
// (ours) behind the seed API that throws plain Errors, and with modules that
// crash in the ways the engine does.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { crashReason, namedErrorTest, notACrash } from '../../harness/fuzz/hpack/thrown-error-kind.js';
import { projectRoot } from '../../harness/cli/package-info.js';
import { tempDir } from './broken-implementations.js';
import { finalLine, runCli } from './cli-run.js';

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
};

class HpackDecodeError extends Error {}
class IndexOutOfTable extends RangeError {}

t.test('rejections: plain Error, a subclass of its own (even of RangeError), an Error of another realm', async (t) => {
  t.equal(crashReason(new Error('bad index')), null);
  t.equal(crashReason(new HpackDecodeError('x')), null);
  t.equal(crashReason(new IndexOutOfTable('x')), null);
  t.equal(crashReason(runInNewContext('new Error("x")')), null);
  t.equal(crashReason(Object.assign(new Error('x'), { code: 'HPACK_BAD_INDEX' })), null);
});

t.test("crashes: the engine's errors, Node's ERR_*, non-Errors", async (t) => {
  t.match(crashReason(caught(() => (undefined as unknown as { x: number }).x)), /the engine's TypeError/);
  t.match(crashReason(caught(() => new Array(-1))), /the engine's RangeError/);
  t.match(crashReason(caught(() => (globalThis as unknown as { nope: () => void }).nope())), /TypeError/);
  t.match(crashReason(caught(() => runInNewContext('missing + 1'))), /the engine's ReferenceError/);
  t.match(crashReason(caught(() => Buffer.alloc(1).readUInt32BE(0))), /Node's internal error ERR_BUFFER_OUT_OF_BOUNDS/);
  const overflow = (): number => overflow() + 1;
  t.match(crashReason(caught(overflow)), /RangeError/);
  t.match(crashReason('bad block'), /non-Error value \(string\)/);
  t.match(crashReason(null), /non-Error value \(null\)/);
  t.match(crashReason({ message: 'looks like one' }), /non-Error value \(object\)/);
  t.notOk(notACrash(new TypeError('x')));
  t.ok(notACrash(new Error('x')));
});

t.test('--typed-error NAME: only that class or its subclasses', async (t) => {
  class HPACKError extends Error {}
  class HPACKIndexError extends HPACKError {}
  const typed = namedErrorTest('HPACKError');
  t.ok(typed(new HPACKError('x')));
  t.ok(typed(new HPACKIndexError('x')));
  t.notOk(typed(new Error('x')));
  t.notOk(typed(new HpackDecodeError('x')));
  t.notOk(typed('HPACKError'));
});

/** Ours behind the seed API, every error it throws turned into `make(message)`. */
function wrapper(dir: string, name: string, make: string): string {
  const impl = pathToFileURL(resolve(projectRoot, 'dist/impl/index.js')).href;
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `import { HDDeflater as D, HDInflater as I } from ${JSON.stringify(impl)};
const rethrow = (f) => { try { return f(); } catch (e) { const message = e.message; ${make} } };
export class HDDeflater {
  constructor(max) { this.d = new D(max); }
  deflate(h) { return rethrow(() => this.d.deflate(h)); }
  changeTableSize(n) { return rethrow(() => this.d.changeTableSize(n)); }
  getHdTable() { return this.d.getHdTable(); }
}
export class HDInflater {
  constructor() { this.i = new I(); }
  inflate(b) { return rethrow(() => this.i.inflate(b)); }
  changeTableSize(n) { return rethrow(() => this.i.changeTableSize(n)); }
  getHdTable() { return this.i.getHdTable(); }
}
`,
  );
  return file;
}

const fuzz = (impl: string, extra: string[] = []): ReturnType<typeof runCli> =>
  runCli(['fuzz', 'hpack', '--impl', impl, '--seconds', '4', '--seed', '7', '--oracles', 'nghttp2', '--out', join(impl, '..', 'out'), ...extra], 60_000);

t.test('a correct HPACK that throws plain Errors: no failure by default, a failure with --typed-error', async (t) => {
  const dir = tempDir(t, 'plain-error');
  const impl = wrapper(dir, 'plain', 'throw new Error(message);');
  const fair = await fuzz(impl);
  t.equal(fair.code, 0, fair.stdout + fair.stderr);
  const last = finalLine(fair.stdout);
  t.equal(last?.failures, 0);
  t.ok((last?.cases ?? 0) > 100, `${last?.cases} cases ran`);
  const strict = await fuzz(impl, ['--typed-error', 'HPACKError']);
  t.equal(strict.code, 1, strict.stdout);
  t.match(strict.stdout, /inflater threw Error \(not its typed error\)/);
});

t.test('modules that crash instead of rejecting are failures', async (t) => {
  const dir = tempDir(t, 'crashing');
  for (const [name, make, said] of [
    ['type-error', 'return null.fields;', /crashed \(threw the engine's TypeError\)/],
    ['string', 'throw message;', /crashed \(threw a non-Error value \(string\)\)/],
    ['node-internal', 'return Buffer.alloc(0).readUInt8(0);', /crashed \(threw Node's internal error ERR_\w+\)/],
  ] as const) {
    const r = await fuzz(wrapper(dir, name, make));
    t.equal(r.code, 1, `${name}: exit 1`);
    t.match(r.stdout, said, `${name}: said why`);
  }
});

t.test('--typed-error without --impl is bad usage', async (t) => {
  const r = await runCli(['fuzz', 'hpack', '--typed-error', 'X', '--runs', '1'], 30_000);
  t.equal(r.code, 2);
});
