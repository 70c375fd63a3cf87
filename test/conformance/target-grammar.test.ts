// The --target grammar: built-in names, `all` over what is installed,
// http:// and https:// URLs, a bare HOST:PORT only with --tls or --h2c, and
// comma lists mixing them; plus every name having a server behind it.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  NAMED_TARGETS, SERVER_TARGETS, parseTargets, runTransports, targetLabel, transportsOf, TargetSyntaxError,
  type NamedTarget, type TransportFlags,
} from '../../harness/conformance/target-grammar.js';
import { peerOf, targetInstalled } from '../../harness/conformance/conformance-targets.js';
import { REAL_SERVERS } from '../../harness/peers/servers/index.js';
import { projectRoot } from '../../harness/cli/package-info.js';

const none: TransportFlags = { tls: false, h2c: false };
const everything = (): true => true;
const parse = (text: string, flags = none, installed: (n: NamedTarget) => string | true = everything) => parseTargets(text, flags, installed);

t.test('a built-in name is that target', async (t) => {
  for (const name of NAMED_TARGETS) t.same(parse(name).targets, [{ kind: 'peer', name }]);
});

t.test('URLs carry their transport; default ports; IPv6 in brackets', async (t) => {
  t.same(parse('http://127.0.0.1:8080').targets, [{ kind: 'external', host: '127.0.0.1', port: 8080, transport: 'h2c' }]);
  t.same(parse('https://127.0.0.1:8443/').targets, [{ kind: 'external', host: '127.0.0.1', port: 8443, transport: 'tls' }]);
  t.same(parse('https://[::1]:8443').targets, [{ kind: 'external', host: '::1', port: 8443, transport: 'tls' }]);
  t.same(parse('https://localhost').targets, [{ kind: 'external', host: 'localhost', port: 443, transport: 'tls' }]);
  t.same(parse('http://[::1]').targets, [{ kind: 'external', host: '::1', port: 80, transport: 'h2c' }]);
  t.equal(targetLabel(parse('https://[::1]:8443').targets[0]!), '[::1]:8443');
});

t.test('a bare HOST:PORT is refused without --tls or --h2c, and takes the one given', async (t) => {
  t.throws(() => parse('127.0.0.1:8443'), new TargetSyntaxError('"127.0.0.1:8443" does not say its transport: write http://127.0.0.1:8443 (h2c) or https://127.0.0.1:8443 (TLS), or add --h2c or --tls'));
  t.same(parse('127.0.0.1:8443', { tls: true, h2c: false }).targets, [{ kind: 'external', host: '127.0.0.1', port: 8443, transport: 'tls' }]);
  t.same(parse('127.0.0.1:8080', { tls: false, h2c: true }).targets, [{ kind: 'external', host: '127.0.0.1', port: 8080, transport: 'h2c' }]);
});

t.test('a URL of the other transport than --tls / --h2c is refused', async (t) => {
  t.throws(() => parse('http://127.0.0.1:1', { tls: true, h2c: false }), TargetSyntaxError);
  t.throws(() => parse('ref,https://127.0.0.1:1', { tls: false, h2c: true }), TargetSyntaxError);
});

t.test('malformed items are refused with the accepted forms', async (t) => {
  for (const bad of ['', 'nginx,', 'bogus', 'ftp://127.0.0.1:21', 'http://127.0.0.1:8080/path', '127.0.0.1:0', '127.0.0.1:70000', 'https://']) {
    t.throws(() => parse(bad, { tls: true, h2c: false }), TargetSyntaxError, bad);
  }
});

t.test('comma lists mix names and URLs, in order, without duplicates', async (t) => {
  const { targets } = parse('ref,nginx,https://127.0.0.1:8443,ref,http://127.0.0.1:8443');
  t.same(targets, [
    { kind: 'peer', name: 'ref' },
    { kind: 'peer', name: 'nginx' },
    { kind: 'external', host: '127.0.0.1', port: 8443, transport: 'tls' },
    { kind: 'external', host: '127.0.0.1', port: 8443, transport: 'h2c' },
  ]);
});

t.test('all: every installed built-in target, the others named as not run', async (t) => {
  const installed = (n: NamedTarget) => (n === 'caddy' || n === 'apache' ? `${n} is not installed` : true);
  const choice = parse('all', none, installed);
  t.same(choice.targets.map(targetLabel), NAMED_TARGETS.filter((n) => n !== 'caddy' && n !== 'apache'));
  t.same(choice.notRun, [{ name: 'apache', reason: 'apache is not installed' }, { name: 'caddy', reason: 'caddy is not installed' }]);
  const withUrl = parse('all,https://127.0.0.1:9', none, installed);
  t.equal(withUrl.targets.at(-1)!.kind, 'external');
  t.same(parse('caddy', none, installed).targets, [{ kind: 'peer', name: 'caddy' }], 'named explicitly, it is kept (and reported as not installed when started)');
});

t.test('transports: built-in targets take the run flags, a user server its own', async (t) => {
  const { targets } = parse('ref,https://127.0.0.1:8443');
  t.same(runTransports(targets, none), ['h2c', 'tls']);
  t.same(transportsOf(targets[0]!, ['h2c', 'tls']), ['h2c', 'tls']);
  t.same(transportsOf(targets[1]!, ['h2c', 'tls']), ['tls']);
  t.same(runTransports(parse('https://127.0.0.1:8443').targets, none), ['tls']);
  t.same(runTransports(parse('ref').targets, { tls: false, h2c: true }), ['h2c']);
  t.same(runTransports(parse('http://a:1,https://b:2').targets, none), ['h2c', 'tls']);
});

t.test('every built-in name has a server peer; the real servers match scripts/tools.json', async (t) => {
  for (const name of NAMED_TARGETS) t.equal(peerOf(name).name, name);
  const tools = JSON.parse(readFileSync(resolve(projectRoot, 'scripts/tools.json'), 'utf8')) as { servers: Record<string, { binary: string }> };
  t.same(Object.keys(tools.servers), [...SERVER_TARGETS]);
  t.same(REAL_SERVERS.map((s) => [s.name, s.binary]), SERVER_TARGETS.map((n) => [n, tools.servers[n]!.binary]));
  t.equal(targetInstalled('ref'), true);
});
