import * as assert from 'node:assert/strict';
import { analyzeCompose } from '../../../src/compose/language/analyze';
import { containerLabel, serviceColour } from '../../../src/compose/projectLogs';
import { defaultStack, detectStacks, generateStarter, serviceName, StackKind, STACK_LABELS } from '../../../src/compose/starter';
import { analyze } from '../../../src/dockerfile/analyze';

const FOLDERS: Record<string, Record<string, string>> = {
  node: { 'package.json': '{"scripts":{"start":"node server.js","build":"tsc"},"engines":{"node":">=20"}}', 'package-lock.json': '{}' },
  'node-plain': { 'package.json': '{"main":"main.js"}' },
  yarn: { 'package.json': '{"scripts":{"start":"x"}}', 'yarn.lock': '' },
  pnpm: { 'package.json': '{}', 'pnpm-lock.yaml': '' },
  python: { 'requirements.txt': 'flask', 'main.py': '' },
  django: { 'requirements.txt': 'django', 'manage.py': '' },
  pyproject: { 'pyproject.toml': '' },
  go: { 'go.mod': 'module x', 'go.sum': '' },
  maven: { 'pom.xml': '' },
  mvnw: { 'pom.xml': '', mvnw: '' },
  gradle: { 'build.gradle': '' },
  gradlew: { 'build.gradle.kts': '', gradlew: '' },
  dotnet: { 'Shop.Api.csproj': '' },
  static: { 'index.html': '' },
};

const view = (files: Record<string, string>) => ({ names: Object.keys(files), read: (f: string) => files[f] });

describe('Add Docker Files: stacks and starter files', () => {
  it('detects each stack and its facts', () => {
    const first = (name: string) => detectStacks(view(FOLDERS[name]))[0];
    assert.deepEqual(Object.keys(FOLDERS).map((n) => first(n).kind), ['node', 'node', 'node', 'node', 'python', 'python', 'python', 'go', 'maven', 'maven', 'gradle', 'gradle', 'dotnet', 'static']);
    assert.deepEqual(first('node').facts, { manager: 'npm', node: '20', build: 'yes', start: 'start', main: 'index.js', lock: 'package-lock.json' });
    assert.equal(first('pnpm').facts.manager, 'pnpm');
    assert.equal(first('django').facts.django, 'yes');
    assert.equal(first('dotnet').facts.project, 'Shop.Api');
    assert.deepEqual(detectStacks(view({ 'README.md': '' })), []);
    assert.deepEqual(detectStacks(view({ 'package.json': '{}', 'index.html': '' })).map((s) => s.kind), ['node', 'static']);
  });

  for (const [name, files] of Object.entries(FOLDERS)) {
    it(`${name}: a multi-stage Dockerfile with a non-root user and no Dockyard warnings, a .dockerignore, a clean compose.yaml`, () => {
      const stack = detectStacks(view(files))[0];
      const out = generateStarter(stack, `My ${name} App`);
      const diags = analyze(out.dockerfile, {}).diagnostics;
      assert.deepEqual(diags.map((d) => `${d.code}: ${d.message}`), []);
      const froms = out.dockerfile.split('\n').filter((l) => l.startsWith('FROM '));
      if (stack.kind !== 'static') assert.ok(froms.length >= 2, 'multi-stage');
      assert.match(out.dockerfile, /^USER (?!root)\S+/m);
      if (stack.kind !== 'static') assert.match(out.dockerfile, /--mount=type=cache/);
      assert.match(out.dockerignore, /^\.git$/m);
      const compose = analyzeCompose(out.compose, { file: '/p/compose.yaml', fs: { stat: (p) => (p === '/p' ? 'dir' : p === '/p/Dockerfile' ? 'file' : undefined) } });
      assert.deepEqual(compose.diagnostics, []);
      assert.match(out.compose, new RegExp(`^ {2}my-${name}-app:$`, 'm'));
    });
  }

  it('stacks picked by hand get the templates\' defaults, also free of warnings', () => {
    for (const kind of Object.keys(STACK_LABELS) as StackKind[]) {
      const out = generateStarter(defaultStack(kind, 'proj'), 'proj');
      assert.deepEqual(analyze(out.dockerfile, {}).diagnostics.map((d) => d.code), [], kind);
    }
  });

  it('service names', () => {
    assert.equal(serviceName('My App!'), 'my-app');
    assert.equal(serviceName('__'), 'app');
  });
});

describe('project logs: labels and colours', () => {
  it('labels containers like compose v2, colours stable per service', () => {
    assert.equal(containerLabel({ 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '2' }, 'x'), 'web-2');
    assert.equal(containerLabel({}, 'abc'), 'abc');
    assert.equal(serviceColour('web'), serviceColour('web'));
    assert.match(serviceColour('db'), /^\x1b\[\d+m$/);
  });
});
