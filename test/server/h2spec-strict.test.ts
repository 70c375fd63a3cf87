// h2spec --strict against our server over h2c and over TLS: every case
// passes (146 with h2spec v2.2.1). h2spec is lenient (a bare close passes
// many cases); the exact codes are asserted by the core tests in test/http2.
// Under CI=true a missing h2spec fails instead of skipping.
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ReferenceHandler } from '../../harness/peers/reference-server.js';
import { selfSignedCertificate } from '../../harness/tls/self-signed.js';
import { start } from './helpers.js';
import { unavailable } from '../peers/tool-guard.js';

const H2SPEC = process.env['H2SPEC'] ?? '.tools/bin/h2spec';
const EXPECTED_CASES = 146;

interface Counts {
  total: number;
  passed: number;
  skipped: number;
  failed: number;
  output: string;
  seconds: number;
}

/** Runs h2spec; parses its last line `N tests, P passed, S skipped, F failed`. */
function runH2spec(port: number, tls: boolean): Promise<Counts> {
  const args = ['--strict', '-h', '127.0.0.1', '-p', String(port), '-o', '2', ...(tls ? ['-t', '-k'] : [])];
  const begin = Date.now();
  return new Promise((resolve) => {
    execFile(H2SPEC, args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (_err, stdout) => {
      const m = /(\d+) tests, (\d+) passed, (\d+) skipped, (\d+) failed/.exec(stdout);
      const [total, passed, skipped, failed] = m ? m.slice(1).map(Number) : [0, 0, 0, -1];
      resolve({ total: total!, passed: passed!, skipped: skipped!, failed: failed!, output: stdout, seconds: (Date.now() - begin) / 1000 });
    });
  });
}

if (!existsSync(H2SPEC)) {
  unavailable(t, `h2spec not found at ${H2SPEC} (run scripts/setup or set H2SPEC)`);
} else {
  for (const tls of [false, true]) {
    t.test(`h2spec --strict over ${tls ? 'TLS (ALPN h2)' : 'h2c'}: ${EXPECTED_CASES} passed, 0 failed`, async (t) => {
      const r = await start(ReferenceHandler, tls ? { ssl: await selfSignedCertificate() } : {});
      const c = await runH2spec(r.port, tls);
      await r.server.close();
      t.comment(`h2spec ${tls ? 'tls' : 'h2c'}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped in ${c.seconds.toFixed(2)} s`);
      if (c.failed !== 0) t.comment(c.output.split('Failures:')[1] ?? c.output);
      t.equal(c.failed, 0, 'no case failed');
      t.equal(c.passed, EXPECTED_CASES, 'every case passed');
      t.equal(c.skipped, 0, 'no case skipped');
      t.ok(c.seconds < 20, 'no case waited for a timeout');
    });
  }
}
