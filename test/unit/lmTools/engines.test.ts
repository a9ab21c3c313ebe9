import * as assert from 'node:assert/strict';
import { chooseEngine } from '../../../src/lmTools/engines';
import { ToolInputError } from '../../../src/lmTools/input';

const shown = [{ name: 'desktop', active: true }, { name: 'Build Box', active: false }];

describe('language-model tools: which engine', () => {
  it('is the active engine unless the input names another shown one', () => {
    assert.equal(chooseEngine(shown, undefined, false, true).name, 'desktop');
    assert.equal(chooseEngine(shown, 'Build Box', false, true).name, 'Build Box');
    assert.equal(chooseEngine(shown, 'build box', false, true).name, 'Build Box');
  });

  it('refuses an engine that is not shown, listing those that are', () => {
    assert.throws(() => chooseEngine(shown, 'tcp://evil:2375', false, true),
      (e: unknown) => e instanceof ToolInputError && /no engine is named "tcp:\/\/evil:2375"\. Engines: desktop, Build Box\./.test(e.message));
    assert.throws(() => chooseEngine([], undefined, false, true), /No Docker engine is configured/);
  });

  it('in an untrusted workspace, changes only the active engine', () => {
    assert.equal(chooseEngine(shown, 'Build Box', false, false).name, 'Build Box');
    assert.equal(chooseEngine(shown, 'desktop', true, false).name, 'desktop');
    assert.throws(() => chooseEngine(shown, 'Build Box', true, false),
      (e: unknown) => e instanceof ToolInputError && /untrusted workspace.*active engine \(desktop\)/.test(e.message));
    assert.equal(chooseEngine(shown, 'Build Box', true, true).name, 'Build Box');
  });
});
