// Helper containers (stopped-container listing, volume browsing) leave nothing behind: not the
// anonymous volumes of the image's VOLUME lines, not a helper whose `ls` never exits, not a
// helper left running by an earlier session.
import { strict as assert } from 'node:assert';
import * as tarStream from 'tar-stream';
import { Engine } from '../../src/engine/engine';
import { HELPER_LABEL } from '../../src/engine/helperLabels';
import { listStoppedDirectory } from '../../src/engine/stoppedListing';
import { removeStaleHelpers } from '../../src/engine/volumeHelper';
import { withDocker } from '../support/rawDocker';
import { cleanup, createContainer, TEST_LABEL, testEngine, unique } from './helpers';

/** An image made from the test image: `files` written into it, `changes` (Dockerfile lines) applied. */
async function derivedImage(engine: Engine, files: Record<string, string>, changes: string[]): Promise<string> {
  const base = await createContainer(engine, { start: false });
  const pack = tarStream.pack();
  for (const [name, body] of Object.entries(files)) pack.entry({ name, mode: 0o755 }, body);
  pack.finalize();
  await engine.call(undefined, (d) => d.getContainer(base.id).putArchive(pack, { path: '/' }) as Promise<unknown>);
  const repo = unique('img');
  await withDocker(engine, (d) => d.getContainer(base.id).commit({ repo, tag: 'latest', changes }));
  return `${repo}:latest`;
}

const helpersOnEngine = async (engine: Engine) => (await engine.listContainers()).filter((c) => c.labels[HELPER_LABEL]);
const volumeNames = async (engine: Engine) => ((await withDocker(engine, (d) => d.listVolumes())).Volumes ?? []).map((v) => v.Name).sort();

describe('helper containers leave nothing behind (real dockerd)', function () {
  this.timeout(120000);
  let engine: Engine;
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => cleanup(engine));

  async function stoppedFrom(image: string): Promise<string> {
    const id = await withDocker(engine, async (d) => (await d.createContainer({ name: unique('ctr'), Image: image, Cmd: ['true'], Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } })).id);
    return id;
  }

  it('a stopped container\'s listing removes its helper with the anonymous volumes of the image\'s VOLUME lines', async () => {
    const image = await derivedImage(engine, {}, ['VOLUME ["/anon-one", "/anon-two"]']);
    const id = await stoppedFrom(image);
    const before = await volumeNames(engine);
    const listing = await listStoppedDirectory(engine, id, '/etc');
    assert.ok(listing?.some((e) => e.name === 'passwd'), 'the helper listed the folder');
    assert.deepEqual(await volumeNames(engine), before, 'no anonymous volume left by the helper');
    assert.deepEqual(await helpersOnEngine(engine), []);
  });

  it('a helper whose ls never exits is timed out, killed and removed; the listing still answers (from the archive)', async () => {
    const image = await derivedImage(engine, { 'bin/ls': '#!/bin/sh\nexec sleep 3600\n' }, []);
    const id = await stoppedFrom(image);
    const listing = await listStoppedDirectory(engine, id, '/etc', { timeoutMs: 2000 });
    assert.equal(listing, undefined, 'no answer from the helper: the caller reads the archive');
    assert.deepEqual(await helpersOnEngine(engine), [], 'the stuck helper is gone');
  });

  it('helpers left running by an earlier session are reaped, with their anonymous volumes', async () => {
    const image = await derivedImage(engine, {}, ['VOLUME /anon']);
    const before = await volumeNames(engine);
    const id = await withDocker(engine, async (d) => {
      const c = await d.createContainer({ name: unique('stuck-helper'), Image: image, Cmd: ['sleep', '3600'], Labels: { [TEST_LABEL]: '1', [HELPER_LABEL]: 'file-lister' }, HostConfig: { NetworkMode: 'none' } });
      await c.start();
      return c.id;
    });
    assert.equal((await volumeNames(engine)).length, before.length + 1);
    await new Promise((r) => setTimeout(r, 1100)); // older than the age asked for below
    const reaped = await removeStaleHelpers(engine, 1000);
    assert.ok(reaped >= 1);
    assert.equal((await engine.listContainers()).find((c) => c.id === id), undefined, 'the running helper is gone');
    assert.deepEqual(await volumeNames(engine), before, 'its anonymous volume too');
  });
});
