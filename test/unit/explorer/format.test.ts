import { strict as assert } from 'node:assert';
import { ContainerSummary, ImageSummary } from '../../../src/engine/models';
import {
  containerContextValue, containerDescription, containerIcon, containerTooltip, formatPorts, groupImages, imageTooltip, matchesFilter,
  networkTooltip, splitTag, volumeTooltip,
} from '../../../src/explorer/format';
import { assertNoInjection, HOSTILE } from '../shared/markdownCheck';
import { formatAge, formatBytes } from '../../../src/shared/format';

function container(over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: 'a'.repeat(64), name: 'web', image: 'nginx:1.25', imageId: 'sha256:1', command: 'nginx -g daemon off;', created: 0,
    state: 'running', status: 'Up 2 minutes', health: undefined, ports: [], labels: {}, mounts: [], networks: ['bridge'], ...over,
  };
}

function image(id: string, tags: string[], created = 0, size = 1000): ImageSummary {
  return { id, repoTags: tags, repoDigests: [], created, size, containers: 0, labels: {}, dangling: tags.length === 0 };
}

describe('formatting', () => {
  it('bytes', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(999), '999 B');
    assert.equal(formatBytes(1500), '1.50 kB');
    assert.equal(formatBytes(123_400_000), '123 MB');
    assert.equal(formatBytes(-1), '?');
  });

  it('ages', () => {
    const now = Date.UTC(2026, 0, 10);
    assert.equal(formatAge(now - 10_000, now), 'just now');
    assert.equal(formatAge(now - 60_000, now), '1 minute ago');
    assert.equal(formatAge(now - 3 * 3600_000, now), '3 hours ago');
    assert.equal(formatAge(now - 8 * 86400_000, now), '1 week ago');
  });

  it('ports: published, unpublished, IPv4/IPv6 duplicates folded', () => {
    assert.equal(formatPorts([
      { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
      { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
      { privatePort: 443, type: 'tcp' },
      { privatePort: 53, publicPort: 5353, ip: '127.0.0.1', type: 'udp' },
    ]), '127.0.0.1:5353→53/udp, 8080→80/tcp, 443/tcp');
  });

  it('container description is image · status · ports', () => {
    assert.equal(containerDescription(container({ ports: [{ privatePort: 22, publicPort: 2222, type: 'tcp' }] })), 'nginx:1.25 · Up 2 minutes · 2222→22/tcp');
  });

  it('container icons follow state and health', () => {
    assert.equal(containerIcon(container()).id, 'vm-running');
    assert.equal(containerIcon(container({ health: 'unhealthy' })).id, 'warning');
    assert.equal(containerIcon(container({ health: 'healthy' })).id, 'pass-filled');
    assert.equal(containerIcon(container({ state: 'exited' })).id, 'vm-outline');
    assert.equal(containerIcon(container({ state: 'paused' })).id, 'debug-pause');
    assert.equal(containerIcon(container({ state: 'dead' })).id, 'error');
  });

  it('context values carry the state for menus', () => {
    assert.equal(containerContextValue(container({ state: 'exited' })), 'container.exited');
    assert.equal(containerContextValue(container({ composeProject: 'app' })), 'container.running.compose');
  });

  it('splits tags, registry ports included', () => {
    assert.deepEqual(splitTag('nginx:1.25'), ['nginx', '1.25']);
    assert.deepEqual(splitTag('localhost:5000/app'), ['localhost:5000/app', 'latest']);
    assert.deepEqual(splitTag('localhost:5000/app:v2'), ['localhost:5000/app', 'v2']);
  });

  it('groups images by repository, newest tag first, dangling last', () => {
    const groups = groupImages([
      image('sha256:aaa', ['zeta:1']),
      image('sha256:bbb', ['app:old'], 1),
      image('sha256:ccc', ['app:new', 'other:x'], 2),
      image('sha256:ddddddddddddddddddd', []),
    ]);
    assert.deepEqual(groups.map((g) => g.repository), ['app', 'other', 'zeta', '<none>']);
    assert.deepEqual(groups[0].tags.map((t) => t.tag), ['new', 'old']);
    assert.equal(groups[3].tags[0].ref, 'sha256:ddddddddddddddddddd');
    assert.equal(groups[3].tags[0].tag, 'dddddddddddd');
  });

  it('filters case-insensitively over any field', () => {
    assert.ok(matchesFilter('NGI', 'web', 'nginx'));
    assert.ok(matchesFilter('  ', 'x'));
    assert.ok(!matchesFilter('redis', 'web', 'nginx', undefined));
  });
});

describe('tooltips: engine-supplied values render as text', () => {
  for (const [n, evil] of HOSTILE.entries()) {
    it(`container, image, volume and network tooltips (${n})`, () => {
      assertNoInjection(containerTooltip(container({ name: `w${evil}`, command: `sh -c "${evil}"`, image: evil, status: evil,
        networks: [evil], composeProject: evil, composeService: evil, mounts: [{ type: 'volume', name: evil, source: evil, destination: evil, rw: true }] })));
      assertNoInjection(imageTooltip(`r${evil}:t`, { ...image('sha256:1', [`r${evil}:t`, evil]), repoDigests: [`x@${evil}`] }));
      assertNoInjection(volumeTooltip({ name: evil, driver: evil, mountpoint: evil, scope: 'local', created: 0, usedBy: [evil], labels: {} }));
      assertNoInjection(networkTooltip({ id: 'n'.repeat(64), name: evil, driver: evil, scope: evil, internal: false, builtIn: false, labels: {}, containers: [evil] }));
    });
  }
});
