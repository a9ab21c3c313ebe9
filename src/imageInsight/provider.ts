// dockyard-layer: read-only files of one layer of an image, as that layer holds them.
// dockyard-layer://<image id>/<history index>/<path in the image>[?engine=<engine key>]
// (no engine: the active one; a pinned engine's key otherwise, so its images' files read from it).
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { readLayerFile } from '../engine/imageLayers';
import type { InsightCache } from './cache';

export const LAYER_SCHEME = 'dockyard-layer';

export function layerFileUri(imageId: string, layerIndex: number, filePath: string, engineKey?: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: LAYER_SCHEME, authority: imageId.replace(/^sha256:/, ''), path: `/${layerIndex}${filePath.startsWith('/') ? '' : '/'}${filePath}`,
    query: engineKey === undefined ? '' : new URLSearchParams({ engine: engineKey }).toString(),
  });
}

function parse(uri: vscode.Uri): { image: string; layer: number; path: string; engineKey?: string } {
  const m = /^\/(\d+)(\/.*)?$/.exec(uri.path);
  if (!m || !/^[0-9a-f]{12,64}$/.test(uri.authority)) throw vscode.FileSystemError.FileNotFound(uri);
  const engineKey = new URLSearchParams(uri.query).get('engine') ?? undefined;
  return { image: `sha256:${uri.authority}`, layer: Number(m[1]), path: m[2] ?? '/', engineKey };
}

export class LayerFileSystemProvider implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  /** `engineOf`: the engine a URI's key names (undefined: the active one); throws when it is no longer shown. */
  constructor(private readonly engineOf: (key: string | undefined) => Engine, private readonly cache: InsightCache) {}

  private async layerOf(uri: vscode.Uri) {
    const { image, layer, path, engineKey } = parse(uri);
    const engine = this.engineOf(engineKey);
    const insight = await this.cache.read(image, engine).catch((e: unknown) => {
      if (e instanceof EngineError && e.kind === 'notFound') throw vscode.FileSystemError.FileNotFound(uri);
      throw e;
    });
    const l = insight.layers[layer];
    if (!l) throw vscode.FileSystemError.FileNotFound(uri);
    return { image, l, path, engine };
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { l, path } = await this.layerOf(uri);
    const f = l.files.find((x) => x.path === path);
    const isDir = path === '/' || f?.type === 'dir' || (!f && l.files.some((x) => x.path.startsWith(path + '/')));
    if (!f && !isDir) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: isDir ? vscode.FileType.Directory : vscode.FileType.File, ctime: l.created ?? 0, mtime: l.created ?? 0, size: f?.size ?? 0, permissions: vscode.FilePermission.Readonly };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { l, path } = await this.layerOf(uri);
    const prefix = path === '/' ? '/' : path + '/';
    const out = new Map<string, vscode.FileType>();
    for (const f of l.files) {
      if (!f.path.startsWith(prefix) || f.kind === 'deleted') continue;
      const rest = f.path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (name) out.set(name, slash >= 0 || f.type === 'dir' ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...out];
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { image, l, path, engine } = await this.layerOf(uri);
    const f = l.files.find((x) => x.path === path);
    if (!f || !l.tarPath || f.kind === 'deleted') throw vscode.FileSystemError.FileNotFound(uri);
    try {
      return await readLayerFile(engine, image, l.tarPath, path);
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'notFound') throw vscode.FileSystemError.FileNotFound(uri);
      throw e;
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }
  writeFile(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }
  delete(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }
  rename(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }

  dispose(): void {
    this.changed.dispose();
  }
}
