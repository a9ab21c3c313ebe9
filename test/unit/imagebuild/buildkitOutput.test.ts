import * as assert from 'node:assert/strict';
import { BuildKitOutput, instructionForVertex, parseVertexName } from '../../../src/imagebuild/buildkitOutput';
import { readBuildInput } from '../../../src/imagebuild/buildInput';
import { BuildTrace, StatusResponse } from '../../../src/engine/buildkit/trace';

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

const DOCKERFILE = [
  'ARG BASE=busybox',                       // 0
  'FROM $BASE AS build',                    // 1  [build 1/4]
  'ENV A=1',                                // 2  (no vertex)
  'WORKDIR /src',                           // 3  [build 2/4]
  'RUN make \\',                            // 4  [build 3/4]
  '    all',                                // 5
  'RUN make install',                       // 6  [build 4/4]
  '',
  'FROM busybox',                           // 8  [stage-1 1/3]
  'COPY --from=build /out /out',            // 9  [stage-1 2/3]
  'RUN echo done',                          // 10 [stage-1 3/3]
  'FROM build AS tests',                    // 11 (no vertex: FROM another stage)
  'RUN make test',                          // 12 [tests 1/2]
  'RUN make check',                         // 13 [tests 2/2]
].join('\n');

const empty = (): StatusResponse => ({ vertexes: [], statuses: [], logs: [], warnings: [] });

