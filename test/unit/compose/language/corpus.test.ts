import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCompose } from '../../../../src/compose/language/analyze';
import { LineIndex } from '../../../../src/compose/language/tree';
import { realFs } from './helpers';

const CORPUS = path.resolve(__dirname, '../../../fixtures/compose/corpus');

describe('compose language: a corpus in the shapes of public compose files', () => {
  const files = fs.readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort();
  const results = files.map((f) => {
    const file = path.join(CORPUS, f);
    const text = fs.readFileSync(file, 'utf8');
    const a = analyzeCompose(text, { file, fs: realFs, environment: {}, home: '/home/u' });
    const li = new LineIndex(text);
    const show = (d: (typeof a.diagnostics)[number]) => `${f}:${li.position(d.start).line + 1} ${d.severity} ${d.code} ${d.message}`;
    const expected = /^# expect: (.*)$/m.exec(text.split('\n')[0])?.[1].split(/\s+/) ?? [];
    return { f, a, show, expected };
  });

  it('has the shapes the issue measured (old layout, data binds, hooks, models, watch, anchors, profiles, extends, include)', () => {
    assert.ok(files.length >= 12, `only ${files.length} files`);
    const all = files.map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8')).join('\n');
    for (const shape of ['pre_start:', 'models:', 'initial_sync:', '<<: [*', 'profiles:', 'extends:', 'include:', './data', 'no_cache_filter:']) assert.ok(all.includes(shape), shape);
  });

  it('no false errors: a file gives exactly the errors its first line expects (most expect none)', () => {
    for (const r of results) {
      const errors = r.a.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.code), r.expected, errors.map(r.show).join('\n'));
    }
  });

  it('few warnings: none for data folders the engine creates (hints at most), one for the obsolete version key', () => {
    const warnings = results.flatMap((r) => r.a.diagnostics.filter((d) => d.severity === 'warning').map(r.show));
    assert.deepEqual(warnings.map((w) => w.split(' ').slice(0, 3).join(' ')), ['version-obsolete.yml:1 warning obsolete-version'], warnings.join('\n'));
    const hints = results.flatMap((r) => r.a.diagnostics.filter((d) => d.severity === 'hint'));
    assert.ok(hints.length > 5 && hints.every((d) => d.code === 'missing-path'), String(hints.length));
  });
});
