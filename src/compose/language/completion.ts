// Completion in compose files: keys and values from the Compose Specification schema, service,
// network, volume, secret and config names where they are referenced, local images after
// `image:`, and paths after build/env_file/dockerfile. The position is read from the text
// around the cursor (indentation), so it works while the file is half-typed. Pure.
import * as path from 'node:path';
import { ComposeModel, RefKind } from './model';
import { describeAt, propertiesAt, shapesAt, valuesAt } from './schema';
import { Span } from './tree';

export type ItemKind = 'property' | 'value' | 'service' | 'network' | 'volume' | 'secret' | 'config' | 'model' | 'image' | 'file' | 'folder';

export interface ComposeCompletion {
  label: string;
  kind: ItemKind;
  insertText: string;
  replace: Span;
  detail?: string;
  documentation?: string;
  deprecated?: boolean;
  /** Ask for completion again after inserting (folders, `key: `). */
  retrigger?: boolean;
}

export interface CursorContext {
  /** Path to the mapping or list that holds the cursor; list items are '#'. */
  path: string[];
  position: 'key' | 'value' | 'item';
  /** For 'value': the key being given a value. */
  key?: string;
  /** The partly typed word and where it starts. */
  prefix: string;
  start: number;
  /** Keys already in the same mapping. */
  siblings: string[];
}

interface LineEntry { col: number; kind: 'item' | 'key'; name?: string }

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s:#'"\-[{][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/;

function unquote(k: string): string {
  return k.startsWith('"') || k.startsWith("'") ? k.slice(1, -1) : k.trim();
}

function entriesOf(line: string): LineEntry[] {
  const m = /^(\s*)((?:-(?:\s+|$))*)(.*)$/.exec(line)!;
  const out: LineEntry[] = [];
  let col = m[1].length;
  const dashes = m[2];
  for (let i = 0; i < dashes.length; i++) {
    if (dashes[i] === '-') out.push({ col: col + i, kind: 'item' });
  }
  col += dashes.length;
  const km = KEY_RE.exec(m[3]);
  if (km) out.push({ col, kind: 'key', name: unquote(km[1]) });
  return out;
}

function isSkippable(line: string): boolean {
  const t = line.trim();
  return !t || t.startsWith('#') || t === '---' || t === '...';
}

/** Reads where the cursor is: which mapping or list, and whether a key or a value is being typed. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined;
  const m = /^(\s*)((?:-\s+)*)(.*)$/.exec(before)!;
  const indent = m[1].length;
  const dashCount = (m[2].match(/-/g) ?? []).length;
  const firstCol = indent;
  const contentCol = indent + m[2].length;
  const rest = m[3];
  let position: CursorContext['position'];
  let key: string | undefined;
  let prefix: string;
  let start: number;
  const kv = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:\s+(.*)$/.exec(rest);
  if (kv) {
    position = 'value';
    key = unquote(kv[1]);
    prefix = kv[2].replace(/^["']/, '');
    if (/^[[{]/.test(kv[2])) return undefined;
    start = offset - prefix.length;
  } else if (/^[^\s:#]*$/.test(rest) || (dashCount > 0 && !/:\s/.test(rest))) {
    position = dashCount > 0 ? 'item' : 'key';
    prefix = rest.replace(/^["']/, '');
    start = offset - prefix.length;
  } else return undefined;

  // Ancestors: lines above with entries left of the cursor's column.
  let limit = dashCount > 0 ? firstCol : contentCol;
  const ancestors: LineEntry[] = [];
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop();
  for (let i = lines.length - 1; i >= 0 && limit > 0; i--) {
    const l = lines[i];
    if (isSkippable(l)) continue;
    const es = entriesOf(l);
    if (!es.length) {
      // A continuation line (flow or block scalar content) says nothing about the structure.
      continue;
    }
    for (let j = es.length - 1; j >= 0; j--) {
      if (es[j].col < limit) { ancestors.unshift(es[j]); limit = es[j].col; }
    }
  }
  const p = ancestors.map((e) => (e.kind === 'item' ? '#' : e.name!));
  for (let i = 0; i < dashCount; i++) p.push('#');

  // Siblings: keys at the same column in the same block.
  const siblings: string[] = [];
  {
    const col = contentCol;
    const all = text.split('\n');
    const cur = text.slice(0, lineStart).split('\n').length - 1;
    for (let i = cur - 1; i >= 0; i--) {
      if (isSkippable(all[i])) continue;
      const es = entriesOf(all[i]);
      if (!es.length) continue;
      const k = es.find((e) => e.kind === 'key' && e.col === col);
      if (k) siblings.push(k.name!);
      if (es[0].col < col) break;
    }
    for (let i = cur + 1; i < all.length; i++) {
      if (isSkippable(all[i])) continue;
      const es = entriesOf(all[i]);
      if (!es.length) continue;
      if (es[0].col < col) break;
      const k = es.find((e) => e.kind === 'key' && e.col === col);
      if (k && es[0].col === col) siblings.push(k.name!);
    }
  }
  return { path: p, position, key, prefix, start, siblings };
}

export interface CompletionOptions {
  /** Local images' tags, for `image:`. */
  images?: { tag: string; detail?: string }[];
  /** Lists a folder (absolute) for path completion. */
  listDir?: (dir: string) => { name: string; dir: boolean }[];
  /** The compose file's folder. */
  dir?: string;
}

