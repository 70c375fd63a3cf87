// One folder per run, named by start time and target, with the four files;
// `latest` follows the newest run, as a symlink or through latest.txt.
import t from 'tap';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from '../../harness/report/write-report.js';
import { pointLatest, resolveRunFolder } from '../../harness/report/latest-pointer.js';
import { runFolderName } from '../../harness/report/report-builder.js';
import { readReport } from '../../harness/report/report-schema.js';
import { sampleReport } from './sample-report.js';

t.test('folder names: UTC second, target made file-safe', async (t) => {
  t.equal(runFolderName('2026-01-02T03:04:05.678Z', 'ref'), '2026-01-02T03-04-05Z-ref');
  t.equal(runFolderName('2026-01-02T04:04:05+01:00', '127.0.0.1:8443'), '2026-01-02T03-04-05Z-127.0.0.1_8443');
});

t.test('writes the four files and points latest at the newest run', async (t) => {
  const root = t.testdir();
  const first = writeReport(sampleReport(), root);
  t.same(Object.keys(first.files).sort(), ['html', 'json', 'junit', 'summary']);
  for (const f of Object.values(first.files)) t.ok(existsSync(f), f);
  t.same(readReport(first.files.json), sampleReport());
  t.equal(first.latest, 'symlink');

  const later = sampleReport();
  later.run.id = '2026-01-02T04-00-00Z-ref';
  const second = writeReport(later, root);
  t.equal(readlinkSync(join(root, 'latest')), '2026-01-02T04-00-00Z-ref', 'relative, so the folder can move');
  t.equal(resolveRunFolder(join(root, 'latest')), join(root, 'latest'));
  t.ok(existsSync(join(root, 'latest', 'index.html')));
  t.not(first.dir, second.dir);
});

t.test('where the symlink cannot be made, latest.txt names the run and readers follow it', async (t) => {
  // A non-empty directory named `latest`: renaming the new link over it fails, as on a file system without symlinks.
  const root = t.testdir({ latest: { blocker: '' } });
  t.equal(pointLatest(root, join(root, 'run-b')), 'text');
  t.equal(readFileSync(join(root, 'latest.txt'), 'utf8'), 'run-b\n');
  t.equal(resolveRunFolder(join(root, 'latest')), join(root, 'run-b'));
  t.equal(pointLatest(root, join(root, 'run-c')), 'text');
  t.equal(resolveRunFolder(join(root, 'latest')), join(root, 'run-c'));
});
