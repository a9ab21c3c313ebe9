// The build context: which files of a folder are sent to the engine (honouring .dockerignore
// and <Dockerfile>.dockerignore like the docker CLI), how big that is, and the tar stream
// itself. Pure (no vscode).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBytes } from '../shared/format';
import { IgnoreFile, IgnoreFileError, ignoreFileCandidates, ignoreMatcher, readIgnoreFile } from '../shared/dockerignore';
import { packEntries, PackError } from './pack';
import { l10n } from '../shared/l10n';

/** A file of the context that cannot be sent; the message names it and says what to do. */
export class ContextError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'ContextError';
  }
}

export interface ContextPlan {
  /** Absolute context folder. */
  contextDir: string;
  /** The Dockerfile's path inside the tar (the build's `dockerfile` parameter), posix. */
  dockerfile: string;
  /** When the Dockerfile lives outside the context: its content, added to the tar as `dockerfile`. */
  outsideDockerfile?: Buffer;
  /** Context-relative posix paths (directories and files) to send, parents first. */
  entries: string[];
  files: number;
  bytes: number;
  /** Entries left out by the ignore file (a skipped directory counts once). */
  excluded: number;
  /** The ignore file used, absolute, if any. */
  ignoreFile?: string;
}

export interface PlanOptions {
  /** Checks that a file can be read (default fs.promises.access with R_OK); replaceable for tests. */
  access?: (file: string) => Promise<void>;
  /** The Dockerfile as the build already read it (sent as it is when the Dockerfile lives outside the context). */
  dockerfileText?: string;
}

