// A linear, error-tolerant Dockerfile parser with exact offsets.
//
// Why not dockerfile-ast for the hot path: on this kind of machine its parse alone takes ~45 ms for
// 2,000 lines and its variable accessors grow super-linearly (8,000 lines: ~330 ms), which cannot meet
// the 40 ms analysis budget. This parser follows BuildKit's rules (parser directives, escape character,
// line continuations, comment and empty lines inside continuations, heredocs, flags) and keeps every
// offset, so diagnostics, fixes, completion and semantic tokens share one pass. dockerfile-ast is used by
// the tests as an oracle on the same fixtures.

export interface Span { start: number; end: number }

/** A whitespace-separated word of an instruction, quotes and escapes removed in `value`. */
export interface Word extends Span {
  value: string;
  raw: string;
}

export interface FlagOption {
  key: string;
  value: string | null;
  keySpan: Span;
  valueSpan: Span | null;
  span: Span;
}

export interface Flag extends Span {
  name: string;           // without the leading dashes
  nameSpan: Span;         // includes the dashes
  value: string | null;   // null: no '='
  valueSpan: Span | null;
  /** Comma-separated `key=value` options of the value (for --mount). */
  options(): FlagOption[];
}

export interface Heredoc {
  name: string;
  strip: boolean;         // <<-
  quoted: boolean;        // <<"EOF" / <<'EOF': no expansion
  marker: Span;           // the `<<EOF` text on the instruction line
  body: Span;             // the lines between the marker line and the terminator
  terminator: Span | null; // null: unterminated (runs to the end of the file)
  text: string;
}

export interface JsonForm {
  values: string[];
  spans: Span[];          // spans of each string literal, quotes included
  span: Span;             // the array, brackets included
}

export interface Instruction extends Span {
  keyword: string;        // upper case
  keywordText: string;    // as written
  keywordSpan: Span;
  startLine: number;
  endLine: number;        // last line of the instruction (heredoc bodies included)
  flags: Flag[];
  /** Words after the flags (heredoc markers stay in as words). */
  args: Word[];
  /** The instruction text after the keyword with continuations removed. */
  logical: string;
  /** Index in `logical` where the arguments (after flags) start. */
  argsAt: number;
  /** The arguments' text (after the flags) with continuations removed. */
  argsText: string;
  /** JSON (exec) form when the arguments start with '[' and parse as a string array. */
  json: JsonForm | null;
  /** The arguments start with '[' but are not a valid JSON string array. */
  jsonInvalid: boolean;
  heredocs: Heredoc[];
  /** Offsets of whitespace-only lines inside a continuation. */
  emptyContinuationLines: Span[];
  /** The last line ends with the escape character and nothing follows. */
  danglingContinuation: boolean;
  /** For ONBUILD: the trigger instruction. */
  trigger?: Instruction;
  /** Maps an index of `logical` to a document offset. */
  toDoc(index: number): number;
}

export interface Comment extends Span {
  text: string;           // after '#', trimmed
  line: number;
  /** Inside a continued instruction. */
  embedded: boolean;
}

export interface Directive extends Span {
  name: string;           // lower case
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  line: number;
}

export interface Dockerfile {
  text: string;
  escape: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  lineStarts: number[];
}

export const DIRECTIVES = ['syntax', 'escape', 'check'] as const;

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** End of a line's content (before \r\n or \n). */
function lineContentEnd(text: string, lineStarts: number[], line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

interface Segment { at: number; doc: number }

function makeToDoc(segments: Segment[]): (index: number) => number {
  if (segments.length === 1) {
    const d = segments[0].doc - segments[0].at;
    return (i) => i + d;
  }
  // binary search: an instruction continued over n lines maps each offset in O(log n)
  return (i) => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].at <= i) lo = mid; else hi = mid - 1;
    }
    const s = segments[lo];
    return s.doc + (i - s.at);
  };
}

/** Splits `text` from `from` into words (quotes grouped, escapes honoured). */
export function splitWords(text: string, from: number, escape: string, stopAtFlags = false): { words: Word[]; flagsEnd: number } {
  const words: Word[] = [];
  const n = text.length;
  let i = from;
  const esc = escape.charCodeAt(0);
  let flagsEnd = from;
  let flagPhase = stopAtFlags;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let value = '';
    let quote = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (quote) {
        if (c === quote) { quote = 0; i++; continue; }
        if (c === esc && quote === 34 && i + 1 < n) { value += text[i + 1]; i += 2; continue; }
        value += text[i]; i++; continue;
      }
      if (isSpace(c)) break;
      if (c === 34 || c === 39) { quote = c; i++; continue; }
      if (c === esc && i + 1 < n) { value += text[i + 1]; i += 2; continue; }
      value += text[i]; i++;
    }
    const raw = text.slice(start, i);
    if (flagPhase) {
      if (raw.startsWith('--')) { flagsEnd = i; words.push({ start, end: i, value, raw }); continue; }
      flagPhase = false;
      flagsEnd = start;
    }
    words.push({ start, end: i, value, raw });
  }
  if (flagPhase) flagsEnd = n;
  return { words, flagsEnd };
}

