import * as assert from 'node:assert/strict';
import { CommandScope, commandAsksForEngine, engineKeyOfArgs, splitByEngine } from '../../../src/connection/commandScope';

describe('command scope (which engine a command acts on)', () => {
  it('takes the clicked item\'s engine, else the selection\'s', () => {
    assert.equal(engineKeyOfArgs([{ engineKey: 'context:b' }, [{ engineKey: 'context:b' }]]), 'context:b');
    assert.equal(engineKeyOfArgs([undefined, [{}, { engineKey: 'host:x' }]]), 'host:x');
    assert.equal(engineKeyOfArgs([]), undefined);
    assert.equal(engineKeyOfArgs(['a string', 3]), undefined);
  });

  it('splits a selection across engines into one run per engine, clicked item first', () => {
    const a1 = { engineKey: 'A', n: 1 }; const a2 = { engineKey: 'A', n: 2 }; const b1 = { engineKey: 'B', n: 3 };
    assert.deepEqual(splitByEngine([b1, [a1, b1, a2], 'extra']), [
      { key: 'B', args: [b1, [b1], 'extra'] },
      { key: 'A', args: [a1, [a1, a2], 'extra'] },
    ]);
    // One engine, or a clicked item outside the selection: unchanged.
    assert.deepEqual(splitByEngine([a1, [a1, a2]]), [{ key: 'A', args: [a1, [a1, a2]] }]);
    assert.deepEqual(splitByEngine([a1, [a2, b1]]), [{ key: 'A', args: [a1, [a2, b1]] }]);
    assert.deepEqual(splitByEngine([]), [{ key: undefined, args: [] }]);
  });

  it('asks for an engine only for commands that act on one', () => {
    for (const id of ['dockyard.container.start', 'dockyard.containers.prune', 'dockyard.image.build', 'dockyard.volume.create', 'dockyard.system.info', 'dockyard.compose.up', 'dockyard.registry.pull']) assert.equal(commandAsksForEngine(id), true, id);
    for (const id of ['dockyard.containers.refresh', 'dockyard.images.filter', 'dockyard.containers.groupBy', 'dockyard.context.pin', 'dockyard.engine.retry', 'dockyard.dockerfile.lint', 'dockyard.registry.login', 'dockyard.compose.chooseOptions']) assert.equal(commandAsksForEngine(id), false, id);
  });

  it('keeps the engine across awaits and timers, separately for concurrent commands', async () => {
    const scope = new CommandScope();
    const seen: (string | undefined)[] = [];
    const cmd = (key: string, ms: number) => scope.run(key, async () => {
      await new Promise((r) => setTimeout(r, ms));
      seen.push(scope.key);
      await Promise.resolve();
      return scope.key;
    });
    const [a, b] = await Promise.all([cmd('A', 30), cmd('B', 5)]);
    assert.deepEqual([a, b], ['A', 'B']);
    assert.deepEqual(seen, ['B', 'A']);
    assert.equal(scope.key, undefined);
    assert.equal(scope.inside, false);
  });
});
