// Outline (pure): global ARGs, then one node per stage with its instructions.
import { Instruction, Span } from './parser';
import { Model, keyValues } from './model';
import { l10n } from '../shared/l10n';

export type SymbolKind = 'stage' | 'instruction' | 'variable' | 'directive';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  keyword?: string;
  range: Span;
  selection: Span;
  children: OutlineSymbol[];
}

function short(s: string, n = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function instructionSymbol(model: Model, ins: Instruction): OutlineSymbol {
  const kws = ins.keyword === 'ARG' || ins.keyword === 'ENV' ? keyValues(ins, model.df.escape) : [];
  if (kws.length) {
    return {
      name: kws.map((k) => k.name).join(', '), detail: `${ins.keyword}${kws.length === 1 && kws[0].value !== null ? ' = ' + short(kws[0].value, 40) : ''}`,
      kind: 'variable', keyword: ins.keyword, range: { start: ins.start, end: ins.end }, selection: kws[0].nameSpan, children: [],
    };
  }
  return {
    name: ins.keyword, detail: short(ins.heredocs.length ? ins.argsText : ins.argsText), kind: 'instruction', keyword: ins.keyword,
    range: { start: ins.start, end: ins.end }, selection: ins.keywordSpan, children: [],
  };
}

export function outline(model: Model): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const a of model.globalArgs) out.push(instructionSymbol(model, a));
  for (const ins of model.beforeFrom) out.push(instructionSymbol(model, ins));
  const stages = model.stages;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i];
    const last = s.instructions.length ? s.instructions[s.instructions.length - 1].end : s.from.end;
    out.push({
      name: s.nameWord?.value ?? `stage ${s.index}`,
      detail: l10n.t('FROM {0}{1}', s.image?.value ?? '', s.platform ? ` (${s.platform})` : ''),
      kind: 'stage', keyword: 'FROM',
      range: { start: s.from.start, end: Math.max(last, s.from.end) },
      selection: s.nameWord ?? s.image ?? s.from.keywordSpan,
      children: s.instructions.map((ins) => instructionSymbol(model, ins)),
    });
  }
  return out;
}

export interface Fold { startLine: number; endLine: number; kind?: 'comment' | 'region' }

/** Folding: stages, multi-line instructions (continuations, heredocs), comment blocks. */
export function foldingRanges(model: Model): Fold[] {
  const out: Fold[] = [];
  const df = model.df;
  const stages = model.stages;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i];
    const last = s.instructions.length ? s.instructions[s.instructions.length - 1].endLine : s.from.endLine;
    if (last > s.from.startLine) out.push({ startLine: s.from.startLine, endLine: last, kind: 'region' });
  }
  for (const ins of df.instructions) if (ins.endLine > ins.startLine) out.push({ startLine: ins.startLine, endLine: ins.endLine });
  let start = -1;
  let prev = -2;
  for (const c of df.comments) {
    if (c.embedded) continue;
    if (c.line !== prev + 1) {
      if (start >= 0 && prev > start) out.push({ startLine: start, endLine: prev, kind: 'comment' });
      start = c.line;
    }
    prev = c.line;
  }
  if (start >= 0 && prev > start) out.push({ startLine: start, endLine: prev, kind: 'comment' });
  return out;
}
