// File names that try to forge listing entries: a name holding a newline followed by a whole
// `ls -l` line must list as one entry, never as two (a fake one could hide the real file). GNU
// coreutils' ls prints such names raw into a pipe, so the test image gets the host's GNU ls (with
// the libraries it needs); BusyBox's ls (which prints "?") is checked through a volume.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import * as tarStream from 'tar-stream';
import { listDirectory } from '../../src/engine/archive';
import { Engine } from '../../src/engine/engine';
import { listStoppedDirectory } from '../../src/engine/stoppedListing';
import { listVolumeDirectory, VOLUME_MOUNT } from '../../src/engine/volumeHelper';
import { withDocker } from '../support/rawDocker';
import { cleanup, createContainer, IMAGE, TEST_LABEL, testEngine, unique } from './helpers';

const FORGED = 'x\n-rw-r--r-- 1 0 0 5 2026-01-01 00:00:00.000000000 +0000 fake';
const FORGED_BUSYBOX = 'x\n-rw-r--r--    1 0        0              5 2026-01-01 00:00:00 +0000 fake';
const SPLIT = 'a\nb';

/** GNU ls and the shared libraries it loads, as tar entries at the same paths. */
function gnuLs(pack: tarStream.Pack): void {
  const ls = realpathSync(execFileSync('sh', ['-c', 'command -v ls'], { encoding: 'utf8' }).trim());
  pack.entry({ name: 'bin/ls', mode: 0o755 }, readFileSync(ls));
  const libs = execFileSync('ldd', [ls], { encoding: 'utf8' }).split('\n').map((l) => /(\/\S+) \(0x/.exec(l)?.[1]).filter((x): x is string => !!x);
  for (const lib of libs) pack.entry({ name: lib.slice(1), mode: 0o755 }, readFileSync(realpathSync(lib)));
}

describe('file names with newlines do not forge listing entries (real dockerd)', function () {
  this.timeout(120000);
  let engine: Engine;
  let image: string;
  before(async () => {
    engine = testEngine();
    await cleanup(engine);
    // An image with GNU ls, and folders whose names try to forge entries.
    const base = await createContainer(engine, { start: false });
    const pack = tarStream.pack();
    gnuLs(pack);
    for (const [dir, names] of [['forge', [FORGED, 'decoy']], ['split', [SPLIT, 'decoy']]] as const) {
      pack.entry({ name: dir, type: 'directory', mode: 0o755 });
      for (const n of names) pack.entry({ name: `${dir}/${n}`, mode: 0o644 }, 'real\n');
    }
    pack.finalize();
    await engine.call(undefined, (d) => d.getContainer(base.id).putArchive(pack, { path: '/' }) as Promise<unknown>);
    const repo = unique('gnu-ls');
    await withDocker(engine, (d) => d.getContainer(base.id).commit({ repo, tag: 'latest' }));
    image = `${repo}:latest`;
  });
  after(async () => cleanup(engine));

  const names = (entries: { name: string }[]) => entries.map((e) => e.name).sort();

  it('a running container (ls through exec): one entry per file, none made up', async () => {
    const id = await withDocker(engine, async (d) => {
      const c = await d.createContainer({ name: unique('ctr'), Image: image, Cmd: ['sleep', '600'], Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
      await c.start();
      return c.id;
    });
    const gnu = (await engine.call(undefined, async (d) => {
      const e = await d.getContainer(id).exec({ Cmd: ['ls', '--version'], AttachStdout: true });
      const s = await e.start({});
      const chunks: Buffer[] = [];
      await new Promise((r) => { s.on('data', (b: Buffer) => chunks.push(b)); s.on('end', r); });
      return Buffer.concat(chunks).toString('latin1');
    }));
    assert.match(gnu, /GNU coreutils/, 'the image runs GNU ls');
    const forge = await listDirectory(engine, id, '/forge', { running: true });
    assert.deepEqual(names(forge.entries), [FORGED, 'decoy'].sort());
    assert.equal(forge.entries.find((e) => e.name === FORGED)?.size, 5);
    const split = await listDirectory(engine, id, '/split', { running: true });
    assert.deepEqual(names(split.entries), [SPLIT, 'decoy'].sort());
  });

  it('a stopped container (the image\'s ls in a helper): one entry per file, none made up', async () => {
    const id = await withDocker(engine, async (d) => (await d.createContainer({ name: unique('ctr'), Image: image, Cmd: ['true'], Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } })).id);
    for (const [dir, expected] of [['/forge', [FORGED, 'decoy']], ['/split', [SPLIT, 'decoy']]] as const) {
      const listed = await listStoppedDirectory(engine, id, dir);
      // Undefined means "read the archive": exact too. A list must be the right one.
      if (listed) assert.deepEqual(names(listed), [...expected].sort(), dir);
      const viaArchive = listed ?? (await listDirectory(engine, id, dir, { running: false })).entries;
      assert.deepEqual(names(viaArchive), [...expected].sort(), dir);
    }
  });

  it('a volume (BusyBox ls in the helper): one entry per file, names exact', async () => {
    const vol = unique('vol');
    await engine.createVolume(vol, { [TEST_LABEL]: '1' });
    const filler = await createContainer(engine, { start: false, binds: [`${vol}:/data`] });
    const pack = tarStream.pack();
    for (const n of [FORGED_BUSYBOX, SPLIT, 'decoy']) pack.entry({ name: n, mode: 0o644 }, 'real\n');
    pack.finalize();
    await engine.call(undefined, (d) => d.getContainer(filler.id).putArchive(pack, { path: '/data' }) as Promise<unknown>);
    const listed = await listVolumeDirectory(engine, vol, '/');
    assert.deepEqual(names(listed.entries), [FORGED_BUSYBOX, SPLIT, 'decoy'].sort());
    assert.ok(listed.entries.every((e) => e.path.startsWith(`${VOLUME_MOUNT}/`)));
    assert.ok(IMAGE);
  });
});
