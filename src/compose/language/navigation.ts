// Go to definition, find references, rename and the outline for compose files. Pure.
import { ComposeModel, Definition, RefKind, SECTIONS, symbolAt } from './model';
import { ComposeTree, escapePointer, isRecord, Span } from './tree';
import { Edit } from './types';

export function definitionAt(model: ComposeModel, offset: number): Definition | undefined {
  const s = symbolAt(model, offset);
  if (!s) return undefined;
  return model.definitions.get(s.kind)?.get(s.name);
}

/** Every place naming the symbol under the offset (the definition first when asked for). */
export function referencesAt(model: ComposeModel, offset: number, includeDefinition = true): Span[] {
  const s = symbolAt(model, offset);
  if (!s) return [];
  const out: Span[] = [];
  const def = model.definitions.get(s.kind)?.get(s.name);
  if (def && includeDefinition) out.push(def.key);
  for (const r of model.references) if (r.kind === s.kind && r.name === s.name) out.push(r.span);
  return out;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export interface RenameTarget { kind: RefKind; name: string; span: Span }

/** What can be renamed at the offset: services, networks, volumes, secrets, configs defined in this file. */
export function renameTargetAt(model: ComposeModel, offset: number): RenameTarget | string {
  const s = symbolAt(model, offset);
  if (!s) return 'Put the cursor on a service, network, volume, secret or config name.';
  if (!model.definitions.get(s.kind)?.has(s.name)) return `${s.kind} "${s.name}" is not defined in this file.`;
  return s;
}

export function renameEdits(model: ComposeModel, tree: ComposeTree, offset: number, newName: string): Edit[] | string {
  const t = renameTargetAt(model, offset);
  if (typeof t === 'string') return t;
  if (!NAME.test(newName)) return `"${newName}" is not a valid ${t.kind} name (letters, digits, _ . -; starting with a letter or digit).`;
  if (model.definitions.get(t.kind)?.has(newName)) return `A ${t.kind} named "${newName}" already exists.`;
  const edits: Edit[] = [];
  const def = model.definitions.get(t.kind)!.get(t.name)!;
  const seen = new Set<number>();
  const push = (sp: Span) => {
    if (seen.has(sp.start)) return;
    // Only where the text really is the name (not an alias or a quoted escape).
    if (tree.text.slice(sp.start, sp.end) !== t.name && tree.text.slice(sp.start + 1, sp.end - 1) !== t.name) return;
    seen.add(sp.start);
    const quoted = tree.text.slice(sp.start, sp.end) !== t.name;
    edits.push(quoted ? { start: sp.start + 1, end: sp.end - 1, newText: newName } : { ...sp, newText: newName });
  };
  push(def.key);
  for (const r of model.references) if (r.kind === t.kind && r.name === t.name) push(r.span);
  return edits.sort((a, b) => a.start - b.start);
}

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'section' | RefKind | 'property';
  range: Span;
  selection: Span;
  children: OutlineSymbol[];
}

/** Top-level sections with their entries; each service with its image/build. */
export function outline(tree: ComposeTree): OutlineSymbol[] {
  const root = tree.data;
  if (!isRecord(root)) return [];
  const out: OutlineSymbol[] = [];
  const kinds = Object.fromEntries(Object.entries(SECTIONS).map(([k, v]) => [v, k as RefKind]));
  for (const [key, value] of Object.entries(root)) {
    const ptr = `/${escapePointer(key)}`;
    const n = tree.nodes.get(ptr);
    if (!n?.key) continue;
    const sym: OutlineSymbol = { name: key, detail: '', kind: kinds[key] ? 'section' : 'property', range: { start: n.key.start, end: Math.max(n.value.end, n.key.end) }, selection: n.key, children: [] };
    if (kinds[key] && isRecord(value)) {
      for (const [name, def] of Object.entries(value)) {
        const c = tree.nodes.get(`${ptr}/${escapePointer(name)}`);
        if (!c?.key) continue;
        let detail = '';
        if (isRecord(def)) {
          if (typeof def.image === 'string') detail = def.image;
          else if (typeof def.build === 'string') detail = `build ${def.build}`;
          else if (isRecord(def.build)) detail = `build ${typeof def.build.context === 'string' ? def.build.context : '.'}`;
          else if (typeof def.driver === 'string') detail = def.driver;
          else if (def.external === true) detail = 'external';
          else if (typeof def.file === 'string') detail = def.file;
        }
        sym.children.push({ name, detail, kind: kinds[key], range: { start: c.key.start, end: Math.max(c.value.end, c.key.end) }, selection: c.key, children: [] });
      }
      sym.detail = `${sym.children.length}`;
    }
    out.push(sym);
  }
  return out;
}
