// The build reads Dockerfiles with the analysis parser; dockerfile-ast (a test-only oracle)
// must agree on what the build prompts and the failure mapping use.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Arg, DockerfileParser, From } from 'dockerfile-ast';
import { analyzeDockerfile } from '../../../src/imagebuild/dockerfileInfo';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const files = ['build/ok/Dockerfile', 'build/stages/Dockerfile', 'build/fail/Dockerfile', 'dockerfile/Dockerfile', 'dockerfile/problems.Dockerfile', 'workspace/Dockerfile'];

describe('build: Dockerfile info', () => {
  for (const f of files) {
    it(`agrees with dockerfile-ast on ${f}`, () => {
      const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
      const ours = analyzeDockerfile(text);
      const df = DockerfileParser.parse(text);
      const theirs = df.getInstructions();
      assert.deepEqual(ours.instructions.map((i) => [i.keyword, i.range.startLine]), theirs.map((i) => [i.getKeyword().toUpperCase(), i.getRange().start.line]));
      const froms = theirs.filter((i): i is From => i instanceof From);
      // Stage names are case-insensitive in BuildKit; the analysis keeps them lower-cased.
      assert.deepEqual(ours.stages, froms.map((x) => x.getBuildStage()?.toLowerCase()).filter(Boolean));
      assert.equal(ours.stageCount, froms.length);
      const argNames = theirs.filter((i): i is Arg => i instanceof Arg).map((a) => a.getProperty()?.getName()).filter((n): n is string => !!n);
      for (const n of argNames) assert.ok(ours.args.some((a) => a.name === n), `ARG ${n}`);
    });
  }

  it('reads every ARG of a multi-name ARG line, with defaults and scope', () => {
    const info = analyzeDockerfile('ARG BASE=busybox\nFROM $BASE AS one\nARG A=1 B\nRUN true\n');
    assert.deepEqual(info.args, [
      { name: 'BASE', defaultValue: 'busybox', global: true },
      { name: 'A', defaultValue: '1', global: false },
      { name: 'B', defaultValue: undefined, global: false },
    ]);
    assert.deepEqual(info.stages, ['one']);
    assert.deepEqual(info.instructions[3].range, { startLine: 3, startCharacter: 0, endLine: 3, endCharacter: 8 });
  });
});
