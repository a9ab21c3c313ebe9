import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.join(__dirname, '..', '..', '..');
const GRAMMAR = path.join(ROOT, 'syntaxes', 'dockerfile.tmLanguage.json');

/**
 * A stand-in for VS Code's shell grammar: like the real one, its strings and blocks run over several
 * lines, which is what the Dockerfile grammar must keep bounded.
 */
const SHELL_STUB = {
  scopeName: 'source.shell',
  patterns: [
    { match: '\\b(if|then|else|fi|for|do|done|while)\\b', name: 'keyword.control.shell' },
    { begin: "'", end: "'", name: 'string.quoted.single.shell' },
    { begin: '"', end: '"', name: 'string.quoted.double.shell' },
    { match: '\\b(echo|cd|export)\\b', name: 'support.function.builtin.shell' },
  ],
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      if (scope === 'source.dockerfile.dockyard') return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      if (scope === 'source.shell') return vsctm.parseRawGrammar(JSON.stringify(SHELL_STUB), 'shell.json');
      return null;
    },
  });
});

interface Tok { text: string; scopes: string[]; line: number }

async function tokenize(text: string): Promise<Tok[]> {
  const grammar = await registry.loadGrammar('source.dockerfile.dockyard');
  assert.ok(grammar);
  let state = vsctm.INITIAL;
  const out: Tok[] = [];
  text.split('\n').forEach((line, i) => {
    const r = grammar!.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: i });
    state = r.ruleStack;
  });
  return out;
}

function scopeOf(toks: Tok[], text: string, line?: number): string[] {
  const t = toks.find((x) => x.text === text && (line === undefined || x.line === line));
  assert.ok(t, `no token '${text}'${line !== undefined ? ` on line ${line}` : ''} in ${JSON.stringify(toks.map((x) => x.text))}`);
  return t!.scopes;
}

function has(toks: Tok[], text: string, scope: string, line?: number): void {
  const scopes = scopeOf(toks, text, line);
  assert.ok(scopes.some((s) => s.startsWith(scope)), `'${text}' has ${scopes.join(' ')}, expected ${scope}`);
}

describe('dockerfile TextMate grammar', () => {
  it('is valid JSON with the scope VS Code registers', () => {
    const g = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8')) as { scopeName: string };
    assert.equal(g.scopeName, 'source.dockerfile.dockyard');
  });

  it('highlights parser directives', async () => {
    const t = await tokenize('# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM a');
    has(t, 'syntax', 'keyword.control.directive');
    has(t, 'docker/dockerfile:1', 'string.unquoted.directive-value');
    has(t, 'check', 'keyword.control.directive');
  });

  it('highlights FROM flags, image, AS and the stage name', async () => {
    const t = await tokenize('FROM --platform=$BUILDPLATFORM golang:1.22 AS build');
    has(t, 'FROM', 'keyword.other.special-method');
    has(t, 'platform', 'variable.parameter.flag');
    has(t, 'BUILDPLATFORM', 'variable.other');
    has(t, 'golang:1.22', 'entity.name.type.image');
    has(t, 'AS', 'keyword.other.special-method');
    has(t, 'build', 'entity.name.type.stage');
  });

  it('highlights RUN flags, --mount options and embedded shell', async () => {
    const t = await tokenize('RUN --mount=type=cache,target=/root/.cache echo $HOME && cd /x');
    has(t, 'mount', 'variable.parameter.flag');
    has(t, 'type', 'support.type.property-name.flag-option');
    has(t, 'target', 'support.type.property-name.flag-option');
    assert.ok(scopeOf(t, 'echo').includes('meta.embedded.block.shellscript'));
    has(t, 'echo', 'support.function.builtin.shell');
    has(t, 'HOME', 'variable.other');
    has(t, '&&', 'keyword.operator.list.shell');
  });

  it("ends strings at the end of the line: RUN echo it's does not swallow the file", async () => {
    const t = await tokenize("FROM a\nRUN echo it's\nCOPY a /b\nRUN echo \"unterminated\nUSER app");
    has(t, 'COPY', 'keyword.other.special-method', 2);
    has(t, 'USER', 'keyword.other.special-method', 4);
    assert.ok(!scopeOf(t, 'COPY', 2).some((s) => s.startsWith('string')));
  });

  it('continues shell over line continuations and keeps comment lines inside', async () => {
    const t = await tokenize('RUN apt-get update && \\\n    # refresh\n    echo done\nUSER app');
    has(t, '\\', 'constant.character.escape.line-continuation', 0);
    assert.ok(scopeOf(t, 'echo', 2).includes('meta.embedded.block.shellscript'));
    has(t, '    # refresh', 'comment.line', 1);
    has(t, 'USER', 'keyword.other.special-method', 3);
  });

  it('highlights JSON exec form', async () => {
    const t = await tokenize('CMD ["node", "server.js"]\nENTRYPOINT ["/bin/sh", "-c"]');
    has(t, '"node"', 'string.quoted.double.json');
    has(t, '"-c"', 'string.quoted.double.json');
  });

  it('highlights RUN heredocs as shell, with delimiters, and ends them', async () => {
    const t = await tokenize('RUN <<EOF\necho "it\'s fine" > /x\nEOF\nCMD ["sh"]');
    has(t, '<<', 'keyword.operator.heredoc', 0);
    has(t, 'EOF', 'entity.name.tag.heredoc.delimiter', 0);
    has(t, 'echo', 'support.function.builtin.shell', 1);
    assert.ok(scopeOf(t, 'echo', 1).includes('meta.embedded.block.shellscript'));
    has(t, 'EOF', 'entity.name.tag.heredoc.delimiter', 2);
    has(t, 'CMD', 'keyword.other.special-method', 3);
  });

  it('highlights COPY heredoc bodies as text with variables', async () => {
    const t = await tokenize('COPY <<-CONF /etc/app.conf\n\tport = ${PORT:-8080}\n\tCONF\nUSER app');
    has(t, 'PORT', 'variable.other', 1);
    has(t, ':-', 'keyword.operator.expansion', 1);
    has(t, 'USER', 'keyword.other.special-method', 3);
  });

  it('highlights ENV keys, ${VAR:-x} and quoted values', async () => {
    const t = await tokenize('ENV APP_HOME=/app GREETING="hi ${NAME:-you}"\nEXPOSE 8080/tcp');
    has(t, 'APP_HOME', 'variable.other.key');
    has(t, 'NAME', 'variable.other');
    has(t, 'you', 'string.unquoted.default-value');
    has(t, '8080/tcp', 'constant.numeric.port');
  });

  it('tokenizes the fixtures without leaking state past the end', async () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'dockerfile');
    for (const f of fs.readdirSync(dir).filter((x) => /ockerfile/.test(x))) {
      const t = await tokenize(fs.readFileSync(path.join(dir, f), 'utf8') + '\nLABEL end=1');
      const last = t.filter((x) => x.text === 'LABEL').pop()!;
      assert.ok(last.scopes.some((s) => s.startsWith('keyword.other.special-method')), `${f}: ${last.scopes.join(' ')}`);
    }
  });
});
