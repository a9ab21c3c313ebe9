// Files inside a container through the Engine API: stat (HEAD /archive), read (GET /archive),
// write and mkdir (PUT /archive), folder listings (`ls` through exec on running containers, the
// archive's tar headers otherwise), delete and rename (exec; running containers only), and
// copying a path out to the host with symlinks kept and nothing written outside the target.
// Everything is API: it works the same on local, tcp+TLS and ssh engines.
import * as fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import * as path from 'node:path';
import * as posix from 'node:path/posix';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tarStream from 'tar-stream';
import { Engine, short } from './engine';
import { EngineError, isCutOff, toEngineError, withSubject } from './errors';
import { ContainerFileStat, decodePathStat, LS_WITH_NAMES_SCRIPT, normalizeContainerPath, parseLsWithNames, splitNul, TarIndex } from './fileListing';
import { Demuxer } from './streams';
import { l10n } from '../shared/l10n';

const STAT_HEADER = 'x-docker-container-path-stat';

function notFound(id: string, p: string): EngineError {
  return new EngineError('notFound', l10n.t('{0} does not exist in container {1}.', p, short(id)), 404, undefined, 'pathMissing');
}

/** GET/HEAD/PUT answer 404 both for a missing path and a missing container: tell them apart. */
async function missing(engine: Engine, id: string, p: string, e: unknown): Promise<never> {
  const err = toEngineError(e, engine.host, l10n.t('Container {0}: {1}', short(id), p));
  if (err.statusCode !== 404) throw err;
  await engine.inspectContainer(id); // throws notFound for a removed container
  throw notFound(id, p);
}

/** GET /archive of a path: its tar stream; a 404 says whether the path or the container is missing. */
async function getArchive(engine: Engine, id: string, p: string): Promise<Readable> {
  try {
    return (await engine.call(undefined, (d) => d.getContainer(id).getArchive({ path: p }))) as unknown as Readable;
  } catch (e) {
    return missing(engine, id, p, e);
  }
}

/** stat(2) of a path (a symlink itself, not its target; `linkTarget` is the resolved absolute target). */
export async function statPath(engine: Engine, id: string, containerPath: string): Promise<ContainerFileStat> {
  const p = normalizeContainerPath(containerPath);
  let res: IncomingMessage;
  try {
    res = (await engine.call(undefined, (d) => d.getContainer(id).infoArchive({ path: p }))) as unknown as IncomingMessage;
  } catch (e) {
    return missing(engine, id, p, e);
  }
  res.resume?.();
  const header = res.headers?.[STAT_HEADER];
  if (typeof header !== 'string') throw new EngineError('unknown', l10n.t('The engine sent no file information for {0}.', p));
  return decodePathStat(header, p);
}

/** Like statPath, but undefined when the path does not exist (the container must). */
export async function statIfExists(engine: Engine, id: string, containerPath: string): Promise<ContainerFileStat | undefined> {
  try {
    return await statPath(engine, id, containerPath);
  } catch (e) {
    if (e instanceof EngineError && e.reason === 'pathMissing') return undefined;
    throw e;
  }
}

// ---- exec ------------------------------------------------------------------------------------

export interface ExecResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs a command (an argument list, no shell) in a running container and collects its output. */
export async function execCapture(engine: Engine, id: string, cmd: string[], opts: { user?: string } = {}): Promise<ExecResult> {
  const what = l10n.t('Container {0}', short(id));
  const exec = await engine.call(what, (d) => d.getContainer(id).exec({
    Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: false, Tty: false, User: opts.user || undefined,
    // The tools' messages in English whatever the image's locale: their stderr is read below (ls, rm, mv).
    Env: ['LC_ALL=C'],
  }));
  const stream = (await engine.call(what, () => exec.start({ hijack: true, stdin: false, Tty: false }))) as unknown as Readable;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const demux = new Demuxer((kind, payload) => (kind === 'stderr' ? err : out).push(Buffer.from(payload)));
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (b: Buffer) => demux.push(b));
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  // The exit code is recorded a moment after the stream ends: ask again soon, then less often.
  for (let attempt = 0; attempt < 60; attempt++) {
    const info = (await engine.call(what, () => exec.inspect())) as { Running?: boolean; ExitCode?: number | null };
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) {
      return { code: info.ExitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
    }
    await new Promise((r) => setTimeout(r, attempt < 10 ? 2 : 25));
  }
  throw new EngineError('timeout', l10n.t('{0}: {1} did not report an exit code.', what, cmd[0]));
}

