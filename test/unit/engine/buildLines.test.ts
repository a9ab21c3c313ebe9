// The build and progress streams split their answers into lines with the one UTF-8-safe
// splitter (src/shared/lines.ts): a multi-byte character cut across two chunks stays whole
// (no U+FFFD), in the engine's JSON lines (pull/push progress, both builders' POST /build)
// and in BuildKit's step logs. And one POST /build call stops alike for both builders.
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { BuildCall } from '../../../src/engine/build';
import { JsonLines } from '../../../src/engine/progress';
import { BuildTrace } from '../../../src/engine/buildkit/trace';
import { isEngineError } from '../../../src/engine/errors';
import { LineSplitter } from '../../../src/shared/lines';

/** The bytes of `text` cut in two inside its first multi-byte character. */
function cutInside(text: string, char: string): [Buffer, Buffer] {
  const bytes = Buffer.from(text);
  const at = bytes.indexOf(Buffer.from(char)) + 1;
  assert.ok(at > 0 && Buffer.from(char).length > 1);
  return [bytes.subarray(0, at), bytes.subarray(at)];
}

describe('lines across chunks: a multi-byte character cut in two stays whole', () => {
  it('the line splitter', () => {
    for (const char of ['é', '€', '😀']) {
      const [a, b] = cutInside(`caf${char}\nnext`, char);
      const s = new LineSplitter();
      assert.deepEqual(s.push(a), []);
      assert.deepEqual(s.push(b), [`caf${char}`]);
      assert.equal(s.flush(), 'next');
    }
    // Uint8Array chunks (protobuf bytes) too, and a character cut at the very end is not lost.
    const s = new LineSplitter();
    const euro = Buffer.from('€');
    assert.deepEqual(s.push(new Uint8Array(euro.subarray(0, 2))), []);
    assert.equal(s.flush(), '\ufffd', 'an incomplete character at the end of the stream is all that is replaced');
  });

  it('pull/push progress (engine/progress.ts JsonLines)', () => {
    const [a, b] = cutInside('{"status":"Pulling fs layer","id":"ünïcode"}\n{"status":"Digest: x"}\n', 'ü');
    const lines = new JsonLines();
    assert.deepEqual(lines.push(a), []);
    assert.deepEqual(lines.push(b), [{ status: 'Pulling fs layer', id: 'ünïcode' }, { status: 'Digest: x' }]);
    assert.deepEqual(lines.flush(), []);
  });

  it('BuildKit step logs (engine/buildkit/trace.ts), cut between two log messages', () => {
    const t = new BuildTrace();
    const [a, b] = cutInside('prix: 5 €\nfin', '€');
    t.apply({ vertexes: [{ digest: 'd', inputs: [], name: '[1/1] RUN x', cached: false, started: 0 }], statuses: [], logs: [], warnings: [] });
    const first = t.apply({ vertexes: [], statuses: [], logs: [{ vertex: 'd', stream: 1, msg: a }], warnings: [] });
    assert.deepEqual(first, []);
    const second = t.apply({ vertexes: [], statuses: [], logs: [{ vertex: 'd', stream: 1, msg: b }], warnings: [] });
    assert.deepEqual(second.map((e) => (e.type === 'log' ? e.line : e.type)), ['prix: 5 €']);
    const end = t.apply({ vertexes: [{ digest: 'd', inputs: [], name: '[1/1] RUN x', cached: false, started: 0, completed: 1 }], statuses: [], logs: [], warnings: [] });
    assert.deepEqual(end.map((e) => (e.type === 'log' ? e.line : e.type)), ['fin', 'completed']);
    assert.ok(!t.steps.get('d')!.lines.join('').includes('\ufffd'));
  });
});

describe('one POST /build call for both builders', () => {
  it('reads the answer\'s lines, a character cut across chunks whole, blank lines left out', async () => {
    const call = new BuildCall('unix:///test.sock', new PassThrough(), undefined);
    const res = new PassThrough();
    const got: string[] = [];
    const done = call.follow(res, (l) => got.push(l));
    const [a, b] = cutInside('{"stream":"Step 1/1 : RUN echo é"}\n\n{"aux":{"ID":"sha256:1"}}', 'é');
    res.write(a);
    res.write(b);
    res.end();
    await done;
    call.dispose();
    assert.deepEqual(got.map((l) => JSON.parse(l) as unknown), [{ stream: 'Step 1/1 : RUN echo é' }, { aux: { ID: 'sha256:1' } }]);
  });

  it('the caller\'s cancel stops it with a cancelled error, after asking the engine to stop too', async () => {
    const abort = new AbortController();
    const call = new BuildCall('unix:///test.sock', new PassThrough(), abort.signal);
    const res = new PassThrough();
    let stopped = 0;
    const done = call.follow(res, () => undefined, () => stopped++);
    abort.abort();
    await assert.rejects(done, (e) => isEngineError(e, 'cancelled'));
    assert.equal(stopped, 1);
    assert.ok(res.destroyed, 'the answer is closed');
    call.dispose();
    assert.throws(() => new BuildCall('unix:///test.sock', new PassThrough(), abort.signal), (e) => isEngineError(e, 'cancelled'), 'an already cancelled build is not started');
  });

  it('a context that fails ends it with the context\'s own error; a cut-off answer says the connection dropped', async () => {
    const context = new PassThrough();
    const call = new BuildCall('unix:///test.sock', context, undefined);
    const done = call.follow(new PassThrough(), () => undefined);
    const broken = new Error('cannot read secret.key');
    context.emit('error', broken);
    await assert.rejects(done, (e) => e === broken);
    call.dispose();

    const other = new BuildCall('unix:///test.sock', new PassThrough(), undefined);
    const res = new PassThrough();
    const cut = other.follow(res, () => undefined);
    res.emit('error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await assert.rejects(cut, (e) => isEngineError(e, 'unreachable') && /unix:\/\/\/test\.sock/.test(e.message));
    other.dispose();
  });
});
