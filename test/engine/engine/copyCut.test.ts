// Copying out of a container when the connection is cut off mid-copy: an error that says so,
// not a raw "aborted" (issue 17's file transfer).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFromContainer } from '../../../src/engine/containerTools';
import { Engine } from '../../../src/engine/engine';
import { EngineError } from '../../../src/engine/errors';
import { CutProxy } from '../../support/cutProxy';
import { cleanup, createContainer, testEngine } from '../helpers';

describe('copy from a container, cut off mid-copy (real dockerd)', () => {
  let engine: Engine;
  let proxy: CutProxy;
  let dir: string;
  before(async () => {
    engine = testEngine();
    proxy = new CutProxy(new URL(engine.host).pathname);
    await proxy.listen();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-copycut-'));
  });
  after(async () => {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await cleanup(engine);
  });

  it('says the engine closed the connection before the copy finished', async () => {
    const { id } = await createContainer(engine, { cmd: ['sh', '-c', 'head -c 2000000 /dev/zero > /big; sleep 600'] });
    const viaProxy = new Engine({ host: proxy.host, source: 'DOCKER_HOST', context: 'default' });
    // The file is written by then: the copy itself works.
    for (let i = 0; i < 100; i++) {
      try { await copyFromContainer(engine, id, '/big', dir); if (fs.statSync(path.join(dir, 'big')).size === 2000000) break; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(fs.statSync(path.join(dir, 'big')).size, 2000000);
    const cut = proxy.cutAfterHeaders(/^GET \S*\/archive/);
    const err = await copyFromContainer(viaProxy, id, '/big', path.join(dir)).then(() => undefined, (e: unknown) => e);
    await cut;
    assert.ok(err instanceof EngineError, String(err));
    assert.match(err.message, /the engine closed the connection before the copy finished/);
  });
});
