import { Instruction } from '../parser';
import { Model, Stage } from '../model';
import { parseShell } from '../shell';
import { Edit, Fix } from '../types';
import { l10n } from '../../shared/l10n';

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate (case-insensitive distance ≤ 2, or a case-only difference). */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lname = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lname ? 0 : levenshtein(lname, c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  const limit = name.length <= 3 ? 1 : 2;
  return bestD <= limit ? best : undefined;
}

/** A value as a double-quoted Dockerfile string (the escape character escapes `"` and itself). */
export function quoteValue(value: string, escape: string): string {
  if (/^[^\s"'\\`$]+$/.test(value)) return value;
  let out = '"';
  for (const ch of value) out += ch === '"' || ch === escape ? escape + ch : ch;
  return out + '"';
}

/** Converts a shell-form CMD/ENTRYPOINT to exec (JSON) form when its words are plain (no operators). */
export function jsonFormFix(ins: Instruction): Fix | undefined {
  const text = ins.argsText.trim();
  if (!text || ins.heredocs.length) return undefined;
  const script = parseShell(text);
  if (script.commands.length !== 1 || script.hasPipe) return undefined;
  const cmd = script.commands[0];
  if (cmd.assigns.length || cmd.words.some((w) => w.dynamic)) return undefined;
  // operators, redirections and expansions need a shell: no mechanical conversion then
  if (/[|&;<>()`$*?]/.test(text)) return undefined;
  const json = '[' + cmd.words.map((w) => JSON.stringify(w.value)).join(', ') + ']';
  return {
    title: l10n.t('Use exec form: {0} {1}', ins.keyword, json.length > 60 ? json.slice(0, 57) + '…' : json),
    edits: [{ start: ins.toDoc(ins.argsAt + (ins.argsText.length - ins.argsText.trimStart().length)), end: ins.end, newText: json }],
    preferred: true,
  };
}

/** Renames a stage: its AS name and every `FROM <stage>`, `COPY --from=<stage>`, `--mount from=<stage>`. */
export function stageReferenceEdits(model: Model, stage: Stage, newName: string): Edit[] {
  const edits: Edit[] = [];
  if (stage.nameWord) edits.push({ start: stage.nameWord.start, end: stage.nameWord.end, newText: newName });
  const lname = stage.name;
  for (const s of model.stages) {
    if (s.index <= stage.index) continue;
    if (s.image && s.image.value.toLowerCase() === lname) edits.push({ start: s.image.start, end: s.image.end, newText: newName });
    for (const ins of s.instructions) {
      const t = ins.trigger ?? ins;
      for (const f of t.flags) {
        if (f.name === 'from' && f.value?.toLowerCase() === lname && f.valueSpan) edits.push({ start: f.valueSpan.start, end: f.valueSpan.end, newText: newName });
        if (f.name === 'mount') {
          for (const o of f.options()) {
            if (o.key === 'from' && o.value?.toLowerCase() === lname && o.valueSpan) edits.push({ start: o.valueSpan.start, end: o.valueSpan.end, newText: newName });
          }
        }
      }
    }
  }
  return edits;
}
