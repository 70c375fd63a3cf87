// Finding h2spec: H2SPEC first, then the project's .tools/bin, then PATH;
// when none is there (and no install is allowed) a typed "not installed"
// result with the pinned `go install` command.
import t from 'tap';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/cli/package-info.js';
import { installCommand, locateH2spec } from '../../harness/conformance/h2spec-locator.js';
import { h2specMissing } from '../peers/tool-guard.js';

t.test('nothing installed: the pinned go install command', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'h2harness-root-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'scripts'));
  await copyFile(join(projectRoot, 'scripts/tools.json'), join(root, 'scripts/tools.json'));
  const r = await locateH2spec({ install: false, root, env: { PATH: '' } });
  t.match(r, { kind: 'not-installed', tool: 'h2spec', installCommand: /^GOBIN=.*\/\.tools\/bin go install github\.com\/summerwind\/h2spec\/cmd\/h2spec@v2\.2\.1\+incompatible$/ });
  t.equal(installCommand(root), (r as { installCommand: string }).installCommand);
});

t.test('H2SPEC wins, and the version is read from the binary', async (t) => {
  if (await h2specMissing(t)) return;
  const found = await locateH2spec({ install: false });
  if (found.kind !== 'h2spec') return;
  const viaEnv = await locateH2spec({ install: false, env: { ...process.env, H2SPEC: found.path } });
  t.match(viaEnv, { kind: 'h2spec', source: 'env', path: found.path, version: /^2\.\d+\.\d+$/ });
  await t.rejects(locateH2spec({ install: false, env: { H2SPEC: '/nonexistent/h2spec' } }), /not an executable/);
});
