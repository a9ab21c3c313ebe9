import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tarFs from 'tar-fs';
import * as tarStream from 'tar-stream';
import { ContextError, describePlan, packContext, planContext } from '../../../src/imagebuild/context';
import { parseIgnoreFile } from '../../../src/shared/dockerignore';
import { formatBytes } from '../../../src/shared/format';
import { SMALL_FILE } from '../../../src/imagebuild/pack';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-ctx-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Entry names of an uncompressed tar (ustar headers; names < 100 chars or with prefix). */
async function tarNames(stream: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  const buf = Buffer.concat(chunks);
  const names: string[] = [];
  for (let off = 0; off + 512 <= buf.length;) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a: number, n: number) => header.subarray(a, a + n).toString().replace(/\0.*$/s, '');
    const name = str(0, 100);
    const prefix = str(345, 155);
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1);
    names.push((prefix ? `${prefix}/${name}` : name) + (type === '5' && !name.endsWith('/') ? '/' : ''));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

describe('build context', () => {
  const dirs: string[] = [];
  const mk = (files: Record<string, string>) => { const d = tree(files); dirs.push(d); return d; };
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  it('parses .dockerignore like the CLI: comments, blanks, exceptions, cleaned paths', () => {
    assert.deepEqual(parseIgnoreFile('# comment\n\n  node_modules  \n/build/\n!build/keep.txt\n./a/../b\n!\n'), ['node_modules', 'build', '!build/keep.txt', 'b']);
  });

  it('excludes what .dockerignore says, but always sends the Dockerfile and .dockerignore', async () => {
    const dir = mk({ Dockerfile: 'FROM x', '.dockerignore': 'Dockerfile\n.dockerignore\nnode_modules\n*.log\nsrc/**/*.tmp\n', 'a.log': '', 'src/x.ts': 'x', 'src/deep/y.tmp': '', 'node_modules/p/index.js': '' });
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    assert.deepEqual(plan.entries.sort(), ['.dockerignore', 'Dockerfile', 'src', 'src/deep', 'src/x.ts']);
    assert.equal(plan.files, 3);
    assert.equal(plan.excluded, 3);
    assert.equal(plan.dockerfile, 'Dockerfile');
    assert.equal(plan.bytes, 'FROM x'.length + 'Dockerfile\n.dockerignore\nnode_modules\n*.log\nsrc/**/*.tmp\n'.length + 1);
  });

  it('enters an excluded folder only when an exception names something in it', async () => {
    const dir = mk({ Dockerfile: '', '.dockerignore': 'build\n!build/keep.txt\n', 'build/keep.txt': 'k', 'build/drop.txt': 'd' });
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    assert.deepEqual(plan.entries.sort(), ['.dockerignore', 'Dockerfile', 'build/keep.txt']);
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile', async () => {
    const dir = mk({ 'app.Dockerfile': '', 'app.Dockerfile.dockerignore': 'b.txt\n', '.dockerignore': 'a.txt\n', 'a.txt': '', 'b.txt': '' });
    const plan = await planContext(dir, path.join(dir, 'app.Dockerfile'));
    assert.ok(plan.entries.includes('a.txt'));
    assert.ok(!plan.entries.includes('b.txt'));
    assert.equal(path.basename(plan.ignoreFile ?? ''), 'app.Dockerfile.dockerignore');
    assert.match(describePlan(plan), /excluded by app\.Dockerfile\.dockerignore/);
  });

  it('names an unreadable file and says what to do', async () => {
    const dir = mk({ Dockerfile: '', 'ok.txt': '', 'sub/locked.key': '' });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    await assert.rejects(
      planContext(dir, path.join(dir, 'Dockerfile'), { access: async (f) => { if (f.endsWith('locked.key')) throw denied; } }),
      (e: unknown) => e instanceof ContextError && e.file === 'sub/locked.key' && /Cannot read "sub\/locked\.key".*permission denied.*\.dockerignore/.test(e.message),
    );
  });

  it('refuses a context folder that does not exist', async () => {
    await assert.rejects(planContext('/nonexistent/dockyard', '/nonexistent/dockyard/Dockerfile'), /does not exist/);
  });

  it('packs the planned entries into a tar, adding a Dockerfile from outside the context', async () => {
    const dir = mk({ 'ctx/a.txt': 'a', 'ctx/sub/b.txt': 'b', 'ctx/skip.txt': '', 'ctx/.dockerignore': 'skip.txt', 'Dockerfile': 'FROM x\n' });
    const plan = await planContext(path.join(dir, 'ctx'), path.join(dir, 'Dockerfile'));
    assert.match(plan.dockerfile, /^\.dockyard-dockerfile-/);
    const names = await tarNames(packContext(plan));
    assert.deepEqual(names.sort(), ['.dockerignore', 'a.txt', plan.dockerfile, 'sub/', 'sub/b.txt'].sort());
  });

  it('formats sizes', () => {
    // One unit system everywhere (decimal, as the docker CLI prints sizes): was 1024-based "1.5 kB".
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.54 kB');
    assert.equal(formatBytes(300 * 1000 * 1000), '300 MB');
  });
});

