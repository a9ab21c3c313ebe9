// What a compose file defines (services, networks, volumes, secrets, configs, models) and every
// place that names one of them, with exact spans, for the reference checks, navigation and
// rename. Pure (no vscode).
import { ComposeTree, escapePointer, isRecord, NodeInfo, Span, spanInScalar } from './tree';

export type RefKind = 'service' | 'network' | 'volume' | 'secret' | 'config' | 'model';

export const SECTIONS: Record<RefKind, string> = {
  service: 'services', network: 'networks', volume: 'volumes', secret: 'secrets', config: 'configs', model: 'models',
};

export interface Definition { readonly kind: RefKind; readonly name: string; readonly ptr: string; readonly key: Span; readonly node: NodeInfo }

export interface Reference {
  kind: RefKind;
  name: string;
  /** The span of the name itself (inside a longer scalar like `db:alias` or `service:db`). */
  readonly span: Span;
  /** Pointer of the node the name sits in (or whose key it is). */
  ptr: string;
  /** The service that makes the reference. */
  from: string;
  /** The name may also be a container or an outside thing (volumes_from, network_mode container:). */
  soft?: boolean;
}

export interface ComposeModel {
  definitions: Map<RefKind, Map<string, Definition>>;
  references: Reference[];
  services: Record<string, Record<string, unknown>>;
}

/** Named-volume vs path: compose treats a source as a path when it starts with . / ~ or a drive letter. */
export function isPathSource(source: string): boolean {
  return /^(\.|\/|~|\\|[a-zA-Z]:[\\/]|\$)/.test(source);
}

/** Splits a short volume spec `SRC:DST[:MODE]` (Windows drive letters kept together). */
export function splitVolumeSpec(spec: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':' && !(cur.length === 1 && /[a-zA-Z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

export function buildModel(tree: ComposeTree): ComposeModel {
  const definitions = new Map<RefKind, Map<string, Definition>>();
  const references: Reference[] = [];
  const root = isRecord(tree.data) ? tree.data : {};
  for (const [kind, section] of Object.entries(SECTIONS) as [RefKind, string][]) {
    const m = new Map<string, Definition>();
    const sec = root[section];
    if (isRecord(sec)) {
      for (const name of Object.keys(sec)) {
        m.set(name, new FoundDefinition(tree, kind, name, `/${section}/${escapePointer(name)}`));
      }
    }
    definitions.set(kind, m);
  }
  const services: Record<string, Record<string, unknown>> = {};
  const svcs = root.services;
  if (isRecord(svcs)) {
    for (const [name, svc] of Object.entries(svcs)) {
      if (!isRecord(svc)) continue;
      services[name] = svc;
      collectServiceRefs(tree, name, svc, references);
    }
  }
  return { definitions, references, services };
}

/** A definition whose place is found when it is first read (a key of a section: it always has one). */
class FoundDefinition implements Definition {
  private found?: NodeInfo;
  constructor(private readonly tree: ComposeTree, readonly kind: RefKind, readonly name: string, readonly ptr: string) {}

  get node(): NodeInfo {
    return this.found ??= this.tree.nodes.get(this.ptr) ?? { key: { start: 0, end: 0 }, value: { start: 0, end: 0 } };
  }

  get key(): Span {
    return this.node.key ?? this.node.value;
  }
}

/**
 * A reference whose span is found when it is first read: a large file names thousands of
 * services, networks and volumes, and only the few reported or navigated to need their place.
 */
class FoundReference implements Reference {
  private found?: Span;
  constructor(
    private readonly tree: ComposeTree,
    readonly kind: RefKind,
    readonly name: string,
    readonly ptr: string,
    readonly from: string,
    readonly soft: boolean,
    /** Where the name starts inside the scalar at ptr; -1: the name is the key at ptr. */
    private readonly offsetInValue: number,
  ) {}

  get span(): Span {
    return this.found ??= this.offsetInValue < 0 ? keySpan(this.tree, this.ptr) : spanInScalar(this.tree, this.ptr, this.name, this.offsetInValue);
  }
}

/** A mapping key's span, or its value's when borrowed (the key sits in an anchor). */
function keySpan(tree: ComposeTree, ptr: string): Span {
  const n = tree.nodes.get(ptr);
  if (!n) return { start: 0, end: 0 };
  return n.key && !n.borrowed ? n.key : n.value;
}

// Every value of the data has its place in tree.nodes: the pointers below are made from the data.

/** A name written as a mapping key (`depends_on: {db: …}`). */
function keyRef(tree: ComposeTree, out: Reference[], from: string, kind: RefKind, ptr: string, name: string): void {
  out.push(new FoundReference(tree, kind, name, ptr, from, false, -1));
}

/** A name inside a scalar (`db`, `db:alias`, `service:db`). */
function valueRef(tree: ComposeTree, out: Reference[], from: string, kind: RefKind, ptr: string, name: string, offsetInValue = 0, soft = false): void {
  out.push(new FoundReference(tree, kind, name, ptr, from, soft, offsetInValue));
}

/** A list of names, or a mapping keyed by them. */
function listOrMapKeys(tree: ComposeTree, out: Reference[], from: string, base: string, v: unknown, field: string, kind: RefKind): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'string') valueRef(tree, out, from, kind, `${base}/${field}/${i}`, v[i] as string);
  } else if (isRecord(v)) {
    for (const k of Object.keys(v)) keyRef(tree, out, from, kind, `${base}/${field}/${escapePointer(k)}`, k);
  }
}

