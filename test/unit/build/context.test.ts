import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextError, describePlan, formatSize, packContext, parseIgnoreFile, planContext } from '../../../src/build/context';

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
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(1536), '1.5 kB');
    assert.equal(formatSize(300 * 1024 * 1024), '300 MB');
  });
});
