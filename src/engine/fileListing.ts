// Files inside containers, as plain data: the archive API's path stat header, `ls -lan
// --full-time` output, tar-header listings, file modes and container paths. Pure (no vscode,
// no dockerode): the engine side (archive.ts) and the editor side both build on it.
import * as posix from 'node:path/posix';
import { l10n } from '../shared/l10n';

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

/** One entry of a container's file system. */
export interface ContainerFileStat {
  /** The base name ("passwd"); "/" for the root. */
  name: string;
  /** The absolute, normalised path in the container. */
  path: string;
  kind: FileKind;
  size: number;
  /** Unix st_mode: type bits (S_IFDIR…) and permission bits (incl. setuid/setgid/sticky). */
  mode: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /** A symlink's target as stored in the link (relative or absolute), when known. */
  linkTarget?: string;
  /** What a symlink points to, when known ('other' for a broken link). */
  targetKind?: FileKind;
  uid?: number;
  gid?: number;
}

export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

export function kindOfMode(mode: number): FileKind {
  switch (mode & S_IFMT) {
    case S_IFREG: return 'file';
    case S_IFDIR: return 'directory';
    case S_IFLNK: return 'symlink';
    default: return 'other';
  }
}

/** "drwxr-xr-x", "-rwsr-xr-x", "lrwxrwxrwx"… as ls prints it. */
export function modeString(mode: number): string {
  const type: Record<number, string> = { [S_IFDIR]: 'd', [S_IFLNK]: 'l', [S_IFCHR]: 'c', [S_IFBLK]: 'b', [S_IFIFO]: 'p', [S_IFSOCK]: 's', [S_IFREG]: '-' };
  const t = type[mode & S_IFMT] ?? '?';
  const bit = (m: number, c: string) => (mode & m ? c : '-');
  const special = (x: number, s: number, on: string, off: string) => (mode & s ? (mode & x ? on : off) : bit(x, 'x'));
  return t
    + bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's', 'S')
    + bit(0o040, 'r') + bit(0o020, 'w') + special(0o010, 0o2000, 's', 'S')
    + bit(0o004, 'r') + bit(0o002, 'w') + special(0o001, 0o1000, 't', 'T');
}

/** The inverse of modeString (ls's first column) → st_mode; undefined when it is not one. */
export function parseModeString(s: string): number | undefined {
  const m = /^([-dlcbps])([-r])([-w])([-xsS])([-r])([-w])([-xsS])([-r])([-w])([-xtT])/.exec(s);
  if (!m) return undefined;
  const types: Record<string, number> = { '-': S_IFREG, d: S_IFDIR, l: S_IFLNK, c: S_IFCHR, b: S_IFBLK, p: S_IFIFO, s: S_IFSOCK };
  let mode = types[m[1]];
  const perm = (c: string, bit: number) => (c !== '-' ? bit : 0);
  mode |= perm(m[2], 0o400) | perm(m[3], 0o200) | perm(m[5], 0o040) | perm(m[6], 0o020) | perm(m[8], 0o004) | perm(m[9], 0o002);
  const exec = (c: string, x: number, special: number) => (c === 'x' ? x : c === 's' || c === 't' ? x | special : c === 'S' || c === 'T' ? special : 0);
  mode |= exec(m[4], 0o100, 0o4000) | exec(m[7], 0o010, 0o2000) | exec(m[10], 0o001, 0o1000);
  return mode;
}

/** Go's os.FileMode (what the archive API's stat header carries) → unix st_mode. */
export function goFileModeToUnix(m: number): number {
  const bit = (n: number) => (Math.floor(m / 2 ** n) % 2) === 1;
  let mode = m % 0o1000;
  if (bit(23)) mode |= 0o4000;
  if (bit(22)) mode |= 0o2000;
  if (bit(20)) mode |= 0o1000;
  if (bit(31)) mode |= S_IFDIR;
  else if (bit(27)) mode |= S_IFLNK;
  else if (bit(26)) mode |= bit(21) ? S_IFCHR : S_IFBLK;
  else if (bit(25)) mode |= S_IFIFO;
  else if (bit(24)) mode |= S_IFSOCK;
  else mode |= S_IFREG;
  return mode;
}

