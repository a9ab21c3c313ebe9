// The Compose Specification JSON schema: validation with ajv, errors turned into one readable
// message per real problem (oneOf branches pruned to the one that fits the value's type), and
// walking the schema by path for completion and hover. Pure (no vscode).
import type { ErrorObject } from 'ajv';
import composeSpec from './schema/compose-spec.json';
// Compiled ahead of time by ajv (JSON Schema 2020-12) from compose-spec.json: scripts/compose-schema.mjs.
import validate from './schema/validate.generated';
import { escapePointer, splitPointer } from './tree';
import { l10n } from '../../shared/l10n';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  required?: string[];
  deprecated?: boolean;
  default?: unknown;
  pattern?: string;
};

export const COMPOSE_SCHEMA = composeSpec as unknown as JsonSchema & { $defs: Record<string, JsonSchema> };

export interface SchemaProblem {
  /** Instance pointer the problem is about. */
  ptr: string;
  /** Whether the key (not the value) should be marked. */
  onKey: boolean;
  message: string;
  keyword: string;
  /** For additionalProperties: the property that is not allowed, and what is allowed there. */
  property?: string;
  allowed?: string[];
}

/** Validates and returns one problem per real mistake. */
export function schemaProblems(data: unknown): SchemaProblem[] {
  if (validate(data)) return [];
  return shapeErrors(validate.errors ?? [], data);
}

type Err = ErrorObject;

