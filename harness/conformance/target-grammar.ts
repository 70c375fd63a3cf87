// `--target` as text → what to run against, without starting anything.
//
//   ref | node | nghttpd | nginx | h2o | apache | haproxy | caddy   built-in targets
//   all                      every built-in target installed here (the rest are named as not run)
//   http://HOST:PORT         a running server, h2c with prior knowledge
//   https://HOST:PORT        a running server, TLS with ALPN h2
//   HOST:PORT                the same, only with --h2c or --tls: one port serves one
//                            transport, so running both against it would report one of
//                            them as failing every case
//   A,B,…                    any of these, in order, duplicates dropped
import type { Transport } from '../report/report-model.js';

export const SERVER_TARGETS = ['nginx', 'h2o', 'apache', 'haproxy', 'caddy'] as const;
export const NAMED_TARGETS = ['ref', 'node', 'nghttpd', ...SERVER_TARGETS] as const;
export type NamedTarget = (typeof NAMED_TARGETS)[number];

export type TargetSpec =
  | { kind: 'peer'; name: NamedTarget }
  /** A server the user runs; it speaks exactly one transport. */
  | { kind: 'external'; host: string; port: number; transport: Transport };

export interface NotRunTarget {
  name: NamedTarget;
  reason: string;
}

export interface TargetChoice {
  targets: TargetSpec[];
  /** Built-in targets `all` left out because they are not installed. */
  notRun: NotRunTarget[];
}

export interface TransportFlags {
  tls: boolean;
  h2c: boolean;
}

/** Says why a `--target` cannot be used; the CLI turns it into a usage error (exit 2). */
export class TargetSyntaxError extends Error {
  override name = 'TargetSyntaxError';
}

export const TARGET_FORMS = `${NAMED_TARGETS.join(', ')}, all, http://HOST:PORT (h2c), https://HOST:PORT (TLS), HOST:PORT with --h2c or --tls, or a comma list of these`;

const isNamed = (text: string): text is NamedTarget => (NAMED_TARGETS as readonly string[]).includes(text);

function hostPort(text: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

function parseUrl(text: string): TargetSpec {
  const m = /^(https?):\/\/([^/?#]+)\/?$/.exec(text);
  if (!m) throw new TargetSyntaxError(`"${text}" is not http://HOST:PORT or https://HOST:PORT (no path)`);
  const tls = m[1] === 'https';
  const hp = hostPort(m[2]!) ?? hostPort(`${m[2]}:${tls ? 443 : 80}`);
  if (!hp) throw new TargetSyntaxError(`"${text}" has no valid HOST:PORT`);
  return { kind: 'external', ...hp, transport: tls ? 'tls' : 'h2c' };
}

function parseItem(item: string, flags: TransportFlags): TargetSpec[] | 'all' {
  if (item === 'all') return 'all';
  if (isNamed(item)) return [{ kind: 'peer', name: item }];
  if (/^[a-z]+:\/\//i.test(item)) {
    const spec = parseUrl(item) as Extract<TargetSpec, { kind: 'external' }>;
    // --tls / --h2c narrow the whole run; a URL of the other transport would silently not run.
    if ((flags.tls && spec.transport !== 'tls') || (flags.h2c && spec.transport !== 'h2c')) {
      throw new TargetSyntaxError(`"${item}" is ${spec.transport}, but --${flags.tls ? 'tls' : 'h2c'} asks for ${flags.tls ? 'TLS' : 'h2c'} only`);
    }
    return [spec];
  }
  const hp = hostPort(item);
  if (!hp) throw new TargetSyntaxError(`unknown target "${item}"; use ${TARGET_FORMS}`);
  if (flags.tls === flags.h2c) {
    throw new TargetSyntaxError(
      `"${item}" does not say its transport: write http://${item} (h2c) or https://${item} (TLS), or add --h2c or --tls`,
    );
  }
  return [{ kind: 'external', ...hp, transport: flags.tls ? 'tls' : 'h2c' }];
}

export function targetLabel(spec: TargetSpec): string {
  return spec.kind === 'peer' ? spec.name : `${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
}

/**
 * Parses `--target`. `installed` says whether a built-in target can run
 * here; it matters only for `all`, which takes the installed ones and
 * names the others.
 */
export function parseTargets(text: string, flags: TransportFlags, installed: (name: NamedTarget) => string | true): TargetChoice {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new TargetSyntaxError(`--target "${text}" has an empty item; use ${TARGET_FORMS}`);
  const targets: TargetSpec[] = [];
  const notRun: NotRunTarget[] = [];
  const seen = new Set<string>();
  const add = (spec: TargetSpec) => {
    const key = spec.kind === 'peer' ? spec.name : `${targetLabel(spec)}/${spec.transport}`;
    if (!seen.has(key)) targets.push(spec);
    seen.add(key);
  };
  for (const item of items) {
    const parsed = parseItem(item, flags);
    if (parsed !== 'all') {
      parsed.forEach(add);
      continue;
    }
    for (const name of NAMED_TARGETS) {
      const ok = installed(name);
      if (ok === true) add({ kind: 'peer', name });
      else if (!notRun.some((n) => n.name === name)) notRun.push({ name, reason: ok });
    }
  }
  return { targets, notRun: notRun.filter((n) => !seen.has(n.name)) };
}

/**
 * The transports a target runs over, given the run's (runTransports): a
 * built-in target runs over all of them, a user's server over its own.
 */
export function transportsOf(spec: TargetSpec, runTransports: readonly Transport[]): Transport[] {
  return spec.kind === 'external' ? [spec.transport] : [...runTransports];
}

/**
 * The run's transports: what the flags say for built-in targets (both by
 * default), plus those of the user's servers; h2c first.
 */
export function runTransports(targets: readonly TargetSpec[], flags: TransportFlags): Transport[] {
  const forNamed: Transport[] = flags.tls ? ['tls'] : flags.h2c ? ['h2c'] : ['h2c', 'tls'];
  const wanted = new Set<Transport>();
  for (const spec of targets) for (const t of transportsOf(spec, forNamed)) wanted.add(t);
  return (['h2c', 'tls'] as const).filter((t) => wanted.has(t));
}
