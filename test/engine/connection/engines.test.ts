// Several engines at once, for real: the private test engine and a second private dockerd, each
// followed by its own EngineLink (its own event stream) with its own container cache, events
// routed by the extension's EngineEventRouter (test/support/engineViews.ts).
import { strict as assert } from 'node:assert';
import { planEngineRuns } from '../../../src/connection/engineArgs';
import { EngineLink } from '../../../src/connection/engineLink';
import { Engine } from '../../../src/engine/engine';
import { EngineError } from '../../../src/engine/errors';
import { resolvePinned } from '../../../src/engine/hosts/resolve';
import { DockerEvent } from '../../../src/engine/models';
import { EngineViews, ShownForTest } from '../../support/engineViews';
import { rawDocker } from '../../support/rawDocker';
import { SecondDockerd } from '../../support/secondDockerd';
import { cleanup, createContainer, IMAGE, testEngine, waitUntil } from '../helpers';

const inputs = { env: {}, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false };

describe('several engines at once (two real dockerds)', function () {
  this.timeout(120000);
  let first: Engine;
  const second = new SecondDockerd();
  const views = new EngineViews();
  let one: ShownForTest;
  let two: ShownForTest;
  const containersOf = (s: ShownForTest) => (s.loaded.containers ?? []);

  before(async () => {
    first = testEngine();
    await cleanup(first);
    await second.start();
    await second.loadImageFrom(rawDocker(first), IMAGE);
    one = views.add('context:default', () => first.resolved);
    two = views.add('host:second', () => resolvePinned(inputs, { name: 'second', host: second.host }));
    await waitUntil(() => one.loaded.containers && two.loaded.containers && one.loaded.networks && two.loaded.networks, 'both engines connected and listed');
  });

  after(async () => {
    if (two?.link.state.kind === 'connected') await cleanup(two.link.engine);
    views.dispose();
    await cleanup(first);
    await second.stop();
  });

  it('names the second engine by its pinned name and host', () => {
    assert.equal(two.link.engine.host, second.host);
    assert.equal(two.link.state.resolved?.source, 'pinned');
    assert.equal(two.link.state.resolved?.context, 'second');
  });

  it('lists both live: a container created on each shows up under its own engine through its events', async () => {
    assert.deepEqual(containersOf(two), []);
    assert.ok(two.loaded.images?.includes(IMAGE), 'the second engine lists its own images');
    const a = await createContainer(first, { name: `dockyard-test-one-${Date.now()}` });
    const b = await createContainer(two.link.engine, { name: `dockyard-test-two-${Date.now()}` });
    // Nothing but the events makes the views load again.
    await waitUntil(() => containersOf(one).includes(a.name), 'the first engine\'s container listed');
    await waitUntil(() => containersOf(two).includes(b.name), 'the second engine\'s container listed');
    assert.ok(!containersOf(one).includes(b.name));
    assert.deepEqual(containersOf(two), [b.name]);
    assert.ok(!one.events.some((e) => e.id === b.id), 'the first engine\'s stream carries nothing of the second');
    assert.ok(!two.events.some((e) => e.id === a.id), 'the second engine\'s stream carries nothing of the first');
    // A volume on the second shows only in the second engine's Volumes.
    const vol = `dockyard-test-vol-${Date.now()}`;
    await rawDocker(two.link.engine).createVolume({ Name: vol, Labels: { 'dockyard.test': '1' } });
    await waitUntil(() => two.loaded.volumes?.includes(vol), 'the volume listed on the second engine');
    assert.ok(!one.loaded.volumes?.includes(vol));
  });

  it('an action started on an item of the second engine acts there', async () => {
    const name = `dockyard-test-same-${Date.now()}`;
    const onFirst = await createContainer(first, { name });
    const onSecond = await createContainer(two.link.engine, { name });
    const links = new Map([[one.link.key, one.link], [two.link.key, two.link]]);
    // As the extension does (EngineSet.runEngineCommand): the clicked item's engine is handed to the command.
    const item = { engineKey: two.link.key, container: { id: onSecond.id, name } };
    const plan = planEngineRuns([item, [item]], true, 'ask');
    assert.ok(!plan.ask, 'a command started on an item does not ask');
    for (const part of plan.parts) {
      const engine = links.get(part.key ?? one.link.key)!.engine;
      await new Promise((r) => setTimeout(r, 10));
      await engine.stopContainer((part.args[0] as typeof item).container.id, 0);
    }
    assert.equal((await rawDocker(two.link.engine).getContainer(onSecond.id).inspect()).State.Running, false);
    assert.equal((await rawDocker(first).getContainer(onFirst.id).inspect()).State.Running, true);
    await waitUntil(() => two.events.some((e) => e.id === onSecond.id && e.action === 'die'), 'the stop seen on the second engine');
    await waitUntil(async () => (await two.cache.read(two.link.engine)).find((c) => c.id === onSecond.id)?.state === 'exited', 'the second engine\'s cache sees the stop');
    assert.equal((await one.cache.read(first)).find((c) => c.id === onFirst.id)?.state, 'running');
    assert.ok(!one.events.some((e) => e.id === onFirst.id && e.action === 'die'));
  });

  it('the second stopped shows its own unreachable state while the first stays live, then it reconnects', async () => {
    const refreshesBefore = two.refreshes;
    await second.stop({ keep: true });
    await waitUntil(() => two.link.state.kind === 'unreachable', 'the second engine unreachable');
    const state = two.link.state;
    assert.ok(state.kind === 'unreachable');
    assert.match(state.message, /Docker is not running at unix:\/\/\/tmp\/dyk2-/);
    await assert.rejects(views.load('containers', two.link.key), (e: unknown) => e instanceof EngineError && e.kind === 'unreachable');
    assert.equal(one.link.state.kind, 'connected');
    // The first is still live: a new container arrives through its events.
    const c = await createContainer(first, { name: `dockyard-test-live-${Date.now()}` });
    await waitUntil(() => containersOf(one).includes(c.name), 'the first engine still live');
    assert.equal(one.link.state.kind, 'connected');

    await second.start();
    await waitUntil(() => two.link.state.kind === 'connected', 'the second engine reconnected', 15000);
    assert.ok(two.refreshes > refreshesBefore, 'a reconnect asks for a full reload');
    const d = await createContainer(two.link.engine, { name: `dockyard-test-back-${Date.now()}` });
    await waitUntil(() => containersOf(two).includes(d.name), 'the second engine live again');
    assert.ok(!containersOf(one).includes(d.name));
  });

  it('retry reuses the one stream (no second stream while unreachable)', async () => {
    const link = new EngineLink('host:nowhere', () => resolvePinned(inputs, { name: 'nowhere', host: `unix://${second.dir}/missing.sock` }));
    const states: string[] = [];
    link.onState.on((s) => states.push(s.kind));
    link.connect();
    await waitUntil(() => link.state.kind === 'unreachable', 'unreachable');
    link.retry();
    link.retry();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(states, ['connecting', 'unreachable'], 'retries redial quietly, one disconnect notice');
    link.dispose();
  });

  it('disposing an unpinned engine closes its event stream', async () => {
    const link = new EngineLink('host:second-again', () => resolvePinned(inputs, { name: 'again', host: second.host }));
    const seen: DockerEvent[] = [];
    link.onEvent.on((e) => seen.push(e));
    link.connect();
    await waitUntil(() => link.following, 'following the second engine');
    link.dispose();
    assert.equal(link.following, false);
    assert.throws(() => link.engine, EngineError);
    await createContainer(two.link.engine, { name: `dockyard-test-after-${Date.now()}` });
    await waitUntil(() => two.events.some((e) => e.attributes.name?.startsWith('dockyard-test-after-')), 'the pinned link still sees it');
    assert.deepEqual(seen, []);
  });
});
