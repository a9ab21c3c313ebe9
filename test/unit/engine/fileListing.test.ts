import { strict as assert } from 'node:assert';
import {
  ContainerFileStat, decodePathStat, goFileModeToUnix, modeString, normalizeContainerPath, parseLsListing, parseLsWithNames, parseModeString, resolveLinkTarget, resolveSiblingLinks,
  S_IFDIR, S_IFLNK, S_IFREG, TarIndex, validateEntryName,
} from '../../../src/engine/fileListing';

describe('fileListing', () => {
  it('turns Go file modes from the archive stat header into unix modes', () => {
    assert.equal(goFileModeToUnix(2147484141), S_IFDIR | 0o755);
    assert.equal(goFileModeToUnix(134218239), S_IFLNK | 0o777);
    assert.equal(goFileModeToUnix(0o644), S_IFREG | 0o644);
    assert.equal(goFileModeToUnix(2 ** 23 + 0o755), S_IFREG | 0o4755);
    assert.equal(modeString(goFileModeToUnix(2 ** 31 + 2 ** 20 + 0o777)), 'drwxrwxrwt');
  });

  it('decodes the X-Docker-Container-Path-Stat header', () => {
    const h = Buffer.from(JSON.stringify({ name: 'sh', size: 7, mode: 134218239, mtime: '2026-11-30T10:09:46.5Z', linkTarget: '/bin/busybox' })).toString('base64');
    const s = decodePathStat(h, '/bin//sh');
    assert.deepEqual(s, { name: 'sh', path: '/bin/sh', kind: 'symlink', size: 7, mode: S_IFLNK | 0o777, mtime: Date.parse('2026-11-30T10:09:46.5Z'), linkTarget: '/bin/busybox' });
  });

  it('prints and parses ls modes, special bits included', () => {
    for (const s of ['-rw-r--r--', 'drwxr-xr-x', 'lrwxrwxrwx', '-rwsr-sr-t', '-rwSr-Sr-T', 'crw-rw-rw-', 'prw-------']) {
      assert.equal(modeString(parseModeString(s)!), s);
    }
    assert.equal(parseModeString('total'), undefined);
  });

  it('parses GNU and BusyBox `ls -lan --full-time` alike, names with spaces and arrows included', () => {
    const gnu = [
      'total 8',
      'drwxr-xr-x  2 0 0 4096 2026-11-30 10:09:17.412603057 +0000 .',
      'drwxrwxrwt 13 0 0 4096 2026-11-30 10:09:17.352603058 +0000 ..',
      '-rw-r--r--  1 1000 50    12 2026-11-30 10:09:17.376603058 +0100 a b',
      'lrwxrwxrwx  1 0 0    3 2026-11-30 10:09:17.404603057 +0000 c -> d -> a b',
      'crw-rw-rw-  1 0 0 1,   3 2026-11-20 11:41:32.000000000 +0000 null',
      '',
    ].join('\n');
    const busybox = [
      'total 8',
      'drwxr-xr-x    2 0        0             4096 2026-11-30 10:09:17 +0000 .',
      '-rw-r--r--    1 1000     50              12 2026-11-30 10:09:17 +0100 a b',
      'lrwxrwxrwx    1 0        0                3 2026-11-30 10:09:17 +0000 c -> d -> a b',
      'crw-rw-rw-    1 0        0           1,   3 2026-11-20 11:41:32 +0000 null',
    ].join('\n');
    for (const out of [gnu, busybox]) {
      const l = parseLsListing(Buffer.from(out), '/tmp/x/')!;
      assert.deepEqual(l.map((e) => [e.name, e.path, e.kind, e.size, e.linkTarget]), [
        ['a b', '/tmp/x/a b', 'file', 12, undefined],
        ['c -> d', '/tmp/x/c -> d', 'symlink', 3, 'a b'],
        ['null', '/tmp/x/null', 'other', 0, undefined],
      ]);
      assert.equal(l[0].uid, 1000);
      assert.equal(l[0].gid, 50);
      assert.equal(new Date(l[0].mtime).toISOString().slice(0, 19), '2026-11-30T09:09:17');
    }
  });

  it('counts link targets in bytes (UTF-8 names) and gives up on lines it cannot read', () => {
    const out = Buffer.from('lrwxrwxrwx 1 0 0 4 2026-11-30 10:09:17 +0000 ü -> ü -> é.t\n');
    const [e] = parseLsListing(out, '/')!;
    assert.deepEqual([e.name, e.linkTarget], ['ü -> ü', 'é.t']);
    assert.equal(parseLsListing(Buffer.from('-rw-r--r-- 1 0 0 1 2026-11-30 10:09:17 +0000 two\nlines\n'), '/'), undefined);
  });

  it('indexes tar headers per folder and resolves symlinks inside the index', () => {
    const root = new TarIndex('/');
    for (const [name, type, linkname] of [['/', 'directory'], ['/bin/', 'directory'], ['/bin/busybox', 'file'], ['/bin/sh', 'symlink', 'busybox'], ['/usr/', 'directory'], ['/usr/bin', 'symlink', '/bin'], ['/loop', 'symlink', 'loop'], ['/gone', 'symlink', 'nowhere']] as const) {
      root.add({ name, type, linkname, mode: 0o755, size: 0 });
    }
    const top = new Map(root.list('/')!.map((e) => [e.name, e]));
    assert.deepEqual([...top.keys()].sort(), ['bin', 'gone', 'loop', 'usr']);
    assert.equal(root.list('/usr')!.find((e) => e.name === 'bin')?.targetKind, 'directory');
    assert.equal(root.list('/bin')!.find((e) => e.name === 'sh')?.targetKind, 'file');
    assert.equal(top.get('loop')?.targetKind, 'other');
    assert.equal(top.get('gone')?.targetKind, 'other');
    const bin = new TarIndex('/bin');
    bin.add({ name: 'bin/', type: 'directory' });
    bin.add({ name: 'bin/vi', type: 'symlink', linkname: '/etc/alternatives/vi' });
    assert.equal(bin.list('/bin')![0].targetKind, undefined, 'outside the index: unknown');
    assert.equal(bin.list('/etc'), undefined);
  });

  it('gives links to a sibling that sibling\'s kind', () => {
    const e = (name: string, kind: 'file' | 'directory' | 'symlink', linkTarget?: string): ContainerFileStat => ({ name, path: `/bin/${name}`, kind, size: 0, mode: 0, mtime: 0, linkTarget });
    const list = [e('busybox', 'file'), e('sh', 'symlink', 'busybox'), e('lib', 'directory'), e('l', 'symlink', 'lib'), e('far', 'symlink', '/etc/x'), e('loop', 'symlink', 'sh')];
    resolveSiblingLinks(list);
    assert.deepEqual(list.map((x) => x.targetKind), [undefined, 'file', undefined, 'directory', undefined, undefined]);
  });

  it('normalises paths, resolves link targets, validates new names', () => {
    assert.equal(normalizeContainerPath(''), '/');
    assert.equal(normalizeContainerPath('a/../b//c/'), '/b/c');
    assert.equal(normalizeContainerPath('/../..'), '/');
    assert.equal(resolveLinkTarget('/usr/bin/vi', '../../etc/alternatives/vi'), '/etc/alternatives/vi');
    assert.equal(resolveLinkTarget('/usr/bin/vi', '/x'), '/x');
    assert.equal(validateEntryName('ok.txt'), undefined);
    for (const bad of ['', '.', '..', 'a/b', 'x'.repeat(256)]) assert.ok(validateEntryName(bad), bad);
  });
});

