// A vscode.FileSystemProvider for files inside containers: dockyard-container://<short id>/<path>.
// Everything goes through the Engine API (src/engine/archive.ts), so remote engines work too.
import * as vscode from 'vscode';
import {
  listDirectory, makeDirectory, openFile, readFile, readTarIndex, removePath, renamePath, statIfExists, statPath, writeFile,
} from '../engine/archive';
import type { Engine } from '../engine/engine';
import { listStoppedDirectory } from '../engine/stoppedListing';
import { EngineError } from '../engine/errors';
import { asError } from '../shared/errors';
import { ContainerFileStat, FileKind, normalizeContainerPath, TarIndex } from '../engine/fileListing';
import { splitVolumePath, volumeUriPath } from './paths';

export const CONTAINER_FILE_SCHEME = 'dockyard-container';
/**
 * A volume's files (read-only): dockyard-volume:/<volume name>/<path>, read through a helper
 * container. The name is in the path, not the authority: authorities are compared in lower case,
 * volume names are case-sensitive.
 */
export const VOLUME_FILE_SCHEME = 'dockyard-volume';

export function volumeFileUri(volume: string, p: string): vscode.Uri {
  return vscode.Uri.from({ scheme: VOLUME_FILE_SCHEME, path: volumeUriPath(volume, p) });
}

/** The volume and the path inside it that a dockyard-volume URI names. */
export function splitVolumeUri(uri: vscode.Uri): { volume: string; path: string } | undefined {
  return splitVolumePath(uri.path);
}

/** Where a volume's files are: the helper container that mounts it, and the mount point there. */
export interface VolumeResolver {
  /** Runs fn with a helper container that mounts the volume (read-only) at `mount`. */
  withHelper<T>(volume: string, fn: (containerId: string) => Promise<T>): Promise<T>;
  /** A folder of the volume (entry paths under `mount`). */
  list(volume: string, dir: string): Promise<ContainerFileStat[]>;
  readonly mount: string;
}

/** The URI of a path in a container (the authority is the 12-character id, as `docker ps` shows it). */
export function containerFileUri(containerId: string, containerPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONTAINER_FILE_SCHEME, authority: containerId.slice(0, 12).toLowerCase(), path: normalizeContainerPath(containerPath) });
}

function fileType(kind: FileKind | undefined): vscode.FileType {
  return kind === 'file' ? vscode.FileType.File : kind === 'directory' ? vscode.FileType.Directory : vscode.FileType.Unknown;
}

/** The FileType of a listing entry (a symlink carries its target's kind). */
export function entryFileType(e: ContainerFileStat): vscode.FileType {
  return e.kind === 'symlink' ? vscode.FileType.SymbolicLink | fileType(e.targetKind) : fileType(e.kind);
}

interface Seen {
  mtime: number;
  size: number;
}

interface Owner {
  mode?: number;
  uid?: number;
  gid?: number;
}

/** How long a stopped container's file index stays valid without an event (it cannot change by itself). */
const INDEX_TTL_MS = 10 * 60 * 1000;

