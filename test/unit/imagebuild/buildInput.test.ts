// The build reads a Dockerfile once, with the analysis parser, into one BuildInput: the
// instructions and their stages, the ARGs the form offers, the secret/ssh mounts of RUN steps
// and the images FROM pulls. dockerfile-ast (a test-only oracle) must agree on what the build
// prompts and the failure mapping use.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Arg, DockerfileParser, From } from 'dockerfile-ast';
import { readBuildInput } from '../../../src/imagebuild/buildInput';
import { splitImageList, validPlatform } from '../../../src/imagebuild/buildkitOptions';
import { registryOf } from '../../../src/shared/reference';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const files = ['build/ok/Dockerfile', 'build/stages/Dockerfile', 'build/fail/Dockerfile', 'dockerfile/Dockerfile', 'dockerfile/problems.Dockerfile', 'workspace/Dockerfile'];

describe('build input: instructions, stages, ARGs', () => {
  for (const f of files) {
    it(`agrees with dockerfile-ast on ${f}`, () => {
      const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
      const ours = readBuildInput(text);
      const df = DockerfileParser.parse(text);
      const theirs = df.getInstructions();
      assert.deepEqual(ours.instructions.map((i) => [i.keyword, i.range.startLine]), theirs.map((i) => [i.getKeyword().toUpperCase(), i.getRange().start.line]));
      const froms = theirs.filter((i): i is From => i instanceof From);
      // Stage names are case-insensitive in BuildKit; the analysis keeps them lower-cased.
      assert.deepEqual(ours.stages.map((s) => s.name).filter(Boolean), froms.map((x) => x.getBuildStage()?.toLowerCase()).filter(Boolean));
      assert.equal(ours.stages.length, froms.length);
      const argNames = theirs.filter((i): i is Arg => i instanceof Arg).map((a) => a.getProperty()?.getName()).filter((n): n is string => !!n);
      for (const n of argNames) assert.ok(ours.args.some((a) => a.name === n), `ARG ${n}`);
    });
  }

  it('reads every ARG of a multi-name ARG line, with defaults and scope', () => {
    const input = readBuildInput('ARG BASE=busybox\nFROM $BASE AS one\nARG A=1 B\nRUN true\n');
    assert.deepEqual(input.args, [
      { name: 'BASE', defaultValue: 'busybox', global: true },
      { name: 'A', defaultValue: '1', global: false },
      { name: 'B', defaultValue: undefined, global: false },
    ]);
    assert.deepEqual(input.stages, [{ name: 'one', image: '$BASE' }]);
    assert.deepEqual(input.instructions[3].range, { startLine: 3, startCharacter: 0, endLine: 3, endCharacter: 8 });
  });

  it('knows the stage of each instruction and its text on one line (continuations joined, comment lines left out)', () => {
    const input = readBuildInput([
      'ARG X=1',
      'FROM busybox AS Build',
      'RUN make \\',
      '  # a comment inside the continuation',
      '    all',
      'FROM build',
      'COPY --from=build /a /b',
    ].join('\n'));
    assert.deepEqual(input.instructions.map((i) => [i.keyword, i.stage, i.text]), [
      ['ARG', undefined, 'ARG X=1'],
      ['FROM', 0, 'FROM busybox AS Build'],
      ['RUN', 0, 'RUN make all'],
      ['FROM', 1, 'FROM build'],
      ['COPY', 1, 'COPY --from=build /a /b'],
    ]);
    assert.deepEqual(input.stages, [{ name: 'build', image: 'busybox' }, { name: undefined, image: 'build' }]);
    assert.deepEqual(input.instructions[2].range, { startLine: 2, startCharacter: 0, endLine: 4, endCharacter: 7 });
  });

  it('keeps the text it was read from', () => {
    const text = 'FROM busybox\r\nRUN true\r\n';
    assert.equal(readBuildInput(text).text, text);
  });
});