/** Throws unless the container runs; `notRunning(name)` is the whole sentence that says so. */
async function requireRunning(engine: Engine, id: string, notRunning: (name: string) => string): Promise<void> {
  const info = (await engine.inspectContainer(id)) as { Name?: string; State?: { Running?: boolean; Paused?: boolean } };
  if (!info.State?.Running || info.State.Paused) {
    const name = (info.Name ?? '').replace(/^\//, '') || short(id);
    throw new EngineError('conflict', notRunning(name), 409);
  }
}

/** A failed exec of a file action (`action`: "Deleting /x", translated by the caller). */
function execFailure(id: string, action: string, r: ExecResult): EngineError {
  const text = r.stderr.toString('utf8').trim().split('\n').pop() ?? '';
  if (/no such file|not found/i.test(text)) return new EngineError('notFound', withSubject(action, text), 404);
  if (/permission denied|read-only file system|operation not permitted/i.test(text)) return new EngineError('auth', withSubject(action, text), 403);
  return new EngineError('unknown', text
    ? l10n.t('{0} in container {1} failed (exit {2}): {3}.', action, short(id), r.code, text)
    : l10n.t('{0} in container {1} failed (exit {2}).', action, short(id), r.code));
}

// ---- listing ---------------------------------------------------------------------------------

export interface Listing {
  entries: ContainerFileStat[];
  /** How it was read: `ls` through exec, or the archive's tar headers. */
  via: 'exec' | 'archive';
}

/**
 * The entries of a folder. Running containers: `ls -lan --full-time` through exec (one process,
 * no file contents move), then which symlinks lead to folders. Containers without `ls` (distroless),
 * names `ls` cannot print unambiguously, and stopped containers: the archive API's tar headers.
 */
export async function listDirectory(engine: Engine, id: string, dir: string, opts: { running: boolean; index?: (root: string) => Promise<TarIndex> }): Promise<Listing> {
  const p = normalizeContainerPath(dir);
  if (opts.running) {
    const viaExec = await listWithLs(engine, id, p).catch((e: unknown) => {
      if (e instanceof EngineError && (e.kind === 'notFound' || e.kind === 'badRequest')) throw e;
      return undefined; // no ls, exec refused, container stopped meanwhile: use the archive
    });
    if (viaExec) return { entries: viaExec, via: 'exec' };
  }
  const index = opts.index ? await opts.index(p) : await readTarIndex(engine, id, p);
  const entries = index.list(p);
  if (!entries) {
    const s = await statPath(engine, id, p);
    throw new EngineError('badRequest', l10n.t('{0} is not a folder ({1}).', p, s.kind), 400, undefined, 'notFolder');
  }
  await resolveTargetKinds(engine, id, entries);
  return { entries, via: 'archive' };
}

/** Symlinks whose target lies outside what the archive covered: ask the engine (HEAD), a few at a time. */
export async function resolveTargetKinds(engine: Engine, id: string, entries: ContainerFileStat[], limit = 256): Promise<void> {
  const todo = entries.filter((e) => e.kind === 'symlink' && e.targetKind === undefined).slice(0, limit);
  for (let i = 0; i < todo.length; i += 16) {
    await Promise.all(todo.slice(i, i + 16).map(async (e) => {
      const link = await statIfExists(engine, id, e.path).catch(() => undefined);
      const target = link?.linkTarget ? await statIfExists(engine, id, link.linkTarget).catch(() => undefined) : undefined;
      e.targetKind = target ? (target.kind === 'symlink' ? 'other' : target.kind) : 'other';
    }));
  }
}

async function listWithLs(engine: Engine, id: string, p: string): Promise<ContainerFileStat[] | undefined> {
  // ls, then the exact names NUL-separated (one exec): a name with a newline cannot forge an entry.
  const r = await execCapture(engine, id, ['sh', '-c', LS_WITH_NAMES_SCRIPT, 'sh', p === '/' ? '/' : `${p}/`]);
  const text = r.stderr.toString('utf8');
  if (r.code !== 0 && /No such file/i.test(text)) throw notFound(id, p);
  if (r.code !== 0 && /Not a directory/i.test(text)) throw new EngineError('badRequest', l10n.t('{0} is not a folder.', p), 400, undefined, 'notFolder');
  if (r.code > 1) return undefined;
  const entries = parseLsWithNames(r.stdout, p);
  if (!entries) return undefined;
  const links = entries.filter((e) => e.kind === 'symlink');
  if (links.length) {
    const dirs = new Set<string>();
    const exists = new Set<string>();
    for (let i = 0; i < links.length; i += 1000) {
      const batch = links.slice(i, i + 1000).map((e) => e.path);
      // -d and -e follow the link; printf '%s\0' keeps any name intact.
      const t = await execCapture(engine, id, ['sh', '-c', 'for f; do if [ -d "$f" ]; then printf "d%s\\0" "$f"; elif [ -e "$f" ]; then printf "f%s\\0" "$f"; fi; done; exit 0', 'sh', ...batch]);
      if (t.code !== 0) return entries; // no sh: leave the target kinds unknown
      for (const s of splitNul(t.stdout)) { exists.add(s.slice(1)); if (s[0] === 'd') dirs.add(s.slice(1)); }
    }
    for (const e of links) e.targetKind = dirs.has(e.path) ? 'directory' : exists.has(e.path) ? 'file' : 'other';
  }
  return entries;
}

/** Every folder below `root` from one GET /archive (only the headers are kept; file bodies are skipped). */
export async function readTarIndex(engine: Engine, id: string, root: string): Promise<TarIndex> {
  const p = normalizeContainerPath(root);
  const stream = await getArchive(engine, id, p);
  const index = new TarIndex(p);
  const extract = tarStream.extract();
  extract.on('entry', (header, body, next) => {
    index.add(header);
    body.on('end', next);
    body.resume();
  });
  await pipeline(stream, extract);
  return index;
}

// ---- read ------------------------------------------------------------------------------------

export interface FileStream {
  /** The tar header of the file (size, mode, uid, gid, mtime). */
  header: tarStream.Headers;
  /** The file's bytes; must be read to the end or destroyed. */
  body: Readable;
  /** The file's stat (of the target when the path was a symlink): mtime with the engine's precision. */
  stat: ContainerFileStat;
}

/**
 * Opens a regular file for reading (symlinks are followed to their target). The bytes stream from
 * the engine: nothing is buffered beyond what the consumer has not read yet.
 */
export async function openFile(engine: Engine, id: string, containerPath: string): Promise<FileStream> {
  let p = normalizeContainerPath(containerPath);
  let stream: Readable | undefined;
  let st: ContainerFileStat | undefined;
  // One request: GET /archive answers with the path's stat header too. A symlink comes back as
  // the link itself: follow it (the header carries the resolved target).
  for (let hops = 0; hops < 40; hops++) {
    stream = await getArchive(engine, id, p);
    const header = (stream as unknown as IncomingMessage).headers?.[STAT_HEADER];
    st = typeof header === 'string' ? decodePathStat(header, p) : await statPath(engine, id, p);
    if (st.kind !== 'symlink') break;
    stream.destroy();
    if (!st.linkTarget) throw notFound(id, p);
    p = normalizeContainerPath(st.linkTarget);
  }
  if (!stream || !st || st.kind === 'symlink') throw new EngineError('badRequest', l10n.t('{0}: too many levels of symbolic links.', containerPath), 400);
  if (st.kind !== 'file') {
    stream.destroy();
    throw new EngineError('badRequest', st.kind === 'directory' ? l10n.t('{0} is a folder, not a file.', p) : l10n.t('{0} is not a regular file.', p), 400, undefined, st.kind === 'directory' ? 'isFolder' : 'notFile');
  }
  const source = stream;
  const stat = st;
  const extract = tarStream.extract();
  return new Promise<FileStream>((resolve, reject) => {
    let found = false;
    extract.on('entry', (header, body, next) => {
      if (found) { body.on('end', next); body.resume(); return; }
      found = true;
      const out = new PassThrough({ highWaterMark: 1 << 20 });
      body.on('error', (e) => out.destroy(e));
      body.on('end', () => { next(); });
      body.pipe(out);
      out.on('close', () => { if (!body.readableEnded) { source.destroy(); extract.destroy(); } });
      resolve({ header, body: out, stat });
    });
    extract.on('finish', () => { if (!found) reject(new EngineError('unknown', l10n.t('The engine sent no file for {0}.', p))); });
    extract.on('error', (e) => reject(e));
    source.on('error', (e) => { extract.destroy(e); reject(toEngineError(e, engine.host, p)); });
    source.pipe(extract);
  });
}

/** Reads a whole regular file into memory (size known in advance: one allocation, no concat). */
export async function readFile(engine: Engine, id: string, containerPath: string): Promise<{ data: Buffer; header: tarStream.Headers; stat: ContainerFileStat }> {
  const { header, body, stat } = await openFile(engine, id, containerPath);
  const size = header.size ?? 0;
  const data = Buffer.allocUnsafe(size);
  let at = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (at + chunk.length > size) throw new EngineError('unknown', l10n.t('{0} grew while it was read.', containerPath));
    chunk.copy(data, at);
    at += chunk.length;
  }
  if (at !== size) throw new EngineError('unknown', l10n.t('{0} ended after {1} of {2} bytes.', containerPath, at, size));
  return { data, header, stat };
}

