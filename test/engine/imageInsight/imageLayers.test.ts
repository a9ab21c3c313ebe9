// An image's layers read from its export on the private engine: images built with known layer
// sizes (a RUN writing exactly N bytes, a file deleted by a later layer, a file overwritten, a
// folder replaced) and every figure checked: sizes, whiteouts, wasted space, efficiency, history.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Engine } from '../../../src/engine/engine';
import { EngineError } from '../../../src/engine/errors';
import { imageHistory } from '../../../src/engine/images';
import { ImageInsight, readImageLayers, readLayerFile } from '../../../src/engine/imageLayers';
import { runBuild } from '../../../src/imagebuild/runner';
import { hintText } from '../../../src/imageInsight/format';
import { dockerfileLines, historyMatches, matchLayers } from '../../../src/imageInsight/match';
import { IMAGE, TEST_LABEL, testEngine, unique } from '../helpers';

const BIG = 123456;
const DOCKERFILE = `FROM ${IMAGE}
RUN head -c ${BIG} /dev/zero > /big && mkdir -p /d && printf one > /d/x && printf keep > /d/keep
RUN rm /big && printf 'twelve bytes' > /d/x
ENV A=1
RUN mkdir /o && printf 12345 > /o/f && rm -rf /d && mkdir /d && printf z > /d/new
CMD ["sh"]
`;