describe('build input: BuildKit mounts of RUN steps', () => {
  it('finds secret ids (explicit, or from the target), required flags and ssh ids, across continuations', () => {
    const text = [
      'FROM busybox',
      'RUN --mount=type=secret,id=npmrc,required \\',
      '    --mount=type=secret,target=/root/.aws/credentials \\',
      '    --mount=type=ssh \\',
      '    make',
      '# RUN --mount=type=secret,id=commented',
      'COPY --mount=type=secret,id=not-a-run . .',
      'run --mount="type=secret,id=quoted" --mount=type=ssh,id=github true',
      'RUN --mount=type=cache,target=/c --mount=type=secret,id=npmrc true',
    ].join('\n');
    assert.deepEqual(readBuildInput(text).mounts, {
      secrets: [
        { id: 'npmrc', required: true, line: 1 },
        { id: 'credentials', required: false, line: 1 },
        { id: 'quoted', required: false, line: 7 },
      ],
      ssh: ['default', 'github'],
    });
  });

  it('reads the keys in any order, quoted values, required=true/false, and comment lines inside a continuation', () => {
    const text = [
      'FROM busybox',
      'RUN --network=none \\',
      '# a comment line inside the continuation',
      '    --mount=required=true,id="with space",type=secret \\',
      '    --mount=id=opt,type=secret,required=false \\',
      '    --mount=dst=/run/key,type=secret \\',
      '    --mount=Type=ssh,ID=deploy \\',
      '    true',
    ].join('\n');
    const { secrets, ssh } = readBuildInput(text).mounts;
    assert.deepEqual(secrets.map((m) => `${m.id}${m.required ? ' (required)' : ''} @${m.line}`), ['with space (required) @1', 'opt @1', 'key @1']);
    assert.deepEqual(ssh, ['deploy']);
  });

  it('finds nothing in a classic Dockerfile', () => {
    assert.deepEqual(readBuildInput('FROM busybox\nRUN echo --mount=type=secret is text here? no: it is a flag only before the command\n').mounts, { secrets: [], ssh: [] });
  });
});

describe('build input: the images FROM pulls', () => {
  const text = [
    'ARG REG=127.0.0.1:5000',
    'ARG BASE=${REG}/team/base:1',
    'FROM ${BASE} AS build',
    'FROM --platform=$BUILDPLATFORM ghcr.io/org/tool:2 AS tool',
    'FROM build AS test',
    'FROM scratch',
    'FROM busybox',
  ].join('\n');
  const hosts = (images: string[]) => [...new Set(images.map(registryOf))];

  it('expands ARGs (a build arg over the default), leaves out stages and scratch', () => {
    assert.deepEqual(readBuildInput(text).fromImages(), ['127.0.0.1:5000/team/base:1', 'ghcr.io/org/tool:2', 'busybox']);
    assert.deepEqual(hosts(readBuildInput(text).fromImages()), ['127.0.0.1:5000', 'ghcr.io', 'docker.io']);
    assert.deepEqual(hosts(readBuildInput(text).fromImages({ REG: 'registry.example.com' })), ['registry.example.com', 'ghcr.io', 'docker.io']);
  });

  it('reads FROM across continuations, with ${X:-default}, and an image named like a later stage', () => {
    const input = readBuildInput([
      'ARG TAG',
      'FROM \\',
      '  --platform=linux/amd64 \\',
      '  registry.example.com/app:${TAG:-latest} AS app',
      'FROM tool AS base',          // "tool" is no stage yet: an image
      'FROM App',                   // an earlier stage (names are case-insensitive)
      'FROM tool AS tool',          // its own name is no earlier stage: the image again, listed once
    ].join('\n'));
    assert.deepEqual(input.fromImages(), ['registry.example.com/app:latest', 'tool']);
    assert.deepEqual(input.fromImages({ TAG: '2' }), ['registry.example.com/app:2', 'tool']);
    // A build arg for an ARG the Dockerfile does not declare changes nothing.
    assert.deepEqual(readBuildInput('FROM $IMG\nFROM busybox').fromImages({ IMG: 'evil' }), ['busybox']);
  });
});

describe('BuildKit build options', () => {
  it('checks --platform and splits --cache-from lists', () => {
    assert.ok(validPlatform('linux/amd64'));
    assert.ok(validPlatform(' linux/arm64/v8 '));
    assert.ok(!validPlatform('linux'));
    assert.ok(!validPlatform('linux/amd64; rm -rf /'));
    assert.ok(!validPlatform('Linux/AMD64'));
    assert.deepEqual(splitImageList(' a:1, b:2  c '), ['a:1', 'b:2', 'c']);
  });
});
