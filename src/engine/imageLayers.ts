// An image's layers, file by file, from the engine's export (`GET /images/{name}/get`, what
// `docker save` writes), streamed: only tar headers and the small JSON documents are kept, never
// a layer's content (a push tar walker reads the export and the layers inside it, skipping
// content without copying). Both export layouts are read: the legacy one (`<id>/layer.tar`, `<id>.json`,
// manifest.json last — engine 20.10) and the OCI one (`blobs/sha256/<digest>`, index.json).
// Reading one file of one layer streams the export again up to that entry.
import type { Readable } from 'node:stream';
import * as tarStream from 'tar-stream';
import { Engine, short } from './engine';
import { EngineError, isCutOff, toEngineError } from './errors';
import { buildInsight, cleanTarPath, EntryType, HistoryRecord, ImageInsight, RawEntry } from './imageLayersModel';
import { TarSink, TarWalker } from './tarWalk';
import { l10n } from '../shared/l10n';

export type { ImageInsight, ImageLayer, LayerFile, ChangeKind, WastedPath } from './imageLayersModel';

/** JSON documents of the export (manifest, config) larger than this are not configs: skipped. */
const MAX_JSON = 16 * 1024 * 1024;

const LEGACY_LAYER = /^[^/]+\/layer\.tar$/;
const OCI_BLOB = /^blobs\/[a-z0-9]+\/[0-9a-f]+$/;
const ROOT_JSON = /^(manifest|index)\.json$|^[0-9a-f]{64}\.json$/;

async function openExport(engine: Engine, ref: string): Promise<Readable> {
  return engine.call(l10n.t('Image {0}', short(ref)), async (d) => (await d.getImage(ref).get()) as unknown as Readable);
}

function streamError(engine: Engine, ref: string, e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  if (isCutOff(e)) return new EngineError('unreachable', l10n.t('The engine closed the connection while exporting image {0} ({1}). Check that Docker is still running, then try again.', short(ref), engine.host));
  return toEngineError(e, engine.host, l10n.t('Image {0}', short(ref)));
}

function cancelled(ref: string): EngineError {
  return new EngineError('unknown', l10n.t('Reading the layers of {0}: cancelled.', short(ref)));
}

function entryType(flag: string): EntryType {
  switch (flag) {
    case '0': case '7': return 'file';
    case '5': return 'dir';
    case '2': return 'symlink';
    case '1': return 'link';
    default: return 'other';
  }
}

/** Collects a small entry's bytes (undefined past the limit). */
function collect(entry: Readable, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let n = 0;
    entry.on('data', (b: Buffer) => { n += b.length; if (n <= limit) parts.push(b); });
    entry.on('end', () => resolve(n <= limit ? Buffer.concat(parts) : undefined));
    entry.on('error', reject);
    entry.resume();
  });
}

interface ExportParts {
  layers: Map<string, RawEntry[]>;
  aliases: Map<string, string>;
  json: Map<string, string>;
}

/** A small JSON document's bytes, or nothing past MAX_JSON. */
function jsonSink(onDone: (text: string) => void): TarSink {
  const parts: Buffer[] = [];
  let n = 0;
  return {
    data: (b) => { n += b.length; if (n <= MAX_JSON) parts.push(Buffer.from(b)); },
    end: () => { if (n <= MAX_JSON) onDone(Buffer.concat(parts).toString('utf8')); },
  };
}

/** A layer's tar: its headers, kept; its content, skipped. */
function layerSink(onDone: (entries: RawEntry[] | undefined) => void): TarSink {
  const entries: RawEntry[] = [];
  const inner = new TarWalker((h) => {
    entries.push({ path: h.name, type: entryType(h.typeflag), size: h.size, mode: h.mode, linkname: h.linkname || undefined });
    return undefined;
  });
  return { data: (b) => inner.push(b), end: () => onDone(inner.broken && !entries.length ? undefined : entries) };
}

/** Reads the export once: every layer's headers, the manifest and configs. */
async function scanExport(stream: Readable, signal?: AbortSignal): Promise<ExportParts> {
  const parts: ExportParts = { layers: new Map(), aliases: new Map(), json: new Map() };
  const outer = new TarWalker((h) => {
    const name = cleanTarPath(h.name);
    const isLayer = LEGACY_LAYER.test(name) || OCI_BLOB.test(name);
    if (isLayer && (h.typeflag === '2' || h.typeflag === '1')) {
      // The same layer twice: the export links to the first copy.
      parts.aliases.set(name, h.typeflag === '2' ? cleanTarPath(joinPath(parentOf(name), h.linkname)) : cleanTarPath(h.linkname));
      return undefined;
    }
    if (isLayer && h.typeflag === '0') {
      if (h.size === 0) { parts.layers.set(name, []); return undefined; }
      // An OCI blob is a layer or a JSON document (config, manifest): the first byte tells.
      let sink: TarSink | undefined;
      return {
        data: (b) => {
          sink ??= b[0] === 0x7b /* { */ && h.size <= MAX_JSON
            ? jsonSink((text) => parts.json.set(name, text))
            : layerSink((entries) => { if (entries) parts.layers.set(name, entries); });
          sink.data(b);
        },
        end: () => sink?.end(),
      };
    }
    if (ROOT_JSON.test(name) && h.typeflag === '0' && h.size <= MAX_JSON) return jsonSink((text) => parts.json.set(name, text));
    return undefined;
  });
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (e?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (e !== undefined) { stream.destroy(); reject(e); } else resolve();
    };
    const onAbort = () => finish(new Error('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (b: Buffer) => {
      try { outer.push(b); } catch (e) { finish(e); }
    });
    stream.on('end', () => finish());
    stream.on('error', (e) => finish(e));
    // A connection that closes before the export's end is a cut, not an empty image.
    stream.on('close', () => { if (!stream.readableEnded) finish(Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })); });
  });
  return parts;
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function joinPath(dir: string, rel: string): string {
  const out = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try { return JSON.parse(text) as unknown; } catch { return undefined; }
}