/** Every entry of a tar as {name, type, mode, size, mtime, linkname, sha of the content}. */
async function tarEntries(stream: NodeJS.ReadableStream): Promise<Array<{ name: string; type: string; mode: string; size: number; mtime: number; linkname?: string; body: string }>> {
  const extract = tarStream.extract();
  const out: Array<{ name: string; type: string; mode: string; size: number; mtime: number; linkname?: string; body: string }> = [];
  extract.on('entry', (h, s, next) => {
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => {
      const body = Buffer.concat(chunks);
      out.push({
        name: h.name, type: String(h.type), mode: (h.mode ?? 0).toString(8), size: h.size ?? 0,
        mtime: Math.floor((h.mtime?.getTime() ?? 0) / 1000), ...(h.linkname ? { linkname: h.linkname } : {}),
        body: body.length > 1000 ? `${body.length} bytes ${crypto.createHash('sha256').update(body).digest('hex').slice(0, 12)}` : body.toString(),
      });
      next();
    });
  });
  (stream as NodeJS.ReadableStream).pipe(extract);
  await new Promise<void>((resolve, reject) => { extract.on('finish', resolve); extract.on('error', reject); stream.on('error', reject); });
  return out;
}

async function bytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describe('build context packing', () => {
  const T = new Date('2024-03-01T12:00:00Z');
  const longDir = `deep/${'a'.repeat(60)}/${'b'.repeat(60)}`;
  const big = Buffer.alloc(SMALL_FILE * 3 + 123, 7);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-pack-'));
    const files: Record<string, string | Buffer> = {
      Dockerfile: 'FROM x\nCOPY . /app\n',
      '.dockerignore': '# build output\nnode_modules\n**/*.log\nbuild\n!build/keep.txt\nsecret/\n!keep.log\n',
      'keep.log': 'kept by exception',
      'drop.log': 'dropped',
      'src/a.ts': 'export const a = 1;\n',
      'src/empty.txt': '',
      'src/nested/x.log': 'dropped by **/*.log',
      'src/nested/y.ts': 'y',
      'build/keep.txt': 'kept',
      'build/out.bin': 'dropped',
      'node_modules/p/index.js': 'dropped',
      'node_modules/p/deep/more.js': 'dropped',
      'secret/key': 'dropped',
      'tools/run.sh': '#!/bin/sh\necho hi\n',
      [`${longDir}/${'c'.repeat(40)}.txt`]: 'long path (ustar prefix)',
      'unicode/naïve café.txt': 'pax header',
      'media/big.bin': big,
    };
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    fs.mkdirSync(path.join(dir, 'empty/inner'), { recursive: true });
    fs.chmodSync(path.join(dir, 'tools/run.sh'), 0o755);
    fs.chmodSync(path.join(dir, 'src/a.ts'), 0o600);
    fs.symlinkSync('a.ts', path.join(dir, 'src/link-to-a'));
    fs.symlinkSync('../src', path.join(dir, 'tools/src-dir'));
    fs.symlinkSync('/nonexistent/target', path.join(dir, 'dangling'));
    fs.symlinkSync('x.log', path.join(dir, 'src/nested/link.log')); // excluded by **/*.log
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        if (e.isSymbolicLink()) fs.lutimesSync(p, T, T); else fs.utimesSync(p, T, T);
      }
    };
    walk(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('packs exactly the expected entries: types, modes, mtimes, symlinks, exceptions, empty folders', async () => {
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    const got = await tarEntries(packContext(plan));
    assert.deepEqual(got.map((e) => e.name), plan.entries, 'the tar follows the plan\'s order');
    got.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const t = Math.floor(T.getTime() / 1000);
    const d = (name: string) => ({ name, type: 'directory', mode: (fs.statSync(path.join(dir, name)).mode & 0o7777).toString(8), size: 0, mtime: t, body: '' });
    const f = (name: string, body: string, mode = (fs.statSync(path.join(dir, name)).mode & 0o7777).toString(8)) => ({ name, type: 'file', mode, size: Buffer.byteLength(body), mtime: t, body });
    const l = (name: string, linkname: string) => ({ name, type: 'symlink', mode: (fs.lstatSync(path.join(dir, name)).mode & 0o7777).toString(8), size: 0, mtime: t, linkname, body: '' });
    const bigBody = `${big.length} bytes ${crypto.createHash('sha256').update(big).digest('hex').slice(0, 12)}`;
    const want = [
      f('.dockerignore', '# build output\nnode_modules\n**/*.log\nbuild\n!build/keep.txt\nsecret/\n!keep.log\n'),
      f('Dockerfile', 'FROM x\nCOPY . /app\n'),
      l('dangling', '/nonexistent/target'),
      d('deep'),
      d('empty'),
      f('keep.log', 'kept by exception'),
      d('media'),
      d('src'),
      d('tools'),
      d('unicode'),
      f('build/keep.txt', 'kept'),
      d(`deep/${'a'.repeat(60)}`),
      d('empty/inner'),
      { ...f('media/big.bin', ''), size: big.length, body: bigBody },
      f('src/a.ts', 'export const a = 1;\n', '600'),
      f('src/empty.txt', ''),
      l('src/link-to-a', 'a.ts'),
      d('src/nested'),
      f('tools/run.sh', '#!/bin/sh\necho hi\n', '755'),
      l('tools/src-dir', '../src'),
      f('unicode/naïve café.txt', 'pax header'),
      d(`deep/${'a'.repeat(60)}/${'b'.repeat(60)}`),
      f('src/nested/y.ts', 'y'),
      f(`${longDir}/${'c'.repeat(40)}.txt`, 'long path (ustar prefix)'),
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    assert.deepEqual(got, want);
  });

  it('writes the same bytes as tar-fs did (the packer it replaced)', async () => {
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    const mine = await bytes(packContext(plan));
    // tar-fs consumes the entries array it is given: a copy.
    const old = tarFs.pack(plan.contextDir, { entries: [...plan.entries], ignore: () => true, umask: 0, map: (h) => { h.uid = 0; h.gid = 0; return h; } } as tarFs.PackOptions);
    const [a, b] = [mine, await bytes(old)];
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    assert.equal(i, Math.max(a.length, b.length), `first difference at byte ${i}: ${a.subarray(i - i % 512, i - i % 512 + 160).toString('latin1')} | ${b.subarray(i - i % 512, i - i % 512 + 160).toString('latin1')}`);
  });

  // A read failing after planning (deleted here; unreadable takes the same path, and root
  // reads any file whatever its mode) stops the pack with the file named.
  it('fails with a ContextError naming a file deleted after planning', async () => {
    const d2 = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-pack-'));
    try {
      for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(d2, `f${i}`), String(i));
      fs.writeFileSync(path.join(d2, 'Dockerfile'), 'FROM x');
      const plan = await planContext(d2, path.join(d2, 'Dockerfile'));
      fs.rmSync(path.join(d2, 'f150'));
      await assert.rejects(bytes(packContext(plan)), (e: unknown) => e instanceof ContextError && e.file === 'f150');
    } finally {
      fs.rmSync(d2, { recursive: true, force: true });
    }
  });

  it('stops reading when the consumer destroys the stream', async () => {
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    const s = packContext(plan) as NodeJS.ReadableStream & { destroy(): void };
    await new Promise<void>((resolve) => s.once('data', () => resolve()));
    s.destroy();
    await new Promise((r) => setTimeout(r, 50)); // no unhandled rejection, no throw
  });
});
