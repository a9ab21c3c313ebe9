import * as assert from 'node:assert/strict';
import { commitContainer, imageHistory, imagesSince, pullImage, pushImage, searchIndex } from '../../../src/engine/images';
import { listCatalog, listTags } from '../../../src/engine/registry';
import { EngineError } from '../../../src/engine/errors';
import { splitRepoTag } from '../../../src/shared/reference';
import { Created, IMAGE, REGISTRY, testEngine, uniqueName } from '../terminals/helpers';

describe('commit, push, pull, history (engine + registry)', function () {
  this.timeout(120000);
  const engine = testEngine();
  const created = new Created(engine);
  after(() => created.cleanup());

  it('commits a container with author and message; the image shows them, and its history', async () => {
    const c = await created.container('commit', { Cmd: ['sh', '-c', 'echo committed > /marker; sleep 3600'] });
    await new Promise((r) => setTimeout(r, 300));
    const repo = `dockyard-test/${uniqueName('commit')}`;
    const id = await commitContainer(engine, c.id, { repo, tag: 'v1', author: 'Ada Lovelace <ada@example.com>', comment: 'snapshot with marker', pause: true, changes: ['LABEL dockyard.test=1'] });
    created.images.push(`${repo}:v1`);
    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    const info = (await engine.inspectImage(`${repo}:v1`)) as { Author: string; Comment: string; Config: { Labels: Record<string, string> } };
    assert.equal(info.Author, 'Ada Lovelace <ada@example.com>');
    assert.equal(info.Comment, 'snapshot with marker');
    assert.equal(info.Config.Labels['dockyard.test'], '1');
    const state = (await engine.inspectContainer(c.id)) as { State: { Running: boolean; Paused: boolean } };
    assert.equal(state.State.Running, true);
    assert.equal(state.State.Paused, false);
    const history = await imageHistory(engine, `${repo}:v1`);
    assert.ok(history.length >= 2);
    assert.equal(history[0].comment, 'snapshot with marker');
    assert.deepEqual(history[0].tags, [`${repo}:v1`]);
    const since = await imagesSince(engine, IMAGE);
    assert.ok(since.some((i) => i.repoTags.includes(`${repo}:v1`)), 'the commit is newer than the base image');
    assert.ok(!(await imagesSince(engine, `${repo}:v1`)).some((i) => i.repoTags.includes(`${repo}:v1`)));
  });

  it('commits as the Commit command does: no changes, no author, no message (what a user mostly leaves empty)', async () => {
    const c = await created.container('commit-plain', { Cmd: ['sleep', '3600'] });
    const repo = `dockyard-test/${uniqueName('commit-plain')}`;
    const id = await commitContainer(engine, c.id, { repo, tag: 'v1', author: '', comment: '', pause: false });
    created.images.push(`${repo}:v1`);
    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    const info = (await engine.inspectImage(`${repo}:v1`)) as { Author: string; Comment: string };
    assert.equal(info.Author, '');
    assert.equal(info.Comment, '');
  });

  it('tags, pushes and pulls back through the local registry with progress and a digest', async function () {
    assert.ok(REGISTRY, 'DOCKYARD_TEST_REGISTRY is not set: run engine tests through npm run test:engine');
    const repo = `${REGISTRY}/dockyard-test/${uniqueName('push')}`;
    const { repo: r, tag } = splitRepoTag(`${repo}:rt`);
    await engine.tagImage(IMAGE, r, tag);
    created.images.push(`${repo}:rt`);
    const lines: string[] = [];
    let lastFraction = 0;
    const t0 = Date.now();
    const push = pushImage(engine, r, tag, undefined, (l) => lines.push(l), (p) => { lastFraction = p.fraction; });
    const pushed = await push.done;
    const pushMs = Date.now() - t0;
    assert.match(pushed.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.ok(lines.some((l) => /Pushed|Layer already exists|Mounted from/.test(l)), lines.join('\n')); // a layer another repository of the registry holds is mounted
    assert.equal(lastFraction, 1);
    assert.ok((await listCatalog(REGISTRY)).includes(repo.slice(REGISTRY.length + 1)));
    assert.deepEqual(await listTags(REGISTRY, repo.slice(REGISTRY.length + 1)), ['rt']);

    await engine.removeImage(`${repo}:rt`);
    const t1 = Date.now();
    const pullLines: string[] = [];
    const pulled = await pullImage(engine, `${repo}:rt`, undefined, (l) => pullLines.push(l), () => undefined).done;
    const pullMs = Date.now() - t1;
    assert.equal(pulled.digest, pushed.digest);
    const info = (await engine.inspectImage(`${repo}:rt`)) as { RepoDigests: string[] };
    assert.ok(info.RepoDigests.includes(`${repo}@${pushed.digest}`), JSON.stringify(info.RepoDigests));
    console.log(`      push ${pushMs} ms, pull ${pullMs} ms (busybox image, local registry)`);
  });

  it('pulling a missing image fails with the registry reason', async function () {
    assert.ok(REGISTRY, 'DOCKYARD_TEST_REGISTRY is not set: run engine tests through npm run test:engine');
    await assert.rejects(pullImage(engine, `${REGISTRY}/dockyard-test/does-not-exist:nope`, undefined, () => undefined, () => undefined).done,
      (e: unknown) => e instanceof EngineError && /not found|manifest unknown/i.test(e.message));
  });

  it('an unreachable registry: a clear message, no hang', async () => {
    await assert.rejects(listCatalog('127.0.0.1:1', undefined, { timeoutMs: 3000 }), (e: unknown) => e instanceof EngineError && /cannot be reached/.test(e.message));
    await assert.rejects(pullImage(engine, '127.0.0.1:1/nothing:latest', undefined, () => undefined, () => undefined).done, (e: unknown) => e instanceof EngineError && e.message.length > 0);
  });

  it('index search offline fails with a clear message', async () => {
    await assert.rejects(searchIndex(engine, 'busybox'), (e: unknown) => e instanceof EngineError && e.message.length > 0);
  });
});
