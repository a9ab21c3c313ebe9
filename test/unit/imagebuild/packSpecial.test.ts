import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import { packEntries } from '../../../src/imagebuild/pack';

function entriesOf(pack: NodeJS.ReadableStream): Promise<{ name: string; type: string; size: number }[]> {
  return new Promise((resolve, reject) => {
    const out: { name: string; type: string; size: number }[] = [];
    const ex = tarStream.extract();
    ex.on('entry', (h, stream, next) => { out.push({ name: h.name, type: h.type ?? 'file', size: h.size ?? 0 }); stream.resume(); stream.on('end', next); });
    ex.on('finish', () => resolve(out));
    ex.on('error', reject);
    pack.on('error', reject);
    pack.pipe(ex);
  });
}

describe('imagebuild/pack: entries that are not files', () => {
  it('a FIFO goes in as a header-only fifo entry (as the docker CLI sends it) and is never opened', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-pack-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.txt'), 'a');
      execFileSync('mkfifo', [path.join(dir, 'pipe')]);
      const got = await entriesOf(packEntries({ root: dir, entries: ['a.txt', 'pipe'] }));
      assert.deepEqual(got, [{ name: 'a.txt', type: 'file', size: 1 }, { name: 'pipe', type: 'fifo', size: 0 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a character device goes in with its device numbers', async function () {
    if (process.platform !== 'linux') this.skip();
    // /dev/null itself, from its folder: root "/dev", entry "null".
    const got = await entriesOf(packEntries({ root: '/dev', entries: ['null'] }));
    assert.deepEqual(got.map((e) => e.type), ['character-device']);
  });
});
