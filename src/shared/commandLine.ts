// Command lines split into argv like a POSIX shell splits words, and argv quoted back for
// display. Pure: no shell is ever involved.
import { l10n } from './l10n';

/** A parse result: the value, or the reason the input is not valid. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * Splits a command line into arguments like a POSIX shell's word splitting and quote removal —
 * and nothing more: no variables, globs, pipes, `;` or `$()` (they stay literal text).
 */
export function splitCommandLine(line: string): Parsed<string[]> {
  const args: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return bad(l10n.t('A single quote (\') is not closed.'));
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1])) { j++; if (line[j] !== '\n') cur += line[j]; } else cur += line[j];
      }
      if (j >= line.length) return bad(l10n.t('A double quote (") is not closed.'));
      i = j;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return bad(l10n.t('The line ends with a backslash.'));
      i++;
      if (line[i] !== '\n') { cur += line[i]; inWord = true; }
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) { args.push(cur); cur = ''; inWord = false; }
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) args.push(cur);
  return ok(args);
}

/** Quotes argv for display (the reverse of splitCommandLine). */
export function joinCommandLine(args: string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

