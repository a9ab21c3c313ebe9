// Semantic tokens (pure), linear in the file size: one pass over the instructions, tokens sorted per
// instruction (a handful each), then the LSP relative encoding with an incremental line cursor.
import { Dockerfile, Instruction } from './parser';
import { Model, findVariables, keyValues } from './model';

export const TOKEN_TYPES = ['keyword', 'parameter', 'variable', 'string', 'comment', 'operator', 'property', 'namespace', 'macro', 'number', 'label', 'class'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'deprecated', 'readonly', 'defaultLibrary'] as const;

type TokenType = typeof TOKEN_TYPES[number];
const T: Record<TokenType, number> = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
const DECL = 1;
const DEPRECATED = 2;

/** Tokens as flat [start, end, type, modifiers] quadruples in document offsets. */
function collect(model: Model): number[] {
  const df: Dockerfile = model.df;
  const out: number[] = [];
  const esc = df.escape;
  for (const d of df.directives) {
    out.push(d.nameSpan.start, d.nameSpan.end, T.macro, 0);
    if (d.valueSpan.end > d.valueSpan.start) out.push(d.valueSpan.start, d.valueSpan.end, T.string, 0);
  }
  const stageNames = new Set(model.stages.map((s) => s.name).filter((n): n is string => !!n));
  const pushIns = (ins: Instruction): void => {
    const toks: number[] = [];
    toks.push(ins.keywordSpan.start, ins.keywordSpan.end, T.keyword, ins.keyword === 'MAINTAINER' ? DEPRECATED : 0);
    for (const f of ins.flags) {
      toks.push(f.nameSpan.start, f.nameSpan.end, T.parameter, 0);
      if (f.valueSpan && f.value !== null && !f.value.includes('$')) {
        if (f.name === 'mount') {
          for (const o of f.options()) {
            toks.push(o.keySpan.start, o.keySpan.end, T.property, 0);
            if (o.valueSpan && o.valueSpan.end > o.valueSpan.start) toks.push(o.valueSpan.start, o.valueSpan.end, o.key === 'from' ? T.label : T.string, 0);
          }
        } else toks.push(f.valueSpan.start, f.valueSpan.end, f.name === 'from' && stageNames.has(f.value.toLowerCase()) ? T.label : T.string, 0);
      }
    }
    switch (ins.keyword) {
      case 'FROM': {
        const a = ins.args;
        if (a[0] && !a[0].raw.includes('$')) toks.push(a[0].start, a[0].end, stageNames.has(a[0].value.toLowerCase()) ? T.label : T.class, 0);
        if (a[1] && a[1].value.toLowerCase() === 'as') toks.push(a[1].start, a[1].end, T.keyword, 0);
        if (a[2]) toks.push(a[2].start, a[2].end, T.label, DECL);
        break;
      }
      case 'ARG':
      case 'ENV':
      case 'LABEL':
        for (const kv of keyValues(ins, esc)) {
          toks.push(kv.nameSpan.start, kv.nameSpan.end, ins.keyword === 'LABEL' ? T.property : T.variable, ins.keyword === 'LABEL' ? 0 : DECL);
          if (kv.valueSpan && kv.valueSpan.end > kv.valueSpan.start && !df.text.slice(kv.valueSpan.start, kv.valueSpan.end).includes('$')) toks.push(kv.valueSpan.start, kv.valueSpan.end, T.string, 0);
        }
        break;
      case 'EXPOSE':
        for (const w of ins.args) if (!w.raw.includes('$')) toks.push(w.start, w.end, T.number, 0);
        break;
      default:
        if (ins.json) for (const s of ins.json.spans) toks.push(s.start, s.end, T.string, 0);
        break;
    }
    for (const h of ins.heredocs) toks.push(h.marker.start, h.marker.end, T.operator, 0);
    if (ins.keyword !== 'RUN' && ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'SHELL' && ins.keyword !== 'HEALTHCHECK' && ins.keyword !== 'ONBUILD') {
      // variables in expanded arguments (flags included); shell-form commands are the shell's business
      let k = 0;
      const l = ins.logical;
      while (k < l.length && (l[k] === ' ' || l[k] === '\t')) k++;
      while (k < l.length && l[k] !== ' ' && l[k] !== '\t') k++;
      for (const v of findVariables(l, k, l.length, esc, ins.toDoc)) toks.push(v.start, v.end, T.variable, 0);
    }
    // sort this instruction's tokens and drop overlaps
    const idx: number[] = [];
    for (let i = 0; i < toks.length; i += 4) idx.push(i);
    idx.sort((x, y) => toks[x] - toks[y] || toks[y + 1] - toks[x + 1]);
    let lastEnd = -1;
    for (const i of idx) {
      if (toks[i] < lastEnd || toks[i + 1] <= toks[i]) continue;
      out.push(toks[i], toks[i + 1], toks[i + 2], toks[i + 3]);
      lastEnd = toks[i + 1];
    }
  };
  for (const ins of df.instructions) {
    pushIns(ins);
    if (ins.trigger) pushIns(ins.trigger);
  }
  return out;
}

/** LSP/VS Code encoded semantic tokens (deltaLine, deltaStart, length, type, modifiers). */
export function semanticTokens(model: Model): Uint32Array {
  const toks = collect(model);
  const { text, lineStarts } = model.df;
  const data: number[] = [];
  let line = 0;
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (let i = 0; i < toks.length; i += 4) {
    let start = toks[i];
    const end = toks[i + 1];
    if (start < lastEnd) continue; // ONBUILD triggers may overlap their parent's tokens
    lastEnd = end;
    // split tokens that span lines (continuations)
    while (start < end) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= start) line++;
      const lineEndOffset = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
      const segEnd = Math.min(end, lineEndOffset);
      if (segEnd > start) {
        const ch = start - lineStarts[line];
        data.push(line - prevLine, line === prevLine ? ch - prevChar : ch, segEnd - start, toks[i + 2], toks[i + 3]);
        prevLine = line;
        prevChar = ch;
      }
      start = segEnd + 1;
    }
  }
  return Uint32Array.from(data);
}