// ---- write -----------------------------------------------------------------------------------

export interface WriteOptions {
  /** Permission bits (default 0644 for files, 0755 for folders). */
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
}

async function putTar(engine: Engine, id: string, dir: string, build: (pack: tarStream.Pack) => Promise<void> | void): Promise<void> {
  const pack = tarStream.pack();
  const put = engine.call(undefined, (d) => d.getContainer(id).putArchive(pack, { path: dir, noOverwriteDirNonDir: true }) as Promise<unknown>);
  try {
    await build(pack);
    pack.finalize();
    await put;
  } catch (e) {
    pack.destroy();
    await put.catch(() => undefined);
    if (e instanceof EngineError && e.statusCode !== 404) throw e;
    return missing(engine, id, dir, e);
  }
}

/**
 * Writes a file (creating or replacing it) through PUT /archive into its folder, which must exist.
 * Works on stopped containers too. `data` may be a stream of exactly `size` bytes.
 */
export async function writeFile(engine: Engine, id: string, containerPath: string, data: Buffer | { stream: Readable; size: number }, opts: WriteOptions = {}): Promise<void> {
  const p = normalizeContainerPath(containerPath);
  if (p === '/') throw new EngineError('badRequest', l10n.t('/ is a folder.'), 400, undefined, 'isFolder');
  const header: tarStream.Headers = {
    name: posix.basename(p), type: 'file', mode: (opts.mode ?? 0o644) & 0o7777, mtime: opts.mtime ?? new Date(),
    uid: opts.uid ?? 0, gid: opts.gid ?? 0, size: Buffer.isBuffer(data) ? data.length : data.size,
  };
  await putTar(engine, id, posix.dirname(p), async (pack) => {
    if (Buffer.isBuffer(data)) { pack.entry(header, data); return; }
    const entry = pack.entry(header);
    await pipeline(data.stream, entry);
  });
}

