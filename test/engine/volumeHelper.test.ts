import { strict as assert } from 'node:assert';
import * as tarStream from 'tar-stream';
import { listDirectory, readFile, writeFile } from '../../src/engine/archive';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { createVolumeHelper, listVolumeDirectory, removeVolumeHelper, VOLUME_MOUNT } from '../../src/engine/volumeHelper';
import { cleanup, createContainer, TEST_LABEL, testEngine, unique } from './helpers';

describe('browsing a volume through a helper container (real dockerd)', function () {
  this.timeout(60000);
  let engine: Engine;
  const helpers: string[] = [];
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => {
    for (const id of helpers) await removeVolumeHelper(engine, id);
    await cleanup(engine);
  });

  it('lists and reads a volume read-only, then the helper is gone', async () => {
    const vol = unique('vol');
    await engine.createVolume(vol, { [TEST_LABEL]: '1' });
    // Fill the volume through an ordinary (labelled) container.
    const filler = await createContainer(engine, { start: false, binds: [`${vol}:/data`] });
    const pack = tarStream.pack();
    pack.entry({ name: 'conf', type: 'directory', mode: 0o755 });
    pack.entry({ name: 'conf/app.ini', mode: 0o600 }, 'key=value\n');
    pack.entry({ name: 'link', type: 'symlink', linkname: 'conf/app.ini' });
    pack.finalize();
    await engine.call(undefined, (d) => d.getContainer(filler.id).putArchive(pack, { path: '/data' }) as Promise<unknown>);

    const before = (await engine.listContainers()).length;
    const helper = await createVolumeHelper(engine, vol);
    helpers.push(helper.id);
    const info = (await engine.inspectContainer(helper.id)) as { State: { Status: string }; Mounts: { Name?: string; RW: boolean; Destination: string }[] };
    assert.equal(info.State.Status, 'created', 'the helper never runs');
    assert.deepEqual(info.Mounts.map((m) => [m.Name, m.Destination, m.RW]), [[vol, VOLUME_MOUNT, false]]);

    const top = await listDirectory(engine, helper.id, VOLUME_MOUNT, { running: false });
    assert.equal(top.via, 'archive');
    assert.deepEqual(top.entries.map((e) => e.name).sort(), ['conf', 'link']);
    assert.equal(top.entries.find((e) => e.name === 'link')?.targetKind, 'file');
    assert.equal((await readFile(engine, helper.id, `${VOLUME_MOUNT}/conf/app.ini`)).data.toString(), 'key=value\n');
    await assert.rejects(writeFile(engine, helper.id, `${VOLUME_MOUNT}/conf/new.txt`, Buffer.from('x')), (e: unknown) => e instanceof EngineError && /read-only/i.test(e.message));

    await removeVolumeHelper(engine, helper.id);
    assert.equal((await engine.listContainers()).length, before, 'the helper is gone');
    await assert.rejects(engine.inspectContainer(helper.id), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    await removeVolumeHelper(engine, helper.id); // twice: no error
  });

  it('lists a folder by running the image\'s ls as the helper\'s only process, then removes the helper', async () => {
    const vol = unique('vol');
    await engine.createVolume(vol, { [TEST_LABEL]: '1' });
    const filler = await createContainer(engine, { start: false, binds: [`${vol}:/data`] });
    const pack = tarStream.pack();
    pack.entry({ name: 'big.bin' }, Buffer.alloc(4 << 20));
    pack.entry({ name: 'sub', type: 'directory', mode: 0o700, uid: 999 });
    pack.entry({ name: 'sub/secret.txt', mode: 0o600, uid: 999 }, 'only for 999\n');
    pack.entry({ name: 'to-sub', type: 'symlink', linkname: 'sub' });
    pack.finalize();
    await engine.call(undefined, (d) => d.getContainer(filler.id).putArchive(pack, { path: '/data' }) as Promise<unknown>);
    const count = (await engine.listContainers()).length;
    const top = await listVolumeDirectory(engine, vol, '/');
    assert.equal(top.via, 'exec');
    assert.deepEqual(top.entries.map((e) => [e.name, e.kind, e.size]).sort(), [['big.bin', 'file', 4 << 20], ['sub', 'directory', top.entries.find((e) => e.name === 'sub')!.size], ['to-sub', 'symlink', 3]]);
    assert.equal(top.entries.find((e) => e.name === 'to-sub')?.targetKind, 'directory');
    const sub = await listVolumeDirectory(engine, vol, '/sub');
    assert.deepEqual(sub.entries.map((e) => [e.name, e.path, e.uid]), [['secret.txt', `${VOLUME_MOUNT}/sub/secret.txt`, 999]], 'read as root');
    assert.equal((await engine.listContainers()).length, count, 'no helper left');
    await assert.rejects(listVolumeDirectory(engine, vol, '/nope'), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    assert.equal((await engine.listContainers()).length, count, 'no helper left after a failure');
  });

  it('a missing volume is a clear error and leaves no helper', async () => {
    const count = (await engine.listContainers()).length;
    await assert.rejects(createVolumeHelper(engine, unique('nope')), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    assert.equal((await engine.listContainers()).length, count);
  });
});
