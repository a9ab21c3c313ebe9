import { strict as assert } from 'node:assert';
import { connectionDropped, isConnectionDrop } from '../../../src/engine/build';
import { EngineError } from '../../../src/engine/errors';

describe('engine/build: a dropped connection', () => {
  it('recognises a cut-off response and says so in words', () => {
    for (const e of [new Error('aborted'), Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), new Error('socket hang up'), Object.assign(new Error('x'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })]) {
      assert.ok(isConnectionDrop(e), e.message);
    }
    assert.ok(!isConnectionDrop(new Error('no space left on device')));
    assert.ok(!isConnectionDrop(new EngineError('badRequest', 'dockerfile parse error')));
    const m = connectionDropped('unix:///var/run/docker.sock');
    assert.equal(m.kind, 'unreachable');
    assert.match(m.message, /^The engine closed the connection during the build \(unix:\/\/\/var\/run\/docker\.sock\)/);
  });
});
