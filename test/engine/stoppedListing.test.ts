import { strict as assert } from 'node:assert';
import { execCapture, readTarIndex } from '../../src/engine/archive';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { ContainerFileStat } from '../../src/engine/fileListing';
import { listStoppedDirectory } from '../../src/engine/stoppedListing';
import { cleanup, createContainer, TEST_LABEL, testEngine, unique } from './helpers';

const view = (l: ContainerFileStat[]) => l.map((e) => [e.name, e.kind, e.kind === 'file' ? e.size : 0, e.kind === 'symlink' ? e.targetKind : '-']).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('listing a stopped container without reading its whole file system (real dockerd)', function () {
  this.timeout(60000);
  let engine: Engine;
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => cleanup(engine));

  it('the image\'s ls plus the container\'s changes and mounts equals the archive\'s answer', async () => {
    const vol = unique('vol');
    await engine.createVolume(vol, { [TEST_LABEL]: '1' });
    const c = await createContainer(engine, { binds: [`${vol}:/data`] });
    // Changes in the container layer: a file removed from the image, files added and changed, a new folder.
    const r = await execCapture(engine, c.id, ['sh', '-c', 'rm /bin/cat && echo new > /bin/newtool && echo changed >> /etc/passwd && mkdir -p /made/deep && echo x > /made/deep/f && ln -s /made /bin/to-made && echo v > /data/in-volume']);
    assert.equal(r.code, 0, r.stderr.toString());
    await engine.stopContainer(c.id, 1);
    const count = (await engine.listContainers()).length;
    const index = await readTarIndex(engine, c.id, '/');
    for (const dir of ['/', '/bin', '/etc', '/made', '/made/deep']) {
      const quick = await listStoppedDirectory(engine, c.id, dir);
      assert.ok(quick, `an answer for ${dir}`);
      assert.deepEqual(view(quick), view(index.list(dir)!), dir);
    }
    const bin = (await listStoppedDirectory(engine, c.id, '/bin'))!;
    assert.equal(bin.find((e) => e.name === 'cat'), undefined, 'removed in the container');
    assert.equal(bin.find((e) => e.name === 'sh')?.targetKind, 'file');
    assert.equal(bin.find((e) => e.name === 'to-made')?.targetKind, 'directory');
    assert.equal((await listStoppedDirectory(engine, c.id, '/'))!.find((e) => e.name === 'data')?.kind, 'directory', 'the mount point');
    assert.equal(await listStoppedDirectory(engine, c.id, '/data'), undefined, 'inside a mount: the archive answers');
    await assert.rejects(listStoppedDirectory(engine, c.id, '/nope'), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    await assert.rejects(listStoppedDirectory(engine, c.id, '/etc/passwd'), (e: unknown) => e instanceof EngineError && /not a folder/.test(e.message));
    assert.equal((await engine.listContainers()).length, count, 'no helper left');
  });
});
