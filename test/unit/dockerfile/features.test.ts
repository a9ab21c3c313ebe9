import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { complete, needsImages, CompletionItem } from '../../../src/dockerfile/completion';
import { hover } from '../../../src/dockerfile/hover';
import { foldingRanges, outline } from '../../../src/dockerfile/symbols';
import { semanticTokens, TOKEN_TYPES } from '../../../src/dockerfile/semanticTokens';
import { analyzeText } from '../../../src/dockerfile/model';
import { FsBuildContext } from '../../../src/dockerfile/fsContext';

/** Completion at the `|` marker. */
function at(textWithCursor: string, env = {}): CompletionItem[] {
  const offset = textWithCursor.indexOf('|');
  return complete(textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset, env);
}
const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

describe('dockerfile completion', () => {
  it('offers instruction snippets at the start of a line', () => {
    const items = at('FROM debian:12\nRU|');
    assert.ok(labels(items).includes('RUN'));
    const run = items.find((i) => i.label === 'RUN')!;
    assert.ok(run.snippet);
    assert.deepEqual(run.replace, { start: 15, end: 17 });
  });

  it('offers every flag of the instruction under the cursor', () => {
    assert.deepEqual(labels(at('FROM a\nCOPY --|')).sort(), ['--chmod', '--chown', '--exclude', '--from', '--link', '--parents']);
    assert.deepEqual(labels(at('FROM a\nADD --|')).sort(), ['--checksum', '--chmod', '--chown', '--exclude', '--keep-git-dir', '--link', '--unpack']);
    assert.deepEqual(labels(at('FROM a\nRUN --|')).sort(), ['--device', '--mount', '--network', '--security']);
    assert.deepEqual(labels(at('FROM a\nHEALTHCHECK --|')).sort(), ['--interval', '--retries', '--start-interval', '--start-period', '--timeout']);
  });

  it('offers the five mount types and keys per type', () => {
    assert.deepEqual(labels(at('FROM a\nRUN --mount=type=|')), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
    const keys = labels(at('FROM a\nRUN --mount=type=cache,|'));
    assert.ok(keys.includes('sharing') && keys.includes('target') && keys.includes('id') && !keys.includes('size'), keys.join());
    assert.ok(labels(at('FROM a\nRUN --mount=type=tmpfs,|')).includes('size'));
    assert.deepEqual(labels(at('FROM a\nRUN --mount=type=cache,sharing=|')), ['shared', 'private', 'locked']);
    assert.deepEqual(labels(at('FROM a AS build\nFROM b\nRUN --mount=type=bind,from=|')), ['build']);
  });

  it('offers flag values', () => {
    assert.deepEqual(labels(at('FROM a\nRUN --network=|')), ['default', 'none', 'host']);
    assert.ok(labels(at('FROM --platform=| a')).includes('$BUILDPLATFORM'));
    assert.deepEqual(labels(at('FROM a AS one\nFROM b AS two\nFROM c\nCOPY --from=| x y')), ['one', 'two']);
  });

  it('offers directives and check names', () => {
    assert.deepEqual(labels(at('# |\nFROM a')), ['syntax', 'escape', 'check']);
    const checks = labels(at('# check=skip=|\nFROM a'));
    assert.ok(checks.includes('JSONArgsRecommended') && checks.includes('all') && checks.length === 23, String(checks.length));
    assert.ok(labels(at('# check=skip=StageNameCasing,|\nFROM a')).includes('UndefinedVar'));
    assert.ok(labels(at('# syntax=|\nFROM a')).includes('docker/dockerfile:1'));
  });

  it('offers variables in scope with predefined ARGs', () => {
    const items = at('ARG GLOBAL=1\nFROM a\nARG GLOBAL\nENV APP=/app\nWORKDIR ${|');
    const l = labels(items);
    assert.ok(l.includes('APP') && l.includes('GLOBAL') && l.includes('TARGETARCH') && l.includes('HTTP_PROXY'), l.join());
    assert.equal(items.find((i) => i.label === 'APP')!.insertText, 'APP}');
    assert.ok(labels(at('FROM a\nENV A=1\nCOPY $|')).includes('A'));
  });

  it('offers local images with size and age, and earlier stages, in FROM', () => {
    const now = Date.UTC(2025, 0, 10);
    const images = [{ id: 'sha256:abcdef0123456789', repoTags: ['dockyard-test/busybox:latest'], size: 1_234_567, created: now - 3 * 86400_000 }];
    assert.ok(needsImages('FROM a AS base\nFROM ', 20));
    const items = at('FROM a AS base\nFROM |', { images, now });
    const img = items.find((i) => i.label === 'dockyard-test/busybox:latest')!;
    assert.equal(img.detail, '1.23 MB · 3 days ago');
    assert.ok(labels(items).includes('base'));
    assert.deepEqual(labels(at('FROM busybox |')), ['AS']);
  });

  it('offers build-context paths for COPY sources', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-cmp-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'a.ts'), '');
      fs.writeFileSync(path.join(dir, 'package.json'), '{}');
      const ctx = new FsBuildContext(dir);
      assert.deepEqual(labels(at('FROM a\nCOPY |', { context: ctx })).sort(), ['package.json', 'src/']);
      const sub = at('FROM a\nCOPY src/|', { context: ctx });
      assert.deepEqual(labels(sub), ['a.ts']);
      assert.equal(sub[0].replace.start, 'FROM a\nCOPY src/'.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers nothing inside heredoc bodies and comments', () => {
    assert.deepEqual(at('FROM a\nRUN <<EOF\nec|\nEOF\n'), []);
    assert.deepEqual(at('FROM a\n# RU|\n'), []);
  });
});

