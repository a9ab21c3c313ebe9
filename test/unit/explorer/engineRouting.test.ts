import * as assert from 'node:assert/strict';
import { DockerEvent } from '../../../src/engine/models';
import { EngineEventRouter, parseSlot, refreshSlot } from '../../../src/explorer/refresh';

const ev = (type: DockerEvent['type'], action: string, id: string): DockerEvent => ({ type, action, id, attributes: {}, time: Date.now() });

describe('engine event routing (several engines shown)', () => {
  it('keeps kind and engine apart in a debounce slot', () => {
    assert.deepEqual(parseSlot(refreshSlot('volumes', 'host:ssh://a@b')), { kind: 'volumes', key: 'host:ssh://a@b' });
  });

  it('marks containers in their own engine and refreshes only that engine\'s views, once per burst', async () => {
    const invalidated: string[] = [];
    const refreshed: string[] = [];
    const router = new EngineEventRouter(() => 20, (key, id) => invalidated.push(`${key} ${id}`), (kind, key) => refreshed.push(`${key} ${kind}`));
    router.event('context:a', ev('container', 'start', 'c1'));
    router.event('context:a', ev('container', 'die', 'c1'));
    router.event('context:b', ev('container', 'create', 'c2'));
    router.event('context:b', ev('image', 'tag', 'i1'));
    router.event('context:b', ev('container', 'exec_start', 'c2'));
    await new Promise((r) => setTimeout(r, 60));
    router.dispose();
    assert.deepEqual(invalidated, ['context:a c1', 'context:a c1', 'context:b c2']);
    assert.deepEqual(refreshed.sort(), ['context:a containers', 'context:b containers', 'context:b images', 'context:b networks', 'context:b volumes']);
  });
});