// Plain loops and no closures: this runs for every service of the file on each analysis.
function collectServiceRefs(tree: ComposeTree, from: string, svc: Record<string, unknown>, out: Reference[]): void {
  const base = `/services/${escapePointer(from)}`;
  listOrMapKeys(tree, out, from, base, svc.depends_on, 'depends_on', 'service');
  listOrMapKeys(tree, out, from, base, svc.networks, 'networks', 'network');

  const links = svc.links;
  if (Array.isArray(links)) {
    for (let i = 0; i < links.length; i++) {
      const l = links[i];
      if (typeof l === 'string') valueRef(tree, out, from, 'service', `${base}/links/${i}`, l.split(':')[0]);
    }
  }

  const ext = svc.extends;
  if (typeof ext === 'string') valueRef(tree, out, from, 'service', `${base}/extends`, ext);
  else if (isRecord(ext) && typeof ext.service === 'string' && ext.file === undefined) valueRef(tree, out, from, 'service', `${base}/extends/service`, ext.service);

  for (const field of SERVICE_MODES) {
    const v = svc[field];
    if (typeof v === 'string' && v.startsWith('service:')) valueRef(tree, out, from, 'service', `${base}/${field}`, v.slice(8), 8);
  }

  const vf = svc.volumes_from;
  if (Array.isArray(vf)) {
    for (let i = 0; i < vf.length; i++) {
      const x = vf[i];
      if (typeof x !== 'string' || x.startsWith('container:')) continue;
      const service = x.startsWith('service:');
      const name = service ? x.slice(8).split(':')[0] : x.split(':')[0];
      valueRef(tree, out, from, 'service', `${base}/volumes_from/${i}`, name, service ? 8 : 0, !service);
    }
  }

  const vols = svc.volumes;
  if (Array.isArray(vols)) {
    for (let i = 0; i < vols.length; i++) {
      const v = vols[i];
      if (typeof v === 'string') {
        const parts = splitVolumeSpec(v);
        if (parts.length >= 2 && parts[0] && !isPathSource(parts[0])) valueRef(tree, out, from, 'volume', `${base}/volumes/${i}`, parts[0]);
      } else if (isRecord(v) && (v.type === 'volume' || v.type === undefined) && typeof v.source === 'string' && v.source && !isPathSource(v.source)) {
        valueRef(tree, out, from, 'volume', `${base}/volumes/${i}/source`, v.source);
      }
    }
  }

  for (const [field, kind] of FILE_REFS) {
    const v = svc[field];
    if (!Array.isArray(v)) continue;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string') valueRef(tree, out, from, kind, `${base}/${field}/${i}`, x);
      else if (isRecord(x) && typeof x.source === 'string') valueRef(tree, out, from, kind, `${base}/${field}/${i}/source`, x.source);
    }
  }

  const models = svc.models;
  if (Array.isArray(models)) {
    for (let i = 0; i < models.length; i++) if (typeof models[i] === 'string') valueRef(tree, out, from, 'model', `${base}/models/${i}`, models[i] as string);
  } else if (isRecord(models)) {
    for (const k of Object.keys(models)) keyRef(tree, out, from, 'model', `${base}/models/${escapePointer(k)}`, k);
  }
}

const SERVICE_MODES = ['network_mode', 'pid', 'ipc'] as const;
const FILE_REFS = [['secrets', 'secret'], ['configs', 'config']] as const;

/** The definition or reference under an offset. */
export function symbolAt(model: ComposeModel, offset: number): { kind: RefKind; name: string; span: Span } | undefined {
  for (const [kind, defs] of model.definitions) {
    for (const d of defs.values()) if (offset >= d.key.start && offset <= d.key.end) return { kind, name: d.name, span: d.key };
  }
  for (const r of model.references) if (offset >= r.span.start && offset <= r.span.end) return { kind: r.kind, name: r.name, span: r.span };
  return undefined;
}