describe('dockerfile hover', () => {
  const h = (t: string) => { const o = t.indexOf('|'); return hover(t.slice(0, o) + t.slice(o + 1), o); };
  it('documents instructions, flags and mount keys', () => {
    assert.match(h('FROM a\nR|UN echo')!.markdown, /Runs a command/);
    assert.match(h('FROM a\nCOPY --li|nk a b')!.markdown, /independent layer[\s\S]*1\.4/);
    assert.match(h('FROM a\nRUN --mount=type=cache,sha|ring=locked true')!.markdown, /locked/);
    assert.match(h('FROM a\nRUN --mount=type=ca|che,target=/x true')!.markdown, /persistent cache/);
  });
  it('resolves variables', () => {
    const r = h('ARG V=1.2\nFROM a\nARG V\nENV HOME_DIR=/srv/app\nWORKDIR $HOME_|DIR\nCOPY $|V /x');
    assert.match(r!.markdown, /\/srv\/app/);
    assert.match(h('ARG V=1.2\nFROM a\nARG V\nCOPY $|V /x')!.markdown, /1\.2/);
    assert.match(h('FROM --platform=$BUILD|PLATFORM a')!.markdown, /predefined|node performing/);
  });
  it('marks FROM images for engine facts and describes stages', () => {
    const r = h('FROM busy|box:1.36');
    assert.equal(r!.imageRef, 'busybox:1.36');
    assert.match(h('FROM a AS base\nFROM ba|se')!.markdown, /Stage `base`/);
  });
  it('explains check names in directives', () => {
    assert.match(h('# check=skip=JSONArgs|Recommended\nFROM a')!.markdown, /json-args-recommended/);
  });
});

describe('dockerfile outline and semantic tokens', () => {
  const text = 'ARG BASE=debian:12\nFROM ${BASE} AS build\nRUN echo\nFROM scratch\nCOPY --from=build /a /b\nENV A=1 B=2\n';
  it('groups instructions by stage', () => {
    const o = outline(analyzeText(text));
    assert.deepEqual(o.map((s) => [s.kind, s.name]), [['variable', 'BASE'], ['stage', 'build'], ['stage', 'stage 1']]);
    assert.deepEqual(o[2].children.map((c) => c.name), ['COPY', 'A, B']);
  });

  it('folds stages, multi-line instructions and comment blocks', () => {
    const f = foldingRanges(analyzeText('# a\n# b\nFROM a AS x\nRUN one \\\n  two\nRUN <<EOF\nbody\nEOF\nFROM b\n'));
    assert.deepEqual(f, [{ startLine: 2, endLine: 7, kind: 'region' }, { startLine: 3, endLine: 4 }, { startLine: 5, endLine: 7 }, { startLine: 0, endLine: 1, kind: 'comment' }]);
  });

  it('encodes tokens relative to each other, on single lines', () => {
    const data = semanticTokens(analyzeText(text));
    assert.equal(data.length % 5, 0);
    // decode
    let line = 0;
    let ch = 0;
    const toks: string[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
      toks.push(`${TOKEN_TYPES[data[i + 3]]}:${lines[line].slice(ch, ch + data[i + 2])}`);
    }
    for (const t of ['keyword:ARG', 'variable:BASE', 'string:debian:12', 'keyword:FROM', 'variable:${BASE}', 'keyword:AS', 'label:build', 'parameter:--from', 'label:build', 'variable:A']) {
      assert.ok(toks.includes(t), `${t} in ${toks.join(' ')}`);
    }
  });

  it('is linear: 8x the lines costs well under 16x the time', () => {
    const gen = (n: number) => Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `FROM a:${i} AS s${i}` : i % 3 ? `RUN --mount=type=cache,target=/c echo ${i} $X` : `ENV K${i}=v${i}`)).join('\n');
    const small = gen(1000);
    const big = gen(8000);
    const time = (t: string) => { const s = process.hrtime.bigint(); for (let k = 0; k < 3; k++) semanticTokens(analyzeText(t)); return Number(process.hrtime.bigint() - s); };
    time(small);
    const a = time(small);
    const b = time(big);
    assert.ok(b < a * 16, `1000 lines ${a / 1e6} ms, 8000 lines ${b / 1e6} ms`);
  });
});
