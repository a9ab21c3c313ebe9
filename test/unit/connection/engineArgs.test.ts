import * as assert from 'node:assert/strict';
import { engineKeyOfArgs, planEngineRuns, splitByEngine } from '../../../src/connection/engineArgs';

describe('engine arguments (which engine a command acts on)', () => {
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

  it('asks for an engine only from outside a tree, with several engines shown, for commands that ask', () => {
    const item = { engineKey: 'context:b' };
    assert.deepEqual(planEngineRuns([], true, 'ask'), { ask: true });
    assert.deepEqual(planEngineRuns([], true, 'active'), { ask: false, parts: [{ key: undefined, args: [] }] });
    assert.deepEqual(planEngineRuns([], false, 'ask'), { ask: false, parts: [{ key: undefined, args: [] }] });
    assert.deepEqual(planEngineRuns([item, [item]], true, 'ask'), { ask: false, parts: [{ key: 'context:b', args: [item, [item]] }] });
  });
});
