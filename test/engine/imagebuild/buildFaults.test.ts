// Builds that meet trouble: the engine's connection dropping mid-build, and context entries
// that are neither files, folders nor symlinks (issue 17).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../../src/engine/engine';
import { runBuild } from '../../../src/imagebuild/runner';
import { withDocker } from '../../support/rawDocker';
import { CutProxy } from '../../support/cutProxy';
import { TEST_LABEL, testEngine, unique, waitUntil } from '../helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/build');

describe('build faults (engine)', function () {
  let engine: Engine;
  const tags: string[] = [];
  const dirs: string[] = [];
  before(() => { engine = testEngine(); });
  after(async () => {
    await withDocker(engine, async (d) => {
      for (const t of tags) await d.getImage(t).remove({ force: true }).catch(() => undefined);
    });
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const tag = (name: string) => { const t = `${unique(name)}:latest`; tags.push(t); return t; };

  it('classic: an engine that drops mid-build: a clear message, and the build ends (no raw "aborted")', async () => {
    const proxy = new CutProxy(new URL(engine.host).pathname);
    await proxy.listen();
    try {
      const viaProxy = new Engine({ host: proxy.host, source: 'DOCKER_HOST', context: 'default' });
      const text: string[] = [];
      const dir = path.join(FIXTURES, 'slow');
      const p = runBuild(viaProxy, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: tag('drop'), noCache: true, builder: 'classic', labels: { [TEST_LABEL]: '1' } }, { onText: (t) => text.push(t) });
      await waitUntil(() => text.join('').includes('sleeping'), 'the RUN step to start', 20000);
      assert.equal(proxy.cut(/^POST \S*\/build/), 1, 'the build connection was cut');
      const r = await p;
      assert.equal(r.outcome, 'failed');
      if (r.outcome !== 'failed') return;
      assert.match(r.failure.message, /the engine closed the connection during the build/i);
      assert.doesNotMatch(r.failure.message, /^aborted$/);
    } finally {
      await proxy.close();
    }
    // The engine notices the request is gone and removes the step's container.
    await waitUntil(async () => {
      const ctrs = await withDocker(engine, (d) => d.listContainers({ all: true }));
      return ctrs.every((c) => !/sleep 30/.test(c.Command)) || undefined;
    }, 'the build container to go', 30000);
  });

  it('buildkit: an engine that drops mid-build: a clear message, and the build ends (no raw "aborted")', async () => {
    const proxy = new CutProxy(new URL(engine.host).pathname);
    await proxy.listen();
    try {
      const viaProxy = new Engine({ host: proxy.host, source: 'DOCKER_HOST', context: 'default' });
      const text: string[] = [];
      const dir = path.join(FIXTURES, 'slow');
      const p = runBuild(viaProxy, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: tag('drop'), noCache: true, builder: 'buildkit', labels: { [TEST_LABEL]: '1' } }, { onText: (t) => text.push(t) });
      await waitUntil(() => text.join('').includes('sleeping'), 'the RUN step to start', 20000);
      assert.equal(proxy.cut(/^POST \S*\/build/), 1, 'the build connection was cut');
      const r = await p;
      assert.equal(r.outcome, 'failed');
      if (r.outcome !== 'failed') return;
      assert.match(r.failure.message, /the engine closed the connection during the build/i);
      assert.doesNotMatch(r.failure.message, /^aborted$/);
    } finally {
      await proxy.close();
    }
    // The engine notices the request is gone and removes the step's container.
    await waitUntil(async () => {
      const ctrs = await withDocker(engine, (d) => d.listContainers({ all: true }));
      return ctrs.every((c) => !/sleep 30/.test(c.Command)) || undefined;
    }, 'the build container to go', 30000);
  });

  it('a FIFO in the build context is sent as the CLI sends it (not "unsupported file type"), without blocking on it', async function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-fifo-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest'}\nCOPY hello.txt /hello.txt\nLABEL ${TEST_LABEL}=1\n`);
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'hi\n');
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const t = tag('fifo');
    const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: t });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.outcome === 'failed' ? r.failure : r.outcome));
    if (r.outcome === 'succeeded') assert.ok(r.plan.entries.includes('pipe'), 'the FIFO is part of the context, as with the CLI');
  });
});
