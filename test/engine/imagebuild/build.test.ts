// Builds the fixtures in test/fixtures/build against the private engine (classic builder, forced;
// BuildKit builds are in buildkit.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Engine } from '../../../src/engine/engine';
import type { BuildResult } from '../../../src/imagebuild/job';
import { runBuild } from '../../../src/imagebuild/runner';
import { TEST_LABEL, testEngine, unique, waitUntil } from '../helpers';
import { withDocker } from '../../support/rawDocker';

const FIXTURES = path.resolve(__dirname, '../../fixtures/build');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('build (engine)', function () {
  let engine: Engine;
  const tags: string[] = [];
  const started = Math.floor(Date.now() / 1000) - 1;

  before(() => { engine = testEngine(); });

  after(async () => {
    await withDocker(engine, async (d) => {
      for (const t of tags) await d.getImage(t).remove({ force: true }).catch(() => undefined);
      // Intermediate images of failed or cancelled builds carry the fixtures' LABEL.
      const left = await d.listImages({ all: true, filters: { label: [`${TEST_LABEL}=1`] } });
      for (const i of left.filter((x) => x.Created >= started).sort((a, b) => b.Created - a.Created)) {
        await d.getImage(i.Id).remove({ force: true }).catch(() => undefined);
      }
    });
  });

  function tag(name: string): string {
    const t = `${unique(name)}:latest`;
    tags.push(t);
    return t;
  }

  async function run(dir: string, opts: Partial<Parameters<typeof runBuild>[1]> = {}, signal?: AbortSignal, text?: string[]): Promise<BuildResult> {
    return runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, labels: { [TEST_LABEL]: '1' }, builder: 'classic', ...opts }, { onText: (t) => text?.push(t) }, signal);
  }

  async function runInImage(image: string, cmd: string[]): Promise<string> {
    return withDocker(engine, async (d) => {
      const c = await d.createContainer({ Image: image, Cmd: cmd, Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
      try {
        await c.start();
        await c.wait();
        const logs = await c.logs({ stdout: true, stderr: true }) as unknown as Buffer;
        // Demultiplex (non-TTY): 8-byte headers.
        let out = '';
        for (let i = 0; i + 8 <= logs.length;) {
          const len = logs.readUInt32BE(i + 4);
          out += logs.subarray(i + 8, i + 8 + len).toString();
          i += 8 + len;
        }
        return out;
      } finally {
        await c.remove({ force: true }).catch(() => undefined);
      }
    });
  }

  it('builds a Dockerfile, tags the image and streams the step output', async () => {
    const t = tag('ok');
    const text: string[] = [];
    const r = await run(fixture('ok'), { tag: t }, undefined, text);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r));
    if (r.outcome !== 'succeeded') return;
    assert.match(r.imageId ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(r.tags, [t]);
    assert.equal(r.plan.files, 2);
    const all = text.join('');
    assert.match(all, /Step 1\/\d+ : FROM dockyard-test\/busybox/);
    assert.match(all, /Step 5\/\d+ : RUN echo/);
    assert.match(all, /\r\n/);
    const img = await engine.inspectImage(t) as { Id: string; Config: { Labels: Record<string, string> } };
    assert.equal(img.Id, r.imageId);
    assert.equal(img.Config.Labels[TEST_LABEL], '1');
    assert.equal(await runInImage(t, ['cat', '/greeting.txt']), 'hello from the build context\n');
  });

  it('maps a failing RUN to its instruction (step 4 → line 5, spanning the continuation)', async () => {
    const r = await run(fixture('fail'), { tag: tag('fail') });
    assert.equal(r.outcome, 'failed');
    if (r.outcome !== 'failed') return;
    assert.equal(r.failure.step?.n, 4);
    assert.deepEqual([r.failure.range?.startLine, r.failure.range?.endLine], [4, 5]);
    assert.match(r.failure.message, /returned a non-zero code: 3/);
    assert.match(r.failure.detail, /something went wrong/);
  });

  it('honours build args and the target stage', async () => {
    const t = tag('stages');
    const r = await run(fixture('stages'), { tag: t, target: 'test', buildArgs: { FLAVOUR: 'spicy' } });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r));
    assert.equal(await runInImage(t, ['cat', '/flavour.txt', '/stage.txt']), 'spicy\ntest stage\n');
    const t2 = tag('stages');
    const r2 = await run(fixture('stages'), { tag: t2 });
    assert.equal(r2.outcome, 'succeeded');
    assert.equal(await runInImage(t2, ['cat', '/flavour.txt', '/stage.txt']), 'plain\nrelease stage\n');
  });

  it('leaves .dockerignore-excluded files out, so COPY of one fails on its line', async () => {
    const r = await run(fixture('ignored'), { tag: tag('ignored') });
    assert.equal(r.outcome, 'failed');
    if (r.outcome !== 'failed') return;
    assert.equal(r.plan?.files, 3); // Dockerfile, .dockerignore, kept.txt
    assert.equal(r.plan?.excluded, 2);
    assert.equal(r.failure.range?.startLine, 3);
    assert.match(r.failure.message, /secret\.txt/);
  });

  it('reports a parse error on its line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-build-'));
    try {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nFROBNICATE now\n');
      const r = await run(dir, { tag: tag('parse') });
      assert.equal(r.outcome, 'failed');
      if (r.outcome !== 'failed') return;
      assert.match(r.failure.message, /unknown instruction/i);
      assert.equal(r.failure.range?.startLine, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds a Dockerfile that lives outside the context folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-build-'));
    try {
      fs.mkdirSync(path.join(dir, 'ctx'));
      fs.writeFileSync(path.join(dir, 'ctx', 'data.txt'), 'data\n');
      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nCOPY data.txt /data.txt\n');
      const t = tag('outside');
      const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: path.join(dir, 'ctx'), tag: t });
      assert.equal(r.outcome, 'succeeded', JSON.stringify(r));
      assert.equal(await runInImage(t, ['cat', '/data.txt']), 'data\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancels a running build: the engine stops it and no image is tagged', async () => {
    const t = tag('slow');
    const abort = new AbortController();
    const text: string[] = [];
    const startedAt = Date.now();
    const p = run(fixture('slow'), { tag: t, noCache: true }, abort.signal, text);
    await waitUntil(() => text.join('').includes('sleeping'), 'the RUN step to start', 20000);
    abort.abort();
    const r = await p;
    assert.equal(r.outcome, 'cancelled');
    assert.ok(Date.now() - startedAt < 20000, 'cancel returns promptly');
    // The engine removes the step's container once it notices the request is gone.
    await waitUntil(async () => {
      const ctrs = await withDocker(engine, (d) => d.listContainers({ all: true }));
      return ctrs.every((c) => !/sleep 30/.test(c.Command)) || undefined;
    }, 'the build container to go', 20000);
    await assert.rejects(engine.inspectImage(t));
  });
});