/** Decodes the X-Docker-Container-Path-Stat header (base64 JSON) of HEAD/GET /containers/{id}/archive. */
export function decodePathStat(header: string, requestedPath: string): ContainerFileStat {
  const raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { name?: string; size?: number; mode?: number; mtime?: string; linkTarget?: string };
  const mode = goFileModeToUnix(raw.mode ?? 0);
  const path = normalizeContainerPath(requestedPath);
  const stat: ContainerFileStat = {
    name: path === '/' ? '/' : posix.basename(path),
    path,
    kind: kindOfMode(mode),
    size: raw.size ?? 0,
    mode,
    mtime: raw.mtime ? Date.parse(raw.mtime) || 0 : 0,
  };
  if (raw.linkTarget) stat.linkTarget = raw.linkTarget;
  return stat;
}

/** An absolute path in the container, without "." / ".." / double or trailing slashes. */
export function normalizeContainerPath(p: string): string {
  const n = posix.normalize(`/${p}`);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Why a name cannot be created in a folder; undefined when it can. */
export function validateEntryName(name: string): string | undefined {
  if (!name) return l10n.t('Give a name.');
  if (name === '.' || name === '..') return l10n.t('"{0}" is not a file name.', name);
  if (name.includes('/')) return l10n.t('A name cannot contain "/". Create the folders one at a time.');
  if (name.includes('\0')) return l10n.t('A name cannot contain a NUL character.');
  if (Buffer.byteLength(name) > 255) return l10n.t('The name is longer than 255 bytes.');
  return undefined;
}

const LS_LINE = /^([-dlcbps?][-rwxsStT]{9})[.+@]?\s+\d+\s+(\d+)\s+(\d+)\s+(?:(\d+)|\d+,\s*\d+)\s+(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))? ([+-]\d\d)(\d\d) (.*)$/s;

/**
 * Parses the output of `ls -lan --full-time DIR/` (GNU coreutils and BusyBox print the same
 * columns). Names are bytes as ls wrote them (not a terminal: no quoting); a symlink's target
 * is told from its name by the link's size (the target's length in bytes), so names containing
 * " -> " parse right. Returns undefined when a line does not parse (e.g. a name with a newline):
 * the caller then lists through the archive API instead.
 */
export function parseLsListing(output: Buffer, dir: string): ContainerFileStat[] | undefined {
  const base = normalizeContainerPath(dir);
  const prefix = base === '/' ? '/' : `${base}/`;
  const out: ContainerFileStat[] = [];
  const times = new Map<string, number>(); // many entries share a time: parse each once
  // latin1: one char per byte, so regex indices are byte offsets and any bytes survive.
  for (const line of output.toString('latin1').split('\n')) {
    if (!line) continue;
    if (line.startsWith('total ')) continue;
    const m = LS_LINE.exec(line);
    if (!m) return undefined;
    const mode = parseModeString(m[1]);
    if (mode === undefined) return undefined;
    const kind = kindOfMode(mode);
    const size = m[4] === undefined ? 0 : Number(m[4]);
    const when = `${m[5]}T${m[6]}.${(m[7] ?? '').padEnd(3, '0').slice(0, 3)}${m[8]}:${m[9]}`;
    let mtime = times.get(when);
    if (mtime === undefined) { mtime = Date.parse(when); times.set(when, mtime); }
    let rest = m[10];
    let linkTarget: string | undefined;
    if (kind === 'symlink') {
      const cut = rest.length - size - 4;
      if (size > 0 && cut > 0 && rest.slice(cut, cut + 4) === ' -> ') {
        linkTarget = utf8(rest.slice(cut + 4));
        rest = rest.slice(0, cut);
      } else {
        const i = rest.indexOf(' -> ');
        if (i < 0) return undefined;
        linkTarget = utf8(rest.slice(i + 4));
        rest = rest.slice(0, i);
      }
    }
    const name = utf8(rest);
    if (name === '.' || name === '..') continue;
    const entry: ContainerFileStat = {
      name, path: prefix + name, kind, size, mode, mtime: Number.isNaN(mtime) ? 0 : mtime,
      uid: Number(m[2]), gid: Number(m[3]),
    };
    if (linkTarget !== undefined) entry.linkTarget = linkTarget;
    out.push(entry);
  }
  return out;
}

