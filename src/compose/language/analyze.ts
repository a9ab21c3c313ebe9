// Diagnostics for a compose file: YAML syntax, the Compose Specification schema, and what a
// schema cannot know (references to undefined services, networks, volumes, secrets and configs;
// files that do not exist; port and duration syntax; ports published twice; variables).
// Pure (no vscode): the file system and the variables are handed in.
import * as path from 'node:path';
import { interpolateRefs, layered, mapSource, Resolution, ScanResult, scanVariables, VariableSource } from './interpolate';
import { buildModel, ComposeModel, isPathSource, Reference, RefKind, SECTIONS, splitVolumeSpec } from './model';
import { adoptTopLevelServices, topLevelServicesFix } from './layout';
import { closest, schemaProblems } from './schema';
import { checkDuration, checkExpose, parsePortLong, parsePortShort, PortSpec } from './syntax';
import { ComposeTree, escapePointer, isRecord, nodeAt, NodeInfo, parseCompose, scalarText, Span } from './tree';
import { ComposeDiagnostic, Edit, FileSystemView, Fix, Severity } from './types';
import { l10n } from '../../shared/l10n';

export interface AnalyzeOptions {
  /** The compose file's absolute path (paths in it are relative to its folder); none for an unsaved file. */
  file?: string;
  /** Checks files (build contexts, env_file, bind sources) when given. */
  fs?: FileSystemView;
  /** The environment (wins over `.env`, as with compose). */
  environment?: Record<string, string | undefined>;
  /** The entries of `.env` (or of the chosen --env-file). */
  dotenv?: Record<string, string>;
  /** Home folder, for `~/` paths. */
  home?: string;
  /** The texts of the other files of the same project (-f a -f b, the override file): what they define counts as defined. */
  related?: string[];
}

export interface ComposeAnalysis {
  tree: ComposeTree;
  model: ComposeModel;
  diagnostics: ComposeDiagnostic[];
  variables: VariableSource;
}

export function variableSource(opts: Pick<AnalyzeOptions, 'environment' | 'dotenv'>): VariableSource {
  return layered(mapSource(opts.environment ?? {}, 'the environment'), mapSource(opts.dotenv ?? {}, '.env'));
}

export function analyzeCompose(text: string, opts: AnalyzeOptions = {}): ComposeAnalysis {
  const parsed = parseCompose(text);
  // Services written at the top level (the old layout) are analysed as the services they are.
  const { tree, names: topLevel } = adoptTopLevelServices(parsed);
  const model = buildModel(tree);
  const variables = variableSource(opts);
  const out: ComposeDiagnostic[] = [];
  const seen = new Set<string>();
  // An alias naming no anchor is an empty value: its YAML error says all there is to say about that place.
  const emptyAliases = new Set(parsed.problems.filter((p) => p.local).map((p) => `${p.start}:${p.end}`));
  const add = (span: Span, severity: Severity, code: string, message: string, fixes: Fix[] = [], extra: Partial<ComposeDiagnostic> = {}) => {
    // A problem inside an anchor shows once, however many places merge it in.
    const key = `${span.start}:${span.end}:${code}:${message}`;
    if (seen.has(key) || (code !== 'yaml' && emptyAliases.has(`${span.start}:${span.end}`))) return;
    seen.add(key);
    out.push({ start: span.start, end: Math.max(span.end, span.start), severity, code, message, fixes, ...extra });
  };

  for (const p of tree.problems) add(p, p.severity, 'yaml', p.message);
  // A broken file gives a partial tree: the other checks would mostly repeat the YAML error.
  if (tree.problems.some((p) => p.severity === 'error' && !p.local)) return { tree, model, diagnostics: out, variables };
  if (tree.data === undefined || tree.data === null) return { tree, model, diagnostics: out, variables };
  if (!isRecord(tree.data)) {
    add(tree.nodes.get('')?.value ?? { start: 0, end: 1 }, 'error', 'schema', l10n.t('A compose file is a mapping (services:, networks:, volumes:, …) at the top level.'));
    return { tree, model, diagnostics: out, variables };
  }

  if (topLevel.length) {
    const { span, fix } = topLevelServicesFix(parsed, topLevel);
    const list = topLevel.slice(0, 5).map((n) => `"${n}"`).join(', ') + (topLevel.length > 5 ? ', …' : '');
    add(span, 'error', 'top-level-services', l10n.t('These look like services: {0}. Put them under "services:" (compose no longer reads services written at the top level of the file).', list), fix ? [fix] : []);
  }

  const ctx: Ctx = { tree, model, variables, opts, add, dir: opts.file ? path.dirname(opts.file) : undefined, interpolated: new Map() };
  checkVariables(ctx);
  checkSchema(ctx);
  checkVersion(ctx);
  checkReferences(ctx);
  checkCycles(ctx);
  checkPortsAndDurations(ctx);
  if (opts.fs && ctx.dir) checkPaths(ctx, opts.fs, ctx.dir);
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return { tree, model, diagnostics: out, variables };
}

