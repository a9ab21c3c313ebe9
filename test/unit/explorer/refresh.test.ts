import { strict as assert } from 'node:assert';
import { DockerEvent } from '../../../src/engine/models';
import { Debouncer, viewsAffectedBy } from '../../../src/explorer/refresh';

const ev = (type: DockerEvent['type'], action: string): DockerEvent => ({ type, action, id: 'x', attributes: {}, time: 0 });

describe('event routing', () => {
  it('container state changes refresh the containers view only', () => {
    assert.deepEqual(viewsAffectedBy(ev('container', 'start')), ['containers']);
    assert.deepEqual(viewsAffectedBy(ev('container', 'die')), ['containers']);
    assert.deepEqual(viewsAffectedBy(ev('container', 'health_status')), ['containers']);
  });
  it('create/destroy also change volume and network usage', () => {
    assert.deepEqual(viewsAffectedBy(ev('container', 'destroy')), ['containers', 'volumes', 'networks']);
  });
  it('exec noise refreshes nothing', () => {
    assert.deepEqual(viewsAffectedBy(ev('container', 'exec_start')), []);
    assert.deepEqual(viewsAffectedBy(ev('container', 'resize')), []);
  });
  it('images, volumes and networks', () => {
    assert.deepEqual(viewsAffectedBy(ev('image', 'tag')), ['images']);
    assert.deepEqual(viewsAffectedBy(ev('volume', 'create')), ['volumes']);
    assert.deepEqual(viewsAffectedBy(ev('volume', 'mount')), []);
    assert.deepEqual(viewsAffectedBy(ev('network', 'connect')), ['networks']);
    assert.deepEqual(viewsAffectedBy(ev('daemon', 'reload')), []);
  });
});

describe('debouncer', () => {
  it('fires once per key for a burst', async () => {
    const fired: string[] = [];
    const d = new Debouncer<string>(() => 20, (k) => fired.push(k));
    for (let i = 0; i < 10; i++) d.trigger('a');
    d.trigger('b');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(fired.sort(), ['a', 'b']);
    d.dispose();
  });
  it('does not starve under a constant stream (fires within 4× the delay)', async () => {
    const fired: number[] = [];
    const start = Date.now();
    const d = new Debouncer<string>(() => 10, () => fired.push(Date.now() - start));
    const iv = setInterval(() => d.trigger('a'), 2);
    await new Promise((r) => setTimeout(r, 100));
    clearInterval(iv);
    d.dispose();
    assert.ok(fired.length >= 2, `fired ${fired.length} times`);
  });
});