describe('ls output checked against the exact names (NUL-separated)', () => {
  const line = (name: string, size = 5) => `-rw-r--r-- 1 0 0 ${size} 2026-01-01 00:00:00.000000000 +0000 ${name}\n`;
  const out = (ls: string, names: string[]) => Buffer.concat([Buffer.from(ls, 'latin1'), Buffer.from([0]), ...names.map((n) => Buffer.concat([Buffer.from(n), Buffer.from([0])]))]);

  it('a name with a newline that forges an ls line is caught (the caller reads the archive)', () => {
    const forged = `x\n${line('fake').trimEnd()}`;
    // GNU ls prints it raw: two lines that both parse, "x" and "fake".
    assert.equal(parseLsWithNames(out(line(forged) + line('decoy'), [forged, 'decoy']), '/d'), undefined);
    assert.equal(parseLsWithNames(out(line('a') + 'b\n' + line('decoy'), ['a\nb', 'decoy']), '/d'), undefined);
  });

  it('agreeing names pass; BusyBox\'s "?" takes the one exact name it stands for; a leftover or ambiguous name does not pass', () => {
    assert.deepEqual(parseLsWithNames(out(line('a') + line('b c'), ['a', 'b c']), '/d')?.map((e) => e.path), ['/d/a', '/d/b c']);
    assert.deepEqual(parseLsWithNames(out(line('a?b') + line('decoy'), ['a\nb', 'decoy']), '/d')?.map((e) => e.name), ['a\nb', 'decoy']);
    assert.equal(parseLsWithNames(out(line('a?b') + line('a?c'), ['a\nb', 'a\tb']), '/d'), undefined);
    assert.equal(parseLsWithNames(out(line('a'), ['a', 'hidden']), '/d'), undefined);
    assert.equal(parseLsWithNames(Buffer.from(line('a')), '/d'), undefined, 'no NUL: the folder could not be entered');
    assert.deepEqual(parseLsWithNames(out('', []), '/d'), []);
  });
});
