import { strict as assert } from 'node:assert';
import { asError, describeError, describeErrorWithStack } from '../../../src/shared/errors';

describe('shared/errors', () => {
  it('describes an Error by its message and anything else as text', () => {
    assert.equal(describeError(new Error('gone')), 'gone');
    assert.equal(describeError('plain'), 'plain');
    assert.equal(describeError(42), '42');
    assert.equal(describeError(undefined), 'undefined');
  });

  it('logs an Error with its stack (which starts with its message), anything else as text', () => {
    const e = new TypeError('bad');
    assert.equal(describeErrorWithStack(e), e.stack);
    assert.match(describeErrorWithStack(e), /^TypeError: bad\n\s+at /);
    const noStack = new Error('no stack');
    noStack.stack = undefined;
    assert.equal(describeErrorWithStack(noStack), 'no stack');
    assert.equal(describeErrorWithStack({ toString: () => 'odd' }), 'odd');
  });

  it('keeps an Error as it is and wraps anything else', () => {
    const e = new RangeError('r');
    assert.equal(asError(e), e);
    const wrapped = asError('text');
    assert.ok(wrapped instanceof Error);
    assert.equal(wrapped.message, 'text');
  });
});
