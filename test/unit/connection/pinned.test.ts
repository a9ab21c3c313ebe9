import * as assert from 'node:assert/strict';
import {
  activeSpec, describeRoot, isContextPinned, isMulti, parseEnginesSetting, shownEngines, withContextPinned,
} from '../../../src/connection/pinned';
import { ResolvedHost } from '../../../src/engine/hosts/resolve';

describe('pinned engines (dockyard.engines)', () => {
  it('reads context names and { name, host } objects, in order', () => {
    const { entries, problems } = parseEnginesSetting(['staging', { name: 'build box', host: 'ssh://me@build' }, { host: '/tmp/x/docker.sock' }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries, [
      { kind: 'context', name: 'staging' },
      { kind: 'host', name: 'build box', host: 'ssh://me@build' },
      { kind: 'host', name: 'docker.sock', host: 'unix:///tmp/x/docker.sock' },
    ]);
  });

  it('skips bad entries with a message naming the entry, and drops duplicates', () => {
    const { entries, problems } = parseEnginesSetting(['a', 'a', ' bad name', 42, { name: 'x' }, { host: 'ftp://h' }, { host: 'tcp://h:2376' }, { name: 'same', host: 'tcp://h:2376' }]);
    assert.deepEqual(entries.map((e) => e.kind === 'host' ? e.host : e.name), ['a', 'tcp://h:2376']);
    assert.equal(problems.length, 4);
    assert.match(problems[0], /dockyard\.engines\[2\]: " bad name" is not a docker context name/);
    assert.match(problems[1], /dockyard\.engines\[3\]/);
    assert.match(problems[2], /dockyard\.engines\[4\]: "host" is missing/);
    assert.match(problems[3], /dockyard\.engines\[5\]: .*unsupported scheme ftp/);
  });

  it('reads nothing from a missing setting and says so for a non-list', () => {
    assert.deepEqual(parseEnginesSetting(undefined), { entries: [], problems: [] });
    assert.equal(parseEnginesSetting({ a: 1 }).problems.length, 1);
  });

  const ctxResolved = (context: string, host: string): ResolvedHost => ({ host, source: context === 'default' ? 'default' : 'config', context });

  it('the active engine is a context when a context picks it, else its host', () => {
    assert.deepEqual(activeSpec(ctxResolved('default', 'unix:///var/run/docker.sock')), { key: 'context:default', name: 'docker', kind: 'context', target: 'default', active: true });
    assert.deepEqual(activeSpec({ host: 'tcp://h:2375', source: 'DOCKER_HOST', context: 'DOCKER_HOST' }), { key: 'host:tcp://h:2375', name: 'h:2375', kind: 'host', target: 'tcp://h:2375', active: true });
  });

  it('shows the active engine first, then the pinned ones in order; one engine is not multi', () => {
    const active = { spec: activeSpec(ctxResolved('default', 'unix:///var/run/docker.sock')), host: 'unix:///var/run/docker.sock' };
    const none = shownEngines(active, [], () => undefined);
    assert.equal(none.length, 1);
    assert.equal(isMulti(none), false);
    const { entries } = parseEnginesSetting(['staging', { name: 'box', host: 'ssh://me@box' }]);
    const shown = shownEngines(active, entries, (c) => (c === 'staging' ? 'ssh://me@staging' : undefined));
    assert.deepEqual(shown.map((s) => [s.key, s.name, s.active]), [
      ['context:default', 'docker', true], ['context:staging', 'staging', false], ['host:ssh://me@box', 'box', false],
    ]);
    assert.equal(isMulti(shown), true);
  });

  it('does not show the active engine twice (pinned by name or by a host it resolves to)', () => {
    const active = { spec: activeSpec(ctxResolved('staging', 'ssh://me@staging')), host: 'ssh://me@staging' };
    const { entries } = parseEnginesSetting(['staging', 'alias', { name: 'raw', host: 'ssh://me@staging' }, 'other']);
    const shown = shownEngines(active, entries, (c) => ({ alias: 'ssh://me@staging', other: 'tcp://o:2376' } as Record<string, string>)[c]);
    assert.deepEqual(shown.map((s) => s.key), ['context:staging', 'context:other']);
  });

  it('pins and unpins a context, keeping other entries as written', () => {
    const before = ['a', { name: 'box', host: 'ssh://box' }, { oops: true }];
    const pinned = withContextPinned(before, 'b', true);
    assert.deepEqual(pinned, ['a', { name: 'box', host: 'ssh://box' }, { oops: true }, 'b']);
    assert.equal(isContextPinned(pinned, 'b'), true);
    assert.deepEqual(withContextPinned(pinned, 'a', false), [{ name: 'box', host: 'ssh://box' }, { oops: true }, 'b']);
    assert.deepEqual(withContextPinned(undefined, 'a', true), ['a']);
    assert.deepEqual(withContextPinned(['a'], 'a', true), ['a']);
    assert.equal(isContextPinned(['a'], 'b'), false);
  });

  it('describes a root by kind and state', () => {
    assert.equal(describeRoot({ kind: 'context', active: true }, 'connected'), 'context · active · connected');
    assert.equal(describeRoot({ kind: 'host', active: false }, 'unreachable'), 'host · unreachable');
  });
});
