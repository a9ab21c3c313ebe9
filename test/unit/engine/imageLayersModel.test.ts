// The layer model from tar headers: added/changed/deleted, whiteouts and opaque folders, wasted
// space and efficiency, history mapping, the instruction text, and the folder view.
import * as assert from 'node:assert/strict';
import { buildInsight, filesUnder, instructionOf, RawEntry } from '../../../src/engine/imageLayersModel';

const f = (path: string, size: number): RawEntry => ({ path, type: 'file', size });
const d = (path: string): RawEntry => ({ path, type: 'dir', size: 0 });

describe('image layers model', () => {
  it('marks added, changed and deleted files and counts the wasted bytes', () => {
    const insight = buildInsight([
      { tarPath: 'a/layer.tar', entries: [d('etc/'), f('etc/a', 100), f('etc/b', 10), d('tmp/'), f('tmp/x', 1000)] },
      { tarPath: 'b/layer.tar', entries: [d('etc/'), f('etc/a', 40), d('tmp/'), f('tmp/.wh.x', 0)] },
    ], [{ created_by: 'ADD base', created: '2024-01-02T03:04:05Z' }, { created_by: '/bin/sh -c #(nop)  ENV A=1', empty_layer: true }, { created_by: '/bin/sh -c change' }]);
    assert.equal(insight.layers.length, 3);
    const [a, env, b] = insight.layers;
    assert.equal(env.empty, true);
    assert.equal(env.instruction, 'ENV A=1');
    assert.equal(b.instruction, 'RUN change');
    assert.equal(a.created, Date.parse('2024-01-02T03:04:05Z'));
    assert.deepEqual(b.files.map((x) => [x.path, x.kind, x.size]), [['/etc', 'changed', 0], ['/etc/a', 'changed', 40], ['/tmp', 'changed', 0], ['/tmp/x', 'deleted', 0]]);
    assert.equal(a.files.find((x) => x.path === '/etc/a')?.hidden, true);
    assert.equal(a.files.find((x) => x.path === '/etc/b')?.hidden, undefined);
    assert.equal(a.size, 1110);
    assert.equal(a.wasted, 1100);
    assert.equal(b.size, 40);
    assert.equal(insight.totalBytes, 1150);
    assert.equal(insight.wastedBytes, 1100);
    assert.equal(insight.efficiency, 50 / 1150);
    assert.deepEqual(insight.wastedPaths.map((w) => [w.path, w.wasted, w.count]), [['/tmp/x', 1000, 2], ['/etc/a', 100, 2]]);
  });

  it('an opaque folder hides everything the lower layers had under it', () => {
    const insight = buildInsight([
      { entries: [d('app'), f('app/one', 5), d('app/sub'), f('app/sub/two', 7), f('keep', 1)] },
      { entries: [d('app'), f('app/.wh..wh..opq', 0), f('app/new', 3)] },
    ], []);
    assert.equal(insight.wastedBytes, 12);
    assert.equal(insight.layers[0].files.find((x) => x.path === '/keep')?.hidden, undefined);
    assert.equal(insight.layers[1].files.find((x) => x.path === '/app/new')?.kind, 'added');
    assert.equal(insight.layers.length, 2, 'layers without history still show');
  });

  it('deleting a folder hides its files; a later re-add counts as added', () => {
    const insight = buildInsight([
      { entries: [d('x'), f('x/a', 2), f('x/b', 3)] },
      { entries: [f('.wh.x', 0)] },
      { entries: [d('x'), f('x/a', 4)] },
    ], []);
    assert.equal(insight.layers[1].files[0].kind, 'deleted');
    assert.equal(insight.layers[1].files[0].type, 'dir');
    assert.equal(insight.layers[2].files.find((x) => x.path === '/x/a')?.kind, 'added');
    assert.equal(insight.wastedBytes, 5);
  });

  it('reads created_by of the classic builder and of BuildKit', () => {
    assert.equal(instructionOf('/bin/sh -c #(nop)  CMD ["sh"]'), 'CMD ["sh"]');
    assert.equal(instructionOf('/bin/sh -c apk add x'), 'RUN apk add x');
    assert.equal(instructionOf('|2 A=1 B=two /bin/sh -c make'), 'RUN make');
    assert.equal(instructionOf('RUN /bin/sh -c make # buildkit'), 'RUN make');
    assert.equal(instructionOf('RUN |1 N=3 /bin/sh -c head -c $N # buildkit'), 'RUN head -c $N');
    assert.equal(instructionOf('RUN ["make", "all"] # buildkit'), 'RUN ["make", "all"]');
    assert.equal(instructionOf('COPY . /app # buildkit'), 'COPY . /app');
    assert.equal(instructionOf('WORKDIR /app'), 'WORKDIR /app');
    assert.equal(instructionOf(''), '');
  });

  it('lists a layer folder by folder, folders first', () => {
    const insight = buildInsight([{ entries: [d('b'), f('b/c', 1), f('b/d/e', 2), f('a', 3)] }], []);
    const top = filesUnder(insight.layers[0].files, '/');
    assert.deepEqual(top.map((n) => [n.name, n.folder, n.size]), [['b', true, 3], ['a', false, 3]]);
    assert.deepEqual(filesUnder(insight.layers[0].files, '/b').map((n) => [n.path, n.folder]), [['/b/d', true], ['/b/c', false]]);
  });

  it('an image without files has efficiency 1', () => {
    assert.equal(buildInsight([], [{ created_by: 'x', empty_layer: true }]).efficiency, 1);
  });
});
