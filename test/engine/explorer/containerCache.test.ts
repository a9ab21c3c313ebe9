import { strict as assert } from 'node:assert';
import { Engine } from '../../../src/engine/engine';
import { ContainerCache } from '../../../src/explorer/containerCache';
import { cleanup, createContainer, testEngine } from '../helpers';

describe('container cache patched from events (real dockerd)', () => {
  let engine: Engine;
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => cleanup(engine));

  it('re-reads only invalidated containers, and drops removed ones', async () => {
    const cache = new ContainerCache();
    const a = await createContainer(engine);
    const b = await createContainer(engine);
    const first = await cache.read(engine);
    assert.equal(first.find((c) => c.id === a.id)?.state, 'running');

    await engine.stopContainer(a.id, 0);
    await engine.stopContainer(b.id, 0);
    cache.invalidate(a.id); // only a's event was seen
    const second = await cache.read(engine);
    assert.equal(second.find((c) => c.id === a.id)?.state, 'exited', 'a re-read');
    assert.equal(second.find((c) => c.id === b.id)?.state, 'running', 'b not re-read: proves the patch path');

    await engine.removeContainer(a.id);
    cache.invalidate(a.id);
    assert.equal((await cache.read(engine)).find((c) => c.id === a.id), undefined, 'removed container dropped');

    cache.reset();
    assert.equal((await cache.read(engine)).find((c) => c.id === b.id)?.state, 'exited', 'reset re-lists everything');
  });

  it('overlapping reads apply in order, and a reset wins over a read already under way', async () => {
    const cache = new ContainerCache();
    const a = await createContainer(engine);
    await cache.read(engine);
    // Two reads in flight: the second, after a stop, must be what the cache keeps.
    cache.invalidate(a.id);
    const first = cache.read(engine);
    await engine.stopContainer(a.id, 0);
    cache.invalidate(a.id);
    const second = cache.read(engine);
    await first;
    assert.equal((await second).find((c) => c.id === a.id)?.state, 'exited');
    assert.equal((await cache.read(engine)).find((c) => c.id === a.id)?.state, 'exited', 'the newer answer stays');

    // A reset during a read: the read's answer is not kept; the next read lists afresh.
    cache.invalidate(a.id);
    const during = cache.read(engine);
    await new Promise((r) => setImmediate(r)); // the read's request is out
    cache.reset();
    await engine.startContainer(a.id);
    await during;
    assert.equal((await cache.read(engine)).find((c) => c.id === a.id)?.state, 'running');
  });
});