/** Normalises a path: service names become '*'. */
function shape(p: string[]): string {
  if (p[0] === 'services' && p.length >= 2) return ['services', '*', ...p.slice(2)].join('/');
  for (const s of ['networks', 'volumes', 'secrets', 'configs']) if (p[0] === s && p.length >= 2) return [s, '*', ...p.slice(2)].join('/');
  return p.join('/');
}

const PATH_FIELDS = new Set([
  'services/*/build', 'services/*/build/context', 'services/*/build/dockerfile', 'services/*/env_file', 'services/*/env_file/#',
  'services/*/env_file/#/path', 'services/*/label_file', 'services/*/label_file/#', 'services/*/extends/file', 'include/#', 'include/#/path',
  'secrets/*/file', 'configs/*/file',
]);

const SERVICE_REFS = new Set(['services/*/depends_on/#', 'services/*/depends_on', 'services/*/links/#', 'services/*/extends', 'services/*/extends/service', 'services/*/volumes_from/#']);

const EXTRA_VALUES: Record<string, string[]> = {
  'services/*/restart': ['no', 'always', 'on-failure', 'unless-stopped'],
  'services/*/pull_policy': ['always', 'never', 'missing', 'build', 'if_not_present', 'daily', 'weekly'],
  'services/*/network_mode': ['bridge', 'host', 'none'],
  'services/*/ports/#/protocol': ['tcp', 'udp'],
  'services/*/ports/#/mode': ['host', 'ingress'],
};