/** Creates a folder (its parent must exist). */
export async function makeDirectory(engine: Engine, id: string, containerPath: string, opts: WriteOptions = {}): Promise<void> {
  const p = normalizeContainerPath(containerPath);
  if (p === '/') throw new EngineError('conflict', l10n.t('/ exists.'), 409, undefined, 'exists');
  await putTar(engine, id, posix.dirname(p), (pack) => {
    pack.entry({ name: posix.basename(p), type: 'directory', mode: (opts.mode ?? 0o755) & 0o7777, mtime: opts.mtime ?? new Date(), uid: opts.uid ?? 0, gid: opts.gid ?? 0 });
  });
}

/** Deletes a file or (recursive) folder; running containers only (the API has no delete). */
export async function removePath(engine: Engine, id: string, containerPath: string, opts: { recursive?: boolean } = {}): Promise<void> {
  const p = normalizeContainerPath(containerPath);
  if (p === '/') throw new EngineError('badRequest', l10n.t('Refusing to delete /.'), 400);
  await requireRunning(engine, id, (name) => l10n.t('Container {0} is not running: start it to delete {1}.', name, p));
  const st = await statPath(engine, id, p);
  const cmd = st.kind === 'directory' ? (opts.recursive ? ['rm', '-rf', '--', p] : ['rmdir', '--', p]) : ['rm', '-f', '--', p];
  const r = await execCapture(engine, id, cmd);
  if (r.code !== 0) throw execFailure(id, l10n.t('Deleting {0}', p), r);
}

