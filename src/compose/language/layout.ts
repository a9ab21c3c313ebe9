// The old compose layout (version 1): services written at the top level, with no `services:`.
// Compose no longer reads it; we say so once, offer to move them under `services:`, and analyse
// them as the services they are (so a typo inside one is still found). Pure (no vscode).
import { allowedProperties } from './schema';
import { ComposeTree, escapePointer, isRecord, Span } from './tree';
import { Fix } from './types';
import { l10n } from '../../shared/l10n';

let topLevel: Set<string> | undefined;
let serviceKeys: Set<string> | undefined;

/** Top-level entries that are not compose sections but mappings of service attributes (`image:`, `build:` …). */
export function topLevelServices(tree: ComposeTree): string[] {
  if (!isRecord(tree.data)) return [];
  topLevel ??= new Set(allowedProperties([]));
  serviceKeys ??= new Set(allowedProperties(['services', 'x']));
  const out: string[] = [];
  for (const [name, value] of Object.entries(tree.data)) {
    if (topLevel.has(name) || name.startsWith('x-') || !isRecord(value)) continue;
    const keys = Object.keys(value);
    const known = keys.filter((k) => serviceKeys!.has(k)).length;
    // Mostly service attributes: a typo or two inside (`restsart`) does not hide it.
    if (known > 0 && known * 2 >= keys.length) out.push(name);
  }
  return out;
}

/** The tree as compose would read it once its top-level services are under `services:`, and their names. */
export function adoptTopLevelServices(tree: ComposeTree): { tree: ComposeTree; names: string[] } {
  const names = topLevelServices(tree);
  return { tree: names.length ? asServices(tree, names) : tree, names };
}

/** The tree with those entries moved under `services` (data and spans), as compose would read the fixed file. */
export function asServices(tree: ComposeTree, names: string[]): ComposeTree {
  const root = tree.data as Record<string, unknown>;
  const existing = isRecord(root.services) ? root.services : {};
  const moved = names.filter((n) => !(n in existing));
  const services: Record<string, unknown> = { ...existing };
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) if (!names.includes(k)) data[k] = v;
  for (const n of moved) services[n] = root[n];
  data.services = services;
  const prefixes = moved.map((n) => `/${escapePointer(n)}`);
  const nodes = new Map(tree.nodes);
  for (const [ptr, info] of tree.nodes) {
    const p = prefixes.find((x) => ptr === x || ptr.startsWith(`${x}/`));
    if (!p) continue;
    nodes.delete(ptr);
    nodes.set(`/services${ptr}`, info);
  }
  // The two new containers may hold variables (the set only grows: an extra entry costs a look, no more).
  tree.withDollars.add(data);
  tree.withDollars.add(services);
  return { ...tree, data, nodes };
}

/** The one diagnostic's place (the first such entry's key) and its quick fix. */
export function topLevelServicesFix(tree: ComposeTree, names: string[]): { span: Span; fix?: Fix } {
  const text = tree.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  // Each top-level entry's lines: from its key's line to the next entry's key line.
  const entries = Object.keys(tree.data as object)
    .map((name) => ({ name, key: tree.nodes.get(`/${escapePointer(name)}`)?.key }))
    .filter((e): e is { name: string; key: Span } => !!e.key)
    .sort((a, b) => a.key.start - b.key.start);
  const blocks = entries.map((e, i) => ({ name: e.name, start: lineStart(e.key.start), end: i + 1 < entries.length ? lineStart(entries[i + 1].key.start) : text.length, key: e.key }));
  const moving = blocks.filter((b) => names.includes(b.name));
  const span = moving[0]?.key ?? { start: 0, end: 1 };
  // Keys written at column 0 only (the fix re-indents whole lines).
  if (!moving.length || moving.some((b) => b.key.start !== b.start)) return { span };
  const indented = (indent: number) => moving.map((b) => {
    const body = text.slice(b.start, b.end);
    const withEnd = /\n$/.test(body) ? body : `${body}${eol}`;
    return withEnd.replace(/^(?=[^\r\n])/gm, ' '.repeat(indent));
  }).join('');

  const root = tree.data as Record<string, unknown>;
  const title = l10n.t('Move them under "services:"');
  let sec: (typeof blocks)[number] | undefined;
  let indent = 2;
  if ('services' in root) {
    // Into the services: section there is (a block mapping), after its last service.
    sec = blocks.find((b) => b.name === 'services');
    const svcs = root.services;
    if (!sec || (svcs !== null && !isRecord(svcs))) return { span };
    const present = isRecord(svcs) ? Object.keys(svcs) : [];
    if (names.some((n) => present.includes(n))) return { span };
    if (present.length) {
      const first = tree.nodes.get(`/services/${escapePointer(present[0])}`)?.key;
      if (!first || text[tree.nodes.get('/services')!.value.start] === '{') return { span };
      indent = first.start - lineStart(first.start);
    }
  }
  // One edit over the lines from the first to the last block concerned; the others in between stay.
  const concerned = sec ? [...moving, sec] : moving;
  const from = Math.min(...concerned.map((b) => b.start));
  const to = Math.max(...concerned.map((b) => b.end));
  let out = '';
  for (const b of blocks) {
    if (b.end <= from || b.start >= to) continue;
    const body = text.slice(b.start, b.end);
    if (b === sec) out += `${/\n$/.test(body) ? body : `${body}${eol}`}${indented(indent)}`;
    else if (b === moving[0] && !sec) out += `services:${eol}${indented(2)}`;
    else if (!moving.includes(b)) out += body;
  }
  return { span, fix: { title, edits: [{ start: from, end: to, newText: out }], preferred: true } };
}