describe('BuildKit output', () => {
  const info = readBuildInput(DOCKERFILE);

  it('reads vertex names: stage, step, text; a platform prefix is not a stage', () => {
    assert.deepEqual(parseVertexName('[build 3/4] RUN make all'), { stage: 'build', n: 3, total: 4, text: 'RUN make all' });
    assert.deepEqual(parseVertexName('[linux/arm64 stage-1 2/3] COPY a b'), { stage: 'stage-1', n: 2, total: 3, text: 'COPY a b' });
    assert.deepEqual(parseVertexName('[2/3] RUN x'), { stage: undefined, n: 2, total: 3, text: 'RUN x' });
    assert.equal(parseVertexName('[internal] load build definition from Dockerfile'), undefined);
    assert.equal(parseVertexName('exporting to image'), undefined);
  });

  it('maps a vertex to its instruction: by stage name or index, by numbered step, by text', () => {
    const line = (name: string) => instructionForVertex(info, name)?.range.startLine;
    assert.equal(line('[build 3/4] RUN make     all'), 4);
    assert.equal(line('[build 2/4] WORKDIR /src'), 3);
    assert.equal(line('[build 4/4] RUN make install'), 6);
    assert.equal(line('[stage-1 3/3] RUN echo done'), 10);
    assert.equal(line('[stage-1 2/3] COPY --from=build /out /out'), 9);
    // Variables expanded by BuildKit: the text differs, the step number and keyword agree.
    assert.equal(line('[build 1/4] FROM docker.io/library/busybox'), 1);
    // The file changed since the build: the same keyword nearest to the step.
    assert.equal(line('[stage-1 3/4] RUN echo changed'), 10);
    assert.equal(line('[internal] load metadata'), undefined);
    // A stage FROM another stage has no FROM step: [tests 1/2] is its first RUN.
    assert.equal(line('[tests 1/2] RUN make test2'), 12);
    assert.equal(line('[tests 2/2] RUN make check2'), 13);
  });

  function fold(out: BuildKitOutput, r: Partial<StatusResponse>): string {
    return strip(out.render(out.trace.apply({ ...empty(), ...r })));
  }

  it('renders like buildx --progress=plain: headers, timed output, CACHED, DONE, ERROR, warnings', () => {
    const out = new BuildKitOutput(new BuildTrace());
    const from = { digest: 'd1', inputs: [], name: '[build 1/4] FROM docker.io/library/busybox', cached: true, started: 0, completed: 0 };
    const run = { digest: 'd2', inputs: [], name: '[build 3/4] RUN make all', cached: false, started: 1000 };
    let text = fold(out, { vertexes: [from, run] });
    assert.equal(text, '\r\n#1 [build 1/4] FROM docker.io/library/busybox\r\n#1 CACHED\r\n\r\n#2 [build 3/4] RUN make all\r\n');
    text = fold(out, { logs: [{ vertex: 'd2', stream: 1, timestamp: 1250, msg: Buffer.from('compiling\nlinking\n') }] });
    assert.equal(text, '#2 0.250 compiling\r\n#2 0.250 linking\r\n');
    assert.deepEqual(out.progress(), { done: 1, total: 2, current: '[build 3/4] RUN make all' });
    text = fold(out, { vertexes: [{ ...run, completed: 2500, error: 'process "/bin/sh -c make all" did not complete successfully: exit code: 2' }] });
    assert.equal(text, '#2 ERROR: process "/bin/sh -c make all" did not complete successfully: exit code: 2\r\n');
    text = fold(out, { warnings: [{ vertex: 'd2', level: 1, short: 'Empty continuation line', detail: ['Empty continuation lines will become errors'], url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/', ranges: [] }] });
    assert.match(text, /WARNING: Empty continuation line\r\n  Empty continuation lines will become errors\r\n  https:/);
    assert.equal(out.summary(), '2 steps, 1 cached');
  });

  it('places the failure on the failing step\'s instruction with its last lines', () => {
    const out = new BuildKitOutput(new BuildTrace());
    out.trace.apply({ ...empty(), vertexes: [{ digest: 'd', inputs: [], name: '[build 3/4] RUN make all', cached: false, started: 0 }] });
    out.trace.apply({ ...empty(), logs: [{ vertex: 'd', stream: 2, msg: Buffer.from('cc: error: x.c\nmake: *** [all] Error 1\n') }] });
    out.trace.apply({ ...empty(), vertexes: [{ digest: 'd', inputs: [], name: '[build 3/4] RUN make all', cached: false, started: 0, completed: 5, error: 'exit code: 2' }] });
    out.renderError('executor failed running [/bin/sh -c make all]: exit code: 2');
    const f = out.failure(info);
    assert.equal(f?.message, 'executor failed running [/bin/sh -c make all]: exit code: 2');
    assert.deepEqual(f?.range, { startLine: 4, startCharacter: 0, endLine: 5, endCharacter: 7 });
    assert.deepEqual(f?.step, { n: 3, total: 4, text: 'RUN make all' });
    assert.equal(f?.detail, 'executor failed running [/bin/sh -c make all]: exit code: 2\ncc: error: x.c\nmake: *** [all] Error 1');
    assert.equal(new BuildKitOutput(new BuildTrace()).failure(info), undefined);
  });

  it('places a Dockerfile parse error on its line', () => {
    const out = new BuildKitOutput(new BuildTrace());
    out.renderError('failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 7: unknown instruction: FOO');
    assert.equal(out.failure(info)?.range?.startLine, 6);
  });

  it('turns warnings into placed diagnostics: by source range, else by the vertex', () => {
    const out = new BuildKitOutput(new BuildTrace());
    out.trace.apply({ ...empty(), vertexes: [{ digest: 'd', inputs: [], name: '[stage-1 3/3] RUN echo done', cached: false, started: 0 }] });
    out.trace.apply({ ...empty(), warnings: [
      { vertex: '', level: 1, short: 'JSONArgsRecommended: JSON arguments recommended for CMD', detail: [], url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/', ranges: [{ startLine: 11, startCharacter: 0, endLine: 11, endCharacter: 14 }] },
      { vertex: 'd', level: 1, short: 'something about this step', detail: ['more'], url: '', ranges: [] },
    ] });
    assert.deepEqual(out.warnings(info), [
      { message: 'JSONArgsRecommended: JSON arguments recommended for CMD', code: 'json-args-recommended', url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/', range: { startLine: 10, startCharacter: 0, endLine: 10, endCharacter: 14 } },
      { message: 'something about this step\nmore', code: undefined, url: undefined, range: info.instructions.find((i) => i.range.startLine === 10)?.range },
    ]);
  });
});

describe('BuildKit output: transfers', () => {
  it('shows a running transfer at most every 2 s, and its end', () => {
    const out = new BuildKitOutput(new BuildTrace());
    const v = { digest: 'p', inputs: [], name: '[1/2] FROM docker.io/library/node:20', cached: false, started: 0 };
    const st = (current: number, timestamp: number, completed?: number) => ({ id: 'sha256:abc', vertex: 'p', name: '', current, total: 50_000_000, timestamp, started: 0, completed });
    const step = (r: Partial<StatusResponse>) => strip(out.render(out.trace.apply({ ...empty(), ...r })));
    step({ vertexes: [v] });
    assert.equal(step({ statuses: [st(1_000_000, 100)] }), '', 'the first update only starts the clock');
    assert.equal(step({ statuses: [st(5_000_000, 1_500)] }), '');
    assert.equal(step({ statuses: [st(20_000_000, 2_200)] }), '#1 sha256:abc 20.0 MB / 50.0 MB\r\n');
    assert.equal(step({ statuses: [st(50_000_000, 3_000, 3_000)] }), '#1 sha256:abc 3.0s done\r\n');
  });
});