export class ContainerFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /** The version (mtime, size) of each file this provider last handed out through stat or readFile. */
  private readonly seen = new Map<string, Seen>();
  /** Owner and mode of files read, kept on write. */
  private readonly owners = new Map<string, Owner>();
  /** Stopped containers' folder listings (they cannot change until the container starts or is written to here). */
  private readonly stoppedListings = new Map<string, ContainerFileStat[]>();
  /** Stopped containers: one archive read gives every folder below its root. */
  private readonly indexes = new Map<string, { index: TarIndex; at: number }[]>();

  constructor(private readonly engine: () => Engine, private readonly volumes?: VolumeResolver) {}

  /** The container changed state or was written to: forget what was cached about it. */
  invalidate(containerId: string): void {
    const short = containerId.slice(0, 12).toLowerCase();
    this.indexes.delete(short);
    for (const k of [...this.stoppedListings.keys()]) if (k.startsWith(`${short}:`)) this.stoppedListings.delete(k);
  }

  watch(): vscode.Disposable {
    // The engine has no file events; changes made here are reported by this provider.
    return new vscode.Disposable(() => undefined);
  }

  /**
   * Runs fn on the container and path a URI names: the container itself, or for a volume URI a
   * helper container made for this one operation.
   */
  async withTarget<T>(uri: vscode.Uri, fn: (id: string, path: string) => Promise<T>): Promise<T> {
    const volumes = this.volumes;
    const v = uri.scheme === VOLUME_FILE_SCHEME ? splitVolumeUri(uri) : undefined;
    if (v && volumes) return volumes.withHelper(v.volume, (id) => fn(id, normalizeContainerPath(`${volumes.mount}/${v.path}`)));
    if (uri.scheme !== CONTAINER_FILE_SCHEME || !/^[0-9a-f]{12,64}$/i.test(uri.authority)) throw vscode.FileSystemError.FileNotFound(uri);
    return fn(uri.authority.toLowerCase(), normalizeContainerPath(uri.path));
  }

  /** A path listed in the container, back in the URI's terms (volume URIs do not show the mount point). */
  private shown(uri: vscode.Uri, p: string): string {
    if (uri.scheme !== VOLUME_FILE_SCHEME || !this.volumes) return p;
    const m = this.volumes.mount;
    return p === m ? '/' : p.startsWith(`${m}/`) ? p.slice(m.length) : p;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    try {
      return await this.withTarget(uri, async (id, path) => {
        const st = await statPath(this.engine(), id, path);
        let type = fileType(st.kind);
        let shown = st;
        if (st.kind === 'symlink') {
          const target = st.linkTarget ? await statIfExists(this.engine(), id, st.linkTarget) : undefined;
          type = vscode.FileType.SymbolicLink | fileType(target?.kind);
          if (target) shown = target;
        }
        if (shown.kind === 'file') this.seen.set(uri.toString(), { mtime: shown.mtime, size: shown.size });
        return { type, ctime: shown.mtime, mtime: shown.mtime, size: shown.size };
      });
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.list(uri)).map((e) => [e.name, entryFileType(e)]);
  }

  /** The entries of a folder with everything the tree shows (size, mode, link target). */
  async list(uri: vscode.Uri): Promise<ContainerFileStat[]> {
    try {
      const v = uri.scheme === VOLUME_FILE_SCHEME ? splitVolumeUri(uri) : undefined;
      if (v && this.volumes) {
        // A fresh helper each time: nothing to keep (other containers may change the volume).
        return (await this.volumes.list(v.volume, v.path)).map((e) => ({ ...e, path: this.shown(uri, e.path) }));
      }
      return await this.withTarget(uri, async (id, dir) => {
        const engine = this.engine();
        const info = (await engine.inspectContainer(id)) as { State?: { Running?: boolean; Paused?: boolean } };
        const running = !!info.State?.Running && !info.State.Paused;
        if (running) {
          this.invalidate(id);
          return (await listDirectory(engine, id, dir, { running })).entries;
        }
        // Stopped: the image's ls corrected by the container's changes; else one archive read, kept.
        const key = `${id.slice(0, 12)}:${dir}`;
        const cached = this.stoppedListings.get(key);
        if (cached) return cached;
        const quick = await listStoppedDirectory(engine, id, dir).catch((e: unknown) => {
          if (e instanceof EngineError && (e.kind === 'notFound' || e.kind === 'badRequest')) throw e;
          return undefined;
        });
        const entries = quick ?? (await listDirectory(engine, id, dir, { running, index: (root) => this.index(id, root) })).entries;
        this.stoppedListings.set(key, entries);
        return entries;
      });
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  private async index(id: string, dir: string): Promise<TarIndex> {
    const now = Date.now();
    const key = id.slice(0, 12).toLowerCase();
    const list = (this.indexes.get(key) ?? []).filter((x) => now - x.at < INDEX_TTL_MS);
    const hit = list.find((x) => x.index.list(dir) !== undefined);
    if (hit) return hit.index;
    const index = await readTarIndex(this.engine(), id, dir);
    list.push({ index, at: now });
    this.indexes.set(key, list);
    return index;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    try {
      return await this.withTarget(uri, async (id, p) => {
        const { data, header, stat } = await readFile(this.engine(), id, p);
        this.seen.set(uri.toString(), { mtime: stat.mtime, size: data.length });
        this.owners.set(uri.toString(), { mode: header.mode, uid: header.uid, gid: header.gid });
        return data;
      });
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  /**
   * Writes a file back. A file that changed in the container since this provider last handed out
   * its version (readFile or stat) is refused, never silently overwritten: VS Code stats a file
   * right before it saves, and shows its own "newer on disk" compare/overwrite choice from the
   * mtime this provider reports.
   */
  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const key = uri.toString();
    try {
      const engine = this.engine();
      if (uri.scheme !== CONTAINER_FILE_SCHEME) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Volumes are browsed read-only.'));
      const id = uri.authority.toLowerCase();
      let p = normalizeContainerPath(uri.path);
      let current = await statIfExists(engine, id, p);
      for (let hops = 0; current?.kind === 'symlink' && current.linkTarget && hops < 40; hops++) {
        p = normalizeContainerPath(current.linkTarget);
        current = await statIfExists(engine, id, p);
      }
      if (!current && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      if (current && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      if (current?.kind === 'directory') throw vscode.FileSystemError.FileIsADirectory(uri);
      const seen = this.seen.get(key);
      if (current && seen && (seen.mtime !== current.mtime || seen.size !== current.size)) {
        throw new vscode.FileSystemError(vscode.l10n.t('{0} changed in the container since it was read (now {1} bytes, modified {2}). Reopen it, or compare and overwrite.', p, current.size, new Date(current.mtime).toLocaleString()));
      }
      let owner = this.owners.get(key);
      if (current && !owner) {
        const { header, body } = await openFile(engine, id, p);
        body.destroy();
        owner = { mode: header.mode, uid: header.uid, gid: header.gid };
      }
      const data = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
      await writeFile(engine, id, p, data, owner ?? {});
      this.invalidate(id);
      const after = await statPath(engine, id, p);
      this.seen.set(key, { mtime: after.mtime, size: after.size });
      if (owner) this.owners.set(key, owner);
      this.changes.fire([{ type: current ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    try {
      if (uri.scheme !== CONTAINER_FILE_SCHEME) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Volumes are browsed read-only.'));
      const id = uri.authority.toLowerCase();
      const p = normalizeContainerPath(uri.path);
      if (await statIfExists(this.engine(), id, p)) throw vscode.FileSystemError.FileExists(uri);
      await makeDirectory(this.engine(), id, p);
      this.invalidate(id);
      this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    try {
      if (uri.scheme !== CONTAINER_FILE_SCHEME) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Volumes are browsed read-only.'));
      const id = uri.authority.toLowerCase();
      await removePath(this.engine(), id, normalizeContainerPath(uri.path), { recursive: options.recursive });
      this.invalidate(id);
      this.seen.delete(uri.toString());
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    if (oldUri.scheme !== newUri.scheme || oldUri.authority !== newUri.authority) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Files move between containers by download and upload, not rename.'));
    try {
      if (oldUri.scheme !== CONTAINER_FILE_SCHEME) throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Volumes are browsed read-only.'));
      const id = oldUri.authority.toLowerCase();
      await renamePath(this.engine(), id, normalizeContainerPath(oldUri.path), normalizeContainerPath(newUri.path), { overwrite: options.overwrite });
      this.invalidate(id);
      this.seen.delete(oldUri.toString());
      this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri: oldUri }, { type: vscode.FileChangeType.Created, uri: newUri }]);
    } catch (e) {
      throw toFileSystemError(e, oldUri);
    }
  }

  dispose(): void {
    this.changes.dispose();
  }
}

/** EngineErrors as the FileSystemErrors VS Code understands (its messages and save flows). */
export function toFileSystemError(e: unknown, uri: vscode.Uri): Error {
  if (e instanceof vscode.FileSystemError) return e;
  if (!(e instanceof EngineError)) return asError(e);
  // By the error's kind and reason, never its (translated) message.
  if (e.reason === 'pathMissing') return vscode.FileSystemError.FileNotFound(uri);
  if (e.kind === 'notFound') return vscode.FileSystemError.Unavailable(e.message);
  if (e.reason === 'isFolder') return vscode.FileSystemError.FileIsADirectory(uri);
  if (e.reason === 'notFolder') return vscode.FileSystemError.FileNotADirectory(uri);
  if (e.reason === 'exists') return vscode.FileSystemError.FileExists(uri);
  if (e.kind === 'conflict' || e.kind === 'auth') return vscode.FileSystemError.NoPermissions(e.message);
  if (e.kind === 'unreachable' || e.kind === 'timeout') return vscode.FileSystemError.Unavailable(e.message);
  return new vscode.FileSystemError(e.message);
}
