import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composeArgs, detectComposeCli, missingCliMessage, splitCommand, targetFromLabels } from '../../../src/compose/cli';
import type { Exec } from '../../../src/programs/process';
import { isComposeFileName, parseComposeFile } from '../../../src/compose/files';

const FIXTURES = path.resolve(__dirname, '../../fixtures/compose');

describe('compose files', () => {
  it('recognises compose file names', () => {
    for (const n of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-compose.prod.yml', 'compose.override.yaml', '/a/b/docker-compose.dev.yml']) assert.ok(isComposeFileName(n), n);
    for (const n of ['compose.json', 'my-compose.yml', 'docker-compose.txt', 'values.yaml']) assert.ok(!isComposeFileName(n), n);
  });

  it('reads the services of a valid file', () => {
    const info = parseComposeFile(fs.readFileSync(path.join(FIXTURES, 'two-services/compose.yaml'), 'utf8'));
    assert.deepEqual(info.problems, []);
    assert.deepEqual(info.services, ['web', 'worker']);
  });

  it('places a YAML syntax error', () => {
    const info = parseComposeFile(fs.readFileSync(path.join(FIXTURES, 'broken/docker-compose.yml'), 'utf8'));
    assert.ok(info.problems.length > 0);
    const p = info.problems[0];
    assert.equal(p.severity, 'error');
    assert.ok(p.line >= 3 && p.line <= 4, `line ${p.line}: ${p.message}`);
    assert.doesNotMatch(p.message, /\n/);
  });

  it('reports duplicate keys and a non-mapping services', () => {
    assert.match(parseComposeFile('services:\n  a: {}\n  a: {}\n').problems[0]?.message ?? '', /unique|duplicate/i);
    const p = parseComposeFile('services:\n  - web\n').problems;
    assert.equal(p.length, 1);
    assert.equal(p[0].line, 1);
    assert.match(p[0].message, /mapping/);
    assert.match(parseComposeFile('- a\n- b\n').problems[0]?.message ?? '', /top level/);
  });

  it('accepts an empty file and "services:" with nothing under it', () => {
    assert.deepEqual(parseComposeFile(''), { services: [], problems: [] });
    assert.deepEqual(parseComposeFile('services:\n'), { services: [], problems: [] });
  });
});

describe('compose CLI', () => {
  const fake = (working: string[]): Exec => async (bin, args) => ({ code: working.includes([bin, ...args].join(' ')) ? 0 : 1, stdout: 'Docker Compose version v2.27.1\n' });

  it('prefers the docker plugin, then docker-compose', async () => {
    assert.deepEqual(await detectComposeCli({ exec: fake(['docker compose version', 'docker-compose version']) }), { bin: 'docker', prefix: ['compose'], label: 'docker compose', version: '2.27.1' });
    assert.equal((await detectComposeCli({ exec: fake(['docker-compose version']) }))?.label, 'docker-compose');
    assert.equal(await detectComposeCli({ exec: fake([]) }), undefined);
    assert.match(missingCliMessage(), /docker-compose/);
  });

  it('uses the setting when given, split into words', async () => {
    assert.deepEqual(splitCommand('podman  compose'), ['podman', 'compose']);
    assert.deepEqual(splitCommand('"/opt/my tools/compose" --ansi never'), ['/opt/my tools/compose', '--ansi', 'never']);
    assert.equal((await detectComposeCli({ setting: 'podman-compose', exec: fake(['podman-compose version']) }))?.bin, 'podman-compose');
  });

  it('builds argument lists: every name is one argument, never a shell line', () => {
    const file = '/home/dev/my projects/my app/docker-compose.yml';
    assert.deepEqual(composeArgs({ prefix: ['compose'] }, { files: [file] }, { verb: 'up', detached: true, build: true, services: ['web; rm -rf /', '$(x)'] }),
      ['compose', '--file', file, 'up', '--detach', '--build', 'web; rm -rf /', '$(x)']);
    assert.deepEqual(composeArgs({ prefix: [] }, { files: ['a.yml', 'b.yml'], projectName: 'p', projectDirectory: '/d' }, { verb: 'logs', follow: true, tail: 100 }),
      ['--project-name', 'p', '--file', 'a.yml', '--file', 'b.yml', '--project-directory', '/d', 'logs', '--follow', '--tail', '100']);
    assert.deepEqual(composeArgs({ prefix: [] }, { files: [] , projectName: 'p' }, { verb: 'down' }), ['--project-name', 'p', 'down']);
    assert.throws(() => composeArgs({ prefix: [] }, { files: [] }, { verb: 'restart', services: ['--volumes'] }), /not a service/);
  });

  it('reads a project from container labels', () => {
    assert.deepEqual(targetFromLabels({ 'com.docker.compose.project': 'shop', 'com.docker.compose.project.config_files': '/p/compose.yaml,/p/compose.override.yaml', 'com.docker.compose.project.working_dir': '/p' }),
      { projectName: 'shop', files: ['/p/compose.yaml', '/p/compose.override.yaml'], projectDirectory: '/p' });
    assert.equal(targetFromLabels({}), undefined);
  });
});