function toPosix(rel: string): string {
  return rel.split(path.sep).join('/');
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function readIgnore(candidates: string[]): Promise<IgnoreFile> {
  try {
    return await readIgnoreFile(candidates);
  } catch (e) {
    if (e instanceof IgnoreFileError) throw new ContextError(e.message, e.file);
    throw e;
  }
}

/**
 * Walks the context folder and decides what is sent. The Dockerfile and the ignore file are
 * always sent even when the patterns exclude them (as the CLI does). Unreadable files and
 * folders fail here, before anything is sent, with a message naming them.
 */
export async function planContext(contextDir: string, dockerfilePath: string, opts: PlanOptions = {}): Promise<ContextPlan> {
  const root = path.resolve(contextDir);
  const dockerfileAbs = path.resolve(dockerfilePath);
  let rootStat: fs.Stats;
  try {
    rootStat = await fs.promises.stat(root);
  } catch {
    throw new ContextError(l10n.t('The build context folder {0} does not exist.', root), root);
  }
  if (!rootStat.isDirectory()) throw new ContextError(l10n.t('The build context {0} is not a folder.', root), root);

  const inside = isInside(root, dockerfileAbs);
  let dockerfile: string;
  let outsideDockerfile: Buffer | undefined;
  if (inside) {
    dockerfile = toPosix(path.relative(root, dockerfileAbs));
  } else {
    try {
      outsideDockerfile = opts.dockerfileText !== undefined ? Buffer.from(opts.dockerfileText, 'utf8') : await fs.promises.readFile(dockerfileAbs);
    } catch (e) {
      throw new ContextError(l10n.t('Cannot read the Dockerfile {0}: {1}', dockerfileAbs, (e as Error).message), dockerfileAbs);
    }
    dockerfile = `.dockyard-dockerfile-${Math.random().toString(36).slice(2, 10)}`;
  }

  const ign = await readIgnore(ignoreFileCandidates(root, dockerfileAbs));
  const patterns = [...ign.patterns];
  const matcher0 = ignoreMatcher(patterns);
  // The CLI keeps the Dockerfile and .dockerignore in the context even when excluded.
  if (inside && matcher0.ignores(dockerfile)) patterns.push(`!${dockerfile}`);
  if (matcher0.ignores('.dockerignore')) patterns.push('!.dockerignore');
  const matcher = ignoreMatcher(patterns);
  const exceptions = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const access = opts.access ?? ((f: string) => fs.promises.access(f, fs.constants.R_OK));

  const entries: string[] = [];
  let files = 0;
  let bytes = 0;
  let excluded = 0;

  const unreadable = (rel: string, e: unknown): ContextError => {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? l10n.t('permission denied') : (e as Error).message;
    return new ContextError(
      l10n.t('Cannot read "{0}" in the build context ({1}) — fix its permissions or add it to {2}.', rel, why, ign.file ? path.basename(ign.file) : '.dockerignore'), rel);
  };

  // A skipped folder is only entered when an exception pattern names something under it (the CLI's rule).
  const mayReinclude = (rel: string) => exceptions.some((p) => `${p}/`.startsWith(`${rel}/`));

  const walk = async (dirRel: string): Promise<void> => {
    const dirAbs = dirRel ? path.join(root, dirRel) : root;
    let dirents: fs.Dirent[];
    try {
      dirents = await fs.promises.readdir(dirAbs, { withFileTypes: true });
    } catch (e) {
      throw unreadable(dirRel || '.', e);
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    const checks: Promise<void>[] = [];
    for (const d of dirents) {
      const rel = dirRel ? `${dirRel}/${d.name}` : d.name;
      const skip = matcher.ignores(rel);
      if (d.isDirectory()) {
        if (skip) {
          excluded++;
          if (exceptions.length && mayReinclude(rel)) subdirs.push(rel);
          continue;
        }
        entries.push(rel);
        subdirs.push(rel);
        continue;
      }
      if (skip) { excluded++; continue; }
      if (d.isSocket()) continue; // tar cannot hold sockets; the CLI skips them too
      entries.push(rel);
      if (d.isFile()) {
        files++;
        const abs = path.join(root, rel);
        checks.push(fs.promises.lstat(abs).then((st) => { bytes += st.size; })
          .then(() => access(abs)).catch((e) => { throw unreadable(rel, e); }));
      } else if (d.isSymbolicLink()) {
        files++;
      }
    }
    await Promise.all(checks);
    for (const s of subdirs) await walk(s);
  };
  await walk('');

  return { contextDir: root, dockerfile, outsideDockerfile, entries, files, bytes, excluded, ignoreFile: ign.file };
}

/**
 * The context as an uncompressed tar stream (what POST /build takes): the planned entries in
 * order, with their modes, mtimes and symlink targets as they are now; owners and groups zeroed
 * as the CLI does. Small files are read ahead with bounded concurrency, big ones streamed (see
 * pack.ts). A file that turns unreadable meanwhile makes the stream fail with a ContextError
 * naming it.
 */
export function packContext(plan: ContextPlan): NodeJS.ReadableStream {
  const extra = plan.outsideDockerfile ? { name: plan.dockerfile, data: plan.outsideDockerfile } : undefined;
  const pack = packEntries({ root: plan.contextDir, entries: plan.entries, extra });
  const translate = (e: unknown): ContextError => {
    if (e instanceof ContextError) return e;
    const rel = e instanceof PackError ? e.entry : undefined;
    return new ContextError(rel ? l10n.t('Cannot read "{0}" in the build context: {1}', rel, (e as Error).message) : l10n.t('Packing the build context failed: {0}', (e as Error).message), rel);
  };
  // Re-emit errors as ContextError on the same stream.
  const emit = pack.emit.bind(pack);
  (pack as unknown as { emit: (ev: string | symbol, ...a: unknown[]) => boolean }).emit = (ev: string | symbol, ...a: unknown[]) =>
    ev === 'error' ? emit('error', translate(a[0])) : emit(ev, ...a);
  return pack;
}

/** "1,234 files, 5.6 MB (12 excluded by .dockerignore)". */
export function describePlan(plan: ContextPlan): string {
  const ignored = plan.excluded ? l10n.t(' ({0} excluded by {1})', plan.excluded, plan.ignoreFile ? path.basename(plan.ignoreFile) : '.dockerignore') : '';
  return `${plan.files === 1 ? l10n.t('1 file') : l10n.t('{0} files', plan.files.toLocaleString('en-US'))}, ${formatBytes(plan.bytes)}${ignored}`;
}

