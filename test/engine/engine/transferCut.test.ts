// Push and pull whose connection to the engine is cut off mid-transfer: an error that says so,
// never a success (issue 17: a close without the stream's end resolved as done).
import { strict as assert } from 'node:assert';
import { Engine } from '../../../src/engine/engine';
import { EngineError } from '../../../src/engine/errors';
import { pullImage, pushImage } from '../../../src/engine/images';
import { CutProxy } from '../../support/cutProxy';
import { rawDocker } from '../../support/rawDocker';
import { IMAGE, testEngine, unique } from '../helpers';

const REGISTRY = process.env.DOCKYARD_TEST_REGISTRY;

describe('push and pull cut off mid-transfer (real dockerd and registry)', () => {
  let engine: Engine;
  let proxy: CutProxy;
  let viaProxy: Engine;
  let repo: string;
  before(async function () {
    if (!REGISTRY) this.skip();
    engine = testEngine();
    proxy = new CutProxy(new URL(engine.host).pathname);
    await proxy.listen();
    viaProxy = new Engine({ host: proxy.host, source: 'DOCKER_HOST', context: 'default' });
    repo = `${REGISTRY}/${unique('cut')}`;
    await rawDocker(engine).getImage(IMAGE).tag({ repo, tag: 'v1' });
  });
  after(async () => {
    if (!proxy) return;
    await proxy.close();
    await rawDocker(engine).getImage(`${repo}:v1`).remove({ force: true }).catch(() => undefined);
  });

  for (const op of ['push', 'pull'] as const) {
    it(`${op}: a cut-off response is an error naming the dropped connection, not a success`, async () => {
      if (op === 'pull') await pushImage(engine, repo, 'v1', undefined, () => undefined, () => undefined).done;
      const cut = proxy.cutAfterHeaders(op === 'push' ? /^POST \S*\/images\/\S+\/push/ : /^POST \S*\/images\/create/);
      const h = op === 'push'
        ? pushImage(viaProxy, repo, 'v1', undefined, () => undefined, () => undefined)
        : pullImage(viaProxy, `${repo}:v1`, undefined, () => undefined, () => undefined);
      const r = await h.done.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));
      await cut;
      assert.equal(r.ok, false, `${op} reported success: ${JSON.stringify(r)}`);
      const e = (r as { e: unknown }).e;
      assert.ok(e instanceof EngineError, String(e));
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, /the engine closed the connection before the transfer finished/);
    });
  }
});
