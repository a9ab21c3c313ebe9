// Packs a planned build context into an uncompressed tar stream. Pure (no vscode).
//
// The entries are already decided (planContext), so packing is: lstat each entry, read it, write
// a tar header and its bytes, in the plan's order. Doing that one entry at a time through a read
// stream per file (what tar-fs does) leaves the disk idle between files; here up to PARALLEL
// entries are stat'ed and, when small, read whole ahead of the writer, and written in order with
// tar-stream's encoder (the one tar-fs uses, so the bytes are the same). Memory stays bounded: at
// most AHEAD entries wait, each holding at most SMALL_FILE bytes; bigger files stream at their turn.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import { l10n } from '../shared/l10n';

/** Files up to this size are read whole ahead of the writer; bigger ones stream. */
export const SMALL_FILE = 128 * 1024;
/** Entries loaded concurrently. */
const PARALLEL = 64;
/** Entries loaded ahead of the writer (each ≤ SMALL_FILE bytes in memory). */
const AHEAD = 128;

export interface PackInput {
  /** Absolute context folder. */
  root: string;
  /** Context-relative posix paths, in tar order. */
  entries: readonly string[];
  /** Appended last (the Dockerfile from outside the context). */
  extra?: { name: string; data: Buffer };
}

/** A packing failure; `entry` is the context-relative path it concerns, when there is one. */
export class PackError extends Error {
  constructor(message: string, readonly entry?: string, readonly code?: string) {
    super(message);
    this.name = 'PackError';
  }
}

type Loaded =
  | { kind: 'skip' }
  | { kind: 'entry'; header: tarStream.Headers; data?: Buffer }
  | { kind: 'stream'; header: tarStream.Headers; abs: string };

const win32 = process.platform === 'win32';

function lstat(p: string): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.lstat(p, (e, st) => (e ? reject(e) : resolve(st))));
}

function readlink(p: string): Promise<string> {
  return new Promise((resolve, reject) => fs.readlink(p, (e, l) => (e ? reject(e) : resolve(l))));
}

/** Reads exactly `size` bytes of a file (its size when stat'ed); fewer means it shrank meanwhile. */
function readSmall(abs: string, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    fs.open(abs, 'r', (e, fd) => {
      if (e) return reject(e);
      const buf = Buffer.allocUnsafe(size);
      const done = (err: Error | null, out?: Buffer) => fs.close(fd, (ce) => {
        if (err || ce) reject(err ?? ce);
        else resolve(out as Buffer);
      });
      const more = (off: number) => {
        if (off === size) return done(null, buf);
        fs.read(fd, buf, off, size - off, off, (re, n) => {
          if (re) return done(re);
          if (n === 0) return done(Object.assign(new Error(l10n.t('size mismatch: it shrank from {0} to {1} bytes while being packed', size, off)), { code: 'ESIZE' }));
          more(off + n);
        });
      };
      more(0);
    });
  });
}

/** Linux's dev_t split (glibc's gnu_dev_major/minor), for device entries. */
function devMajor(rdev: number): number {
  return Math.floor(rdev / 256) & 0xfff | (Math.floor(rdev / 2 ** 32) & ~0xfff);
}
function devMinor(rdev: number): number {
  return (rdev & 0xff) | (Math.floor(rdev / 4096) & ~0xff & 0xfffff);
}

async function load(root: string, rel: string): Promise<Loaded> {
  const abs = path.join(root, rel);
  const st = await lstat(abs);
  if (st.isSocket()) return { kind: 'skip' }; // tar cannot hold sockets
  const header: tarStream.Headers = {
    name: rel,
    mode: st.mode,
    mtime: st.mtime,
    size: st.size,
    type: 'file',
    uid: 0,
    gid: 0,
  };
  if (st.isDirectory()) return { kind: 'entry', header: { ...header, size: 0, type: 'directory' } };
  if (st.isSymbolicLink()) {
    const link = await readlink(abs);
    return { kind: 'entry', header: { ...header, size: 0, type: 'symlink', linkname: win32 ? link.replace(/\\/g, '/') : link } };
  }
  // FIFOs and device nodes go in as header-only entries, as the docker CLI sends them (its tar
  // writer maps them to tar's fifo/char/block types); they are never opened (a FIFO would block).
  if (st.isFIFO()) return { kind: 'entry', header: { ...header, size: 0, type: 'fifo' } };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return { kind: 'entry', header: { ...header, size: 0, type: st.isCharacterDevice() ? 'character-device' : 'block-device', devmajor: devMajor(st.rdev), devminor: devMinor(st.rdev) } };
  }
  if (!st.isFile()) throw Object.assign(new Error(l10n.t('unsupported file type (not a file, folder or symlink)')), { code: 'EUNSUPPORTED' });
  if (st.size > SMALL_FILE) return { kind: 'stream', header, abs };
  return { kind: 'entry', header, data: await readSmall(abs, st.size) };
}

/**
 * The tar stream of `input.entries`. Errors reach the stream as PackError naming the entry;
 * destroying the stream stops the reading.
 */
export function packEntries(input: PackInput): tarStream.Pack {
  const pack = tarStream.pack();
  let stopped = false;
  pack.once('close', () => { stopped = true; });

  const { root, entries } = input;
  const slots: (Promise<Loaded> | undefined)[] = new Array(entries.length);
  let started = 0; // entries whose load has begun
  let running = 0;
  let written = 0; // entries handed to the encoder

  const pump = () => {
    while (!stopped && running < PARALLEL && started < entries.length && started < written + AHEAD) {
      const i = started++;
      running++;
      const p = load(root, entries[i]);
      p.catch(() => undefined).then(() => {
        running--;
        pump();
      });
      slots[i] = p;
    }
  };

  const entry = (header: tarStream.Headers, data?: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      const cb = (e?: Error | null) => (e ? reject(e) : resolve());
      if (data) pack.entry(header, data, cb);
      else pack.entry(header, cb);
    });

  const streamFile = (header: tarStream.Headers, abs: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const sink = pack.entry(header, (e) => (e ? reject(e) : resolve()));
      if (!sink) return resolve(); // destroyed meanwhile
      const size = header.size ?? 0;
      const rs = fs.createReadStream(abs, { start: 0, end: size > 0 ? size - 1 : 0 });
      rs.once('error', (e) => { sink.destroy(); reject(e); });
      rs.pipe(sink);
    });

  const run = async () => {
    pump();
    for (let i = 0; i < entries.length; i++) {
      if (stopped) return;
      let loaded: Loaded;
      try {
        loaded = await (slots[i] as Promise<Loaded>);
        slots[i] = undefined;
      } catch (e) {
        throw toPackError(e, entries[i]);
      }
      if (stopped) return;
      try {
        if (loaded.kind === 'entry') await entry(loaded.header, loaded.data);
        else if (loaded.kind === 'stream') await streamFile(loaded.header, loaded.abs);
      } catch (e) {
        throw toPackError(e, entries[i]);
      }
      written = i + 1;
      pump();
    }
    if (stopped) return;
    if (input.extra) await entry({ name: input.extra.name, mode: 0o644, mtime: new Date() }, input.extra.data);
    pack.finalize();
  };
  run().catch((e: unknown) => {
    if (!stopped) pack.destroy(e instanceof PackError ? e : toPackError(e));
  });
  return pack;
}

function toPackError(e: unknown, entry?: string): PackError {
  if (e instanceof PackError) return e;
  const err = e as NodeJS.ErrnoException;
  return new PackError(err?.message ?? String(e), entry, err?.code);
}