/** Renames or moves a path; running containers only. Refuses to replace an existing target unless asked. */
export async function renamePath(engine: Engine, id: string, from: string, to: string, opts: { overwrite?: boolean } = {}): Promise<void> {
  const a = normalizeContainerPath(from);
  const b = normalizeContainerPath(to);
  if (a === '/' || b === '/') throw new EngineError('badRequest', l10n.t('Cannot move /.'), 400);
  if (b === a || b.startsWith(`${a}/`)) throw new EngineError('badRequest', l10n.t('Cannot move {0} into itself.', a), 400);
  await requireRunning(engine, id, (name) => l10n.t('Container {0} is not running: start it to rename {1}.', name, a));
  await statPath(engine, id, a);
  const existing = await statIfExists(engine, id, b);
  if (existing) {
    if (!opts.overwrite) throw new EngineError('conflict', l10n.t('{0} already exists.', b), 409, undefined, 'exists');
    await removePath(engine, id, b, { recursive: true });
  }
  const r = await execCapture(engine, id, ['mv', '--', a, b]);
  if (r.code !== 0) throw execFailure(id, l10n.t('Moving {0} to {1}', a, b), r);
}

// ---- copy out --------------------------------------------------------------------------------

export interface CopyOutResult {
  files: number;
  folders: number;
  symlinks: number;
  bytes: number;
  /** Entries not written, with why (devices, fifos, paths that would leave the target). */
  skipped: { name: string; reason: string }[];
}

/**
 * Copies a path out of the container into a host folder (`docker cp ctr:/path dir`): symlinks are
 * created as they are stored (absolute or relative, pointing anywhere, like docker cp), and no entry
 * is ever written outside `hostDir`: names with "..", and paths that would pass through a symlink
 * (one the archive created or one already there), are skipped and reported.
 */
export async function copyFromContainer(engine: Engine, id: string, containerPath: string, hostDir: string, onProgress?: (bytes: number) => void): Promise<CopyOutResult> {
  if (!containerPath.startsWith('/')) throw new EngineError('badRequest', l10n.t('The container path "{0}" must be absolute.', containerPath));
  const p = normalizeContainerPath(containerPath);
  const root = path.resolve(hostDir);
  const rootStat = await fs.promises.stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new EngineError('badRequest', l10n.t('{0} is not a folder.', root));
  const stream = await getArchive(engine, id, p);
  const extractor = new SafeExtractor(root, onProgress);
  const extract = tarStream.extract();
  extract.on('entry', (header, body, next) => {
    extractor.entry(header, body).then(() => next(), (e: unknown) => { body.resume(); next(e as Error); });
  });
  try {
    await pipeline(stream, extract);
  } catch (e) {
    // The archive stream cut off (the engine went away mid-copy) must not surface as a raw "aborted".
    if (isCutOff(e)) throw new EngineError('unreachable', l10n.t('Container {0}: {1}: the engine closed the connection before the copy finished ({2}); the copy in {3} is incomplete.', id.slice(0, 12), p, engine.host, root));
    throw e;
  }
  await extractor.finish();
  return extractor.result;
}

/** Writes tar entries under a root folder, never outside it. */
export class SafeExtractor {
  readonly result: CopyOutResult = { files: 0, folders: 0, symlinks: 0, bytes: 0, skipped: [] };
  /** Folders (below root) checked to be real folders, not symlinks. */
  private readonly realDirs = new Set<string>();
  private readonly dirModes: { dir: string; mode: number; mtime?: Date }[] = [];

  constructor(private readonly root: string, private readonly onProgress?: (bytes: number) => void) {}

  /** The host path for an entry name, or undefined when it would leave root. */
  target(name: string): string | undefined {
    const rel = posix.normalize(name.replace(/^\/+/, ''));
    if (rel === '.' || rel === '' || rel === './') return this.root;
    if (rel === '..' || rel.startsWith('../') || posix.isAbsolute(rel)) return undefined;
    const t = path.join(this.root, ...rel.split('/').filter((s) => s && s !== '.'));
    return t === this.root || t.startsWith(this.root + path.sep) ? t : undefined;
  }