/** Scans a JSON array of strings, keeping the spans of its elements. */
export function scanJsonArray(text: string, from: number): JsonForm | null {
  let i = from;
  const n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text[i] !== '[') return null;
  const start = i++;
  const values: string[] = [];
  const spans: Span[] = [];
  let expectValue = true;
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) return null;
    const c = text[i];
    if (c === ']') {
      if (expectValue && values.length > 0) return null; // trailing comma
      i++;
      break;
    }
    if (!expectValue) {
      if (c !== ',') return null;
      expectValue = true; i++; continue;
    }
    if (c !== '"') return null;
    const s = i++;
    let closed = false;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 92) { i += 2; continue; }
      if (d === 34) { closed = true; i++; break; }
      if (d < 32) return null;
      i++;
    }
    if (!closed) return null;
    let v: unknown;
    try { v = JSON.parse(text.slice(s, i)); } catch { return null; }
    if (typeof v !== 'string') return null;
    values.push(v);
    spans.push({ start: s, end: i });
    expectValue = false;
  }
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i < n) return null;
  return { values, spans, span: { start, end: i } };
}

const HEREDOC_RE = /<<(-?)(["']?)([A-Za-z0-9_][A-Za-z0-9_.-]*)\2/y;

/** Heredoc markers in shell or COPY text, outside quotes. */
export function findHeredocMarkers(text: string, from: number, escape: string): { name: string; strip: boolean; quoted: boolean; start: number; end: number }[] {
  const out: { name: string; strip: boolean; quoted: boolean; start: number; end: number }[] = [];
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === escape && quote === '"') i++;
      continue;
    }
    if (c === escape) { i++; continue; }
    if (c === '"' || c === '\'') { quote = c; continue; }
    if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      HEREDOC_RE.lastIndex = i;
      const m = HEREDOC_RE.exec(text);
      if (m) {
        out.push({ name: m[3], strip: m[1] === '-', quoted: m[2] !== '', start: i, end: i + m[0].length });
        i += m[0].length - 1;
      } else i++;
    }
  }
  return out;
}

