// Every bench script is a command a user types: --help prints its usage, and
// a wrong option is a usage error (exit 2) with that usage, not a stack trace.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const scripts = ['attack/main.js', 'hpack/compare.js', 'hpack/main.js', 'server/main.js', 'server-fuzz/main.js'];
const benchDir = fileURLToPath(new URL('../../bench/', import.meta.url));

for (const script of scripts) {
  t.test(script, async (t) => {
    const help = spawnSync(process.execPath, [benchDir + script, '--help'], { encoding: 'utf8', timeout: 30_000 });
    t.equal(help.status, 0, '--help exits 0');
    t.match(help.stdout, new RegExp(`^usage: node dist/bench/${script.replace('.', '\\.')} \\[`), 'and prints the usage');
    const wrong = spawnSync(process.execPath, [benchDir + script, '--no-such-option'], { encoding: 'utf8', timeout: 30_000 });
    t.equal(wrong.status, 2, 'a wrong option exits 2');
    t.match(wrong.stderr, /Unknown option '--no-such-option'\nusage: /, 'naming the option, then the usage');
    t.notMatch(wrong.stderr, /\n\s+at /, 'with no stack trace');
  });
}