interface Ctx {
  tree: ComposeTree;
  model: ComposeModel;
  variables: VariableSource;
  opts: AnalyzeOptions;
  dir?: string;
  add: (span: Span, severity: Severity, code: string, message: string, fixes?: Fix[], extra?: Partial<ComposeDiagnostic>) => void;
  /** Pointers of strings with variables → their value after interpolation (undefined: depends on an unset variable). */
  interpolated: Map<string, string | undefined>;
}

/** A string's value as compose will see it; undefined when it depends on an unset variable. */
function resolved(ctx: Ctx, ptr: string, raw: string): string | undefined {
  if (!raw.includes('$')) return raw;
  return ctx.interpolated.has(ptr) ? ctx.interpolated.get(ptr) : raw;
}

function spanOf(ctx: Ctx, ptr: string, onKey = false): Span {
  const n = nodeAt(ctx.tree, ptr);
  if (!n) return { start: 0, end: 1 };
  if (onKey && n.info.key && n.ptr === ptr) return n.info.key;
  if (n.ptr !== ptr && n.info.key) return n.info.key;
  return n.info.value.end > n.info.value.start ? n.info.value : (n.info.key ?? n.info.value);
}

// --- variables ---------------------------------------------------------------------------------

/**
 * Visits the strings that hold a `$`; a string's pointer is made only for those (a large file has
 * tens of thousands of strings), and mappings and lists known to hold none are not entered.
 */
function walkDollarStrings(data: object, ptr: string, withDollars: Set<object>, visit: (ptr: string, value: string) => void): void {
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const v: unknown = data[i];
      if (typeof v === 'string') { if (v.includes('$')) visit(`${ptr}/${i}`, v); }
      else if (typeof v === 'object' && v !== null && withDollars.has(v)) walkDollarStrings(v, `${ptr}/${i}`, withDollars, visit);
    }
  } else {
    const record = data as Record<string, unknown>;
    for (const k in record) {
      const v = record[k];
      if (typeof v === 'string') { if (v.includes('$')) visit(`${ptr}/${escapePointer(k)}`, v); }
      else if (typeof v === 'object' && v !== null && withDollars.has(v)) walkDollarStrings(v, `${ptr}/${escapePointer(k)}`, withDollars, visit);
    }
  }
}

/** Where a piece (start…end) of a string's value sits in the text (exact for plain and single-quoted scalars). */
function placeInValue(ctx: Ctx, ptr: string, node: NodeInfo, value: string, start: number, end: number): Span {
  if (node.borrowed) return node.value;
  const src = scalarText(ctx.tree, ptr);
  if (src && src.plainText && src.text === value) return { start: src.start + start, end: src.start + end };
  if (src) {
    const piece = value.slice(start, end);
    const i = src.text.indexOf(piece);
    if (i >= 0) return { start: src.start + i, end: src.start + i + piece.length };
  }
  return node.value;
}

