// Dockerfile formatting as a list of small edits: instruction keywords upper-case at the start of their line,
// one space after the keyword, continuation lines indented the same way, exec-form (JSON) arrays spaced as
// `["a", "b"]`, no trailing whitespace. Heredoc bodies, and whitespace inside quotes, are never touched, so the
// instructions mean the same before and after; formatting twice gives the same text. No `vscode` here.
import { Dockerfile, Instruction, parse } from './parser';
import { Edit } from './types';

export interface FormatOptions {
  /** The indent of continuation lines (default four spaces). */
  indent?: string;
  /** Only lines from..to (0-based, inclusive) are formatted (Format Selection). */
  lines?: { from: number; to: number };
}

function lineEnd(df: Dockerfile, line: number): number {
  const next = line + 1 < df.lineStarts.length ? df.lineStarts[line + 1] - 1 : df.text.length;
  return next > df.lineStarts[line] && df.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
}

function isBlank(c: string): boolean { return c === ' ' || c === '\t'; }

/** The edits that format `text`. */
export function formatEdits(text: string, opts: FormatOptions = {}): Edit[] {
  const df = parse(text);
  const indent = opts.indent ?? '    ';
  const edits: Edit[] = [];
  const t = df.text;
  const nLines = df.lineStarts.length;
  const touched = new Set<number>(); // lines handled by an instruction
  const inRange = (line: number): boolean => !opts.lines || (line >= opts.lines.from && line <= opts.lines.to);

  /** Trailing blanks of a line, unless they sit inside quotes (then they belong to a value). */
  const trimEnd = (line: number, insideQuote: boolean): void => {
    const ls = df.lineStarts[line];
    const le = lineEnd(df, line);
    let e = le;
    while (e > ls && isBlank(t[e - 1])) e--;
    if (e < le && !insideQuote && inRange(line)) edits.push({ start: e, end: le, newText: '' });
  };

  for (const ins of df.instructions) {
    formatInstruction(df, ins, indent, edits, touched, trimEnd, inRange);
  }
  // comments, directives and blank lines outside instructions: trailing whitespace only
  for (let line = 0; line < nLines; line++) {
    if (touched.has(line)) continue;
    trimEnd(line, false);
  }
  return edits.sort((a, b) => a.start - b.start);
}

