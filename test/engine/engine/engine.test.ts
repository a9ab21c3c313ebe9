import { strict as assert } from 'node:assert';
import { Engine } from '../../../src/engine/engine';
import { EngineError } from '../../../src/engine/errors';
import { cleanup, createContainer, IMAGE, TEST_LABEL, testEngine, unique } from '../helpers';
import { withDocker } from '../../support/rawDocker';

describe('engine operations (real dockerd)', () => {
  let engine: Engine;
  before(async () => { engine = testEngine(); await engine.ping(); await cleanup(engine); });
  after(async () => cleanup(engine));

  it('negotiates the API version and reports version and info', async () => {
    const v = await engine.version();
    assert.match(v.apiVersion, /^1\.\d+$/);
    assert.ok(v.version.length > 0);
    const info = await engine.info();
    assert.equal(typeof info.Containers, 'number');
  });

  it('lists containers with state, ports, mounts and compose labels', async () => {
    const vol = unique('vol');
    await engine.createVolume(vol, { [TEST_LABEL]: '1' });
    const { id, name } = await createContainer(engine, {
      ports: ['127.0.0.1:18080:80'],
      binds: [`${vol}:/data`],
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
    });
    const c = (await engine.listContainers()).find((x) => x.id === id);
    assert.ok(c, 'container listed');
    assert.equal(c.name, name);
    assert.equal(c.state, 'running');
    assert.equal(c.image, IMAGE);
    assert.equal(c.composeProject, 'shop');
    assert.equal(c.composeService, 'web');
    assert.deepEqual(c.mounts.map((m) => [m.type, m.name, m.destination]), [['volume', vol, '/data']]);
    const v = (await engine.listVolumes()).find((x) => x.name === vol);
    assert.deepEqual(v?.usedBy, [name]);
    const inspect = await engine.inspectContainer(id) as { Id: string; HostConfig: { PortBindings: Record<string, { HostPort: string }[]> } };
    assert.equal(inspect.Id, id);
    assert.equal(inspect.HostConfig.PortBindings['80/tcp'][0].HostPort, '18080');
  });

  it('stop, start, restart, pause, unpause, kill change state', async () => {
    const { id } = await createContainer(engine);
    const state = async () => (await engine.listContainers()).find((c) => c.id === id)?.state;
    await engine.pauseContainer(id);
    assert.equal(await state(), 'paused');
    await engine.unpauseContainer(id);
    assert.equal(await state(), 'running');
    await engine.stopContainer(id, 1);
    assert.equal(await state(), 'exited');
    await engine.stopContainer(id, 1); // already stopped: not an error (304)
    await engine.startContainer(id);
    assert.equal(await state(), 'running');
    await engine.restartContainer(id);
    assert.equal(await state(), 'running');
    await engine.killContainer(id);
    assert.equal(await state(), 'exited');
  });

  it('renames and removes (force for running)', async () => {
    const { id } = await createContainer(engine);
    const newName = unique('renamed');
    await engine.renameContainer(id, newName);
    assert.equal((await engine.listContainers()).find((c) => c.id === id)?.name, newName);
    await assert.rejects(engine.removeContainer(id), (e: unknown) => e instanceof EngineError && e.kind === 'conflict');
    await engine.removeContainer(id, { force: true });
    assert.equal((await engine.listContainers()).find((c) => c.id === id), undefined);
  });

  it('acting on a vanished container is a notFound error with a readable message', async () => {
    const { id } = await createContainer(engine, { start: false });
    await engine.removeContainer(id);
    for (const act of [() => engine.startContainer(id), () => engine.stopContainer(id), () => engine.inspectContainer(id), () => engine.removeContainer(id)]) {
      await assert.rejects(act(), (e: unknown) => e instanceof EngineError && e.kind === 'notFound' && /no longer exists/.test(e.message));
    }
    await assert.rejects(engine.inspectImage('dockyard-test/does-not-exist:1'), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
  });

  it('prunes stopped containers and reports what it removed', async () => {
    const { id } = await createContainer(engine, { cmd: ['true'] });
    await withDocker(engine, (d) => d.getContainer(id).wait());
    const r = await engine.pruneContainers();
    assert.ok(r.deleted.includes(id), 'pruned our exited container');
    assert.ok(r.spaceReclaimed >= 0);
  });

  it('images: list grouped data, tag, inspect, remove, prune dangling', async () => {
    const repo = unique('img');
    await engine.tagImage(IMAGE, repo, 'v1');
    const img = (await engine.listImages()).find((i) => i.repoTags.includes(`${repo}:v1`));
    assert.ok(img && img.size > 0 && !img.dangling);
    const inspect = await engine.inspectImage(`${repo}:v1`) as { Id: string };
    assert.equal(inspect.Id, img.id);
    await engine.removeImage(`${repo}:v1`);
    assert.ok(!(await engine.listImages()).some((i) => i.repoTags.includes(`${repo}:v1`)));
    const r = await engine.pruneImages();
    assert.ok(Array.isArray(r.deleted));
  });

  it('volumes: create, refuse removal in use with the users named, remove, prune', async () => {
    const vol = unique('vol');
    await engine.createVolume(vol, { [TEST_LABEL]: '1' });
    const { id, name } = await createContainer(engine, { binds: [`${vol}:/v`] });
    await assert.rejects(engine.removeVolume(vol), (e: unknown) => e instanceof EngineError && e.kind === 'conflict' && e.message.includes(name));
    await engine.removeContainer(id, { force: true });
    await engine.removeVolume(vol);
    assert.ok(!(await engine.listVolumes()).some((v) => v.name === vol));
    const vol2 = unique('vol');
    await engine.createVolume(vol2, { [TEST_LABEL]: '1' });
    const r = await engine.pruneVolumes();
    assert.ok(r.deleted.includes(vol2) || !(await engine.listVolumes()).some((v) => v.name === vol2));
  });

  it('networks: built-ins marked, create, attached containers, remove, prune', async () => {
    const nets = await engine.listNetworks();
    assert.ok(nets.find((n) => n.name === 'none')?.builtIn);
    const name = unique('net');
    const id = await engine.createNetwork(name, { driver: 'bridge', internal: true, labels: { [TEST_LABEL]: '1' } });
    const n = (await engine.listNetworks()).find((x) => x.id === id);
    assert.equal(n?.builtIn, false);
    assert.equal(n?.internal, true);
    const inspect = await engine.inspectNetwork(id) as { Name: string };
    assert.equal(inspect.Name, name);
    await engine.removeNetwork(id);
    assert.ok(!(await engine.listNetworks()).some((x) => x.id === id));
    await engine.createNetwork(unique('net'), { labels: { [TEST_LABEL]: '1' } });
    const r = await engine.pruneNetworks();
    assert.ok(r.deleted.length >= 1);
  });

  it('disk usage sums the engine\'s /system/df', async () => {
    const df = await engine.diskUsage();
    assert.ok(df.images.count >= 1);
    assert.ok(df.images.size > 0);
  });
});
