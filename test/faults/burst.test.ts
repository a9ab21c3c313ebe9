// 1,000 containers created and removed in a burst while the Containers view follows the event
// stream: afterwards the view's list equals the engine's. Uses the view's own pieces (event
// routing, debouncer, container cache), as explorer/register.ts wires them.
import { strict as assert } from 'node:assert';
import type { Engine } from '../../src/engine/engine';
import { EventStream } from '../../src/engine/events';
import { ContainerCache } from '../../src/explorer/containerCache';
import { Debouncer, viewsAffectedBy } from '../../src/explorer/refresh';
import { rawDocker } from '../support/rawDocker';
import { ensureEngine, faultEngine, IMAGE, sleep, TEST_LABEL, waitUntil } from './support/faults';

const COUNT = Number(process.env.DOCKYARD_FAULTS_BURST ?? 1000);

describe('faults: a burst of containers with the view open', function () {
  this.timeout(120000);
  let engine: Engine;
  before(async () => { await ensureEngine(); engine = faultEngine(); });

  it(`${COUNT} containers created and removed in a burst: the view equals the engine afterwards, at every quiet point`, async () => {
    const cache = new ContainerCache();
    const stream = new EventStream(engine);
    let reads = 0;
    let view: string[] = [];
    let reading = Promise.resolve();
    const read = () => {
      reads++;
      reading = reading.then(async () => { view = (await cache.read(engine)).filter((c) => c.labels[TEST_LABEL] === '1').map((c) => c.id).sort(); }).catch(() => undefined);
    };
    const debounce = new Debouncer<'containers'>(() => 100, () => read());
    stream.onEvent.on((ev) => {
      if (ev.type === 'container' && viewsAffectedBy(ev).includes('containers')) {
        cache.invalidate(ev.id);
        debounce.trigger('containers');
      }
    });
    stream.onConnected.on(() => { cache.reset(); read(); });
    stream.start();
    const d = rawDocker(engine);
    const engineList = async () => (await d.listContainers({ all: true, filters: { label: [TEST_LABEL] } })).map((c) => c.Id).sort();
    const settled = async (what: string) => {
      let want: string[] = [];
      await waitUntil(async () => {
        await sleep(150);
        await reading;
        want = await engineList();
        return JSON.stringify(view) === JSON.stringify(want) || undefined;
      }, `${what}: view ${view.length} vs engine ${want.length}`, 30000);
    };
    try {
      await waitUntil(() => stream.connected, 'connection');
      const t0 = Date.now();
      const ids: string[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < COUNT) {
          next++;
          ids.push((await d.createContainer({ Image: IMAGE, Cmd: ['true'], Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } })).id);
        }
      }));
      await settled('after creating');
      assert.equal(view.length, COUNT);
      let k = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (k < ids.length) { const id = ids[k++]; await d.getContainer(id).remove({ force: true }); }
      }));
      await settled('after removing');
      assert.equal(view.length, 0);
      console.log(`      ${COUNT} created and removed in ${((Date.now() - t0) / 1000).toFixed(1)} s; the view read the engine ${reads} times`);
      assert.ok(reads < COUNT / 5, `reads are batched: ${reads}`);
    } finally {
      debounce.dispose();
      stream.stop();
      for (const c of await d.listContainers({ all: true, filters: { label: [TEST_LABEL] } })) await d.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
  });
});
