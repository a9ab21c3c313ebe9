import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from '../../../src/dockerfile/parser';
import { parseShell, unwrap } from '../../../src/dockerfile/shell';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'dockerfile');

describe('dockerfile parser', () => {
  it('agrees with dockerfile-ast on instructions, keywords and lines of every fixture', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => /Dockerfile|\.dockerfile$/.test(f));
    assert.ok(files.length >= 3);
    for (const f of files) {
      const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
      const ours = parse(text).instructions;
      const theirs = DockerfileParser.parse(text).getInstructions();
      assert.deepEqual(ours.map((i) => [i.keyword, i.startLine]), theirs.map((i) => [i.getKeyword(), i.getRange().start.line]), f);
    }
  });

  it('parses directives, flags, heredocs and continuations with offsets', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache \\\n  # a comment\n  go build ./...\nCOPY <<EOF /etc/x.conf\nkey=value\nEOF\n';
    const df = parse(text);
    assert.deepEqual(df.directives.map((d) => [d.name, d.value]), [['syntax', 'docker/dockerfile:1'], ['escape', '\\']]);
    const [from, run, copy] = df.instructions;
    assert.equal(from.flags[0].name, 'platform');
    assert.equal(text.slice(from.flags[0].valueSpan!.start, from.flags[0].valueSpan!.end), '$BUILDPLATFORM');
    assert.deepEqual(from.args.map((a) => a.value), ['golang:1.22', 'AS', 'build']);
    assert.equal(run.startLine, 3);
    assert.equal(run.endLine, 5);
    assert.equal(run.argsText.trim(), 'go build ./...');
    const mount = run.flags[0].options();
    assert.deepEqual(mount.map((o) => [o.key, o.value]), [['type', 'cache'], ['target', '/root/.cache']]);
    assert.equal(text.slice(mount[1].valueSpan!.start, mount[1].valueSpan!.end), '/root/.cache');
    assert.equal(df.comments.find((c) => c.embedded)?.text, 'a comment');
    assert.equal(copy.heredocs.length, 1);
    assert.equal(copy.heredocs[0].text, 'key=value\n');
    assert.equal(copy.endLine, 8);
  });

  it('reads JSON form and rejects single quotes', () => {
    const df = parse('FROM a\nCMD ["node", "x.js"]\nCMD [\'node\']\n');
    assert.deepEqual(df.instructions[1].json?.values, ['node', 'x.js']);
    assert.equal(df.instructions[2].json, null);
    assert.equal(df.instructions[2].jsonInvalid, true);
  });

  it('survives an unterminated heredoc and a trailing continuation', () => {
    const df = parse('FROM a\nRUN <<EOF\necho\nRUN x \\');
    assert.equal(df.instructions.length, 2);
    assert.equal(df.instructions[1].heredocs[0].terminator, null);
  });
});

describe('shell reader', () => {
  it('splits commands on operators and resolves quotes', () => {
    const s = parseShell(`DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" 'git' && echo "a b" | tee /x; (cd /y && make) || exit 1`);
    assert.deepEqual(s.commands.map((c) => c.words.map((w) => w.value)), [
      ['apt-get', 'install', '-y', 'curl', 'git'], ['echo', 'a b'], ['tee', '/x'], ['cd', '/y'], ['make'], ['exit', '1'],
    ]);
    assert.equal(s.commands[0].assigns[0].value, 'DEBIAN_FRONTEND=noninteractive');
    assert.ok(s.hasPipe);
  });

  it('reads into $( ), backticks and if/then, and skips redirections and here-documents', () => {
    const s = parseShell('if [ -f x ]; then V=$(cat /etc/os-release | grep ID); fi\ncat > /x <<EOF\ncd /nowhere\nEOF\necho `whoami` 2>&1 >/dev/null');
    const names = s.commands.map((c) => c.words[0]?.value ?? c.assigns[0]?.value);
    assert.deepEqual(names, ['[', 'cat', 'grep', 'V=$(cat /etc/os-release | grep ID)', 'cat', 'whoami', 'echo']);
    assert.ok(!names.includes('cd'));
  });

  it('unwraps sudo and env', () => {
    const c = parseShell('sudo -u app env A=1 pip install x').commands[0];
    assert.equal(unwrap(c).name, 'pip');
  });

  it('never throws on garbage', () => {
    for (const t of ['"', "'", '$(', '`', '${', '((', '<<', 'a |', '\\', ')))', '$((1+', 'a=(b c']) parseShell(t + ' x');
  });
});
