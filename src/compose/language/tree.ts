// A compose file as plain data plus, for every JSON pointer into that data, where its key and
// value sit in the text. Built from the yaml package's node ranges; anchors, aliases and `<<`
// merge keys are expanded the way compose expands them. Pure (no vscode).
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, parseDocument, Scalar } from 'yaml';
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

export interface ComposeTree {
  text: string;
  doc: Document.Parsed;
  /** The file as plain data (undefined for an empty file). */
  data: unknown;
  /** JSON pointer ('' is the root, '/services/web/ports/0') → spans. */
  nodes: Map<string, NodeInfo>;
  problems: YamlProblem[];
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

/** The anchor and alias names go-yaml (compose's YAML reader) accepts. */
const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;

/** Beyond this many converted nodes aliases are not expanded further (a "billion laughs" file). */
const MAX_NODES = 200_000;

export function parseCompose(text: string): ComposeTree {
  // uniqueKeys is checked below with a Set: the yaml package's own check is quadratic in a mapping's size.
  const doc = parseDocument(text, { merge: true, uniqueKeys: false, prettyErrors: false });
  const problems: YamlProblem[] = [];
  for (const e of doc.errors) problems.push({ message: firstLine(e.message), start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), severity: 'error' });
  // !reset and !override are compose's own tags (for merging files).
  for (const w of doc.warnings) if (!/Unresolved tag: !(reset|override)\b/.test(w.message)) problems.push({ message: firstLine(w.message), start: w.pos[0], end: Math.max(w.pos[1], w.pos[0] + 1), severity: 'warning' });
  const nodes = new Map<string, NodeInfo>();
  let count = 0;
  // The yaml package's Alias.resolve() walks the whole document for each alias (quadratic on
  // files with many `<<: *common`): anchors are recorded as the conversion meets them, in
  // document order, so an alias finds the latest definition before it.
  const anchors = new Map<string, Node>();
  const resolveAlias = (a: Alias): unknown => anchors.get(a.source);

  // As the compose CLI's YAML reader (go-yaml) says it: it stops at these, the file does not load.
  const aliasProblem = (name: string, start: number, end: number) => {
    if (!ANCHOR_NAME.test(name)) {
      problems.push({ start, end, severity: 'error', local: true, message: l10n.t('"*{0}" is an alias, and compose reads only letters, digits, _ and - in an alias name (did not find expected alphabetic or numeric character). If it is text, quote it: "*{0}".', name) });
    } else {
      problems.push({ start, end, severity: 'error', local: true, message: l10n.t("unknown anchor '{0}' referenced: no &{0} is defined before this alias (compose stops here).", name) });
    }
  };
  const anchorProblem = (name: string, valueStart: number) => {
    const at = text.lastIndexOf(`&${name}`, valueStart);
    const start = at >= 0 ? at : valueStart;
    problems.push({ start, end: start + name.length + 1, severity: 'error', local: true, message: l10n.t('"&{0}": compose reads only letters, digits, _ and - in an anchor name (did not find expected alphabetic or numeric character).', name) });
  };
  const scalarInfo = (n: Scalar): NodeInfo['scalar'] => {
    const start = n.range?.[0] ?? 0;
    const t = n.type;
    const quoted = t === 'QUOTE_DOUBLE' || t === 'QUOTE_SINGLE';
    // A double-quoted scalar is its text unless it has an escape (looked for without copying the text).
    const escaped = (): boolean => {
      for (let i = start, end = n.range?.[1] ?? start; i < end; i++) if (text.charCodeAt(i) === 92) return true;
      return false;
    };
    return { contentStart: quoted ? start + 1 : start, quoted, plainText: t === 'PLAIN' || t === 'QUOTE_SINGLE' || (t === 'QUOTE_DOUBLE' && !escaped()) };
  };
  const convert = (node: unknown, ptr: string, key: Span | undefined, borrowed: boolean, depth: number, sink: Map<string, NodeInfo> = nodes): unknown => {
    if (++count > MAX_NODES || depth > 200) return null;
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = resolveAlias(node);
      const r = node.range ?? [0, 0, 0];
      if (!target && !borrowed && sink === nodes) aliasProblem(node.source, r[0], r[1]);
      if (!sink.has(ptr)) sink.set(ptr, { key, value: { start: r[0], end: r[1] }, borrowed });
      return convert(target, ptr, key, true, depth + 1, sink);
    }
    const n = node as Node;
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor && !borrowed) anchors.set(anchor, n);
    if (anchor && !borrowed && !ANCHOR_NAME.test(anchor)) anchorProblem(anchor, n.range?.[0] ?? 0);
    const r = n.range ?? [0, 0, 0];
    if (!sink.has(ptr)) sink.set(ptr, { key, value: { start: r[0], end: r[1] }, borrowed, scalar: isScalar(n) ? scalarInfo(n) : undefined });
    if (isScalar(n)) return n.value;
    if (isSeq(n)) return n.items.map((item, i) => convert(item, `${ptr}/${i}`, undefined, borrowed, depth + 1, sink));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      const merges: unknown[] = [];
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        if (isScalar(k) && (typeof k.value === 'symbol' || (k.source === '<<' && k.type === 'PLAIN'))) {
          merges.push(pair.value);
          // Merges are converted after the other keys: an anchor written on one is defined here, in document order.
          for (const m of isSeq(pair.value) ? pair.value.items : [pair.value]) {
            const a = (m as { anchor?: string } | null)?.anchor;
            if (a && !borrowed && !isAlias(m)) anchors.set(a, m as Node);
          }
          continue;
        }
        if (!isScalar(k)) continue;
        const name = k.value === null ? 'null' : String(k.value);
        if (name === '__proto__') continue;
        const kr = k.range ?? [0, 0, 0];
        if (Object.prototype.hasOwnProperty.call(out, name) && !borrowed && sink === nodes) {
          problems.push({ message: l10n.t('Map keys must be unique: "{0}" is already defined above.', name), start: kr[0], end: kr[1], severity: 'error' });
        }
        out[name] = convert(pair.value, `${ptr}/${escapePointer(name)}`, { start: kr[0], end: kr[1] }, borrowed, depth + 1, sink);
        if (pair.value === null || pair.value === undefined) {
          // `key:` with nothing after it: the value sits right after the colon.
          const p = `${ptr}/${escapePointer(name)}`;
          const at = text.indexOf(':', kr[1]);
          const v = at >= 0 ? at + 1 : kr[1];
          sink.set(p, { key: { start: kr[0], end: kr[1] }, value: { start: v, end: v }, borrowed });
        }
      }
      // Merged entries never override keys written out (whatever their order).
      for (const m of merges) {
        const sources = isSeq(m) ? m.items : [m];
        for (const s of sources) {
          const resolved = isAlias(s) ? resolveAlias(s) : s;
          if (!isMap(resolved)) continue;
          const tmp = new Map<string, NodeInfo>();
          const mergedFrom = convert(resolved, '', undefined, true, depth + 1, tmp);
          if (!isRecord(mergedFrom)) continue;
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
      return out;
    }
    return null;
  };

  const data = doc.contents === null ? undefined : convert(doc.contents, '', undefined, false, 0);
  return { text, doc, data, nodes, problems };
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