/**
 * A shell script (`sh -c SCRIPT sh DIR/ [LS]`) that prints `ls -lan --full-time DIR/` (LS is the
 * ls to run, `ls` from PATH by default), then, when DIR can be entered, one NUL and every name in
 * DIR NUL-separated (a shell glob: names come out byte for byte, whatever they hold). ls's exit
 * status is the script's. With both, a name holding a newline cannot pass for
 * two entries (see parseLsWithNames).
 */
export const LS_WITH_NAMES_SCRIPT = '"${2:-ls}" -lan --full-time -- "$1"; s=$?; cd -- "$1" 2>/dev/null || exit $s; printf \'\\0\'; '
  + 'for f in * .[!.]* ..?*; do if [ -e "$f" ] || [ -L "$f" ]; then printf \'%s\\0\' "$f"; fi; done; exit $s';

/**
 * Parses what LS_WITH_NAMES_SCRIPT printed: the ls listing, checked entry for entry against the
 * exact names. A name ls printed with "?" (BusyBox, for bytes it deems unprintable) takes the one
 * exact name it matches. Undefined when they disagree in any way (a line forged by a name with a
 * newline in it, a name left over, an ambiguous "?"): the caller then reads the archive, whose tar
 * headers carry the exact names.
 */
export function parseLsWithNames(output: Buffer, dir: string): ContainerFileStat[] | undefined {
  const cut = output.indexOf(0);
  if (cut < 0) return undefined;
  const entries = parseLsListing(output.subarray(0, cut), dir);
  if (!entries) return undefined;
  const exact = splitNul(output.subarray(cut + 1));
  if (exact.length !== entries.length) return undefined;
  const left = new Set(exact);
  if (left.size !== exact.length) return undefined;
  const base = normalizeContainerPath(dir);
  const unsure: ContainerFileStat[] = [];
  for (const e of entries) {
    if (left.has(e.name)) left.delete(e.name);
    else if (e.name.includes('?')) unsure.push(e);
    else return undefined;
  }
  for (const e of unsure) {
    const pattern = new RegExp(`^${Buffer.from(e.name).toString('latin1').split('?').map((x) => x.replace(/[.*+^${}()|[\]\\]/g, '\\$&')).join('[^]')}$`);
    const hits = [...left].filter((n) => pattern.test(Buffer.from(n).toString('latin1')));
    if (hits.length !== 1) return undefined;
    left.delete(hits[0]);
    e.name = hits[0];
    e.path = posix.join(base, hits[0]);
  }
  return left.size ? undefined : entries;
}

/** A latin1 string (bytes) as UTF-8 text; ASCII needs no conversion. */
function utf8(bytes: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(bytes) ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes;
}

function splitBuffer(buf: Buffer, sep: number): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (;;) {
    const i = buf.indexOf(sep, start);
    if (i < 0) { parts.push(buf.subarray(start)); return parts; }
    parts.push(buf.subarray(start, i));
    start = i + 1;
  }
}

/** NUL-separated strings (what `printf '%s\0'` writes). */
export function splitNul(buf: Buffer): string[] {
  return splitBuffer(buf, 0).filter((b) => b.length).map((b) => b.toString('utf8'));
}

/** The fields of a tar header a listing needs (tar-stream's Headers, narrowed). */
export interface TarEntryHeader {
  name: string;
  type?: string | null;
  size?: number;
  mode?: number;
  mtime?: Date;
  linkname?: string | null;
  uid?: number;
  gid?: number;
}

/**
 * Every folder's entries from the headers of GET /containers/{id}/archive?path=ROOT. The engine
 * names entries after the requested folder's base name ("bin/sh" for /bin, "/etc/passwd" for /),
 * so `root` anchors them back to absolute paths. Hard links list as files.
 */
export class TarIndex {
  private readonly dirs = new Map<string, Map<string, ContainerFileStat>>();
  private readonly anchor: string;

