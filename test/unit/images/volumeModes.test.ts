// Volume modes (issue 17): valid modes were refused before.
import { strict as assert } from 'node:assert';
import { buildCreateSpec, parseMountMode, parseVolume, RunChoices } from '../../../src/engine/runOptions';

const reason = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? undefined : r.reason);

describe('volume modes', () => {
  it('volume modes the engine accepts', () => {
    for (const mode of ['z', 'Z', 'ro,z', 'rw,Z', 'rprivate', 'ro,rslave', 'shared', 'cached', 'delegated,ro', 'z,rshared,ro']) {
      assert.equal(reason(parseVolume(`/host/data:/data:${mode}`)), undefined, mode);
    }
    assert.equal(reason(parseVolume('cache:/var/cache:nocopy')), undefined);
    assert.equal(reason(parseVolume('cache:/var/cache:ro,nocopy')), undefined);
    assert.deepEqual(parseVolume('/h:/c:ro,z'), { ok: true, value: { kind: 'bind', source: '/h', target: '/c', readOnly: true, options: ['z'] } });
  });

  it('volume modes it refuses', () => {
    assert.match(reason(parseVolume('/h:/c:ro,rw'))!, /ro\/rw twice/);
    assert.match(reason(parseVolume('/h:/c:z,Z'))!, /more than one SELinux/);
    assert.match(reason(parseVolume('/h:/c:private,shared'))!, /more than one propagation/);
    assert.match(reason(parseVolume('/h:/c:nocopy'))!, /named volumes/);
    assert.match(reason(parseVolume('v1:/c:rprivate'))!, /bind mounts/);
    assert.match(reason(parseVolume('/h:/c:bogus'))!, /"bogus" is not a mount mode/);
    assert.equal(reason(parseMountMode('')), undefined);
  });

  it('passes the modes on to the engine', () => {
    const c: RunChoices = { image: 'app', detached: true, remove: false, ports: [], publishAll: false, volumes: ['/h:/c:ro,z', 'v1:/d:nocopy', '/x:/y'], volumesFrom: [], env: [] };
    const built = buildCreateSpec(c);
    assert.ok(built.ok);
    assert.deepEqual(built.value.HostConfig.Binds, ['/h:/c:ro,z', 'v1:/d:nocopy', '/x:/y']);
  });

});
