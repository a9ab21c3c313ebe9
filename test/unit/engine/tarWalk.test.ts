// The push tar walker against archives tar-stream writes: long names (pax and GNU), links,
// folders, content handed over in any chunking, a nested tar, and a stream that is not a tar.
import * as assert from 'node:assert/strict';
import * as tarStream from 'tar-stream';
import { TarHeader, TarWalker } from '../../../src/engine/tarWalk';

function pack(entries: { header: tarStream.Headers; body?: Buffer }[]): Promise<Buffer> {
  const p = tarStream.pack();
  for (const e of entries) p.entry(e.header, e.body ?? Buffer.alloc(0));
  p.finalize();
  const parts: Buffer[] = [];
  return new Promise((resolve) => { p.on('data', (b: Buffer) => parts.push(b)); p.on('end', () => resolve(Buffer.concat(parts))); });
}

function walk(buf: Buffer, chunk: number): { headers: TarHeader[]; bodies: Map<string, string>; broken: boolean } {
  const headers: TarHeader[] = [];
  const bodies = new Map<string, string>();
  const w = new TarWalker((h) => {
    headers.push(h);
    const parts: Buffer[] = [];
    return { data: (b) => parts.push(Buffer.from(b)), end: () => bodies.set(h.name, Buffer.concat(parts).toString()) };
  });
  for (let i = 0; i < buf.length; i += chunk) w.push(buf.subarray(i, i + chunk));
  return { headers, bodies, broken: w.broken };
}

describe('tar walker', () => {
  it('reads headers and content whatever the chunking', async () => {
    const long = `deep/${'x'.repeat(150)}/file-${'é'.repeat(40)}`;
    const buf = await pack([
      { header: { name: 'dir/', type: 'directory', mode: 0o755 } },
      { header: { name: 'dir/a.txt', mode: 0o644 }, body: Buffer.from('hello') },
      { header: { name: long, mode: 0o600 }, body: Buffer.alloc(1300, 'z') },
      { header: { name: 'link', type: 'symlink', linkname: `target/${'y'.repeat(120)}` } },
      { header: { name: 'hard', type: 'link', linkname: 'dir/a.txt' } },
      { header: { name: 'empty', mode: 0o644 } },
    ]);
    for (const chunk of [1, 7, 511, 512, 513, 4096, buf.length]) {
      const r = walk(buf, chunk);
      assert.equal(r.broken, false);
      assert.deepEqual(r.headers.map((h) => [h.name, h.typeflag, h.size]), [
        ['dir/', '5', 0], ['dir/a.txt', '0', 5], [long, '0', 1300], ['link', '2', 0], ['hard', '1', 0], ['empty', '0', 0],
      ], `chunk ${chunk}`);
      assert.equal(r.headers[1].mode, 0o644);
      assert.equal(r.headers[3].linkname, `target/${'y'.repeat(120)}`);
      assert.equal(r.bodies.get('dir/a.txt'), 'hello');
      assert.equal(r.bodies.get(long), 'z'.repeat(1300));
      assert.equal(r.bodies.get('empty'), '');
    }
  });

  it('feeds a nested tar to a second walker', async () => {
    const inner = await pack([{ header: { name: 'etc/passwd' }, body: Buffer.from('root') }, { header: { name: 'etc/.wh.old' } }]);
    const outer = await pack([{ header: { name: 'abc/layer.tar' }, body: inner }, { header: { name: 'manifest.json' }, body: Buffer.from('[]') }]);
    const names: string[] = [];
    const w = new TarWalker((h) => {
      if (h.name !== 'abc/layer.tar') return undefined;
      const sub = new TarWalker((ih) => { names.push(`${ih.name}:${ih.size}`); return undefined; });
      return { data: (b) => sub.push(b), end: () => names.push('end') };
    });
    for (let i = 0; i < outer.length; i += 100) w.push(outer.subarray(i, i + 100));
    assert.deepEqual(names, ['etc/passwd:4', 'etc/.wh.old:0', 'end']);
  });

  it('stops at something that is not a tar', () => {
    const w = new TarWalker(() => assert.fail('no entry'));
    w.push(Buffer.from('\x1f\x8b'.padEnd(2000, 'q')));
    assert.equal(w.broken, true);
  });
});
