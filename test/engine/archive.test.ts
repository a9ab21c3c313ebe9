import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tarStream from 'tar-stream';
import {
  copyFromContainer, execCapture, listDirectory, makeDirectory, openFile, readFile, readTarIndex, removePath, renamePath,
  SafeExtractor, statIfExists, statPath, writeFile,
} from '../../src/engine/archive';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { modeString } from '../../src/engine/fileListing';
import { formatMessage, setTranslator } from '../../src/shared/l10n';
import { cleanup, createContainer, testEngine } from './helpers';

/** Puts a tar built by `build` into `dir` of the container (symlinks, odd names, ownership). */
async function putEntries(engine: Engine, id: string, dir: string, entries: { name: string; type?: 'file' | 'directory' | 'symlink'; body?: string; linkname?: string; mode?: number; uid?: number }[]): Promise<void> {
  const pack = tarStream.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: e.mode ?? (e.type === 'directory' ? 0o755 : 0o644), uid: e.uid ?? 0, gid: e.uid ?? 0 }, e.body ?? '');
  pack.finalize();
  await engine.call(undefined, (d) => d.getContainer(id).putArchive(pack, { path: dir }) as Promise<unknown>);
}

const names = (l: { name: string }[]) => l.map((e) => e.name).sort();

describe('files inside containers (real dockerd)', function () {
  this.timeout(120000);
  let engine: Engine;
  let running: { id: string; name: string };
  let stopped: { id: string; name: string };
  const tmp: string[] = [];

  const fixture = [
    { name: 'tree', type: 'directory' as const },
    { name: 'tree/a b.txt', body: 'spaces\n' },
    { name: 'tree/c -> d', body: 'arrow in the name\n' },
    { name: 'tree/ünï.txt', body: 'unicode\n', mode: 0o4755 },
    { name: 'tree/sub', type: 'directory' as const },
    { name: 'tree/sub/deep.txt', body: 'deep\n' },
    { name: 'tree/rel', type: 'symlink' as const, linkname: 'sub/deep.txt' },
    { name: 'tree/reldir', type: 'symlink' as const, linkname: 'sub' },
    { name: 'tree/abs', type: 'symlink' as const, linkname: '/etc/alternatives/vi' },
    { name: 'tree/absdir', type: 'symlink' as const, linkname: '/bin' },
    { name: 'tree/x -> y', type: 'symlink' as const, linkname: 'a b.txt' },
    { name: 'tree/owned', body: 'by 1234\n', uid: 1234 },
  ];

  before(async () => {
    engine = testEngine();
    await cleanup(engine);
    running = await createContainer(engine);
    stopped = await createContainer(engine, { start: false });
    await putEntries(engine, running.id, '/', fixture);
    await putEntries(engine, stopped.id, '/', fixture);
  });
  after(async () => {
    await cleanup(engine);
    for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
  });

  const hostDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-cp-')); tmp.push(d); return d; };

  it('stats files, folders and symlinks (HEAD /archive); a missing path and a missing container differ', async () => {
    const f = await statPath(engine, running.id, '/tree/a b.txt');
    assert.equal(f.kind, 'file');
    assert.equal(f.size, 7);
    assert.equal(modeString(f.mode), '-rw-r--r--');
    assert.ok(f.mtime > 0);
    const d = await statPath(engine, running.id, '/tree/sub/');
    assert.equal(d.kind, 'directory');
    assert.equal(d.path, '/tree/sub');
    const l = await statPath(engine, running.id, '/tree/rel');
    assert.equal(l.kind, 'symlink');
    assert.equal(l.linkTarget, '/tree/sub/deep.txt');
    assert.equal(await statIfExists(engine, running.id, '/tree/nope'), undefined);
    await assert.rejects(statPath(engine, running.id, '/tree/nope'), (e: unknown) => e instanceof EngineError && e.reason === 'pathMissing');
    await assert.rejects(statPath(engine, 'f'.repeat(64), '/'), (e: unknown) => e instanceof EngineError && e.kind === 'notFound' && e.reason === undefined);
  });

  it('lists a folder through exec on a running container and through the archive on a stopped one, with the same answer', async () => {
    const live = await listDirectory(engine, running.id, '/tree', { running: true });
    const dead = await listDirectory(engine, stopped.id, '/tree', { running: false });
    assert.equal(live.via, 'exec');
    assert.equal(dead.via, 'archive');
    const expected = ['a b.txt', 'abs', 'absdir', 'c -> d', 'owned', 'rel', 'reldir', 'sub', 'x -> y', 'ünï.txt'];
    assert.deepEqual(names(live.entries), expected);
    assert.deepEqual(names(dead.entries), expected);
    for (const list of [live.entries, dead.entries]) {
      const by = new Map(list.map((e) => [e.name, e]));
      assert.equal(by.get('sub')?.kind, 'directory');
      assert.equal(by.get('c -> d')?.kind, 'file');
      assert.equal(by.get('c -> d')?.size, 18);
      assert.equal(by.get('x -> y')?.linkTarget, 'a b.txt');
      assert.equal(by.get('x -> y')?.targetKind, 'file');
      assert.equal(by.get('rel')?.linkTarget, 'sub/deep.txt');
      assert.equal(by.get('reldir')?.targetKind, 'directory');
      assert.equal(by.get('abs')?.linkTarget, '/etc/alternatives/vi');
      assert.equal(by.get('abs')?.targetKind, 'other', 'a dangling link');
      assert.equal(modeString(by.get('ünï.txt')!.mode), '-rwsr-xr-x');
      assert.equal(by.get('owned')?.uid, 1234);
      assert.equal(by.get('sub')?.path, '/tree/sub');
    }
    // /bin/<applet> -> busybox: the listing knows the link leads to a file
    const bin = await listDirectory(engine, running.id, '/bin', { running: true });
    assert.ok(bin.entries.length > 100);
    assert.equal(bin.entries.find((e) => e.name === 'sh')?.targetKind, 'file');
    // the root of a stopped container, and a folder below it from the same index
    const index = await readTarIndex(engine, stopped.id, '/');
    assert.ok(names(index.list('/')!).includes('tree'));
    assert.deepEqual(names(index.list('/tree/sub')!), ['deep.txt']);
    assert.equal(index.list('/tree')!.find((e) => e.name === 'absdir')?.targetKind, 'directory');
  });

  it('gets names ls cannot print (a newline, bytes BusyBox shows as "?") exactly', async () => {
    await putEntries(engine, running.id, '/', [{ name: 'nl', type: 'directory' }, { name: 'nl/two\nlines', body: 'x' }, { name: 'nl/plain', body: 'y' }, { name: 'nl/ä?', body: 'z' }, { name: 'nl/a?', body: 'w' }]);
    const l = await listDirectory(engine, running.id, '/nl', { running: true });
    assert.deepEqual(names(l.entries), ['a?', 'plain', 'two\nlines', 'ä?']);
    assert.equal(l.entries.find((e) => e.name === 'two\nlines')?.path, '/nl/two\nlines');
  });

  it('a missing folder and a file listed as a folder are clear errors', async () => {
    await assert.rejects(listDirectory(engine, running.id, '/tree/nope', { running: true }), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    await assert.rejects(listDirectory(engine, stopped.id, '/tree/nope', { running: false }), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    await assert.rejects(listDirectory(engine, running.id, '/tree/a b.txt', { running: true }), (e: unknown) => e instanceof EngineError && e.reason === 'notFolder');
  });

  it('New File / New Folder work in any display language: errors are classified by reason, not by their translated text', async () => {
    // A translator like zh-cn's: no English text survives.
    setTranslator((m, ...a) => `译：${formatMessage(m, ...a).replace(/[A-Za-z ]+/g, '文')}`);
    try {
      for (const c of [running, stopped]) {
        assert.equal(await statIfExists(engine, c.id, '/tree/zh-nope'), undefined, 'a missing path is "not there", not an error');
        await makeDirectory(engine, c.id, '/tree/zh-folder');
        assert.equal((await statPath(engine, c.id, '/tree/zh-folder')).kind, 'directory');
        await writeFile(engine, c.id, '/tree/zh-folder/new.txt', Buffer.from(''));
        assert.equal((await statPath(engine, c.id, '/tree/zh-folder/new.txt')).kind, 'file');
        await assert.rejects(statPath(engine, c.id, '/tree/zh-nope'), (e: unknown) => e instanceof EngineError && e.reason === 'pathMissing' && !/does not exist/.test(e.message));
        await assert.rejects(readFile(engine, c.id, '/tree/sub'), (e: unknown) => e instanceof EngineError && e.reason === 'isFolder');
        if (c === running) await assert.rejects(listDirectory(engine, c.id, '/tree/a b.txt', { running: true }), (e: unknown) => e instanceof EngineError && e.reason === 'notFolder');
      }
    } finally {
      setTranslator(undefined);
    }
  });

  for (const which of ['running', 'stopped'] as const) {
    it(`reads, writes (keeping mode and owner), creates folders on a ${which} container`, async () => {
      const c = which === 'running' ? running : stopped;
      const r = await readFile(engine, c.id, '/tree/owned');
      assert.equal(r.data.toString(), 'by 1234\n');
      assert.equal(r.header.uid, 1234);
      await writeFile(engine, c.id, '/tree/owned', Buffer.from('edited\n'), { mode: r.header.mode, uid: r.header.uid, gid: r.header.gid });
      const again = await readFile(engine, c.id, '/tree/owned');
      assert.equal(again.data.toString(), 'edited\n');
      assert.equal(again.header.uid, 1234, 'the owner is kept');
      // through a symlink: the target is read
      assert.equal((await readFile(engine, c.id, '/tree/rel')).data.toString(), 'deep\n');
      await makeDirectory(engine, c.id, `/tree/new-${which}`);
      assert.equal((await statPath(engine, c.id, `/tree/new-${which}`)).kind, 'directory');
      await writeFile(engine, c.id, `/tree/new-${which}/made.txt`, Buffer.from('made'));
      assert.equal((await readFile(engine, c.id, `/tree/new-${which}/made.txt`)).data.toString(), 'made');
      await assert.rejects(writeFile(engine, c.id, '/no/such/folder/f', Buffer.from('x')), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
      await assert.rejects(readFile(engine, c.id, '/tree/sub'), (e: unknown) => e instanceof EngineError && e.reason === 'isFolder');
    });
  }

  it('deletes and renames on a running container; a stopped one says to start it', async () => {
    await writeFile(engine, running.id, '/tmp/del.txt', Buffer.from('x'));
    await removePath(engine, running.id, '/tmp/del.txt');
    assert.equal(await statIfExists(engine, running.id, '/tmp/del.txt'), undefined);
    await makeDirectory(engine, running.id, '/tmp/dir');
    await writeFile(engine, running.id, '/tmp/dir/f', Buffer.from('x'));
    await assert.rejects(removePath(engine, running.id, '/tmp/dir'), EngineError, 'a non-empty folder needs recursive');
    await removePath(engine, running.id, '/tmp/dir', { recursive: true });
    assert.equal(await statIfExists(engine, running.id, '/tmp/dir'), undefined);
    await writeFile(engine, running.id, '/tmp/a.txt', Buffer.from('A'));
    await writeFile(engine, running.id, '/tmp/b.txt', Buffer.from('B'));
    await assert.rejects(renamePath(engine, running.id, '/tmp/a.txt', '/tmp/b.txt'), (e: unknown) => e instanceof EngineError && e.kind === 'conflict');
    await renamePath(engine, running.id, '/tmp/a.txt', '/tmp/c.txt');
    assert.equal((await readFile(engine, running.id, '/tmp/c.txt')).data.toString(), 'A');
    await renamePath(engine, running.id, '/tmp/c.txt', '/tmp/b.txt', { overwrite: true });
    assert.equal((await readFile(engine, running.id, '/tmp/b.txt')).data.toString(), 'A');
    await assert.rejects(removePath(engine, stopped.id, '/tree/owned'), (e: unknown) => e instanceof EngineError && /not running: start it/.test(e.message));
  });

  it('writes and reads back a 50 MB file as a stream', async () => {
    const size = 50 * 1024 * 1024;
    const chunk = randomBytes(1024 * 1024);
    const hashIn = createHash('sha256');
    for (let i = 0; i < 50; i++) hashIn.update(chunk);
    await writeFile(engine, running.id, '/tmp/big.bin', { stream: Readable.from((function* () { for (let i = 0; i < 50; i++) yield chunk; })()), size });
    assert.equal((await statPath(engine, running.id, '/tmp/big.bin')).size, size);
    const t0 = Date.now();
    const { header, body } = await openFile(engine, running.id, '/tmp/big.bin');
    assert.equal(header.size, size);
    const hashOut = createHash('sha256');
    let n = 0;
    for await (const b of body as AsyncIterable<Buffer>) { hashOut.update(b); n += b.length; }
    assert.equal(n, size);
    assert.equal(hashOut.digest('hex'), hashIn.digest('hex'));
    const whole = await readFile(engine, running.id, '/tmp/big.bin');
    assert.equal(whole.data.length, size);
    console.log(`      50 MB streamed out in ${Date.now() - t0} ms (stream + whole read)`);
  });

  it('copies a folder out with absolute and relative symlinks intact and nothing outside the target (bin/vi -> /etc/alternatives/vi)', async () => {
    await putEntries(engine, running.id, '/', [{ name: 'bin/vi', type: 'symlink', linkname: '/etc/alternatives/vi' }]);
    const outside = hostDir();
    const dest = path.join(outside, 'dest');
    fs.mkdirSync(dest);
    const r = await copyFromContainer(engine, running.id, '/tree', dest);
    assert.deepEqual(r.skipped, []);
    const t = path.join(dest, 'tree');
    assert.equal(fs.readlinkSync(path.join(t, 'abs')), '/etc/alternatives/vi');
    assert.equal(fs.readlinkSync(path.join(t, 'absdir')), '/bin');
    assert.equal(fs.readlinkSync(path.join(t, 'rel')), 'sub/deep.txt');
    assert.equal(fs.readFileSync(path.join(t, 'rel'), 'utf8'), 'deep\n');
    assert.equal(fs.readFileSync(path.join(t, 'c -> d'), 'utf8'), 'arrow in the name\n');
    assert.equal(fs.readFileSync(path.join(t, 'ünï.txt'), 'utf8'), 'unicode\n');
    assert.equal(fs.statSync(path.join(t, 'ünï.txt')).mode & 0o7777, 0o755, 'permissions kept, setuid dropped');
    assert.deepEqual(fs.readdirSync(outside), ['dest'], 'nothing next to the target');
    // the whole of /bin, as the issue reported it failing
    const binDest = hostDir();
    const b = await copyFromContainer(engine, running.id, '/bin', binDest);
    assert.ok(b.symlinks > 100);
    assert.equal(fs.readlinkSync(path.join(binDest, 'bin', 'vi')), '/etc/alternatives/vi');
    assert.equal(fs.readlinkSync(path.join(binDest, 'bin', 'sh')), 'busybox');
  });

  it('downloads from a stopped container too', async () => {
    const dest = hostDir();
    const r = await copyFromContainer(engine, stopped.id, '/tree/sub', dest);
    assert.deepEqual([r.files, r.folders, r.skipped.length], [1, 1, 0]);
    assert.equal(fs.readFileSync(path.join(dest, 'sub', 'deep.txt'), 'utf8'), 'deep\n');
    const one = hostDir();
    await copyFromContainer(engine, stopped.id, '/tree/absdir', one);
    assert.equal(fs.readlinkSync(path.join(one, 'absdir')), '/bin', 'a symlink named directly is copied as the link');
  });

  it('never writes through a symlink or outside the target, whatever the archive says', async () => {
    const outside = hostDir();
    const dest = path.join(outside, 'dest');
    fs.mkdirSync(dest);
    const pack = tarStream.pack();
    pack.entry({ name: 'evil', type: 'symlink', linkname: outside });
    pack.entry({ name: 'evil/pwned.txt' }, 'through the link');
    pack.entry({ name: '../escape.txt' }, 'dot-dot');
    pack.entry({ name: 'ok/../../escape2.txt' }, 'dot-dot inside');
    pack.entry({ name: 'good.txt' }, 'fine');
    pack.entry({ name: 'good.txt', type: 'symlink', linkname: '/etc/passwd' });
    pack.entry({ name: 'good.txt' }, 'replaced, not written through the link');
    pack.finalize();
    const ex = new SafeExtractor(dest);
    const extract = tarStream.extract();
    extract.on('entry', (h, body, next) => { ex.entry(h, body).then(() => next(), next); });
    await new Promise<void>((resolve, reject) => { extract.on('finish', resolve); extract.on('error', reject); pack.pipe(extract); });
    assert.deepEqual(fs.readdirSync(outside).sort(), ['dest']);
    assert.equal(fs.lstatSync(path.join(dest, 'evil')).isSymbolicLink(), true);
    assert.equal(fs.readFileSync(path.join(dest, 'good.txt'), 'utf8'), 'replaced, not written through the link');
    assert.equal(fs.lstatSync(path.join(dest, 'good.txt')).isFile(), true);
    assert.deepEqual(ex.result.skipped.map((s) => s.name).sort(), ['../escape.txt', 'evil/pwned.txt', 'ok/../../escape2.txt']);
  });

  it('exec output and exit codes come back intact', async () => {
    const r = await execCapture(engine, running.id, ['sh', '-c', 'printf "out"; printf "err" >&2; exit 3']);
    assert.deepEqual([r.code, r.stdout.toString(), r.stderr.toString()], [3, 'out', 'err']);
  });
});
