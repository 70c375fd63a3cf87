// A real HTTP/2 server from Debian (nginx, h2o, Apache, HAProxy, Caddy) as
// a server peer: a fresh working folder (server-layout.ts), a config the
// target's module generates for one listener on a free loopback port (h2c
// with prior knowledge or TLS with ALPN h2), the process in the foreground
// so its PID is ours to stop, and the version it reports.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { findOnPath, PeerNotInstalledError, notInstalled } from '../peer-availability.js';
import type { RunningServer, ServedRoutes, ServerPeer, ServerStartOptions } from '../server-peer.js';
import { startServerProcess } from '../server-process.js';
import { makeServerLayout, type ServerLayout } from './server-layout.js';
import { serverInstallCommand } from './server-packages.js';

export interface ListenOn {
  host: string;
  port: number;
  tls: boolean;
  /** True when we run as root: the config names an unprivileged user to serve as. */
  root: boolean;
}

export interface GeneratedConfig {
  /** Files to write into the layout's folder (name → text), the config among them. */
  files: Record<string, string>;
  /** Of those, the ones that must be executable (CGI scripts). */
  executables?: string[];
  args: string[];
  env?: Record<string, string>;
}

export interface RealServer {
  /** The target's name on the command line and in reports. */
  readonly name: string;
  /** Executable name; looked up on PATH, then in /usr/sbin (Debian puts daemons there, often off a user's PATH). */
  readonly binary: string;
  readonly versionArgs: readonly string[];
  readonly versionPattern: RegExp;
  /** What this server serves with the modules installed here. */
  routes(): ServedRoutes;
  config(layout: ServerLayout, listen: ListenOn): GeneratedConfig;
  /** Some servers (Apache) take a while to start their workers. */
  readonly readyTimeoutMs?: number;
}

const SYSTEM_DIRS = ['/usr/sbin', '/sbin', '/usr/bin'];

export function findServerBinary(binary: string): string | undefined {
  const onPath = findOnPath(binary);
  if (onPath) return onPath;
  for (const dir of SYSTEM_DIRS) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return join(dir, binary);
    } catch {
      // not here
    }
  }
  return undefined;
}

export function isInstalled(server: RealServer): boolean {
  return findServerBinary(server.binary) !== undefined;
}

/** The version the binary prints (`1.22.1`), or undefined when it prints none we recognise. */
export function serverVersion(server: RealServer, command = findServerBinary(server.binary)): string | undefined {
  if (!command) return undefined;
  const r = spawnSync(command, server.versionArgs, { encoding: 'utf8', timeout: 5000 });
  return server.versionPattern.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1];
}

export interface RunningRealServer extends RunningServer {
  /** Its working folder (config, document root, logs); removed on stop. */
  readonly dir: string;
}

export interface RealServerPeer extends ServerPeer {
  start(options: ServerStartOptions): Promise<RunningRealServer>;
}

export function realServerPeer(server: RealServer): RealServerPeer {
  return {
    name: server.name,
    async start({ tls }): Promise<RunningRealServer> {
      const command = findServerBinary(server.binary);
      if (!command) throw new PeerNotInstalledError(notInstalled(server.binary, serverInstallCommand(server.name)));
      const version = serverVersion(server, command);
      const host = '127.0.0.1';
      const root = process.getuid?.() === 0;
      let lastError: unknown;
      // The free port may be taken between probe and bind: three tries, each in a fresh folder.
      for (let attempt = 0; attempt < 3; attempt++) {
        const layout = await makeServerLayout(server.name);
        const port = await freePort(host);
        const generated = server.config(layout, { host, port, tls, root });
        for (const [name, text] of Object.entries(generated.files)) {
          await writeFile(join(layout.dir, name), text, { mode: generated.executables?.includes(name) ? 0o755 : 0o644 });
        }
        try {
          const proc = await startServerProcess({
            command,
            args: generated.args,
            cwd: layout.dir,
            host,
            port,
            env: { ...process.env, ...generated.env },
            readyTimeoutMs: server.readyTimeoutMs ?? 10_000,
            processGroup: true,
          });
          let stopped: Promise<void> | undefined;
          return {
            name: server.name,
            host,
            port,
            tls,
            pid: proc.pid,
            dir: layout.dir,
            ...(version ? { version } : {}),
            routes: server.routes(),
            stop() {
              stopped ??= proc.stop().then(() => layout.remove());
              return stopped;
            },
          };
        } catch (err) {
          lastError = err;
          await layout.remove();
        }
      }
      throw lastError;
    },
  };
}
