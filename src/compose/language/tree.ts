// A compose file as plain data plus, for every JSON pointer into that data, where its key and
// value sit in the text. Built from the yaml package's node ranges; anchors, aliases and `<<`
// merge keys are expanded the way compose expands them. Pure (no vscode).
import * as YAML from 'yaml';
import type { Alias, Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { l10n } from '../../shared/l10n';

export interface Span { start: number; end: number }

export interface NodeInfo {
  /** The key's span when the value sits under a mapping key. */
  key?: Span;
  /** The value's span (for an alias: the alias itself). */
  value: Span;
  /** For scalars: where the characters of the value start in the text (after a quote) and whether it was quoted. */
  scalar?: { contentStart: number; quoted: boolean; plainText: boolean };
  /** Came through an alias or merge key: the span is the anchor's, not a place of its own. */
  borrowed?: boolean;
}

export interface YamlProblem extends Span {
  message: string;
  severity: 'error' | 'warning';
  /** The rest of the tree is whole (an alias that names no anchor is one empty value): the other checks still run. */
  local?: boolean;
}

/** Where each value sits, by JSON pointer; iterating gives every pointer in document order. */
export interface NodeIndex extends Iterable<[string, NodeInfo]> {
  get(ptr: string): NodeInfo | undefined;
  has(ptr: string): boolean;
}

export interface ComposeTree {
  text: string;
  doc: Document.Parsed;
  /** The file as plain data (undefined for an empty file). */
  data: unknown;
  /** JSON pointer ('' is the root, '/services/web/ports/0') → spans. Every value of `data` has one. */
  nodes: NodeIndex;
  problems: YamlProblem[];
  /** The mappings and lists of `data` that hold a string with a `$` (at any depth), so that the variable check skips the others. */
  withDollars: Set<object>;
}

export function escapePointer(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(String(s))}`).join('');
}

export function splitPointer(p: string): string[] {
  if (!p) return [];
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// Read once: in the bundle each use of a yaml export is a getter call, and these run for every value of a file.
const { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } = YAML;

/** The anchor and alias names go-yaml (compose's YAML reader) accepts. */
const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;

/** Beyond this many converted nodes aliases are not expanded further (a "billion laughs" file). */
const MAX_NODES = 200_000;

/**
 * Parses a compose file: its data, its YAML problems, and where each value sits. The spans are
 * found when asked for (`nodes.get` walks the YAML nodes down the pointer): a large file has
 * tens of thousands of values and the checks ask for a few hundred. A file whose spans depend on
 * the order of conversion (a duplicate key, a conversion cut short by the limits) gets the full
 * table built as it is converted.
 */
export function parseCompose(text: string, opts: { eager?: boolean } = {}): ComposeTree {
  // uniqueKeys is checked below with a Set: the yaml package's own check is quadratic in a mapping's size.
  const doc = parseDocument(text, { merge: true, uniqueKeys: false, prettyErrors: false });
  const problems: YamlProblem[] = [];
  for (const e of doc.errors) problems.push({ message: firstLine(e.message), start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), severity: 'error' });
  // !reset and !override are compose's own tags (for merging files).
  for (const w of doc.warnings) if (!/Unresolved tag: !(reset|override)\b/.test(w.message)) problems.push({ message: firstLine(w.message), start: w.pos[0], end: Math.max(w.pos[1], w.pos[0] + 1), severity: 'warning' });
  const yamlProblems = problems.length;
  const root = doc.contents;
  if (!opts.eager) {
    const lean = new Conversion(text, problems, undefined);
    const data = root === null ? undefined : lean.convert(root, '', undefined, false, 0);
    if (!lean.irregular) {
      const materialize = () => fullTable(text, root);
      return { text, doc, data, nodes: new LazyNodes(text, root, lean.aliasTargets, materialize), problems, withDollars: lean.withDollars };
    }
    problems.length = yamlProblems;
  }
  const nodes = new Map<string, NodeInfo>();
  const full = new Conversion(text, problems, nodes);
  const data = root === null ? undefined : full.convert(root, '', undefined, false, 0);
  return { text, doc, data, nodes, problems, withDollars: full.withDollars };
}

/** Every pointer's spans, in the order the conversion meets them. */
function fullTable(text: string, root: unknown): Map<string, NodeInfo> {
  const nodes = new Map<string, NodeInfo>();
  if (root !== null) new Conversion(text, [], nodes).convert(root, '', undefined, false, 0);
  return nodes;
}

function isMergeKey(k: Scalar): boolean {
  const v = k.value;
  // A plain `<<` is the merge key's symbol (or, tagged !!str, the string itself).
  return typeof v === 'symbol' || ((v === '<<' || typeof v !== 'string') && k.source === '<<' && k.type === 'PLAIN');
}

function keyName(k: Scalar): string {
  return k.value === null ? 'null' : String(k.value);
}

function spanOfRange(n: { range?: readonly number[] | null }): Span {
  const r = n.range ?? [0, 0, 0];
  return { start: r[0], end: r[1] };
}

/** A scalar's text: where its characters start (after a quote), and whether the value is that text as written. */
function scalarInfo(text: string, n: Scalar): NodeInfo['scalar'] {
  const start = n.range?.[0] ?? 0;
  const t = n.type;
  const quoted = t === 'QUOTE_DOUBLE' || t === 'QUOTE_SINGLE';
  let plainText = t === 'PLAIN' || t === 'QUOTE_SINGLE';
  if (t === 'QUOTE_DOUBLE') {
    // A double-quoted scalar is its text unless it has an escape (looked for without copying the text).
    plainText = true;
    for (let i = start, end = n.range?.[1] ?? start; i < end; i++) if (text.charCodeAt(i) === 92) { plainText = false; break; }
  }
  return { contentStart: quoted ? start + 1 : start, quoted, plainText };
}

/** The spans recorded for a value at its place (an alias: its own span; the value it names gives the contents). */
function infoOf(text: string, node: Node, key: Span | undefined, borrowed: boolean): NodeInfo {
  if (isAlias(node)) return { key, value: spanOfRange(node), borrowed };
  return { key, value: spanOfRange(node), borrowed, scalar: isScalar(node) ? scalarInfo(text, node) : undefined };
}

/** `key:` with nothing after it: the value sits right after the colon. */
function emptyValueInfo(text: string, k: Scalar, borrowed: boolean): NodeInfo {
  const key = spanOfRange(k);
  const at = text.indexOf(':', key.end);
  const v = at >= 0 ? at + 1 : key.end;
  return { key, value: { start: v, end: v }, borrowed };
}

/**
 * The YAML nodes to plain data, with anchors, aliases and `<<` merge keys expanded the way
 * compose expands them. With a sink, every pointer's spans are recorded as they are met (the
 * first place written wins); without one, only the data, the problems, and what an alias named.
 */
class Conversion {
  private count = 0;
  // The yaml package's Alias.resolve() walks the whole document for each alias (quadratic on
  // files with many `<<: *common`): anchors are recorded as the conversion meets them, in
  // document order, so an alias finds the latest definition before it.
  private readonly anchors = new Map<string, Node>();
  /** What each alias named. */
  readonly aliasTargets = new Map<Alias, Node | undefined>();
  /** The spans depend on the order of conversion: only the full table, built as it goes, is right. */
  irregular = false;
  /** Containers holding a string with a `$`; `dollar`: one was met since the current container began. */
  readonly withDollars = new Set<object>();
  private dollar = false;

  constructor(private readonly text: string, private readonly problems: YamlProblem[], private readonly nodes: Map<string, NodeInfo> | undefined) {}

  // An alias names the anchor defined before it in the document: what it named where it was first
  // met (its own place) holds when an anchor around it is expanded later, after a redefinition.
  private resolveAlias(a: Alias): Node | undefined {
    if (this.aliasTargets.has(a)) return this.aliasTargets.get(a);
    const target = this.anchors.get(a.source);
    this.aliasTargets.set(a, target);
    return target;
  }

  // As the compose CLI's YAML reader (go-yaml) says it: it stops at these, the file does not load.
  private aliasProblem(name: string, start: number, end: number): void {
    if (!ANCHOR_NAME.test(name)) {
      this.problems.push({ start, end, severity: 'error', local: true, message: l10n.t('"*{0}" is an alias, and compose reads only letters, digits, _ and - in an alias name (did not find expected alphabetic or numeric character). If it is text, quote it: "*{0}".', name) });
    } else {
      this.problems.push({ start, end, severity: 'error', local: true, message: l10n.t("unknown anchor '{0}' referenced: no &{0} is defined before this alias (compose stops here).", name) });
    }
  }

  private anchorProblem(name: string, valueStart: number): void {
    const at = this.text.lastIndexOf(`&${name}`, valueStart);
    const start = at >= 0 ? at : valueStart;
    this.problems.push({ start, end: start + name.length + 1, severity: 'error', local: true, message: l10n.t('"&{0}": compose reads only letters, digits, _ and - in an anchor name (did not find expected alphabetic or numeric character).', name) });
  }

  convert(node: unknown, ptr: string, key: Span | undefined, borrowed: boolean, depth: number, sink = this.nodes): unknown {
    if (++this.count > MAX_NODES || depth > 200) { this.irregular = true; return null; }
    if (node === null || node === undefined) return null;
    // Scalars first: most values are.
    if (isScalar(node)) {
      if (node.anchor) this.anchored(node, borrowed);
      if (sink && !sink.has(ptr)) sink.set(ptr, infoOf(this.text, node, key, borrowed));
      const v = node.value;
      if (typeof v === 'string' && v.includes('$')) this.dollar = true;
      return v;
    }
    if (isAlias(node)) {
      const target = this.resolveAlias(node);
      const r = node.range ?? [0, 0, 0];
      if (!target && !borrowed) this.aliasProblem(node.source, r[0], r[1]);
      if (sink && !sink.has(ptr)) sink.set(ptr, infoOf(this.text, node, key, borrowed));
      return this.convert(target, ptr, key, true, depth + 1, sink);
    }
    const n = node as Node;
    if ((n as { anchor?: string }).anchor) this.anchored(n, borrowed);
    if (sink && !sink.has(ptr)) sink.set(ptr, infoOf(this.text, n, key, borrowed));
    const outer = this.dollar;
    this.dollar = false;
    let out: unknown[] | Record<string, unknown> | null = null;
    if (isSeq(n)) {
      const items = n.items;
      const list: unknown[] = [];
      for (let i = 0; i < items.length; i++) list.push(this.convert(items[i], sink ? `${ptr}/${i}` : '', undefined, borrowed, depth + 1, sink));
      out = list;
    } else if (isMap(n)) {
      out = this.convertMap(n, ptr, borrowed, depth, sink);
    }
    if (this.dollar && out) this.withDollars.add(out);
    this.dollar ||= outer;
    return out;
  }

  /** A node written with an anchor: defined from here on (in document order), its name checked. */
  private anchored(n: Node, borrowed: boolean): void {
    if (borrowed) return;
    const anchor = (n as { anchor?: string }).anchor!;
    this.anchors.set(anchor, n);
    if (!ANCHOR_NAME.test(anchor)) this.anchorProblem(anchor, n.range?.[0] ?? 0);
  }

  private convertMap(n: YAMLMap, ptr: string, borrowed: boolean, depth: number, sink: Map<string, NodeInfo> | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let merges: unknown[] | undefined;
    const items = n.items;
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (!isPair(pair)) continue;
      const k = pair.key;
      if (!isScalar(k)) continue;
      const kv = k.value;
      // Most keys are strings other than `<<`: no merge-key test for them.
      if ((typeof kv !== 'string' || kv === '<<') && isMergeKey(k)) {
        (merges ??= []).push(pair.value);
        // Merges are converted after the other keys: an anchor written on one is defined here, in document order.
        for (const m of isSeq(pair.value) ? pair.value.items : [pair.value]) {
          const a = (m as { anchor?: string } | null)?.anchor;
          if (a && !borrowed && !isAlias(m)) this.anchors.set(a, m as Node);
        }
        continue;
      }
      const name = typeof kv === 'string' ? kv : keyName(k);
      if (name === '__proto__') continue;
      if (Object.prototype.hasOwnProperty.call(out, name)) {
        this.irregular = true;
        if (!borrowed) {
          const kr = k.range ?? [0, 0, 0];
          this.problems.push({ message: l10n.t('Map keys must be unique: "{0}" is already defined above.', name), start: kr[0], end: kr[1], severity: 'error' });
        }
      }
      if (!sink) {
        out[name] = this.convert(pair.value, '', undefined, borrowed, depth + 1, sink);
        continue;
      }
      const p = `${ptr}/${escapePointer(name)}`;
      out[name] = this.convert(pair.value, p, spanOfRange(k), borrowed, depth + 1, sink);
      if (pair.value === null || pair.value === undefined) sink.set(p, emptyValueInfo(this.text, k, borrowed));
    }
    // Merged entries never override keys written out (whatever their order).
    if (merges) {
      for (const m of merges) {
        const sources = isSeq(m) ? m.items : [m];
        for (const s of sources) {
          const resolved = isAlias(s) ? this.resolveAlias(s) : s;
          if (!isMap(resolved)) continue;
          const tmp = sink ? new Map<string, NodeInfo>() : undefined;
          const mergedFrom = this.convert(resolved, '', undefined, true, depth + 1, tmp);
          if (!isRecord(mergedFrom)) continue;
          if (!sink || !tmp) {
            for (const mk in mergedFrom) if (!(mk in out)) out[mk] = mergedFrom[mk];
            continue;
          }
          const taken = new Set<string>();
          for (const [mk, mv] of Object.entries(mergedFrom)) {
            if (mk in out) continue;
            out[mk] = mv;
            taken.add(escapePointer(mk));
          }
          // The merged entries' spans are the anchor's.
          for (const [p, info] of tmp) {
            const first = p.slice(1).split('/')[0];
            if (p && taken.has(first) && !sink.has(ptr + p)) sink.set(ptr + p, { ...info, borrowed: true });
          }
        }
      }
    }
    return out;
  }
}

/**
 * The spans of a regular file's values, found on demand by walking its YAML nodes down a pointer
 * with the conversion's rules: a key written in a mapping, else the first merged mapping that
 * has it; a list's item; an alias's contents (borrowed) through what it named when converted.
 * Iterating builds the full table (hover looks for the node under an offset that way).
 */
class LazyNodes implements NodeIndex {
  private readonly keyIndex = new Map<YAMLMap, Map<string, Pair>>();
  private all?: Map<string, NodeInfo>;
  // Where the walk stands: the value (undefined for `key:` with nothing after it), the key it sits under, whether borrowed.
  private at: Node | undefined;
  private atKey: Scalar | undefined;
  private atBorrowed = false;
  // The checks often ask for the same place twice in a row (whether it is there, then its span).
  private lastPtr: string | undefined;
  private lastInfo: NodeInfo | undefined;

  constructor(
    private readonly text: string,
    private readonly root: unknown,
    private readonly aliasTargets: ReadonlyMap<Alias, Node | undefined>,
    private readonly materialize: () => Map<string, NodeInfo>,
  ) {}

  get(ptr: string): NodeInfo | undefined {
    if (this.all) return this.all.get(ptr);
    if (ptr !== this.lastPtr) {
      this.lastInfo = this.find(ptr);
      this.lastPtr = ptr;
    }
    return this.lastInfo;
  }

  has(ptr: string): boolean {
    return this.get(ptr) !== undefined;
  }

  [Symbol.iterator](): IterableIterator<[string, NodeInfo]> {
    this.all ??= this.materialize();
    return this.all[Symbol.iterator]();
  }

  private find(ptr: string): NodeInfo | undefined {
    if (this.root === null || this.root === undefined) return undefined;
    this.at = this.root as Node;
    this.atKey = undefined;
    this.atBorrowed = false;
    if (ptr !== '') {
      if (ptr.charCodeAt(0) !== 47) return undefined;
      let from = 1;
      for (;;) {
        const slash = ptr.indexOf('/', from);
        let node: Node | undefined = this.at;
        if (node && isAlias(node)) {
          node = this.aliasTargets.get(node);
          this.atBorrowed = true;
        }
        if (!node || !this.child(node, slash < 0 ? ptr.slice(from) : ptr.slice(from, slash), this.atBorrowed)) return undefined;
        if (slash < 0) break;
        from = slash + 1;
      }
    }
    if (!this.at) return emptyValueInfo(this.text, this.atKey!, this.atBorrowed);
    return infoOf(this.text, this.at, this.atKey ? spanOfRange(this.atKey) : undefined, this.atBorrowed);
  }

  /** Moves the walk to the child at one pointer segment; false when there is none. */
  private child(node: Node, seg: string, borrowed: boolean): boolean {
    if (isSeq(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(seg)) return false;
      const item = node.items[Number(seg)] as Node | null | undefined;
      if (item === null || item === undefined) return false;
      this.at = item;
      this.atKey = undefined;
      this.atBorrowed = borrowed;
      return true;
    }
    if (!isMap(node)) return false;
    let name = seg;
    if (seg.includes('~')) {
      // Only the escaped form a pointer is written in (~0, ~1) names a key.
      name = seg.replace(/~1/g, '/').replace(/~0/g, '~');
      if (escapePointer(name) !== seg) return false;
    }
    if (name === '__proto__') return false;
    const pair = this.ownPair(node, name);
    if (pair) {
      const v = pair.value as Node | null | undefined;
      this.at = v ?? undefined;
      this.atKey = pair.key as Scalar;
      this.atBorrowed = borrowed;
      return true;
    }
    // A key no mapping can take (it names a property every object has) is never merged in.
    if (name in Object.prototype) return false;
    for (const p of node.items) {
      if (!isPair(p) || !isScalar(p.key) || !isMergeKey(p.key)) continue;
      const v = p.value;
      if (isSeq(v)) {
        for (const s of v.items) if (this.mergedChild(s, seg)) return true;
      } else if (this.mergedChild(v, seg)) return true;
    }
    return false;
  }

  private mergedChild(s: unknown, seg: string): boolean {
    const source = isAlias(s) ? this.aliasTargets.get(s) : s;
    return isMap(source) && this.child(source, seg, true);
  }

  /** The pair that writes `name` out in this mapping (merge keys aside). */
  private ownPair(map: YAMLMap, name: string): Pair | undefined {
    const items = map.items;
    if (items.length > 32) {
      let index = this.keyIndex.get(map);
      if (!index) {
        index = new Map();
        for (const p of items) if (isPair(p) && isScalar(p.key) && !isMergeKey(p.key)) index.set(keyName(p.key), p);
        this.keyIndex.set(map, index);
      }
      return index.get(name);
    }
    for (let i = 0; i < items.length; i++) {
      const p = items[i];
      if (!isPair(p)) continue;
      const k = p.key;
      // Most keys are strings: compared as they are before anything else is looked at.
      if (isScalar(k) && (k.value === name || (typeof k.value !== 'string' && keyName(k) === name)) && !isMergeKey(k)) return p;
    }
    return undefined;
  }
}

/** The node at a pointer, or the closest ancestor that has a span. */
export function nodeAt(tree: ComposeTree, ptr: string): { ptr: string; info: NodeInfo } | undefined {
  let p = ptr;
  for (;;) {
    const info = tree.nodes.get(p);
    if (info) return { ptr: p, info };
    if (!p) return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** The raw text of a scalar's value (without quotes), and where it starts; undefined for non-scalars. */
export function scalarText(tree: ComposeTree, ptr: string): { text: string; start: number; plainText: boolean } | undefined {
  const info = tree.nodes.get(ptr);
  if (!info?.scalar) return undefined;
  const end = info.scalar.quoted ? info.value.end - 1 : info.value.end;
  return { text: tree.text.slice(info.scalar.contentStart, end), start: info.scalar.contentStart, plainText: info.scalar.plainText };
}

/** The span of `part` inside the scalar at ptr (found at or after `from` in its value), else the whole value. */
export function spanInScalar(tree: ComposeTree, ptr: string, part: string, from = 0): Span {
  const info = tree.nodes.get(ptr);
  if (!info) return { start: 0, end: 0 };
  const s = scalarText(tree, ptr);
  if (s && s.plainText && !info.borrowed) {
    const at = s.text.indexOf(part, from);
    if (at >= 0) return { start: s.start + at, end: s.start + at + part.length };
  }
  return info.value;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Offsets → zero-based line/character (for tests and the command line). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  offset(line: number, character: number): number {
    return (this.starts[line] ?? this.starts[this.starts.length - 1]) + character;
  }
}