function isCombinator(e: Err): boolean {
  return (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !(e.params as { passingSchemas?: unknown }).passingSchemas;
}

function under(path: string, p: string): boolean {
  return path === p || path.startsWith(`${p}/`);
}

export function shapeErrors(errors: Err[], data: unknown): SchemaProblem[] {
  // Each failing oneOf/anyOf comes after its branches' errors, which sit just before it and are
  // about the same value or values inside it. The innermost combinator owns an error.
  const owner = new Array<number>(errors.length).fill(-1);
  for (let k = 0; k < errors.length; k++) {
    if (!isCombinator(errors[k])) continue;
    const p = errors[k].instancePath;
    for (let i = k - 1; i >= 0 && under(errors[i].instancePath, p); i--) {
      if (owner[i] === -1) owner[i] = k;
    }
  }
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (let i = 0; i < errors.length; i++) {
    if (owner[i] === -1) roots.push(i);
    else { const c = children.get(owner[i]) ?? []; c.push(i); children.set(owner[i], c); }
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (p: SchemaProblem) => {
    const key = `${p.ptr}|${p.message}`;
    if (!seen.has(key)) { seen.add(key); out.push(p); }
  };
  /** Problems of error i; or, when it is only "the value has the wrong type", the types wanted. */
  const render = (i: number): { problems: SchemaProblem[]; types?: string[] } => {
    const e = errors[i];
    if (!isCombinator(e)) {
      if (e.keyword === 'type') return { problems: [], types: typesOf(e) };
      if (e.keyword === 'uniqueItems') return { problems: duplicateItems(e.instancePath, data) };
      return { problems: [plain(e, data)] };
    }
    const kids = children.get(i) ?? [];
    const types: string[] = [];
    const problems: SchemaProblem[] = [];
    for (const c of kids) {
      const ce = errors[c];
      const r = render(c);
      if (r.types && ce.instancePath === e.instancePath) types.push(...r.types);
      else if (r.types) problems.push(typeProblem(ce.instancePath, r.types, data));
      else problems.push(...r.problems);
    }
    if (problems.length) return { problems };
    if (types.length) return { problems: [], types: [...new Set(types)] };
    return { problems: [{ ptr: e.instancePath, onKey: false, keyword: e.keyword, message: l10n.t('This value does not match what the Compose Specification allows here.') }] };
  };
  for (const i of roots) {
    const r = render(i);
    if (r.types) push(typeProblem(errors[i].instancePath, r.types, data));
    for (const p of r.problems) push(p);
  }
  return out;
}

/** Canonical text of a value: equal values (as JSON, whatever the key order) give the same text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** ajv names one pair of equal items in a list; every later copy is a problem of its own, on its own line. */
function duplicateItems(ptr: string, data: unknown): SchemaProblem[] {
  const list = valueAt(data, ptr);
  if (!Array.isArray(list)) return [];
  const first = new Map<string, number>();
  const out: SchemaProblem[] = [];
  list.forEach((item, i) => {
    const key = canonical(item);
    const j = first.get(key);
    if (j === undefined) { first.set(key, i); return; }
    out.push({ ptr: `${ptr}/${i}`, onKey: false, keyword: 'uniqueItems', message: l10n.t('{0} lists the same item twice: item {1} repeats item {2}.', label(ptr), i + 1, j + 1) });
  });
  return out;
}

function typesOf(e: Err): string[] {
  const t = (e.params as { type?: string | string[] }).type;
  return Array.isArray(t) ? t : t ? String(t).split(',') : [];
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'empty',
};

function describeTypes(types: string[]): string {
  const t = [...new Set(types)];
  if (t.includes('number') && t.includes('integer')) t.splice(t.indexOf('integer'), 1);
  const words = t.map((x) => TYPE_WORDS[x] ?? x);
  return words.length <= 1 ? words[0] ?? 'something else' : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function label(ptr: string): string {
  const segs = splitPointer(ptr);
  if (!segs.length) return 'The file';
  const last = segs[segs.length - 1];
  if (segs[0] === 'services' && segs.length === 2) return `Service "${last}"`;
  if (/^\d+$/.test(last) && segs.length > 1) return `Item ${Number(last) + 1} of "${segs[segs.length - 2]}"`;
  return `"${last}"`;
}

function typeName(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

function valueAt(data: unknown, ptr: string): unknown {
  let v = data;
  for (const s of splitPointer(ptr)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function typeProblem(ptr: string, types: string[], data: unknown): SchemaProblem {
  return { ptr, onKey: false, keyword: 'type', message: l10n.t('{0} must be {1}, not {2}.', label(ptr), describeTypes(types), typeName(valueAt(data, ptr))) };
}

function plain(e: Err, data: unknown): SchemaProblem {
  const p = e.params as Record<string, unknown>;
  const ptr = e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(p.additionalProperty);
      const allowed = allowedProperties(splitPointer(ptr));
      return {
        ptr: `${ptr}/${escapePointer(prop)}`, onKey: true, keyword: e.keyword, property: prop, allowed,
        message: l10n.t('{0} does not allow "{1}"{2}.', label(ptr) === 'The file' ? 'The top level' : label(ptr), prop, suggestion(prop, allowed)),
      };
    }
    case 'required':
      return { ptr, onKey: true, keyword: e.keyword, message: l10n.t('{0} needs "{1}".', label(ptr), String(p.missingProperty)) };
    case 'enum':
      return { ptr, onKey: false, keyword: e.keyword, message: l10n.t('{0} must be one of {1}.', label(ptr), (p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')) };
    case 'pattern':
      return { ptr, onKey: false, keyword: e.keyword, message: l10n.t('{0} {1} does not have the expected form ({2}).', label(ptr), JSON.stringify(valueAt(data, ptr)), String(p.pattern)) };
    case 'propertyNames':
      return { ptr, onKey: false, keyword: e.keyword, message: l10n.t('{0}: invalid name.', label(ptr)) };
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return { ptr, onKey: false, keyword: e.keyword, message: `${label(ptr)} ${e.message ?? ''}.` };
    case 'oneOf':
      return { ptr, onKey: false, keyword: e.keyword, message: l10n.t('{0} matches more than one form the Compose Specification allows.', label(ptr)) };
    default:
      return { ptr, onKey: false, keyword: e.keyword, message: `${label(ptr)} ${e.message ?? 'is not valid'}.` };
  }
}

function suggestion(prop: string, allowed: string[]): string {
  const best = closest(prop, allowed);
  return best ? ` (did you mean "${best}"?)` : '';
}

/**
 * The allowed name a typo most likely meant: one edit (a letter added, dropped, changed, or two
 * letters swapped) per five letters, at least one. `restsart` → restart, `contianer_name` →
 * container_name; but not `pre_start` → restart (two edits in nine letters: another word).
 */
export function closest(prop: string, allowed: string[]): string | undefined {
  const p = prop.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(prop.length / 5)) + 1;
  let bestPrefix = 0;
  for (const a of allowed) {
    const l = a.toLowerCase();
    const d = distance(p, l, best === undefined ? bestD : bestD + 1);
    // Between names as close, the one that starts the same way (`prestart` → pre_start, not restart).
    const prefix = commonPrefix(p, l);
    if (d < bestD || (d === bestD && best !== undefined && prefix > bestPrefix)) { bestD = d; best = a; bestPrefix = prefix; }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Edit distance with transpositions (optimal string alignment); `limit` or more when it is at least that. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------------------------
// Walking the schema by path (keys, and '#' or a number for list items).

function deref(s: JsonSchema | undefined, depth = 0): JsonSchema[] {
  if (!s || depth > 20) return [];
  let base: JsonSchema = s;
  if (s.$ref) {
    const target = COMPOSE_SCHEMA.$defs[s.$ref.replace('#/$defs/', '')];
    // Keep the referring schema's own description (it is usually the more specific one).
    base = { ...target, ...s, $ref: undefined, description: s.description ?? target?.description };
    if (target?.$ref) return deref(base, depth + 1);
  }
  const alts = [...(base.oneOf ?? []), ...(base.anyOf ?? []), ...(base.allOf ?? [])];
  if (!alts.length) return [base];
  const out: JsonSchema[] = [];
  const own = { ...base, oneOf: undefined, anyOf: undefined, allOf: undefined };
  if (own.type || own.properties || own.patternProperties) out.push(own);
  for (const a of alts) out.push(...deref({ ...a, description: a.description ?? base.description }, depth + 1));
  return out;
}

function child(s: JsonSchema, seg: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  if (/^(#|\d+)$/.test(seg) && s.items) {
    out.push(...deref(Array.isArray(s.items) ? s.items[0] : s.items));
    return out;
  }
  if (s.properties?.[seg]) return deref(s.properties[seg]);
  for (const [pat, sub] of Object.entries(s.patternProperties ?? {})) {
    if (new RegExp(pat).test(seg)) out.push(...deref(sub));
  }
  if (!out.length && typeof s.additionalProperties === 'object') out.push(...deref(s.additionalProperties));
  return out;
}

/** The schemas that may apply at a path (alternatives of oneOf flattened). */
export function schemasAt(path: readonly string[]): JsonSchema[] {
  let cur = deref(COMPOSE_SCHEMA);
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of cur) next.push(...child(s, seg));
    if (!next.length) return [];
    cur = next;
  }
  return cur;
}

/** The description of what sits at a path. */
export function describeAt(path: readonly string[]): string | undefined {
  if (!path.length) return COMPOSE_SCHEMA.description;
  const parent = schemasAt(path.slice(0, -1));
  const seg = path[path.length - 1];
  for (const p of parent) {
    const direct = p.properties?.[seg];
    if (direct) {
      const d = deref(direct);
      const desc = direct.description ?? d.find((x) => x.description)?.description;
      if (desc) return desc;
    }
  }
  return schemasAt(path).find((s) => s.description)?.description;
}

/** Property names a mapping at this path may have (for completion and "did you mean"). */
export function allowedProperties(path: readonly string[]): string[] {
  const names = new Set<string>();
  for (const s of schemasAt(path)) for (const k of Object.keys(s.properties ?? {})) names.add(k);
  return [...names];
}

export interface PropertyInfo { name: string; description?: string; types: string[]; deprecated: boolean; enumValues: unknown[] }

export function propertiesAt(path: readonly string[]): PropertyInfo[] {
  const out = new Map<string, PropertyInfo>();
  for (const s of schemasAt(path)) {
    if (!isObjectSchema(s)) continue;
    for (const [k, sub] of Object.entries(s.properties ?? {})) {
      if (out.has(k)) continue;
      const alts = deref(sub);
      out.set(k, {
        name: k,
        description: sub.description ?? alts.find((a) => a.description)?.description,
        types: [...new Set(alts.flatMap((a) => (Array.isArray(a.type) ? a.type : a.type ? [a.type] : [])))],
        deprecated: !!sub.deprecated,
        enumValues: alts.flatMap((a) => a.enum ?? []),
      });
    }
  }
  return [...out.values()];
}

function isObjectSchema(s: JsonSchema): boolean {
  return s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || (!s.type && !!s.properties);
}

/** Whether a list is allowed at the path, and whether a mapping is. */
export function shapesAt(path: readonly string[]): { list: boolean; map: boolean; scalar: boolean } {
  const r = { list: false, map: false, scalar: false };
  for (const s of schemasAt(path)) {
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes('array')) r.list = true;
    if (types.includes('object') || (!types.length && s.properties)) r.map = true;
    if (types.some((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean')) r.scalar = true;
  }
  return r;
}

/** Values the schema lists for a path (enum, booleans). */
export function valuesAt(path: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of schemasAt(path)) {
    for (const e of s.enum ?? []) out.add(String(e));
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes('boolean')) { out.add('true'); out.add('false'); }
  }
  return [...out];
}
