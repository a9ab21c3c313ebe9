import { analyze } from '../../../src/dockerfile/analyze';
import { Diagnostic, Edit, LintOptions } from '../../../src/dockerfile/types';

export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function diags(text: string, opts: LintOptions = {}): Diagnostic[] {
  return analyze(text, opts).diagnostics;
}

export function codes(text: string, opts: LintOptions = {}): string[] {
  return diags(text, opts).map((d) => d.code);
}

/** Applies the first (preferred if any) non-suppression fix of the first diagnostic with `code`. */
export function fix(text: string, code: string, opts: LintOptions = {}): string {
  const d = diags(text, opts).find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in:\n${text}`);
  const f = d.fixes.find((x) => x.preferred) ?? d.fixes.find((x) => !/^(Ignore|Skip) /.test(x.title));
  if (!f) throw new Error(`no fix for ${code}`);
  return applyEdits(text, f.edits);
}

/** 1-based line of a diagnostic start. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
