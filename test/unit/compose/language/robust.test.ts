// Half-typed and broken compose files: the analysis, completion, hover and navigation never
// throw, whatever the text (every prefix of the fixtures, and seeded random edits).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCompose } from '../../../../src/compose/language/analyze';
import { complete } from '../../../../src/compose/language/completion';
import { hoverAt } from '../../../../src/compose/language/hover';
import { outline, referencesAt, renameEdits } from '../../../../src/compose/language/navigation';
import { fakeFs } from './helpers';

const DIR = path.resolve(__dirname, '../../../fixtures/compose/language');
const TEXTS = [
  fs.readFileSync(path.join(DIR, 'app/compose.yaml'), 'utf8'),
  ...fs.readdirSync(path.join(DIR, 'valid')).slice(0, 6).map((f) => fs.readFileSync(path.join(DIR, 'valid', f), 'utf8')),
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function exercise(text: string, at: number): void {
  const a = analyzeCompose(text, { file: '/p/compose.yaml', fs: fakeFs(['/p/api/Dockerfile']), environment: { A: '1' }, dotenv: { B: '2' } });
  for (const d of a.diagnostics) {
    assert.ok(d.start >= 0 && d.end >= d.start && d.end <= text.length + 1, `span ${d.start}-${d.end} of ${text.length}`);
    assert.ok(d.message.length > 0);
  }
  complete(text, at, a.model, { images: [{ tag: 'x:1' }], dir: '/p', listDir: () => [{ name: 'a', dir: true }] });
  hoverAt(a.tree, a.model, a.variables, at);
  referencesAt(a.model, at);
  renameEdits(a.model, a.tree, at, 'renamed');
  outline(a.tree);
}

describe('compose language: robustness', function () {
  this.timeout(60000);

  it('every line prefix of the fixtures', () => {
    for (const text of TEXTS.slice(0, 3)) {
      let i = text.indexOf('\n');
      while (i >= 0) {
        exercise(text.slice(0, i + 1), i);
        exercise(text.slice(0, i), Math.max(0, i - 1));
        i = text.indexOf('\n', i + 1);
      }
    }
  });

  it('seeded random edits (deletions, insertions of YAML punctuation, duplicated lines)', () => {
    const rand = rng(14);
    const pieces = [':', '-', ' ', '\n', '  ', '"', "'", '[', ']', '{', '}', '&a', '*a', '<<: *a', '${', '$', '#', '!reset', '\t', 'services:', 'x'];
    for (let n = 0; n < 200; n++) {
      let text = TEXTS[n % TEXTS.length];
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(rand() * text.length);
        const r = rand();
        if (r < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 8));
        else if (r < 0.8) text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
        else {
          const ls = text.split('\n');
          const l = Math.floor(rand() * ls.length);
          ls.splice(l, 0, ls[l]);
          text = ls.join('\n');
        }
      }
      exercise(text, Math.floor(rand() * (text.length + 1)));
    }
  });
});