export function complete(text: string, offset: number, model: ComposeModel, opts: CompletionOptions = {}): ComposeCompletion[] {
  const c = cursorContext(text, offset);
  if (!c) return [];
  const replace: Span = { start: c.start, end: offset + (/^[\w.-]*/.exec(text.slice(offset))?.[0].length ?? 0) };
  const out: ComposeCompletion[] = [];
  const full = c.position === 'value' ? [...c.path, c.key!] : c.path;
  const where = shape(full);
  const service = full[0] === 'services' ? full[1] : undefined;

  const names = (kind: RefKind, exclude?: string, suffix = '') => {
    for (const n of model.definitions.get(kind)?.keys() ?? []) {
      if (n === exclude) continue;
      out.push({ label: n, kind, insertText: n + suffix, replace, detail: kind });
    }
  };

  // Names of things defined in the file.
  if (c.position !== 'key' && SERVICE_REFS.has(where)) names('service', service);
  if (c.position === 'key' && where === 'services/*/depends_on') names('service', service, ':\n  condition: service_started');
  if (c.position !== 'key' && where === 'services/*/networks/#') names('network');
  if (c.position === 'key' && where === 'services/*/networks') names('network', undefined, ':');
  if (c.position !== 'key' && (where === 'services/*/secrets/#' || where === 'services/*/secrets/#/source')) names('secret');
  if (c.position !== 'key' && (where === 'services/*/configs/#' || where === 'services/*/configs/#/source')) names('config');
  if (c.position !== 'key' && where === 'services/*/volumes/#/source') names('volume');
  if (c.position === 'item' && where === 'services/*/volumes/#' && !/^[./~]/.test(c.prefix)) names('volume', undefined, ':');
  if (c.position === 'value' && where === 'services/*/network_mode') {
    for (const s of model.definitions.get('service')?.keys() ?? []) if (s !== service) out.push({ label: `service:${s}`, kind: 'service', insertText: `service:${s}`, replace });
  }
  if (c.position === 'item' && where === 'services/*/profiles/#') {
    const seen = new Set<string>();
    for (const svc of Object.values(model.services)) for (const p of Array.isArray(svc.profiles) ? svc.profiles : []) if (typeof p === 'string') seen.add(p);
    for (const p of seen) out.push({ label: p, kind: 'value', insertText: p, replace, detail: 'profile' });
  }
  if (c.position === 'value' && where === 'services/*/image') {
    for (const i of opts.images ?? []) out.push({ label: i.tag, kind: 'image', insertText: i.tag, replace, detail: i.detail });
  }

  // Paths.
  const isPath = PATH_FIELDS.has(where) || (where === 'services/*/volumes/#' && /^[./~]/.test(c.prefix));
  if (isPath && c.position !== 'key' && opts.listDir && opts.dir) {
    let base = opts.dir;
    if (where === 'services/*/build/dockerfile') {
      const ctxDir = contextOf(model, service);
      if (ctxDir) base = path.resolve(opts.dir, ctxDir);
    }
    const typed = c.prefix;
    if (!typed.startsWith('~') && !/^[a-z]+:\/\//i.test(typed)) {
      const slash = typed.lastIndexOf('/');
      const dirPart = slash >= 0 ? typed.slice(0, slash + 1) : '';
      const wantDirs = where.endsWith('build') || where.endsWith('build/context');
      for (const e of opts.listDir(path.resolve(base, dirPart || '.'))) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        if (wantDirs && !e.dir) continue;
        const value = `${dirPart}${e.name}${e.dir ? '/' : ''}`;
        const v = dirPart || !['services/*/build', 'services/*/build/context', 'services/*/volumes/#'].includes(where) ? value : `./${value}`;
        out.push({ label: v, kind: e.dir ? 'folder' : 'file', insertText: v, replace, retrigger: e.dir });
      }
    }
  }

  // Values the schema knows.
  if (c.position === 'value' || c.position === 'item') {
    const vals = new Set([...valuesAt(full), ...(EXTRA_VALUES[where] ?? [])]);
    for (const v of vals) out.push({ label: v, kind: 'value', insertText: v, replace, detail: describeAt(full)?.slice(0, 80) });
  }

  // Keys the schema allows here.
  const keyPath = c.path;
  if ((c.position === 'key' || c.position === 'item') && !c.prefix.includes(':')) {
    const shapeHere = shapesAt(keyPath);
    if (shapeHere.map || c.position === 'item') {
      for (const p of propertiesAt(keyPath)) {
        if (c.siblings.includes(p.name)) continue;
        const onlyMap = p.types.length > 0 && p.types.every((t) => t === 'object');
        const onlyList = p.types.length > 0 && p.types.every((t) => t === 'array');
        const insertText = onlyMap ? `${p.name}:\n  ` : onlyList ? `${p.name}:\n  - ` : `${p.name}: `;
        out.push({
          label: p.name, kind: 'property', insertText, replace, detail: p.types.join(' | ') || undefined,
          documentation: p.description, deprecated: p.deprecated, retrigger: !onlyMap,
        });
      }
    }
  }
  // Top-level names (services:, networks:…) at the very start.
  if (c.position === 'key' && !c.path.length && !out.length) {
    for (const p of propertiesAt([])) if (!c.siblings.includes(p.name)) out.push({ label: p.name, kind: 'property', insertText: `${p.name}:\n  `, replace, documentation: p.description, deprecated: p.deprecated });
  }
  return out;
}

function contextOf(model: ComposeModel, service: string | undefined): string | undefined {
  if (!service) return undefined;
  const b = model.services[service]?.build;
  if (typeof b === 'string') return b;
  if (b && typeof b === 'object' && typeof (b as Record<string, unknown>).context === 'string') return (b as Record<string, unknown>).context as string;
  return b ? '.' : undefined;
}
