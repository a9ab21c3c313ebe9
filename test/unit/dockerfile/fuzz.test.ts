// Bad input: random and mutated Dockerfiles through analysis, completion at every offset, hover, outline
// and semantic tokens. Deterministic (seeded). The unit tier runs 1,000 files (~1 s); `npm run fuzz:dockerfile`
// runs 10,000 (DOCKYARD_FUZZ_COUNT sets the number).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/dockerfile/analyze';
import { format, formatEdits } from '../../../src/dockerfile/format';
import { completeIn } from '../../../src/dockerfile/completion';
import { hoverIn } from '../../../src/dockerfile/hover';
import { semanticTokens } from '../../../src/dockerfile/semanticTokens';
import { outline } from '../../../src/dockerfile/symbols';
import { BuildContext } from '../../../src/dockerfile/types';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'FROM ', 'from ', 'RUN ', 'COPY ', 'ADD ', 'ENV ', 'ARG ', 'LABEL ', 'EXPOSE ', 'WORKDIR ', 'USER ', 'CMD ', 'ENTRYPOINT ',
  'HEALTHCHECK ', 'ONBUILD ', 'SHELL ', 'VOLUME ', 'STOPSIGNAL ', 'MAINTAINER ', 'AS ', 'as ', 'scratch', 'debian:12', 'alpine:latest',
  '--mount=', 'type=cache', 'type=secret', ',target=/x', ',from=', ',sharing=', '--from=', '--platform=', '--chmod=', '--link',
  '--network=', '--interval=', '--exclude=', '--', '=', '$', '${', '}', ':-', '$(', ')', '`', '"', '\'', '[', ']', '","', '\\', '\\\n',
  '\n', '\n\n', ' ', '\t', '#', '# syntax=', '# escape=`', '# check=skip=', 'error=true', '# hadolint ignore=', '<<EOF', '<<-EOF',
  '\nEOF\n', '<<"X"', 'apt-get install ', 'pip install ', 'npm i ', 'apk add ', '-y ', 'sudo ', 'cd ', ' | ', ' && ', ';', '&',
  '127.0.0.1:80:80', '80/TCP', '70000', 'a.txt', './', '*', '\r\n', '\u0000', '\uffff', '\ud800', 'é', '😀',
  // shapes of issue 16: BOM, escaped escapes, case patterns, bad glob classes, nested defaults, more package managers
  '\ufeff', '\\\\\n', 'C:\\Windows\\', 'case $x in a|b) echo ;; *) ;; esac', '[z-a]0', '${a:-${b:-${c:-', 'apt install ',
  'yum install ', 'dnf install ', 'zypper in ', 'gem install ', 'go install x.io/y', 'wget ', 'curl ', 'useradd -u 1234567 ',
  'HEALTHCHECK CMD ', 'yarn install', 'deps="a b"; ', '$deps', 'SHELL ["/bin/bash", "-exo", "pipefail", "-c"]', 'ln -s /bin/bash /bin/sh',
];

function randomDockerfile(rnd: () => number): string {
  const n = Math.floor(rnd() * 60);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function mutate(base: string, rnd: () => number): string {
  let s = base;
  const ops = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    switch (Math.floor(rnd() * 7)) {
      case 0: s = s.slice(0, at); break; // truncate
      case 1: { // binary bytes
        let b = '';
        for (let i = 0; i < 1 + rnd() * 20; i++) b += String.fromCharCode(Math.floor(rnd() * 256));
        s = s.slice(0, at) + b + s.slice(at);
        break;
      }
      case 2: s = s.slice(0, at) + 'x'.repeat(10_000) + s.slice(at); break; // a 10k-char line
      case 3: s = s.replace(/\nEOF\n?/g, '\n'); break; // unterminated heredocs
      case 4: s = s.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + s.slice(at); break;
      case 5: { const to = Math.min(s.length, at + Math.floor(rnd() * 30)); s = s.slice(0, at) + s.slice(to); break; }
      default: s = s.slice(at) + s.slice(0, at); break;
    }
  }
  return s;
}

const fakeContext: BuildContext = {
  stat: (rel) => (rel === 'a.txt' ? 'file' : rel === 'src' ? 'dir' : undefined),
  list: (rel) => (rel === '' ? [{ name: 'a.txt', dir: false }, { name: 'src', dir: true }] : undefined),
  isIgnored: (rel) => rel.endsWith('.env'),
};

describe('dockerfile fuzz', function () {
  this.timeout(120_000);
  const count = Number(process.env.DOCKYARD_FUZZ_COUNT ?? 1_000);
  it(`survives ${count.toLocaleString('en')} random and mutated Dockerfiles: analysis, completion at every offset, hover, tokens, format`, () => {
    const rnd = mulberry32(0xd0c4e7);
    const dir = path.join(__dirname, '..', '..', 'fixtures', 'dockerfile');
    const seeds = fs.readdirSync(dir).filter((f) => /ockerfile/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const started = Date.now();
    let offsets = 0;
    for (let i = 0; i < count; i++) {
      const text = i % 2 === 0 ? randomDockerfile(rnd) : mutate(seeds[i % seeds.length], rnd);
      try {
        const { model, diagnostics } = analyze(text, { context: fakeContext, experimental: true });
        for (const d of diagnostics) {
          assert.ok(d.start >= 0 && d.end >= d.start && d.end <= text.length, `bad range ${d.code} ${d.start}-${d.end}`);
          for (const f of d.fixes) for (const e of f.edits) assert.ok(e.start >= 0 && e.end >= e.start && e.end <= text.length, `bad fix range ${d.code}`);
        }
        const data = semanticTokens(model);
        for (let k = 0; k < data.length; k += 5) assert.ok(data[k + 2] > 0, 'empty token');
        outline(model);
        for (const e of formatEdits(text)) assert.ok(e.start >= 0 && e.end >= e.start && e.end <= text.length, 'bad format edit');
        const formatted = format(text);
        assert.equal(format(formatted), formatted, 'format is not idempotent');
        // completion and hover at every offset (sampled beyond 600 characters)
        const step = text.length > 600 ? Math.ceil(text.length / 300) : 1;
        for (let o = 0; o <= text.length; o += step) {
          completeIn(model, o, { context: fakeContext, images: [{ id: 'sha256:1', repoTags: ['x:1'], size: 1, created: 0 }] });
          hoverIn(model, o);
          offsets++;
        }
      } catch (e) {
        assert.fail(`input #${i} ${JSON.stringify(text.slice(0, 300))}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
    const ms = Date.now() - started;
    // eslint-disable-next-line no-console
    if (process.env.DOCKYARD_FUZZ_VERBOSE) console.log(`${count} files, ${offsets} completion/hover offsets in ${ms} ms`);
  });
});