function formatInstruction(df: Dockerfile, ins: Instruction, indent: string, edits: Edit[], touched: Set<number>,
  trimEnd: (line: number, insideQuote: boolean) => void, inRange: (line: number) => boolean): void {
  const t = df.text;
  const esc = df.escape;
  // the instruction's own lines: up to the first heredoc body
  const firstBody = ins.heredocs.length ? ins.heredocs[0].body.start : -1;
  let lastOwn = ins.endLine;
  if (firstBody >= 0) {
    let l = ins.startLine;
    while (l + 1 < df.lineStarts.length && df.lineStarts[l + 1] <= firstBody) l++;
    lastOwn = Math.max(ins.startLine, l - 1);
  }
  for (let l = ins.startLine; l <= ins.endLine; l++) touched.add(l);

  const first = df.lineStarts[ins.startLine];
  if (inRange(ins.startLine)) {
    // the keyword at the start of the line, upper case
    if (ins.keywordSpan.start > first && /^[ \t]+$/.test(t.slice(first, ins.keywordSpan.start))) {
      edits.push({ start: first, end: ins.keywordSpan.start, newText: '' });
    }
    if (ins.keywordText !== ins.keyword && /^[A-Za-z]+$/.test(ins.keywordText)) {
      edits.push({ start: ins.keywordSpan.start, end: ins.keywordSpan.end, newText: ins.keyword });
    }
    oneSpaceAfter(t, ins.keywordSpan.end, lineEnd(df, ins.startLine), esc, edits);
    const asWord = ins.keyword === 'FROM' ? ins.args[1] : undefined;
    if (asWord && asWord.raw.toLowerCase() === 'as' && asWord.raw !== 'AS') edits.push({ start: asWord.start, end: asWord.end, newText: 'AS' });
    const trig = ins.trigger;
    if (trig && df.lineStarts[ins.startLine] <= trig.keywordSpan.start && trig.keywordSpan.end <= lineEnd(df, ins.startLine)) {
      if (trig.keywordText !== trig.keyword && /^[A-Za-z]+$/.test(trig.keywordText)) {
        edits.push({ start: trig.keywordSpan.start, end: trig.keywordSpan.end, newText: trig.keyword });
      }
      oneSpaceAfter(t, trig.keywordSpan.end, lineEnd(df, ins.startLine), esc, edits);
    }
  }
  // exec form on one line: `["a", "b"]`
  const form = (ins.trigger ?? ins).json;
  if (form && inRange(ins.startLine) && form.span.end <= lineEnd(df, ins.startLine)) {
    const raw = form.spans.map((s) => t.slice(s.start, s.end));
    const want = raw.length ? `[${raw.join(', ')}]` : '[]';
    if (t.slice(form.span.start, form.span.end) !== want) edits.push({ start: form.span.start, end: form.span.end, newText: want });
  }

  // quote state along the instruction's own lines (comment lines inside a continuation do not count)
  let quote = '';
  // whether the last line before this one ended with a blank before its escape (`a \`): then the indent of the
  // next line is free; `foo\` + `bar` joins into one word, and an indent would split it
  let joinsWithBlank = false;
  for (let line = ins.startLine; line <= lastOwn; line++) {
    const ls = df.lineStarts[line];
    const le = lineEnd(df, line);
    let p = ls;
    while (p < le && isBlank(t[p])) p++;
    const isComment = line > ins.startLine && t[p] === '#' && !quote;
    const free = isComment || p > ls || joinsWithBlank;
    if (line > ins.startLine && !quote && p < le && inRange(line) && t.slice(ls, p) !== indent && free) {
      // a continuation line (or a comment inside one): the common indent
      edits.push({ start: ls, end: p, newText: indent });
    } else if (line > ins.startLine && !quote && p === le && le > ls && inRange(line)) {
      edits.push({ start: ls, end: le, newText: '' }); // a blank continuation line: no whitespace
    }
    if (!isComment) {
      for (let i = p; i < le; i++) {
        const c = t[i];
        if (c === esc && quote !== '\'') { i++; continue; }
        if (quote) { if (c === quote) quote = ''; continue; }
        if (c === '"' || c === '\'') quote = c;
      }
    }
    if (p < le) trimEnd(line, quote !== '' && !endsWithContinuation(t, ls, le, esc));
    if (!isComment && p < le) {
      let e = le;
      while (e > ls && isBlank(t[e - 1])) e--;
      // A line that is only the escape adds nothing to the joined text: what the line before ended
      // with still decides. The indent never counts as a blank before the escape.
      if (t.slice(p, e) !== esc) joinsWithBlank = e - 2 >= p && isBlank(t[e - 2]);
    }
  }
  // heredoc bodies and terminators stay as written
}

function endsWithContinuation(t: string, ls: number, le: number, esc: string): boolean {
  let e = le;
  while (e > ls && isBlank(t[e - 1])) e--;
  return e > ls && t[e - 1] === esc && (e - 1 === ls || t[e - 2] !== esc);
}

/** One space between a keyword and what follows it on the same line. */
function oneSpaceAfter(t: string, at: number, le: number, esc: string, edits: Edit[]): void {
  let e = at;
  while (e < le && isBlank(t[e])) e++;
  if (e === at || e >= le) return; // nothing follows, or no blank at all (not a separate word)
  if (t[e] === esc && e + 1 >= le) return; // `RUN \` then the arguments below
  if (e - at !== 1 || t[at] !== ' ') edits.push({ start: at, end: e, newText: ' ' });
}

/** The formatted text (applies formatEdits). */
export function format(text: string, opts: FormatOptions = {}): string {
  const edits = formatEdits(text, opts);
  let out = '';
  let last = 0;
  for (const e of edits) {
    if (e.start < last) continue;
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}
