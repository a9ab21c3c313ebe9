// What every rule gets: the model, a report function, the options, shell parses of RUN instructions.
import { Instruction, Span } from '../parser';
import { Model } from '../model';
import { ShScript, parseShell } from '../shell';
import { Fix, LintOptions } from '../types';
import { SyntaxVersion } from '../spec';

export interface ShellPart {
  script: ShScript;
  /** The shell text itself (continuations removed for the RUN line). */
  text: string;
  /** Maps an offset in the shell text to a document offset. */
  toDoc(offset: number): number;
  /** A heredoc body (rather than the RUN line). */
  heredoc: boolean;
}

export interface RuleContext {
  model: Model;
  opts: LintOptions;
  syntax: SyntaxVersion | undefined;
  escape: string;
  report(code: string, span: Span, message: string, fixes?: Fix[], extra?: { unnecessary?: boolean; deprecated?: boolean }): void;
  /** Shell scripts of a RUN: its shell-form text and its shell heredoc bodies. */
  shellOf(ins: Instruction): ShellPart[];
}

const SHELL_HEREDOC_CMD = /^\s*(?:(?:\/usr)?\/bin\/)?(?:ba|a|da|z)?sh\b/;

export function shellParts(ins: Instruction): ShellPart[] {
  if (ins.keyword !== 'RUN' || ins.json) return [];
  const parts: ShellPart[] = [];
  const text = ins.argsText;
  parts.push({ script: parseShell(text), text, toDoc: (o) => ins.toDoc(ins.argsAt + Math.min(o, Math.max(0, text.length - 1))) + (o >= text.length && text.length ? 1 : 0), heredoc: false });
  const head = text.trim();
  const runsHeredoc = head.startsWith('<<') || SHELL_HEREDOC_CMD.test(head);
  if (runsHeredoc) {
    for (const h of ins.heredocs) {
      const body = h.text;
      if (/^#!/.test(body) && !/^#!\s*\S*\b(ba|a|da|z)?sh\b/.test(body)) continue;
      const base = h.body.start;
      parts.push({ script: parseShell(body), text: body, toDoc: (o) => base + o, heredoc: true });
    }
  }
  return parts;
}