interface Manifest { config: string; layers: string[] }

/** The image's manifest: manifest.json (both layouts), else index.json → its first manifest. */
function findManifest(json: Map<string, string>): Manifest | undefined {
  const m = parseJson(json.get('manifest.json'));
  if (Array.isArray(m) && m.length) {
    const first = m[0] as { Config?: unknown; Layers?: unknown };
    if (typeof first.Config === 'string' && Array.isArray(first.Layers)) {
      return { config: cleanTarPath(first.Config), layers: first.Layers.filter((l): l is string => typeof l === 'string').map(cleanTarPath) };
    }
  }
  const blob = (digest: unknown) => (typeof digest === 'string' && /^[a-z0-9]+:[0-9a-f]+$/.test(digest) ? `blobs/${digest.replace(':', '/')}` : undefined);
  let doc = parseJson(json.get('index.json')) as { manifests?: { digest?: unknown }[]; config?: { digest?: unknown }; layers?: { digest?: unknown }[] } | undefined;
  // An index points at a manifest (or at another index); follow a few levels.
  for (let depth = 0; doc && depth < 4; depth++) {
    if (doc.config && Array.isArray(doc.layers)) {
      const config = blob(doc.config.digest);
      const layers = doc.layers.map((l) => blob(l.digest)).filter((l): l is string => !!l);
      return config ? { config, layers } : undefined;
    }
    const next = blob(doc.manifests?.[0]?.digest);
    doc = next ? parseJson(json.get(next)) as typeof doc : undefined;
  }
  return undefined;
}

/**
 * Every layer of an image with its files, mapped to the history entries, and the wasted-space
 * figures. Memory grows with the number of files (headers), not with the image's size.
 */
export async function readImageLayers(engine: Engine, ref: string, signal?: AbortSignal): Promise<ImageInsight> {
  const stream = await openExport(engine, ref);
  if (signal?.aborted) { stream.destroy(); throw cancelled(ref); }
  let parts: ExportParts;
  try {
    parts = await scanExport(stream, signal);
  } catch (e) {
    if (signal?.aborted) throw cancelled(ref);
    throw streamError(engine, ref, e);
  }
  const manifest = findManifest(parts.json);
  if (!manifest) throw new EngineError('unknown', l10n.t('The export of image {0} has no manifest the extension can read.', short(ref)));
  const config = parseJson(parts.json.get(manifest.config)) as { history?: HistoryRecord[]; rootfs?: { diff_ids?: string[] } } | undefined;
  const resolve = (p: string) => {
    for (let i = 0; i < 8 && parts.aliases.has(p); i++) p = parts.aliases.get(p)!;
    return p;
  };
  const tars = manifest.layers.map((p, i) => {
    const tarPath = resolve(p);
    return { tarPath, diffId: config?.rootfs?.diff_ids?.[i], entries: parts.layers.get(tarPath) ?? [] };
  });
  return buildInsight(tars, Array.isArray(config?.history) ? config!.history : []);
}

/** Files opened from a layer are read whole; larger ones are refused. */
export const MAX_LAYER_FILE = 50 * 1024 * 1024;

/**
 * One file's content as one layer holds it (`tarPath` from readImageLayers' layer). A symbolic
 * link reads as its target's path. Streams the export again, up to that entry.
 */
export async function readLayerFile(engine: Engine, ref: string, tarPath: string, filePath: string, maxBytes = MAX_LAYER_FILE): Promise<Buffer> {
  const want = cleanTarPath(filePath);
  const stream = await openExport(engine, ref);
  const outer = tarStream.extract();
  const notFound = () => new EngineError('notFound', l10n.t('{0} is not in that layer of image {1}.', '/' + want, short(ref)), 404);
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => { if (!settled) { settled = true; fn(); stream.destroy(); outer.destroy(); } };
    outer.on('entry', (h, entry, next) => {
      if (cleanTarPath(h.name) !== tarPath) { entry.on('end', next); entry.resume(); return; }
      const inner = tarStream.extract();
      inner.on('entry', (ih, file, nextInner) => {
        if (cleanTarPath(ih.name) !== want) { file.on('end', nextInner); file.resume(); return; }
        if (ih.type === 'symlink' || ih.type === 'link') { settle(() => resolve(Buffer.from(ih.linkname ?? '', 'utf8'))); return; }
        if (ih.type !== 'file' && ih.type !== 'contiguous-file') { settle(() => reject(new EngineError('badRequest', l10n.t('{0} is not a file.', '/' + want)))); return; }
        if ((ih.size ?? 0) > maxBytes) { settle(() => reject(new EngineError('badRequest', l10n.t('{0} is too large to open ({1} bytes).', '/' + want, ih.size ?? 0)))); return; }
        collect(file, maxBytes).then((b) => settle(() => (b ? resolve(b) : reject(notFound()))), (e: unknown) => settle(() => reject(streamError(engine, ref, e))));
      });
      inner.on('finish', () => settle(() => reject(notFound())));
      inner.on('error', (e) => settle(() => reject(streamError(engine, ref, e))));
      entry.pipe(inner);
    });
    outer.on('finish', () => settle(() => reject(notFound())));
    outer.on('error', (e) => settle(() => reject(streamError(engine, ref, e))));
    stream.on('error', (e) => settle(() => reject(streamError(engine, ref, e))));
    stream.on('close', () => { if (!stream.readableEnded) settle(() => reject(streamError(engine, ref, Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })))); });
    stream.pipe(outer);
  });
}
