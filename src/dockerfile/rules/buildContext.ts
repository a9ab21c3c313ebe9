// COPY/ADD sources against the build context: missing files (CopySourceNotFound) and files that
// .dockerignore excludes (BuildKit's CopyIgnoredFile).
import { Span } from '../parser';
import { BuildContext } from '../types';
import { RuleContext } from './context';

/** Normalises a COPY source to a context-relative path ('' is the root). */
export function normalizeSource(src: string): string {
  const parts: string[] = [];
  for (const p of src.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') { parts.pop(); continue; }
    parts.push(p);
  }
  return parts.join('/');
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else { re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']'; i = end; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp('^' + re + '$');
  } catch {
    // an invalid class such as [z-a]: BuildKit's matcher fails on it too; it matches nothing here
    return /(?!)/;
  }
}

const WILDCARD = /[*?[]/;

/** Paths in the context that a source matches (up to `limit`). */
export function matchSource(ctx: BuildContext, rel: string, limit = 50): string[] {
  if (!WILDCARD.test(rel)) return ctx.stat(rel) ? [rel] : [];
  const parts = rel.split('/');
  let current = [''];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next: string[] = [];
    for (const dir of current) {
      const prefix = dir ? dir + '/' : '';
      if (!WILDCARD.test(p)) {
        const cand = prefix + p;
        if (ctx.stat(cand)) next.push(cand);
        continue;
      }
      const entries = ctx.list(dir) ?? [];
      const re = globToRegExp(p);
      for (const e of entries) {
        if (re.test(e.name) && (i === parts.length - 1 || e.dir)) next.push(prefix + e.name);
        if (next.length >= limit) break;
      }
    }
    current = next;
    if (!current.length) break;
  }
  return current;
}

export function buildContextChecks(rc: RuleContext): void {
  const bc = rc.opts.context;
  if (!bc) return;
  for (const stage of rc.model.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      if (ins.flags.some((f) => f.name === 'from')) continue;
      const sources: { value: string; span: Span }[] = ins.json
        ? ins.json.values.slice(0, -1).map((value, i) => ({ value, span: ins.json!.spans[i] }))
        : ins.args.slice(0, -1).map((w) => ({ value: w.value, span: w }));
      for (const s of sources) {
        const v = s.value;
        if (!v || v.startsWith('<<') || v.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^git@/.test(v)) continue;
        const rel = normalizeSource(v);
        if (rel === '') continue;
        const before = bc.unknown?.() ?? 0;
        const matches = matchSource(bc, rel);
        if (!matches.length && (bc.unknown?.() ?? 0) > before) continue; // a folder is still being read
        if (!matches.length) {
          rc.report('CopySourceNotFound', s.span, `${ins.keyword} source '${v}' was not found in the build context`);
          continue;
        }
        const ignored = matches.filter((m) => bc.isIgnored(m));
        if (ignored.length === matches.length) {
          rc.report('CopyIgnoredFile', s.span, `Attempting to ${ins.keyword === 'ADD' ? 'Add' : 'Copy'} file "${v}" that is excluded by .dockerignore`);
        }
      }
    }
  }
}