function parseFlagOptions(text: string, value: string | null, valueSpan: Span | null): FlagOption[] {
  if (value === null || !valueSpan) return [];
  let raw = text.slice(valueSpan.start, valueSpan.end);
  let from = valueSpan.start;
  // `--mount="type=secret,id=x"`: BuildKit drops the quotes around the whole value before reading its options.
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === '\'') && raw[raw.length - 1] === raw[0] && !raw.slice(1, -1).includes(raw[0])) {
    raw = raw.slice(1, -1);
    from++;
  }
  const out: FlagOption[] = [];
  let i = 0;
  while (i <= raw.length) {
    // split on commas outside quotes
    let j = i;
    let quote = '';
    while (j < raw.length) {
      const c = raw[j];
      if (quote) { if (c === quote) quote = ''; } else if (c === '"' || c === '\'') quote = c; else if (c === ',') break;
      j++;
    }
    const part = raw.slice(i, j);
    if (part.length > 0) {
      const eq = part.indexOf('=');
      const base = from + i;
      const key = eq === -1 ? part : part.slice(0, eq);
      const val = eq === -1 ? null : part.slice(eq + 1).replace(/^["']|["']$/g, '');
      out.push({
        key: key.trim(),
        value: val,
        keySpan: { start: base, end: base + key.length },
        valueSpan: eq === -1 ? null : { start: base + eq + 1, end: base + part.length },
        span: { start: base, end: base + part.length },
      });
    }
    if (j >= raw.length) break;
    i = j + 1;
  }
  return out;
}

/**
 * Builds an instruction from its logical text (continuations removed). `segments` map logical indexes to
 * document offsets.
 */
function buildInstruction(doc: string, logical: string, segments: Segment[], escape: string,
  startLine: number, endLine: number, allowTrigger: boolean): Instruction {
  const toDoc = makeToDoc(segments);
  let i = 0;
  while (i < logical.length && isSpace(logical.charCodeAt(i))) i++;
  const kwStart = i;
  while (i < logical.length && !isSpace(logical.charCodeAt(i))) i++;
  const keywordText = logical.slice(kwStart, i);
  const keyword = keywordText.toUpperCase();
  const rest = logical.slice(i);
  const restBase = i;
  const { words, flagsEnd } = splitWords(rest, 0, escape, true);
  const flags: Flag[] = [];
  const args: Word[] = [];
  for (const w of words) {
    const abs = { start: toDoc(restBase + w.start), end: toDoc(restBase + w.end - 1) + 1 };
    if (w.end <= flagsEnd && w.raw.startsWith('--')) {
      const eq = w.raw.indexOf('=');
      const nameEndRel = eq === -1 ? w.end : w.start + eq;
      const name = w.raw.slice(2, eq === -1 ? undefined : eq);
      const valueSpan = eq === -1 ? null : { start: toDoc(restBase + w.start + eq + 1), end: abs.end };
      const valueRaw = eq === -1 ? null : w.raw.slice(eq + 1);
      const value = valueRaw === null ? null : unquote(valueRaw, escape);
      let opts: FlagOption[] | undefined;
      flags.push({
        start: abs.start, end: abs.end, name,
        nameSpan: { start: abs.start, end: toDoc(restBase + nameEndRel - 1) + 1 },
        value, valueSpan,
        options: () => (opts ??= parseFlagOptions(doc, value, valueSpan)),
      });
    } else {
      args.push({ start: abs.start, end: abs.end, value: w.value, raw: w.raw });
    }
  }
  const argsAt = restBase + Math.min(flagsEnd, rest.length);
  const argsText = logical.slice(argsAt);
  let json: JsonForm | null = null;
  let jsonInvalid = false;
  const trimmedArgs = argsText.trimStart();
  if (trimmedArgs.startsWith('[')) {
    const j = scanJsonArray(argsText, 0);
    if (j) {
      json = {
        values: j.values,
        spans: j.spans.map((s) => ({ start: toDoc(argsAt + s.start), end: toDoc(argsAt + s.end - 1) + 1 })),
        span: { start: toDoc(argsAt + j.span.start), end: toDoc(argsAt + j.span.end - 1) + 1 },
      };
    } else jsonInvalid = true;
  }
  const keywordSpan = { start: toDoc(kwStart), end: keywordText.length ? toDoc(i - 1) + 1 : toDoc(kwStart) };
  const ins: Instruction = {
    start: keywordSpan.start,
    end: logical.length ? toDoc(logical.length - 1) + 1 : keywordSpan.end,
    keyword, keywordText, keywordSpan, startLine, endLine, flags, args,
    logical, argsAt, argsText, json, jsonInvalid,
    heredocs: [], emptyContinuationLines: [], danglingContinuation: false, toDoc,
  };
  if (allowTrigger && keyword === 'ONBUILD' && argsText.trim().length > 0) {
    const sub = logical.slice(argsAt);
    const subSegments: Segment[] = [];
    for (const s of segments) {
      const at = s.at - argsAt;
      if (at <= 0) subSegments[0] = { at: 0, doc: s.doc - at };
      else subSegments.push({ at, doc: s.doc });
    }
    ins.trigger = buildInstruction(doc, sub, subSegments.length ? subSegments : [{ at: 0, doc: toDoc(argsAt) }], escape, startLine, endLine, false);
  }
  return ins;
}

function unquote(raw: string, escape: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === '\'') && raw[raw.length - 1] === raw[0]) return raw.slice(1, -1);
  if (!raw.includes(escape) && !raw.includes('"') && !raw.includes('\'')) return raw;
  return splitWords(raw, 0, escape).words.map((w) => w.value).join(' ');
}

const DIRECTIVE_RE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

