// Host files into a container in one go (Compose Watch's sync): one tar through PUT /archive at
// the container's root, each entry named by its full container path, so that one request
// carries a whole batch and the engine creates missing parent folders. Deleting goes through
// exec (`rm -rf`), which the API has no endpoint for. vscode-free.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as posix from 'node:path/posix';
import * as tarStream from 'tar-stream';
import { Engine, short } from './engine';
import { EngineError, toEngineError } from './errors';
import { execCapture } from './archive';
import { normalizeContainerPath } from './fileListing';
import { l10n } from '../shared/l10n';

export interface SyncCopy {
  hostPath: string;
  /** Absolute, posix. */
  containerPath: string;
}

export interface SyncResult {
  files: number;
  folders: number;
  bytes: number;
}

/** Most entries one batch sends (a folder copied with everything in it counts each entry). */
export const MAX_SYNC_ENTRIES = 20000;

/**
 * Copies host files and folders (folders with what is in them; symlinks as symlinks) to their
 * container paths. `skip` leaves out paths below a copied folder (the ignore patterns). Host
 * paths that vanished before the copy are left out. Works on stopped containers too.
 */
export async function copyIntoContainer(engine: Engine, id: string, copies: SyncCopy[], skip: (hostPath: string) => boolean = () => false): Promise<SyncResult> {
  const entries: { header: tarStream.Headers; hostPath?: string }[] = [];
  const result: SyncResult = { files: 0, folders: 0, bytes: 0 };
  const add = async (hostPath: string, containerPath: string, top: boolean): Promise<void> => {
    if (!top && skip(hostPath)) return;
    if (entries.length >= MAX_SYNC_ENTRIES) throw new EngineError('badRequest', l10n.t('More than {0} files to copy at once: narrow the watch path or add ignore patterns.', MAX_SYNC_ENTRIES), 400);
    let st: fs.Stats;
    try { st = await fs.promises.lstat(hostPath); } catch { return; }
    const name = containerPath.replace(/^\/+/, '');
    const base = { name, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 };
    if (st.isDirectory()) {
      entries.push({ header: { ...base, type: 'directory' } });
      result.folders++;
      let names: string[] = [];
      try { names = await fs.promises.readdir(hostPath); } catch { /* gone meanwhile */ }
      for (const n of names.sort()) await add(path.join(hostPath, n), posix.join(containerPath, n), false);
    } else if (st.isSymbolicLink()) {
      let linkname: string;
      try { linkname = await fs.promises.readlink(hostPath); } catch { return; }
      entries.push({ header: { ...base, type: 'symlink', linkname } });
      result.files++;
    } else if (st.isFile()) {
      entries.push({ header: { ...base, type: 'file', size: st.size }, hostPath });
      result.files++;
    }
  };
  for (const c of copies) {
    const to = normalizeContainerPath(c.containerPath);
    if (to === '/') throw new EngineError('badRequest', l10n.t('Refusing to sync onto /.'), 400);
    await add(c.hostPath, to, true);
  }
  if (!entries.length) return result;
  const pack = tarStream.pack();
  const put = engine.call(`Container ${short(id)}`, (d) => d.getContainer(id).putArchive(pack, { path: '/' }) as Promise<unknown>);
  try {
    for (const e of entries) {
      if (!e.hostPath) { pack.entry(e.header); continue; }
      let data: Buffer;
      try { data = await fs.promises.readFile(e.hostPath); } catch { data = Buffer.alloc(0); }
      // The size in the header must match what follows: the file may have changed since lstat.
      pack.entry({ ...e.header, size: data.length }, data);
      result.bytes += data.length;
    }
    pack.finalize();
    await put;
  } catch (e) {
    pack.destroy();
    await put.catch(() => undefined);
    throw toEngineError(e, engine.host, `Container ${short(id)}`);
  }
  return result;
}

/** Deletes container paths (files or folders); the container must be running and have `rm`. */
export async function removeFromContainer(engine: Engine, id: string, containerPaths: string[]): Promise<void> {
  const paths = containerPaths.map((p) => normalizeContainerPath(p));
  if (paths.includes('/')) throw new EngineError('badRequest', l10n.t('Refusing to delete /.'), 400);
  if (!paths.length) return;
  const r = await execCapture(engine, id, ['rm', '-rf', '--', ...paths]);
  if (r.code !== 0) {
    const text = r.stderr.toString('utf8').trim().split('\n').pop() ?? '';
    throw new EngineError('unknown', l10n.t('Deleting {0} in container {1} failed (exit {2}){3}.', paths.join(', '), short(id), r.code, text ? `: ${text}` : ''));
  }
}
