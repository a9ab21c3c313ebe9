// What an image's layers hold, from the tar headers of its export (`docker save`): each layer's
// files (added, changed, deleted by a whiteout), the history entry that made it, and what the
// image carries but never shows (file versions a later layer overwrote or deleted: wasted space).
// Pure: the streaming half (imageLayers.ts) hands it the headers it read.

export type ChangeKind = 'added' | 'changed' | 'deleted';
export type EntryType = 'file' | 'dir' | 'symlink' | 'link' | 'other';

/** One tar header of a layer, as read (whiteouts still in their `.wh.` form). */
export interface RawEntry {
  /** Without a leading `./` or `/`; folders without their trailing `/`. */
  path: string;
  type: EntryType;
  size: number;
  mode?: number;
  linkname?: string;
}

export interface LayerFile {
  /** Absolute path in the image (`/etc/passwd`). */
  path: string;
  type: EntryType;
  /** Bytes of content (0 for folders, links and deletions). */
  size: number;
  kind: ChangeKind;
  mode?: number;
  linkname?: string;
  /** A later layer overwrote or deleted this version: its bytes are wasted. */
  hidden?: boolean;
}

/** One entry of the image config's history. */
export interface HistoryRecord {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageLayer {
  /** Position in the image history (0 = oldest). */
  index: number;
  /** The layer's number among the layers that have files (0-based), undefined for an empty layer. */
  layer?: number;
  /** Where the layer's tar sits inside the export (manifest path), undefined for an empty layer. */
  tarPath?: string;
  /** The layer's diff id (sha256 of its tar), when the config names it. */
  diffId?: string;
  createdBy: string;
  /** `RUN apt-get update`, `COPY . /app`, `CMD ["sh"]`: the instruction created_by describes. */
  instruction: string;
  created?: number;
  comment?: string;
  /** True when the instruction changed only metadata (no files). */
  empty: boolean;
  files: LayerFile[];
  /** Bytes of file content the layer adds (all its files, whatever happens to them later). */
  size: number;
  /** Bytes of this layer's files that later layers overwrite or delete. */
  wasted: number;
  added: number;
  changed: number;
  deleted: number;
}

/** A path whose bytes the image carries more than once (or carries though it is deleted). */
export interface WastedPath {
  path: string;
  /** Bytes of the versions that are not visible in the final image. */
  wasted: number;
  /** How many layers wrote it (deletions included). */
  count: number;
}

export interface ImageInsight {
  layers: ImageLayer[];
  /** Bytes of every file version in every layer. */
  totalBytes: number;
  /** Bytes of the file versions that the final image no longer shows. */
  wastedBytes: number;
  /** (totalBytes − wastedBytes) / totalBytes: 1 when nothing is wasted (dive's "efficiency"). */
  efficiency: number;
  /** Paths with wasted bytes, largest first. */
  wastedPaths: WastedPath[];
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** `./a/b/` → `a/b`. */
export function cleanTarPath(p: string): string {
  return p.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

/** The instruction a history entry's created_by describes (classic builder and BuildKit forms). */
export function instructionOf(createdBy: string): string {
  let s = createdBy.trim();
  if (!s) return '';
  // BuildKit: "RUN /bin/sh -c make # buildkit", "RUN |1 N=3 /bin/sh -c make # buildkit", "COPY . /app # buildkit".
  s = s.replace(/\s+# buildkit$/, '');
  const run = /^RUN (.*)$/s.exec(s);
  if (run) s = run[1];
  // With build args: "|2 A=1 B=2 /bin/sh -c make".
  const args = /^\|\d+\s+(?:\S+=\S*\s+)*?(\/bin\/sh -c .*)$/s.exec(s);
  if (args) s = args[1];
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(s);
  if (nop) return nop[1].trim();
  const sh = /^\/bin\/sh -c (.*)$/s.exec(s);
  if (sh) return `RUN ${sh[1].trim()}`;
  return run ? `RUN ${s}` : s;
}

/** Sort by path, folders first within a folder (a stable order for views and comparisons). */
function byPath(a: LayerFile, b: LayerFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

interface Version { layer: number; size: number; file: LayerFile }

/**
 * Folds the layers' raw headers (oldest first) and the config's history into the layer model.
 * `tars` holds one entry per layer with files, in manifest order; history entries without
 * `empty_layer` take them in order (extra tars get a history line of their own).
 */
export function buildInsight(tars: { tarPath?: string; diffId?: string; entries: RawEntry[] }[], history: HistoryRecord[]): ImageInsight {
  // Paths visible after each layer: path → the version that shows it.
  const visible = new Map<string, Version>();
  const versions: Version[] = [];
  const fileLayers: { files: LayerFile[] }[] = [];
  /** Hides what a deletion or an opaque folder covers: `dir` itself (when `also`) and all below it. */
  const removeUnder = (dir: string, also: boolean) => {
    const self = visible.get(dir);
    if (also && self) { self.file.hidden = true; visible.delete(dir); }
    // Only a folder (or a path this model has not seen, e.g. a deleted parent) has anything below it.
    if (self && self.file.type !== 'dir') return;
    const prefix = dir === '' ? '' : dir + '/';
    for (const [p, v] of visible) {
      if (p.startsWith(prefix)) {
        v.file.hidden = true;
        visible.delete(p);
      }
    }
  };
  tars.forEach((tar, li) => {
    const files: LayerFile[] = [];
    // Whiteouts apply to the lower layers only: collect them first, then the layer's own files.
    const deletions: string[] = [];
    const opaque: string[] = [];
    const own: RawEntry[] = [];
    for (const e of tar.entries) {
      const p = cleanTarPath(e.path);
      const base = p.slice(p.lastIndexOf('/') + 1);
      const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
      if (base === OPAQUE) opaque.push(dir);
      else if (base.startsWith(WHITEOUT)) deletions.push(dir ? `${dir}/${base.slice(WHITEOUT.length)}` : base.slice(WHITEOUT.length));
      else if (p !== '') own.push({ ...e, path: p });
    }
    for (const dir of opaque) removeUnder(dir, false);
    for (const p of deletions) {
      const type = visible.get(p)?.file.type ?? 'other';
      removeUnder(p, true);
      files.push({ path: '/' + p, type, size: 0, kind: 'deleted' });
    }
    for (const e of own) {
      const prev = visible.get(e.path);
      const size = e.type === 'file' ? e.size : 0;
      const file: LayerFile = { path: '/' + e.path, type: e.type, size, kind: prev ? 'changed' : 'added' };
      if (e.mode !== undefined) file.mode = e.mode;
      if (e.linkname) file.linkname = e.linkname;
      if (prev) {
        prev.file.hidden = true;
        // A folder replaced by a file (or the other way round) hides what was under it.
        if (prev.file.type === 'dir' && e.type !== 'dir') removeUnder(e.path, false);
      }
      const v = { layer: li, size, file };
      visible.set(e.path, v);
      versions.push(v);
      files.push(file);
    }
    files.sort(byPath);
    fileLayers.push({ files });
  });

  // Wasted: the bytes of versions hidden by a later layer (a folder's own entry costs nothing).
  const perPath = new Map<string, WastedPath>();
  let totalBytes = 0;
  let wastedBytes = 0;
  const wastedPerLayer = tars.map(() => 0);
  for (const v of versions) {
    totalBytes += v.size;
    const w = perPath.get(v.file.path) ?? { path: v.file.path, wasted: 0, count: 0 };
    w.count++;
    if (v.file.hidden) {
      w.wasted += v.size;
      wastedBytes += v.size;
      wastedPerLayer[v.layer] += v.size;
    }
    perPath.set(v.file.path, w);
  }
  for (const l of fileLayers) for (const f of l.files) if (f.kind === 'deleted') {
    const w = perPath.get(f.path);
    if (w) w.count++;
  }
  const wastedPaths = [...perPath.values()].filter((w) => w.wasted > 0).sort((a, b) => b.wasted - a.wasted || (a.path < b.path ? -1 : 1));

  // History: entries with files take the tars in order.
  const layers: ImageLayer[] = [];
  let next = 0;
  const make = (h: HistoryRecord | undefined, tarIndex: number | undefined): ImageLayer => {
    const createdBy = h?.created_by ?? '';
    const tar = tarIndex === undefined ? undefined : tars[tarIndex];
    const files = tarIndex === undefined ? [] : fileLayers[tarIndex].files;
    const layer: ImageLayer = {
      index: layers.length,
      createdBy,
      instruction: instructionOf(createdBy),
      empty: tarIndex === undefined,
      files,
      size: files.reduce((n, f) => n + f.size, 0),
      wasted: tarIndex === undefined ? 0 : wastedPerLayer[tarIndex],
      added: files.filter((f) => f.kind === 'added').length,
      changed: files.filter((f) => f.kind === 'changed').length,
      deleted: files.filter((f) => f.kind === 'deleted').length,
    };
    if (tarIndex !== undefined) layer.layer = tarIndex;
    if (tar?.tarPath) layer.tarPath = tar.tarPath;
    if (tar?.diffId) layer.diffId = tar.diffId;
    const created = h?.created ? Date.parse(h.created) : NaN;
    if (Number.isFinite(created)) layer.created = created;
    if (h?.comment) layer.comment = h.comment;
    return layer;
  };
  for (const h of history) {
    if (h.empty_layer || next >= tars.length) layers.push(make(h, h.empty_layer ? undefined : next++));
    else layers.push(make(h, next++));
  }
  while (next < tars.length) layers.push(make(undefined, next++));
  return {
    layers,
    totalBytes,
    wastedBytes,
    efficiency: totalBytes === 0 ? 1 : (totalBytes - wastedBytes) / totalBytes,
    wastedPaths,
  };
}

/** A layer's files as a folder tree: the children of `dir` ('/' for the top). */
export function filesUnder(files: readonly LayerFile[], dir: string): { name: string; path: string; file?: LayerFile; folder: boolean; size: number }[] {
  const prefix = dir === '/' ? '/' : dir + '/';
  const out = new Map<string, { name: string; path: string; file?: LayerFile; folder: boolean; size: number }>();
  for (const f of files) {
    if (!f.path.startsWith(prefix) || f.path === dir) continue;
    const rest = f.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    const path = prefix + name;
    let node = out.get(name);
    if (!node) out.set(name, node = { name, path, folder: slash >= 0, size: 0 });
    if (slash < 0) {
      node.file = f;
      if (f.type === 'dir') node.folder = true;
    } else node.folder = true;
    node.size += f.size;
  }
  return [...out.values()].sort((a, b) => (a.folder === b.folder ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.folder ? -1 : 1));
}