export function parse(text: string): Dockerfile {
  const lineStarts = computeLineStarts(text);
  const nLines = lineStarts.length;
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  let escape = '\\';
  let inDirectives = true;
  let line = 0;
  while (line < nLines) {
    const ls = lineStarts[line];
    const le = lineContentEnd(text, lineStarts, line);
    // a UTF-8 byte-order mark before the first line is skipped, as BuildKit does
    let p = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : ls;
    while (p < le && isSpace(text.charCodeAt(p))) p++;
    if (p >= le) { inDirectives = false; line++; continue; }
    if (text.charCodeAt(p) === 35 /* # */) {
      const content = text.slice(p, le);
      if (inDirectives) {
        const m = DIRECTIVE_RE.exec(content);
        const name = m ? m[1].toLowerCase() : '';
        if (m && (DIRECTIVES as readonly string[]).includes(name) && !directives.some((d) => d.name === name)) {
          const nameAt = p + content.indexOf(m[1], 1);
          const valueAt = m[2].length ? p + content.lastIndexOf(m[2]) : le;
          directives.push({
            start: p, end: le, name, value: m[2], line,
            nameSpan: { start: nameAt, end: nameAt + m[1].length },
            valueSpan: { start: valueAt, end: valueAt + m[2].length },
          });
          if (name === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
          line++;
          continue;
        }
        inDirectives = false;
      }
      comments.push({ start: p, end: le, text: content.slice(1).trim(), line, embedded: false });
      line++;
      continue;
    }
    inDirectives = false;
    // An instruction, possibly continued over several lines.
    const startLine = line;
    let logical = '';
    const segments: Segment[] = [];
    const emptyLines: Span[] = [];
    let dangling = false;
    let segStart = p;
    let curEnd = le;
    for (;;) {
      // trailing whitespace, then the escape character?
      let e = curEnd;
      while (e > segStart && isSpace(text.charCodeAt(e - 1))) e--;
      // BuildKit: the escape character, then only blanks, continues the line, unless the escape character
      // itself is escaped (`C:\\Windows\\` ends the instruction there), or it is alone on the line.
      const continued = e > segStart && text[e - 1] === escape && (e - 1 === segStart || text[e - 2] !== escape);
      if (!continued) {
        segments.push({ at: logical.length, doc: segStart });
        logical += text.slice(segStart, curEnd);
        break;
      }
      segments.push({ at: logical.length, doc: segStart });
      logical += text.slice(segStart, e - 1);
      // find the next line that is not a comment nor empty
      let next = line + 1;
      let found = false;
      while (next < nLines) {
        const ns = lineStarts[next];
        const ne = lineContentEnd(text, lineStarts, next);
        let q = ns;
        while (q < ne && isSpace(text.charCodeAt(q))) q++;
        if (q >= ne) {
          if (next === nLines - 1 && ns === text.length) { next++; break; }
          emptyLines.push({ start: ns, end: ne });
          next++;
          continue;
        }
        if (text.charCodeAt(q) === 35) {
          comments.push({ start: q, end: ne, text: text.slice(q + 1, ne).trim(), line: next, embedded: true });
          next++;
          continue;
        }
        found = true;
        break;
      }
      if (!found) {
        dangling = true;
        line = Math.min(next, nLines) - 1;
        break;
      }
      line = next;
      segStart = lineStarts[line];
      curEnd = lineContentEnd(text, lineStarts, line);
    }
    const ins = buildInstruction(text, logical, segments, escape, startLine, line, true);
    ins.emptyContinuationLines = emptyLines;
    ins.danglingContinuation = dangling;
    line++;
    // heredocs: bodies follow the instruction's last line
    const hdTarget = ins.trigger ?? ins;
    if (HEREDOC_INSTRUCTIONS.has(hdTarget.keyword) && !hdTarget.json) {
      const markers = findHeredocMarkers(hdTarget.logical, hdTarget.argsAt, escape);
      for (const m of markers) {
        const bodyStart = line < nLines ? lineStarts[line] : text.length;
        let terminator: Span | null = null;
        let bodyEnd = text.length;
        while (line < nLines) {
          const s = lineStarts[line];
          const e2 = lineContentEnd(text, lineStarts, line);
          let content = text.slice(s, e2);
          if (m.strip) content = content.replace(/^\t+/, '');
          line++;
          if (content === m.name) {
            terminator = { start: s, end: e2 };
            bodyEnd = s;
            break;
          }
        }
        if (!terminator) line = nLines;
        const body = { start: Math.min(bodyStart, bodyEnd), end: bodyEnd };
        hdTarget.heredocs.push({
          name: m.name, strip: m.strip, quoted: m.quoted,
          marker: { start: hdTarget.toDoc(m.start), end: hdTarget.toDoc(m.end - 1) + 1 },
          body, terminator, text: text.slice(body.start, body.end),
        });
      }
      if (hdTarget.heredocs.length) {
        const last = hdTarget.heredocs[hdTarget.heredocs.length - 1];
        const endOff = last.terminator ? last.terminator.end : text.length;
        ins.end = endOff;
        ins.endLine = Math.max(ins.startLine, line - 1);
        if (ins.trigger) ins.trigger.end = endOff;
        if (!last.terminator) ins.endLine = nLines - 1;
      }
    }
    instructions.push(ins);
  }
  return { text, escape, directives, comments, instructions, lineStarts };
}

/** Offset → 0-based line and character, with a binary search over line starts. */
export function positionAt(lineStarts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function offsetAt(lineStarts: number[], text: string, line: number, character: number): number {
  if (line >= lineStarts.length) return text.length;
  if (line < 0) return 0;
  const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  return Math.min(lineStarts[line] + character, end);
}

/** The last item starting at or before `offset` (items sorted by start), by binary search. */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  if (hi < 0 || offset < startOf(items[0])) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(items[mid]) <= offset) lo = mid; else hi = mid - 1;
  }
  return items[lo];
}

/** The instruction whose text contains `offset`, if any. */
export function instructionAt(df: Dockerfile, offset: number): Instruction | undefined {
  const ins = lastStartingAtOrBefore(df.instructions, offset, (i) => i.start);
  return ins && offset <= ins.end ? ins : undefined;
}
