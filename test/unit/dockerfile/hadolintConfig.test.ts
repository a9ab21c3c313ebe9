// hadolint's configuration: .hadolint.yaml read by the CLI and the editor; the rules that need it (DL3026,
// DL3049-DL3058), compared with hadolint 2.15.1's findings on the same file and configuration (recorded).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/dockerfile/analyze';
import { readHadolintFile } from '../../../src/dockerfile/hadolintFile';
import { computeLineStarts, positionAt } from '../../../src/dockerfile/parser';
import { registryOf } from '../../../src/dockerfile/rules/hadolintConfig';
import { main } from '../../../src/dockerfile/lint';
import { codes } from './helpers';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'dockerfile', 'hadolint', 'config');

describe('dockerfile: hadolint configuration', () => {
  it('reads .hadolint.yaml: trusted registries, label schema, strict labels, ignored, override', () => {
    const r = readHadolintFile('trustedRegistries: [docker.io]\nlabel-schema:\n  author: text\nstrict-labels: true\nignored: [DL3008]\noverride:\n  error: [DL3007]\n  style: [DL3059]\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.options, { trustedRegistries: ['docker.io'], labelSchema: { author: 'text' }, strictLabels: true, rules: { DL3008: 'off', DL3007: 'error', DL3059: 'info' } });
    assert.match(readHadolintFile('label-schema:\n  a: number\n').problems[0], /should be one of/);
    assert.match(readHadolintFile('a: [').problems[0], /not valid YAML/);
    assert.deepEqual(readHadolintFile('').options, {});
  });

  it('gives hadolint\'s findings on the recorded file', () => {
    const text = fs.readFileSync(path.join(dir, 'labels.Dockerfile'), 'utf8');
    const cfg = readHadolintFile(fs.readFileSync(path.join(dir, '.hadolint.yaml'), 'utf8')).options;
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'hadolint-2.15.1.json'), 'utf8')) as { findings: Record<string, string[]> };
    const ls = computeLineStarts(text);
    const got = new Set(analyze(text, cfg).diagnostics.filter((d) => d.code.startsWith('DL')).map((d) => `${positionAt(ls, d.start).line + 1} ${d.code}`));
    assert.deepEqual([...got].sort(), [...recorded.findings['labels.Dockerfile']].sort());
  });

  it('knows registries like the docker CLI', () => {
    assert.equal(registryOf('debian:12'), 'docker.io');
    assert.equal(registryOf('library/debian'), 'docker.io');
    assert.equal(registryOf('localhost:5000/x'), 'localhost:5000');
    assert.equal(registryOf('ghcr.io/a/b:1'), 'ghcr.io');
    assert.ok(!codes('FROM debian:12\nFROM ghcr.io/a/b:1\n', { trustedRegistries: ['docker.io', 'ghcr.io'] }).includes('DL3026'));
    assert.ok(!codes('FROM quay.io/a/b:1\n').includes('DL3026'), 'no list, no rule');
  });

  it('DL3057 and DL1001 are off unless turned on', () => {
    const t = '# hadolint ignore=DL3007\nFROM debian:latest\n';
    assert.ok(!codes(t).some((c) => c === 'DL3057' || c === 'DL1001'));
    const on = codes(t, { rules: { DL3057: 'info', DL1001: 'info' } });
    assert.ok(on.includes('DL3057') && on.includes('DL1001'), on.join());
    assert.ok(!codes('FROM debian:12\nHEALTHCHECK CMD ["true"]\n', { rules: { DL3057: 'info' } }).includes('DL3057'));
  });

  it('the CLI takes --config and finds .hadolint.yaml in the current folder', async () => {
    let out = '';
    const file = path.join(dir, 'labels.Dockerfile');
    await main(['--no-shellcheck', '--no-context', '--format', 'json', '--config', path.join(dir, '.hadolint.yaml'), file], (s) => { out += s; }, () => {});
    assert.ok(out.includes('"DL3026"') && out.includes('"DL3049"'), out.slice(0, 300));
    const cwd = process.cwd();
    out = '';
    try {
      process.chdir(dir);
      await main(['--no-shellcheck', '--no-context', '--format', 'json', 'labels.Dockerfile'], (s) => { out += s; }, () => {});
    } finally {
      process.chdir(cwd);
    }
    assert.ok(out.includes('"DL3050"'), 'found in the current folder');
    let err = '';
    const bad = path.join(dir, '..', 'rules-1.Dockerfile');
    assert.equal(await main(['--config', bad, bad], () => {}, (s) => { err += s; }), 2);
    assert.match(err, /should hold a mapping|not valid YAML|should/);
  });
});