function checkVariables(ctx: Ctx): void {
  const reported = new Set<string>();
  const data = ctx.tree.data;
  if (typeof data !== 'object' || data === null || !ctx.tree.withDollars.has(data)) return;
  // A value written many times (${TAG} in every service) is scanned and interpolated once.
  const outcomes = new Map<string, { scan: ScanResult; resolution?: Resolution }>();
  const outcomeOf = (value: string) => {
    let o = outcomes.get(value);
    if (!o) {
      const scan = scanVariables(value);
      // Interpolated only when it scans cleanly and names a variable.
      o = { scan, resolution: scan.errors.length || !scan.refs.length ? undefined : interpolateRefs(value, scan.refs, ctx.variables) };
      outcomes.set(value, o);
    }
    return o;
  };
  walkDollarStrings(data, '', ctx.tree.withDollars, (ptr, value) => {
    const { scan, resolution: r } = outcomeOf(value);
    if (scan.errors.length) {
      // Every value of the data has its place (looked up only for what is reported).
      const node = ctx.tree.nodes.get(ptr)!;
      for (const e of scan.errors) ctx.add(placeInValue(ctx, ptr, node, value, e.start, e.end), 'error', 'interpolation', e.message);
      ctx.interpolated.set(ptr, undefined);
      return;
    }
    if (!r) { ctx.interpolated.set(ptr, value.replace(/\$\$/g, '$')); return; }
    ctx.interpolated.set(ptr, r.unset.length || r.required.length ? undefined : r.value);
    if (!r.unset.length && !r.required.length) return;
    const node = ctx.tree.nodes.get(ptr)!;
    // Each place is reported; a borrowed (anchor) place only once.
    for (const u of r.unset) {
      const span = placeInValue(ctx, ptr, node, value, u.start, u.end);
      const key = `${span.start}:${u.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      ctx.add(span, 'warning', 'unset-variable', l10n.t('The "{0}" variable is not set (in the environment or .env): it will be a blank string. Set it, or give a default with {1}.', u.name, `\${${u.name}:-default}`));
    }
    for (const q of r.required) {
      const span = placeInValue(ctx, ptr, node, value, q.ref.start, q.ref.end);
      ctx.add(span, 'error', 'required-variable', l10n.t('"{0}" must be set{1} (compose stops here while it is {2}).', q.ref.name, q.message ? `: ${q.message}` : '', q.ref.operator === ':?' ? l10n.t('unset or empty') : l10n.t('unset')));
    }
  });
}

// --- schema ------------------------------------------------------------------------------------

function checkSchema(ctx: Ctx): void {
  for (const p of schemaProblems(ctx.tree.data)) {
    // A value written with variables gets its type only after interpolation (compose casts it).
    if ((p.keyword === 'type' || p.keyword === 'pattern' || p.keyword === 'enum') && ctx.interpolated.has(p.ptr)) continue;
    if (p.keyword === 'additionalProperties' && p.ptr === '/version') continue;
    const span = spanOf(ctx, p.ptr, p.onKey);
    const fixes: Fix[] = [];
    if (p.keyword === 'additionalProperties' && p.property && p.allowed) {
      const best = closest(p.property, p.allowed);
      const n = ctx.tree.nodes.get(p.ptr);
      if (best && n?.key && !n.borrowed) fixes.push({ title: l10n.t('Change to "{0}"', best), edits: [{ ...n.key, newText: best }], preferred: true });
    }
    ctx.add(span, 'error', 'schema', p.message, fixes);
  }
}

function checkVersion(ctx: Ctx): void {
  const n = ctx.tree.nodes.get('/version');
  if (!n?.key) return;
  const text = ctx.tree.text;
  let lineStart = text.lastIndexOf('\n', n.key.start - 1) + 1;
  let lineEnd = text.indexOf('\n', n.value.end);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  if (text.slice(lineStart, n.key.start).trim()) lineStart = n.key.start;
  ctx.add({ start: n.key.start, end: n.value.end }, 'warning', 'obsolete-version', l10n.t('The "version" attribute is obsolete: compose ignores it. Remove it.'),
    [{ title: l10n.t('Remove "version"'), edits: [{ start: lineStart, end: lineEnd, newText: '' }], preferred: true }], { unnecessary: true });
}

// --- references --------------------------------------------------------------------------------

function checkReferences(ctx: Ctx): void {
  const { model } = ctx;
  const root = ctx.tree.data as Record<string, unknown>;
  const elsewhere = new Map<RefKind, Set<string>>();
  for (const text of ctx.opts.related ?? []) {
    for (const [kind, defs] of buildModel(adoptTopLevelServices(parseCompose(text)).tree).definitions) {
      const set = elsewhere.get(kind) ?? new Set<string>();
      for (const n of defs.keys()) set.add(n);
      elsewhere.set(kind, set);
    }
  }
  for (const r of model.references) {
    const defs = model.definitions.get(r.kind)!;
    if (elsewhere.get(r.kind)?.has(r.name)) continue;
    if (r.kind === 'service' && r.name === r.from && /\/(depends_on|links)\//.test(r.ptr)) {
      ctx.add(r.span, 'error', 'self-dependency', l10n.t('Service "{0}" cannot depend on itself.', r.from));
      continue;
    }
    if (defs.has(r.name)) continue;
    if (r.name.includes('$')) continue;
    if (r.kind === 'network' && r.name === 'default') continue;
    if (r.soft) continue; // volumes_from without service: may name a container
    const section = SECTIONS[r.kind];
    const fixes: Fix[] = [];
    const best = closest(r.name, [...defs.keys()]);
    if (best) fixes.push({ title: l10n.t('Change to "{0}"', best), edits: [{ ...r.span, newText: best }], preferred: true });
    const define = defineFix(ctx, r.kind, r.name);
    if (define) fixes.push(define);
    const where = r.kind === 'service' ? '' : isRecord(root[section]) ? l10n.t(' under "{0}:"', section) : l10n.t(' (this file has no top-level "{0}:")', section);
    ctx.add(r.span, 'error', `undefined-${r.kind}`, l10n.t('{0} "{1}" is not defined{2}.', cap(r.kind), r.name, where), fixes);
  }
}

/** depends_on cycles: compose refuses them ("dependency cycle detected"). Reported once per cycle, on the edge that closes it. */
function checkCycles(ctx: Ctx): void {
  const edges = new Map<string, { to: string; ref: Reference }[]>();
  for (const r of ctx.model.references) {
    if (r.kind !== 'service' || !r.ptr.includes('/depends_on/') || r.name === r.from || !ctx.model.services[r.name]) continue;
    const l = edges.get(r.from) ?? [];
    l.push({ to: r.name, ref: r });
    edges.set(r.from, l);
  }
  const state = new Map<string, 1 | 2>(); // 1: on the path, 2: done
  const path: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    path.push(n);
    for (const e of edges.get(n) ?? []) {
      const s = state.get(e.to);
      if (s === 1) {
        const cycle = [...path.slice(path.indexOf(e.to)), e.to];
        ctx.add(e.ref.span, 'error', 'dependency-cycle', l10n.t('depends_on makes a cycle: {0}. Compose cannot start these services.', cycle.join(' → ')));
      } else if (!s) visit(e.to);
    }
    path.pop();
    state.set(n, 2);
  };
  for (const n of Object.keys(ctx.model.services)) if (!state.has(n)) visit(n);
}

function cap(s: string): string { return s[0].toUpperCase() + s.slice(1); }

/** Adds `name: {}` (networks, volumes) to its top-level section, making the section when needed. */
function defineFix(ctx: Ctx, kind: RefKind, name: string): Fix | undefined {
  if (kind !== 'network' && kind !== 'volume') return undefined;
  const section = SECTIONS[kind];
  const text = ctx.tree.text;
  const sec = ctx.tree.nodes.get(`/${section}`);
  const root = ctx.tree.data as Record<string, unknown>;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const key = /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
  let edit: Edit;
  if (!sec) {
    const needsNl = text.length > 0 && !text.endsWith('\n');
    edit = { start: text.length, end: text.length, newText: `${needsNl ? eol : ''}${eol}${section}:${eol}  ${key}: {}${eol}` };
  } else if (isRecord(root[section]) && Object.keys(root[section] as object).length) {
    if (text[sec.value.start] === '{') return undefined;
    const first = ctx.tree.nodes.get(`/${section}/${escapePointer(Object.keys(root[section] as object)[0])}`);
    if (!first?.key) return undefined;
    const indent = first.key.start - (text.lastIndexOf('\n', first.key.start - 1) + 1);
    let end = sec.value.end;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    edit = { start: end, end, newText: `${eol}${' '.repeat(indent)}${key}: {}` };
  } else if (root[section] === null) {
    edit = { start: sec.value.start, end: sec.value.end, newText: `${eol}  ${key}: {}` };
  } else return undefined;
  return { title: l10n.t('Define {0} "{1}" under "{2}:"', kind, name, section), edits: [edit] };
}

// --- ports and durations -----------------------------------------------------------------------

const DURATION_FIELDS: string[][] = [
  ['healthcheck', 'interval'], ['healthcheck', 'timeout'], ['healthcheck', 'start_period'], ['healthcheck', 'start_interval'],
  ['stop_grace_period'],
  ['deploy', 'restart_policy', 'delay'], ['deploy', 'restart_policy', 'window'],
  ['deploy', 'update_config', 'delay'], ['deploy', 'update_config', 'monitor'],
  ['deploy', 'rollback_config', 'delay'], ['deploy', 'rollback_config', 'monitor'],
];

function getPath(v: unknown, segs: string[]): unknown {
  let cur = v;
  for (const s of segs) { if (!isRecord(cur)) return undefined; cur = cur[s]; }
  return cur;
}

function checkPortsAndDurations(ctx: Ctx): void {
  const published: { svc: string; profiles: string[]; spec: PortSpec; ptr: string }[] = [];
  for (const [name, svc] of Object.entries(ctx.model.services)) {
    const base = `/services/${escapePointer(name)}`;
    const profiles = Array.isArray(svc.profiles) ? svc.profiles.map(String) : [];
    const ports = svc.ports;
    if (Array.isArray(ports)) {
      const written = new Set<string>();
      for (let i = 0; i < ports.length; i++) {
        const p: unknown = ports[i];
        const ptr = `${base}/ports/${i}`;
        // The same item written twice is the schema's "lists the same item twice", said once.
        const same = JSON.stringify(p);
        if (written.has(same)) continue;
        written.add(same);
        let spec: PortSpec | string | undefined;
        if (typeof p === 'number') spec = parsePortShort(String(p));
        else if (typeof p === 'string') {
          const v = resolved(ctx, ptr, p);
          if (v === undefined) continue;
          spec = parsePortShort(v);
        } else if (isRecord(p)) {
          if (JSON.stringify(p).includes('$')) continue;
          spec = parsePortLong(p);
        }
        if (typeof spec === 'string') ctx.add(spanOf(ctx, ptr), 'error', 'port', spec);
        else if (spec?.published) published.push({ svc: name, profiles, spec, ptr });
      }
    }
    const expose = svc.expose;
    if (Array.isArray(expose)) {
      for (let i = 0; i < expose.length; i++) {
        const e: unknown = expose[i];
        if (typeof e !== 'string' && typeof e !== 'number') continue;
        const ptr = `${base}/expose/${i}`;
        const v = typeof e === 'number' ? String(e) : resolved(ctx, ptr, e);
        if (v === undefined) continue;
        const err = checkExpose(v);
        if (err) ctx.add(spanOf(ctx, ptr), 'error', 'port', err);
      }
    }
    for (const segs of DURATION_FIELDS) {
      const v = getPath(svc, segs);
      if (typeof v !== 'string') continue;
      const ptr = `${base}/${segs.join('/')}`;
      const r = resolved(ctx, ptr, v);
      if (r === undefined) continue;
      const err = checkDuration(r);
      if (!err) continue;
      // A bare number: the fix adds the seconds unit (what was almost always meant).
      const fixes: Fix[] = [];
      const src = scalarText(ctx.tree, ptr);
      if (/^\d+(\.\d+)?$/.test(v) && src && src.text === v && !ctx.tree.nodes.get(ptr)?.borrowed) {
        fixes.push({ title: l10n.t('Write {0}s', v), edits: [{ start: src.start, end: src.start + v.length, newText: `${v}s` }], preferred: true });
      }
      ctx.add(spanOf(ctx, ptr), 'error', 'duration', `${segs[segs.length - 1]}: ${err}`, fixes);
    }
  }
  // The same host port twice: the second container fails to start ("port is already allocated").
  // Keyed by protocol and port; a wildcard address clashes with every address.
  const seen = new Map<string, (typeof published)[number][]>();
  for (const p of published) {
    const { start, end } = p.spec.published!;
    if (end - start > 1000) continue;
    const ip = p.spec.hostIp ?? '';
    for (let port = start; port <= end; port++) {
      const key = `${p.spec.protocol}/${port}`;
      const before = seen.get(key) ?? [];
      const clash = before.find((o) => {
        const oip = o.spec.hostIp ?? '';
        if (oip !== ip && oip !== '' && ip !== '' && oip !== '0.0.0.0' && ip !== '0.0.0.0') return false;
        return sharesProfile(o.profiles, p.profiles);
      });
      if (clash) {
        const who = clash.svc === p.svc ? `service "${p.svc}" already` : `service "${clash.svc}"`;
        ctx.add(spanOf(ctx, p.ptr), 'error', 'duplicate-port', l10n.t('Host port {0}/{1} is published twice: {2} publishes it. The second container would fail to start (port is already allocated).', port, p.spec.protocol, who));
        break;
      }
      before.push(p);
      seen.set(key, before);
    }
  }
}

function sharesProfile(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((x) => b.includes(x));
}

// --- files -------------------------------------------------------------------------------------

/** Relative paths are the project's; absolute ones name places on the engine's machine, which may be another. */
function isRelative(p: string): boolean {
  return p.startsWith('./') || p.startsWith('../') || p === '.' || p === '..' || p.startsWith('.\\') || p.startsWith('..\\');
}

function isRemote(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@') || p.startsWith('github.com/');
}

function checkPaths(ctx: Ctx, fs: FileSystemView, dir: string): void {
  const stats = new Map<string, 'file' | 'dir' | undefined>();
  const stat = (p: string) => {
    if (!stats.has(p)) stats.set(p, fs.stat(p));
    return stats.get(p);
  };
  const abs = (p: string, from = dir): string | undefined => {
    if (p.startsWith('~')) return ctx.opts.home ? path.join(ctx.opts.home, p.slice(1)) : undefined;
    return path.resolve(from, p);
  };
  /** Reports a missing file or folder; returns its absolute path when it exists. */
  const need = (ptr: string, raw: string, what: string, kind: 'file' | 'dir' | 'any', severity: Severity = 'error', from = dir, hint = ''): string | undefined => {
    const v = resolved(ctx, ptr, raw);
    if (v === undefined || !v || isRemote(v)) return undefined;
    const p = abs(v, from);
    if (!p) return undefined;
    const s = stat(p);
    if (!s) { ctx.add(spanOf(ctx, ptr), severity, 'missing-path', l10n.t('{0} "{1}" does not exist{2}.{3}', what, v, from !== dir ? ` (in ${path.relative(dir, from) || '.'})` : '', hint)); return undefined; }
    if (kind !== 'any' && s !== kind) { ctx.add(spanOf(ctx, ptr), severity, 'missing-path', s === 'dir' ? l10n.t('{0} "{1}" is a folder, not a file.', what, v) : l10n.t('{0} "{1}" is a file, not a folder.', what, v)); return undefined; }
    return p;
  };

  for (const [name, svc] of Object.entries(ctx.model.services)) {
    const base = `/services/${escapePointer(name)}`;
    // build
    const build = svc.build;
    let context: string | undefined;
    let contextPtr: string | undefined;
    if (typeof build === 'string') { context = build; contextPtr = `${base}/build`; }
    else if (isRecord(build)) { context = typeof build.context === 'string' ? build.context : '.'; contextPtr = typeof build.context === 'string' ? `${base}/build/context` : undefined; }
    if (context !== undefined) {
      const ctxDir = contextPtr ? need(contextPtr, context, l10n.t('The build context'), 'dir') : dir;
      if (ctxDir && isRecord(build) && typeof build.dockerfile === 'string' && build.dockerfile_inline === undefined) {
        need(`${base}/build/dockerfile`, build.dockerfile, l10n.t('The Dockerfile'), 'file', 'error', ctxDir);
      } else if (ctxDir && !(isRecord(build) && (build.dockerfile !== undefined || build.dockerfile_inline !== undefined))) {
        if (stat(path.join(ctxDir, 'Dockerfile')) !== 'file' && stat(path.join(ctxDir, 'Containerfile')) !== 'file' && contextPtr) {
          ctx.add(spanOf(ctx, contextPtr), 'error', 'missing-path', l10n.t('The build context "{0}" has no Dockerfile (set build.dockerfile if it has another name).', context));
        }
      }
    }
    // env_file
    const ef = svc.env_file;
    const envFiles: [string, unknown, boolean][] = typeof ef === 'string' ? [[`${base}/env_file`, ef, true]]
      : Array.isArray(ef) ? ef.map((x, i) => isRecord(x) ? [`${base}/env_file/${i}/path`, x.path, x.required !== false] : [`${base}/env_file/${i}`, x, true]) : [];
    for (const [ptr, p, required] of envFiles) if (typeof p === 'string' && required) need(ptr, p, l10n.t('The env_file'), 'file', 'error', dir, l10n.t(' Create it, or mark it `required: false`.'));
    // label_file
    const lf = svc.label_file;
    const labelFiles = typeof lf === 'string' ? [lf] : Array.isArray(lf) ? lf : [];
    labelFiles.forEach((p, i) => { if (typeof p === 'string') need(typeof lf === 'string' ? `${base}/label_file` : `${base}/label_file/${i}`, p, l10n.t('The label_file'), 'file'); });
    // extends.file
    const ext = svc.extends;
    if (isRecord(ext) && typeof ext.file === 'string') need(`${base}/extends/file`, ext.file, l10n.t('The extended file'), 'file');
    // bind mounts
    const vols = svc.volumes;
    if (Array.isArray(vols)) {
      vols.forEach((v, i) => {
        const ptr = `${base}/volumes/${i}`;
        if (typeof v === 'string') {
          const r = resolved(ctx, ptr, v);
          if (r === undefined) return;
          const parts = splitVolumeSpec(r);
          if (parts.length < 2 || !isPathSource(parts[0]) || !isRelative(parts[0])) return;
          const p = abs(parts[0]);
          if (p && !stat(p)) {
            const n = ctx.tree.nodes.get(ptr);
            const sp = n && !r.includes('$') && v === r ? spanOfPart(ctx, ptr, parts[0]) : spanOf(ctx, ptr);
            // A missing folder is mostly data the container writes (./data): the engine makes it, a hint at most.
            // A missing file becomes a folder of that name, where the container expects a file.
            if (looksLikeFile(parts[0]) || looksLikeFile(parts[1])) {
              ctx.add(sp, 'warning', 'missing-path', l10n.t('The bind source "{0}" does not exist: the engine will create an empty folder by that name, and the container will find a folder where it expects a file.', parts[0]));
            } else {
              ctx.add(sp, 'hint', 'missing-path', l10n.t('The bind source "{0}" does not exist: the engine will create an empty folder there, owned by root.', parts[0]));
            }
          }
        } else if (isRecord(v) && v.type === 'bind' && typeof v.source === 'string' && isRelative(v.source)) {
          const create = isRecord(v.bind) && v.bind.create_host_path === true;
          if (!create) need(`${ptr}/source`, v.source, l10n.t('The bind source'), 'any', 'error', dir, l10n.t(' (Or set bind.create_host_path: true.)'));
        }
      });
    }
  }
  // secrets / configs from files
  const root = ctx.tree.data as Record<string, unknown>;
  for (const section of ['secrets', 'configs']) {
    const sec = root[section];
    if (!isRecord(sec)) continue;
    for (const [name, def] of Object.entries(sec)) {
      if (isRecord(def) && typeof def.file === 'string') need(`/${section}/${escapePointer(name)}/file`, def.file, l10n.t('The {0} file', section.slice(0, -1)), 'any');
    }
  }
  // include
  const inc = root.include;
  if (Array.isArray(inc)) {
    inc.forEach((x, i) => {
      if (typeof x === 'string') need(`/include/${i}`, x, l10n.t('The included file'), 'file');
      else if (isRecord(x)) {
        const p = x.path;
        if (typeof p === 'string') need(`/include/${i}/path`, p, l10n.t('The included file'), 'file');
        else if (Array.isArray(p)) p.forEach((q, j) => { if (typeof q === 'string') need(`/include/${i}/path/${j}`, q, l10n.t('The included file'), 'file'); });
      }
    });
  }
}

/** A path whose last part has an extension (nginx.conf, .env.local, app.py): a file, not a data folder. */
export function looksLikeFile(p: string): boolean {
  const base = p.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  // conf.d and .git are folders; example.com names a site (a folder of it, e.g. under /etc/letsencrypt/live).
  return /^.*[^.]\.[a-zA-Z][a-zA-Z0-9]{0,7}$/.test(base) && !/\.(d|git|com|org|net|io)$/i.test(base);
}

function spanOfPart(ctx: Ctx, ptr: string, part: string): Span {
  const s = scalarText(ctx.tree, ptr);
  const n = ctx.tree.nodes.get(ptr)!;
  if (s && s.plainText && !n.borrowed && s.text.startsWith(part)) return { start: s.start, end: s.start + part.length };
  return n.value;
}
