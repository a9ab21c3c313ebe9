// Dockerfile ↔ history matching, the hints' text and (escaped) hover, image findings, comparison.
import * as assert from 'node:assert/strict';
import { buildInsight, RawEntry } from '../../../src/engine/imageLayersModel';
import { compareInsights, comparisonText, hintText, layerFindings, layerHover } from '../../../src/imageInsight/format';
import { dockerfileLines, historyMatches, matchLayers } from '../../../src/imageInsight/match';

const f = (path: string, size: number): RawEntry => ({ path, type: 'file', size });

const DOCKERFILE = `FROM alpine AS build
RUN make
COPY x /y
FROM busybox
ARG V=1
RUN apt-get update
COPY --from=build /y /z
CMD ["sh"]
`;

function image(lists = 40_000_000) {
  return buildInsight([
    { diffId: 'sha256:base', entries: [f('bin/sh', 1000)] },
    { diffId: 'sha256:apt', entries: [f('var/lib/apt/lists/big', lists), f('usr/bin/tool', 500)] },
    { diffId: 'sha256:copy', entries: [f('z', 7)] },
  ], [
    { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
    { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
    { created_by: 'RUN /bin/sh -c apt-get update # buildkit' },
    { created_by: 'COPY /y /z # buildkit' },
    { created_by: 'CMD ["sh"]', empty_layer: true },
  ]);
}

describe('image insight', () => {
  it('matches the final stage to the history; other stages are not in the image', () => {
    const lines = dockerfileLines(DOCKERFILE);
    const m = matchLayers(lines, image().layers);
    const by = (line: number) => m.find((x) => x.line.startLine === line)!;
    assert.equal(by(1).line.inImage, false);
    assert.equal(by(1).layer, undefined);
    assert.equal(by(5).layer?.index, 2);
    assert.equal(by(5).exact, true);
    assert.equal(by(6).layer?.index, 3);
    assert.equal(by(7).layer?.index, 4, 'the image CMD, not the base image one');
    assert.equal(by(4).layer, undefined, 'ARG makes no layer');
    assert.equal(historyMatches(m), true);
    assert.equal(historyMatches(matchLayers(dockerfileLines('FROM x\nRUN other\n'), image().layers)), false);
  });

  it('a target stage is the final one', () => {
    const lines = dockerfileLines(DOCKERFILE, 'build');
    assert.equal(lines.find((l) => l.startLine === 1)?.inImage, true);
    assert.equal(lines.find((l) => l.startLine === 5)?.inImage, false);
  });

  it('writes the hint and escapes every value in its hover', () => {
    const insight = buildInsight([{ entries: [f('a`](x)<img>', 2_000_000), f('b', 10)] }], [{ created_by: 'RUN x `evil` [l](http://e) # buildkit' }]);
    const layer = insight.layers[0];
    assert.equal(hintText(layer), '+2.00 MB');
    assert.equal(hintText(layer, { cached: true }), '+2.00 MB · cached');
    assert.equal(hintText(layer, { cached: false, ms: 1234 }), '+2.00 MB · 1.2 s');
    assert.equal(hintText(undefined), '0 B');
    const md = layerHover(layer, 1500);
    assert.match(md, /Build time: 1\.5 s/);
    assert.ok(md.includes('``/a`](x)<img>``'), md);
    assert.ok(md.includes('``RUN x `evil` [l](http://e) # buildkit``'), md);
    assert.ok(md.indexOf('/a`') < md.indexOf('/b'), 'largest first');
  });

  it('finds the apt lists in the layer that added them, measured', () => {
    const findings = layerFindings(image());
    assert.equal(findings.length, 1);
    assert.equal(findings[0].layerIndex, 2);
    assert.equal(findings[0].bytes, 40_000_000);
    assert.match(findings[0].message, /the apt lists in layer 3 add 40\.0 MB/);
    assert.deepEqual(layerFindings(image(10)), [], 'below the threshold');
  });

  it('compares two images: shared layers, files and size delta', () => {
    const a = image();
    const b = buildInsight([
      { diffId: 'sha256:base', entries: [f('bin/sh', 1000)] },
      { diffId: 'sha256:apt2', entries: [f('usr/bin/tool', 800), f('new', 5)] },
    ], []);
    const c = compareInsights(a, b);
    assert.equal(c.sharedLayers, 1);
    assert.equal(c.onlyA.length, 2);
    assert.equal(c.onlyB.length, 1);
    assert.deepEqual(c.added.map((x) => x.path), ['/new']);
    assert.deepEqual(c.removed.map((x) => x.path), ['/var/lib/apt/lists/big', '/z']);
    assert.deepEqual(c.changed.map((x) => [x.path, x.from, x.to]), [['/usr/bin/tool', 500, 800]]);
    assert.equal(c.sizeDelta, (1000 + 805) - (1000 + 40_000_000 + 500 + 7));
    const text = comparisonText('app:1', 'app:2', a, b, c);
    assert.match(text, /\+ \/new {2}5 B/);
    assert.match(text, /~ \/usr\/bin\/tool {2}500 B → 800 B/);
  });
});