  constructor(readonly root: string) {
    this.root = normalizeContainerPath(root);
    this.anchor = this.root === '/' ? '/' : posix.dirname(this.root);
    this.dirs.set(this.root, new Map());
  }

  add(h: TarEntryHeader): void {
    const abs = normalizeContainerPath(posix.join(this.anchor, h.name));
    if (abs !== this.root && !abs.startsWith(this.root === '/' ? '/' : `${this.root}/`)) return;
    const type = h.type ?? 'file';
    const typeBits: Record<string, number> = {
      file: S_IFREG, 'contiguous-file': S_IFREG, link: S_IFREG, symlink: S_IFLNK, directory: S_IFDIR,
      'character-device': S_IFCHR, 'block-device': S_IFBLK, fifo: S_IFIFO,
    };
    const mode = (typeBits[type] ?? S_IFREG) | ((h.mode ?? 0) & 0o7777);
    if (type === 'directory' && !this.dirs.has(abs)) this.dirs.set(abs, new Map());
    if (abs === this.root) return;
    const parent = posix.dirname(abs);
    let siblings = this.dirs.get(parent);
    if (!siblings) { siblings = new Map(); this.dirs.set(parent, siblings); }
    const entry: ContainerFileStat = {
      name: posix.basename(abs), path: abs, kind: kindOfMode(mode), size: type === 'symlink' ? Buffer.byteLength(h.linkname ?? '') : h.size ?? 0,
      mode, mtime: h.mtime ? h.mtime.getTime() : 0, uid: h.uid, gid: h.gid,
    };
    if (type === 'symlink') entry.linkTarget = h.linkname ?? '';
    siblings.set(entry.name, entry);
  }

  /** A folder's entries, with symlink targets resolved inside the index where possible. */
  list(dir: string): ContainerFileStat[] | undefined {
    const d = this.dirs.get(normalizeContainerPath(dir));
    if (!d) return undefined;
    return [...d.values()].map((e) => (e.kind === 'symlink' ? { ...e, targetKind: this.resolveKind(e.path) } : e));
  }

  /** Folders the index covers (all of them below root). */
  folders(): string[] {
    return [...this.dirs.keys()];
  }

  private lookup(abs: string): ContainerFileStat | undefined {
    if (abs === '/') return { name: '/', path: '/', kind: 'directory', size: 0, mode: S_IFDIR | 0o755, mtime: 0 };
    if (this.dirs.has(abs) && !this.dirs.get(posix.dirname(abs))?.has(posix.basename(abs))) {
      return { name: posix.basename(abs), path: abs, kind: 'directory', size: 0, mode: S_IFDIR | 0o755, mtime: 0 };
    }
    return this.dirs.get(posix.dirname(abs))?.get(posix.basename(abs));
  }

  /** Follows symlinks (at most 40) within the index; undefined when the target lies outside it. */
  private resolveKind(abs: string): FileKind | undefined {
    let cur = abs;
    for (let hops = 0; hops < 40; hops++) {
      const e = this.lookup(cur);
      if (!e) return this.covers(cur) ? 'other' : undefined;
      if (e.kind !== 'symlink') return e.kind;
      cur = resolveLinkTarget(cur, e.linkTarget ?? '');
    }
    return 'other';
  }

  private covers(abs: string): boolean {
    return this.root === '/' || abs === this.root || abs.startsWith(`${this.root}/`);
  }
}

/** Where a link at `linkPath` with target `target` points, as an absolute path (no symlinks resolved on the way). */
export function resolveLinkTarget(linkPath: string, target: string): string {
  return normalizeContainerPath(target.startsWith('/') ? target : posix.join(posix.dirname(linkPath), target));
}

/** Symlinks to a sibling in the same listing ("sh -> busybox") get that sibling's kind. */
export function resolveSiblingLinks(entries: ContainerFileStat[]): void {
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const e of entries) {
    if (e.kind !== 'symlink' || e.targetKind !== undefined || !e.linkTarget || e.linkTarget.includes('/')) continue;
    const t = byName.get(e.linkTarget);
    if (t && t.kind !== 'symlink') e.targetKind = t.kind;
  }
}