describe('image layers (engine)', function () {
  this.timeout(120000);
  let engine: Engine;
  const tags: string[] = [];
  const dirs: string[] = [];

  before(() => { engine = testEngine(); });
  after(async () => {
    for (const t of tags) await engine.removeImage(t, { force: true }).catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function build(builder: 'classic' | 'buildkit', text = DOCKERFILE): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-layers-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    const tag = `${unique('layers')}:${builder}`;
    tags.push(tag);
    const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder, labels: { [TEST_LABEL]: '1' } });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r));
    return tag;
  }

  const file = (insight: ImageInsight, layer: number, p: string) => insight.layers[layer].files.find((f) => f.path === p);

  for (const builder of ['classic', 'buildkit'] as const) {
    it(`reads every figure of a known image (${builder})`, async () => {
      const tag = await build(builder);
      const insight = await readImageLayers(engine, tag);
      const withFiles = insight.layers.filter((l) => !l.empty);
      assert.equal(withFiles.length, 4, 'base + three RUN layers');
      // History: the base, the RUNs in order, ENV and CMD as empty layers; the instructions read back.
      // (the build's --label adds a LABEL entry at the end)
      const cmd = insight.layers.findIndex((l) => l.instruction === 'CMD ["sh"]');
      const last5 = insight.layers.slice(cmd - 4, cmd + 1);
      assert.deepEqual(last5.map((l) => [l.instruction.split(' ')[0], l.empty]), [['RUN', false], ['RUN', false], ['ENV', true], ['RUN', false], ['CMD', true]]);
      assert.match(last5[0].instruction, /^RUN head -c 123456 \/dev\/zero > \/big/);
      assert.equal(last5[4].instruction, 'CMD ["sh"]');
      assert.ok(last5.every((l) => !l.createdBy.includes('# buildkit') || l.instruction.startsWith(l.createdBy.split(' ')[0])));
      const [a, b, , c] = last5.map((l) => l.index);

      // Layer A: exactly N bytes + two small files.
      assert.equal(file(insight, a, '/big')?.size, BIG);
      assert.equal(file(insight, a, '/big')?.kind, 'added');
      assert.equal(insight.layers[a].size, BIG + 3 + 4);
      // Layer B: /big deleted by a whiteout, /d/x overwritten.
      assert.equal(file(insight, b, '/big')?.kind, 'deleted');
      assert.equal(file(insight, b, '/d/x')?.kind, 'changed');
      assert.equal(file(insight, b, '/d/x')?.size, 12);
      assert.equal(insight.layers[b].size, 12);
      assert.equal(insight.layers[b].deleted, 1);
      // Layer C: the folder replaced (opaque on overlay2): what was under /d is hidden.
      assert.equal(file(insight, c, '/d/new')?.kind, 'added');
      assert.equal(file(insight, c, '/o/f')?.size, 5);
      assert.equal(insight.layers[c].size, 6);
      assert.equal(file(insight, a, '/d/keep')?.hidden, true);
      assert.equal(file(insight, b, '/d/x')?.hidden, true);
      assert.equal(file(insight, c, '/d/new')?.hidden, undefined);

      // Wasted: /big, both versions of /d/x and /d/keep; per layer and in total.
      assert.equal(insight.layers[a].wasted, BIG + 3 + 4);
      assert.equal(insight.layers[b].wasted, 12);
      assert.equal(insight.layers[c].wasted, 0);
      assert.equal(insight.wastedBytes, BIG + 3 + 12 + 4);
      const base = insight.layers.filter((l) => !l.empty)[0];
      assert.equal(insight.totalBytes, base.size + BIG + 7 + 12 + 6);
      assert.equal(insight.efficiency, (insight.totalBytes - insight.wastedBytes) / insight.totalBytes);
      assert.deepEqual(insight.wastedPaths.slice(0, 3).map((w) => [w.path, w.wasted, w.count]), [['/big', BIG, 2], ['/d/x', 15, 2], ['/d/keep', 4, 1]]);

      // The engine's own history agrees on which entries have files and on their sizes.
      const history = (await imageHistory(engine, tag)).reverse();
      assert.equal(history.length, insight.layers.length);
      for (const l of insight.layers) {
        if (l.empty) assert.equal(history[l.index].size, 0, l.instruction);
        assert.equal(history[l.index].createdBy, l.createdBy);
      }
      assert.equal(history[a].size, BIG + 7);

      // One file of one layer, as that layer holds it.
      assert.equal((await readLayerFile(engine, tag, insight.layers[a].tarPath!, '/d/x')).toString(), 'one');
      assert.equal((await readLayerFile(engine, tag, insight.layers[b].tarPath!, '/d/x')).toString(), 'twelve bytes');
      assert.equal((await readLayerFile(engine, tag, insight.layers[a].tarPath!, '/big')).length, BIG);
      await assert.rejects(readLayerFile(engine, tag, insight.layers[c].tarPath!, '/d/x'), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
      await assert.rejects(readLayerFile(engine, tag, insight.layers[a].tarPath!, '/big', 1000), (e: unknown) => e instanceof EngineError && e.kind === 'badRequest');
    });
  }

  it('maps a built Dockerfile to its layers, with BuildKit step times (the hints)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-layers-'));
    dirs.push(dir);
    const text = `FROM ${IMAGE} AS tools\nRUN head -c 5000 /dev/zero > /t\nFROM ${IMAGE}\nARG N=3000\nRUN head -c $N /dev/zero > /f\nCOPY --from=tools /t /t\nCMD ["sh"]\n`;
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    const tag = `${unique('hints')}:bk`;
    tags.push(tag);
    const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag, builder: 'buildkit', labels: { [TEST_LABEL]: '1' } });
    assert.equal(r.outcome, 'succeeded');
    if (r.outcome !== 'succeeded') return;
    const insight = await readImageLayers(engine, tag);
    const matches = matchLayers(dockerfileLines(text), insight.layers);
    const at = (line: number) => matches.find((m) => m.line.startLine === line)!;
    assert.equal(at(1).line.inImage, false);
    assert.equal(hintText(at(4).layer, r.steps?.find((s) => s.startLine === 4)).split(' · ')[0], '+3.00 kB');
    assert.equal(at(5).layer?.size, 5000);
    assert.equal(at(6).layer?.empty, true);
    assert.equal(at(4).exact, true, 'RUN |1 N=3000 /bin/sh -c … reads as the Dockerfile line');
    assert.equal(historyMatches(matches), true);
    // Every RUN/COPY step of the build has a time or a cache hit, placed on its line.
    for (const line of [1, 4, 5]) {
      const step = r.steps?.find((s) => s.startLine === line);
      assert.ok(step && (step.cached || (step.ms ?? -1) >= 0), `step on line ${line}: ${JSON.stringify(r.steps)}`);
    }
  });

  it('says an image is missing', async () => {
    await assert.rejects(readImageLayers(engine, `${unique('missing')}:none`), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
  });

  it('stops reading when cancelled', async () => {
    const tag = await build('classic', `FROM ${IMAGE}\nRUN head -c 2000000 /dev/zero > /f\n`);
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(readImageLayers(engine, tag, abort.signal), /cancelled/);
    // The engine is still fine afterwards.
    assert.equal((await readImageLayers(engine, tag)).layers.filter((l) => !l.empty).length, 2);
  });
});
