import * as fs from 'node:fs';
import { analyzeCompose, AnalyzeOptions, ComposeAnalysis } from '../../../../src/compose/language/analyze';
import { LineIndex } from '../../../../src/compose/language/tree';
import { Edit, FileSystemView } from '../../../../src/compose/language/types';

export const realFs: FileSystemView = {
  stat(p) {
    try { return fs.statSync(p).isDirectory() ? 'dir' : 'file'; } catch { return undefined; }
  },
};

/** A file system of the given paths (folders end with '/'). */
export function fakeFs(paths: string[]): FileSystemView {
  return {
    stat(p) {
      if (paths.includes(p)) return 'file';
      if (paths.includes(`${p}/`) || paths.some((x) => x.startsWith(`${p}/`))) return 'dir';
      return undefined;
    },
  };
}

/** Diagnostics as `line:col code "marked text"` (1-based), for compact assertions. */
export function summarize(text: string, opts: AnalyzeOptions = {}): string[] {
  const a = analyzeCompose(text, opts);
  return describe_(text, a);
}

export function describe_(text: string, a: ComposeAnalysis): string[] {
  const li = new LineIndex(text);
  return a.diagnostics.map((d) => {
    const p = li.position(d.start);
    return `${p.line + 1}:${p.character + 1} ${d.code} ${JSON.stringify(text.slice(d.start, d.end))}`;
  });
}

/** Offset of the nth occurrence of needle (plus delta). */
export function at(text: string, needle: string, nth = 0, delta = 0): number {
  let i = -1;
  for (let n = 0; n <= nth; n++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${nth} not in text`);
  }
  return i + delta;
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
