// Every real server target (nginx, h2o, apache, haproxy, caddy) over h2c and
// TLS: starts on a free loopback port, answers GET / with the project's
// body over HTTP/2 (curl checks the version), reports its version, and on
// stop leaves nothing behind: its process and every child it forked are
// gone, the port is closed, its working folder removed.
import t from 'tap';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { curlClientPeer, curlTlsClientPeer } from '../../harness/peers/curl-client.js';
import { ROOT_BODY } from '../../harness/peers/peer-routes.js';
import { REAL_SERVERS, isInstalled, realServerPeer } from '../../harness/peers/servers/index.js';
import { serverInstallCommand } from '../../harness/peers/servers/server-packages.js';
import { toolsMissing, unavailable } from '../peers/tool-guard.js';
import { alive } from '../peers/process-alive.js';

/** The PIDs whose parent is `pid` (nginx and apache fork workers). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 is the parent PID; the command name (field 2) may hold spaces, so split after its `)`.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

for (const server of REAL_SERVERS) {
  for (const tls of [false, true]) {
    t.test(`${server.name} over ${tls ? 'TLS' : 'h2c'}: starts, answers, stops by PID leaving nothing`, async (t) => {
      if (toolsMissing(t, ['curl'])) return;
      if (!isInstalled(server)) {
        const message = `${server.binary} not installed (${serverInstallCommand(server.name)})`;
        unavailable(t, message);
        return;
      }
      const running = await realServerPeer(server).start({ tls });
      t.teardown(() => running.stop());
      t.equal(running.host, '127.0.0.1', 'loopback only');
      t.match(running.version, /^\d+\.\d+/, `version ${running.version}`);
      const pid = running.pid!;
      const folder = running.dir;
      t.ok(existsSync(folder), `working folder ${folder}`);
      const r = await (tls ? curlTlsClientPeer : curlClientPeer).request(running, { method: 'GET', path: '/' });
      t.equal(r.status, 200);
      t.equal(Buffer.from(r.body).toString(), ROOT_BODY);
      const children = childrenOf(pid);
      await running.stop();
      t.equal(alive(pid), false, `process ${pid} is gone`);
      t.same(children.filter(alive), [], `its children ${children.join(', ') || '(none)'} are gone`);
      t.equal(await accepts(running.host, running.port), false, `port ${running.port} is closed`);
      t.equal(existsSync(folder), false, 'working folder removed');
    });
  }
}