  /** Makes sure every folder between root and `dir` (inclusive) is a real folder, creating missing ones. */
  private async ensureDir(dir: string): Promise<boolean> {
    if (dir === this.root || this.realDirs.has(dir)) return true;
    if (!(await this.ensureDir(path.dirname(dir)))) return false;
    const st = await fs.promises.lstat(dir).catch(() => undefined);
    if (!st) {
      await fs.promises.mkdir(dir, { mode: 0o700 });
    } else if (!st.isDirectory()) {
      return false; // a symlink (or file) where a folder should be: never write through it
    }
    this.realDirs.add(dir);
    return true;
  }

  /** Removes a file or symlink at `t` (never a folder) so that the new entry does not follow it. */
  private async clear(t: string): Promise<'ok' | 'dir'> {
    const st = await fs.promises.lstat(t).catch(() => undefined);
    if (!st) return 'ok';
    if (st.isDirectory()) return 'dir';
    await fs.promises.unlink(t);
    return 'ok';
  }

  async entry(h: tarStream.Headers, body: Readable): Promise<void> {
    const skip = (reason: string) => { this.result.skipped.push({ name: h.name, reason }); body.resume(); return new Promise<void>((r) => body.on('end', r)); };
    const t = this.target(h.name);
    if (!t) return skip(l10n.t('its path leaves the target folder'));
    if (t !== this.root && !(await this.ensureDir(path.dirname(t)))) return skip(l10n.t('a folder on its path is a symlink'));
    switch (h.type) {
      case 'directory': {
        if (t !== this.root) {
          const st = await fs.promises.lstat(t).catch(() => undefined);
          if (st && !st.isDirectory()) await fs.promises.unlink(t);
          if (!st?.isDirectory()) await fs.promises.mkdir(t, { mode: 0o700 });
          this.realDirs.add(t);
          this.dirModes.push({ dir: t, mode: (h.mode ?? 0o755) & 0o777, mtime: h.mtime });
        }
        this.result.folders++;
        body.resume();
        return new Promise<void>((r) => body.on('end', r));
      }
      case 'file':
      case 'contiguous-file': {
        if ((await this.clear(t)) === 'dir') return skip(l10n.t('a folder of that name is in the way'));
        // O_EXCL: a symlink that appeared meanwhile is not followed.
        const out = fs.createWriteStream(t, { flags: 'wx', mode: (h.mode ?? 0o644) & 0o777 });
        body.on('data', (b: Buffer) => { this.result.bytes += b.length; this.onProgress?.(this.result.bytes); });
        await pipeline(body, out);
        if (h.mtime) await fs.promises.utimes(t, h.mtime, h.mtime).catch(() => undefined);
        this.result.files++;
        return;
      }
      case 'symlink': {
        if ((await this.clear(t)) === 'dir') return skip(l10n.t('a folder of that name is in the way'));
        await fs.promises.symlink(h.linkname ?? '', t);
        this.result.symlinks++;
        body.resume();
        return new Promise<void>((r) => body.on('end', r));
      }
      case 'link': {
        const src = this.target(h.linkname ?? '');
        const st = src ? await fs.promises.lstat(src).catch(() => undefined) : undefined;
        if (!src || !st?.isFile() || !(await this.ensureDir(path.dirname(src)))) return skip(l10n.t('its hard-link source is not a file copied here'));
        if ((await this.clear(t)) === 'dir') return skip(l10n.t('a folder of that name is in the way'));
        await fs.promises.link(src, t);
        this.result.files++;
        body.resume();
        return new Promise<void>((r) => body.on('end', r));
      }
      default:
        return skip(l10n.t('{0} entries are not copied', h.type ?? 'unknown'));
    }
  }

  /** Applies folder permissions and times last (a read-only folder would have blocked its contents). */
  async finish(): Promise<void> {
    for (const { dir, mode, mtime } of this.dirModes.reverse()) {
      await fs.promises.chmod(dir, mode).catch(() => undefined);
      if (mtime) await fs.promises.utimes(dir, mtime, mtime).catch(() => undefined);
    }
  }
}
