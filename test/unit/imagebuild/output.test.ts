import * as assert from 'node:assert/strict';
import { instructionForStep, readBuildInput } from '../../../src/imagebuild/buildInput';
import { BuildOutput } from '../../../src/imagebuild/output';

const DOCKERFILE = [
  'ARG BASE=busybox',          // 0  step 1
  'FROM $BASE AS build',       // 1  step 2
  'ARG FLAVOUR=plain',         // 2  step 3
  '# a comment',               // 3
  'RUN make \\',               // 4  step 4
  '    all',                   // 5
  'FROM busybox AS release',   // 6  step 5
  'COPY --from=build /out /',  // 7  step 6
  'ARG EMPTY',                 // 8  step 7
].join('\n');

describe('build output', () => {
  const info = readBuildInput(DOCKERFILE);

  it('reads stages and ARGs with defaults', () => {
    assert.deepEqual(info.stages.map((s) => s.name), ['build', 'release']);
    assert.deepEqual(info.args, [
      { name: 'BASE', defaultValue: 'busybox', global: true },
      { name: 'FLAVOUR', defaultValue: 'plain', global: false },
      { name: 'EMPTY', defaultValue: undefined, global: false },
    ]);
  });

  it('maps step N to the Nth instruction, with its whole range', () => {
    assert.deepEqual(instructionForStep(info, 4, 'RUN make all')?.range, { startLine: 4, startCharacter: 0, endLine: 5, endCharacter: 7 });
    assert.equal(instructionForStep(info, 6)?.range.startLine, 7);
    // The file changed since: the keyword wins, nearest by position.
    assert.equal(instructionForStep(info, 5, 'COPY --from=build /out /')?.range.startLine, 7);
  });

  it('follows steps, collects step output and the image id', () => {
    const out = new BuildOutput();
    assert.equal(out.add({ stream: 'Step 1/2 : FROM busybox\n' }), 'Step 1/2 : FROM busybox\r\n');
    out.add({ stream: ' ---> abc\nStep 2/2 : RUN make\n ---> Running in 123\nline one\nline ' });
    out.add({ stream: 'two\n' });
    assert.deepEqual(out.step, { n: 2, total: 2, text: 'RUN make' });
    assert.deepEqual(out.lastLines(5), ['line one', 'line two']);
    out.add({ aux: { ID: 'sha256:feed' } });
    out.add({ stream: 'Successfully built feedfeedfeed\nSuccessfully tagged app:latest\n' });
    assert.equal(out.imageId, 'sha256:feed');
    assert.deepEqual(out.tags, ['app:latest']);
    assert.equal(out.failure(info), undefined);
  });

  it('places a failing step on its instruction with the last lines', () => {
    const out = new BuildOutput();
    out.add({ stream: 'Step 4/7 : RUN make all\n ---> Running in 1\nmake: *** No rule to make target\n' });
    const text = out.add({ errorDetail: { message: "The command '/bin/sh -c make all' returned a non-zero code: 2", code: 2 }, error: 'x' });
    assert.match(text, /non-zero code: 2/);
    const f = out.failure(info);
    assert.equal(f?.range?.startLine, 4);
    assert.equal(f?.detail, "The command '/bin/sh -c make all' returned a non-zero code: 2\nmake: *** No rule to make target");
  });

  it('places a parse error on the line it names', () => {
    const out = new BuildOutput();
    out.refused('dockerfile parse error line 6: unknown instruction: FOO');
    assert.equal(out.failure(info)?.range?.startLine, 4); // line 6 (1-based) is inside the RUN on lines 5–6
  });

  it('keeps an error with no step unplaced', () => {
    const out = new BuildOutput();
    out.add({ error: 'failed to reach build target nope in Dockerfile' });
    const f = out.failure(info);
    assert.equal(f?.range, undefined);
    assert.equal(f?.message, 'failed to reach build target nope in Dockerfile');
  });
});
