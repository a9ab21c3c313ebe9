import { strict as assert } from 'node:assert';
import {
  compareContainers, groupContainers, oneOf, CONTAINER_SORT_KEYS, renderContainerDescription, sortImageGroups,
} from '../../../src/explorer/arrange';
import { ContainerSummary, ImageSummary } from '../../../src/engine/models';
import { groupImages } from '../../../src/explorer/format';

function ctr(name: string, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: `${name}`.padEnd(64, '0'), name, image: 'busybox', imageId: 'sha256:x', command: 'sh', created: 0, state: 'running', status: 'Up 1 minute',
    health: undefined, ports: [], labels: {}, mounts: [], networks: ['bridge'], ...over,
  };
}
function img(tags: string[], created: number, size: number): ImageSummary {
  return { id: `sha256:${tags.join()}`, repoTags: tags, repoDigests: [], created, size, containers: 0, dangling: tags.length === 0 } as unknown as ImageSummary;
}

describe('explorer/arrange', () => {
  const list = [
    ctr('web', { created: 3, image: 'nginx', state: 'exited', composeProject: 'shop', networks: ['front', 'back'] }),
    ctr('db', { created: 1, image: 'postgres', composeProject: 'shop', networks: ['back'] }),
    ctr('api', { created: 2, image: 'nginx', state: 'paused', networks: [] }),
  ];
  const names = (l: ContainerSummary[]) => l.map((c) => c.name);

  it('sorts containers by created (newest first), name, state and image', () => {
    assert.deepEqual(names([...list].sort(compareContainers('created'))), ['web', 'api', 'db']);
    assert.deepEqual(names([...list].sort(compareContainers('name'))), ['api', 'db', 'web']);
    assert.deepEqual(names([...list].sort(compareContainers('state'))), ['db', 'api', 'web']);
    assert.deepEqual(names([...list].sort(compareContainers('image'))), ['api', 'web', 'db']);
  });

  it('groups by compose project, image, network, state or not at all', () => {
    const compose = groupContainers(list, 'composeProject', 'name');
    assert.deepEqual(compose.groups.map((g) => [g.name, names(g.containers)]), [['shop', ['db', 'web']]]);
    assert.deepEqual(names(compose.ungrouped), ['api']);
    assert.deepEqual(groupContainers(list, 'image', 'name').groups.map((g) => [g.name, names(g.containers)]), [['nginx', ['api', 'web']], ['postgres', ['db']]]);
    assert.deepEqual(groupContainers(list, 'network', 'name').groups.map((g) => [g.name, names(g.containers)]), [['back', ['db', 'web']], ['front', ['web']], ['no network', ['api']]]);
    assert.deepEqual(groupContainers(list, 'state', 'name').groups.map((g) => g.name), ['running', 'paused', 'exited']);
    const none = groupContainers(list, 'none', 'created');
    assert.deepEqual([none.groups.length, names(none.ungrouped)], [0, ['web', 'api', 'db']]);
  });

  it('sorts image repositories and tags by name, created or size; <none> stays last', () => {
    const groups = groupImages([img(['b:1'], 10, 500), img(['a:1'], 5, 100), img(['a:2'], 20, 50), img([], 30, 900)]);
    assert.deepEqual(sortImageGroups(groups, 'name').map((g) => [g.repository, g.tags.map((t) => t.tag)]), [['a', ['2', '1']], ['b', ['1']], ['<none>', [groups.find((g) => g.repository === '<none>')!.tags[0].tag]]]);
    assert.deepEqual(sortImageGroups(groups, 'created').map((g) => g.repository), ['a', 'b', '<none>']);
    assert.deepEqual(sortImageGroups(groups, 'created')[0].tags.map((t) => t.tag), ['2', '1']);
    assert.deepEqual(sortImageGroups(groups, 'size').map((g) => g.repository), ['b', 'a', '<none>']);
  });

  it('renders the description template; empty fields take their separator along', () => {
    const c = ctr('web', { ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }], composeProject: 'shop' });
    assert.equal(renderContainerDescription('{image} · {status} · {ports}', c), 'busybox · Up 1 minute · 8080→80/tcp');
    assert.equal(renderContainerDescription('{image} · {ports} · {status}', ctr('x')), 'busybox · Up 1 minute');
    assert.equal(renderContainerDescription('{project}/{service} · {id} {unknown}', c), `shop/ · ${c.id.slice(0, 12)} {unknown}`);
    assert.equal(renderContainerDescription('{ports} · {health}', ctr('x')), '');
  });

  it('takes only known setting values', () => {
    assert.equal(oneOf('name', CONTAINER_SORT_KEYS, 'created'), 'name');
    assert.equal(oneOf('bogus', CONTAINER_SORT_KEYS, 'created'), 'created');
    assert.equal(oneOf(3, CONTAINER_SORT_KEYS, 'created'), 'created');
  });
});
