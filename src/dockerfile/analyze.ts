// Full analysis of a Dockerfile: parse, model, every rule family, then the file's own switches
// (`# check=skip=…;error=true;experimental=…`, `# hadolint ignore=…`, `# dockyard ignore=…`) and the
// user's per-rule severities.
import { Dockerfile, Instruction, Span, instructionAt, parse, positionAt } from './parser';
import { Model, buildModel } from './model';
import { RULES, Severity } from './rules/meta';
import { RuleContext, ShellPart, shellParts } from './rules/context';
import { buildkitChecks } from './rules/buildkit';
import { hadolintRules } from './rules/hadolint';
import { hadolintMoreRules } from './rules/hadolintMore';
import { hadolintConfigRules } from './rules/hadolintConfig';
import { syntaxChecks } from './rules/syntax';
import { buildContextChecks } from './rules/buildContext';
import { parseSyntaxVersion } from './spec';
import { Diagnostic, Fix, LintOptions } from './types';

export interface Analysis {
  model: Model;
  diagnostics: Diagnostic[];
}

export interface CheckDirective {
  skip: Set<string>;
  skipAll: boolean;
  error: boolean;
  experimental: Set<string>;
  experimentalAll: boolean;
}

export function readCheckDirective(value: string | undefined): CheckDirective {
  const d: CheckDirective = { skip: new Set(), skipAll: false, error: false, experimental: new Set(), experimentalAll: false };
  if (!value) return d;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const vals = part.slice(eq + 1).split(',').map((s) => s.trim()).filter(Boolean);
    if (key === 'skip') for (const v of vals) { if (v === 'all') d.skipAll = true; else d.skip.add(v); }
    if (key === 'error') d.error = vals[0]?.toLowerCase() === 'true';
    if (key === 'experimental') for (const v of vals) { if (v === 'all') d.experimentalAll = true; else d.experimental.add(v); }
  }
  return d;
}

const IGNORE_RE = /^(hadolint|dockyard)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/i;
/** `# shellcheck disable=SC2086,SC2046` above a RUN: ShellCheck's own switch, for its codes. */
const SHELLCHECK_DISABLE_RE = /^shellcheck\s+disable\s*=\s*((?:SC)?\d+(?:\s*,\s*(?:SC)?\d+)*)/i;

export function analyze(text: string, opts: LintOptions = {}): Analysis {
  const df = parse(text);
  const model = buildModel(df);
  const syntaxDirective = df.directives.find((d) => d.name === 'syntax');
  const raw: Diagnostic[] = [];
  const shellCache = new Map<Instruction, ShellPart[]>();
  const ctx: RuleContext = {
    model, opts, escape: df.escape,
    syntax: parseSyntaxVersion(syntaxDirective?.value),
    report(code: string, span: Span, message: string, fixes: Fix[] = [], extra = {}): void {
      const meta = RULES.get(code);
      raw.push({
        code, message, severity: meta?.severity ?? 'warning', start: span.start, end: Math.max(span.end, span.start),
        source: meta?.source ?? 'dockyard', fixes, ...extra,
      });
    },
    shellOf(ins: Instruction): ShellPart[] {
      let p = shellCache.get(ins);
      if (!p) { p = shellParts(ins); shellCache.set(ins, p); }
      return p;
    },
  };
  syntaxChecks(ctx);
  buildkitChecks(ctx);
  hadolintRules(ctx);
  hadolintMoreRules(ctx);
  hadolintConfigRules(ctx, df.comments);
  buildContextChecks(ctx);
  return { model, diagnostics: finishDiagnostics(df, raw, opts) };
}

/**
 * The file's switches (`# check=…`, ignore comments, global ignores) and the user's per-rule severities,
 * applied to raw findings; adds the suppression fixes; sorts. Also used for ShellCheck's findings, which
 * arrive later.
 */
export function finishDiagnostics(df: Dockerfile, raw: Diagnostic[], opts: LintOptions): Diagnostic[] {
  const check = readCheckDirective(df.directives.find((d) => d.name === 'check')?.value);
  // ignore comments
  const globalIgnores = new Set<string>();
  const lineIgnores = new Map<number, Set<string>>();
  const commentLines = new Set<number>();
  for (const c of df.comments) {
    if (!c.embedded) commentLines.add(c.line);
    const sc = SHELLCHECK_DISABLE_RE.exec(c.text);
    if (sc) {
      const set = lineIgnores.get(c.line) ?? new Set<string>();
      for (const code of sc[1].split(/\s*,\s*/)) set.add(/^sc/i.test(code) ? code.toUpperCase() : `SC${code}`);
      lineIgnores.set(c.line, set);
      continue;
    }
    const m = IGNORE_RE.exec(c.text);
    if (!m) continue;
    const codes = m[3].split(/[\s,]+/).filter(Boolean);
    if (m[2]) codes.forEach((x) => globalIgnores.add(x));
    else lineIgnores.set(c.line, new Set([...(lineIgnores.get(c.line) ?? []), ...codes]));
  }

  const ignoredAt = (ins: Instruction, code: string): boolean => {
    for (let l = ins.startLine - 1; l >= 0 && commentLines.has(l); l--) {
      if (lineIgnores.get(l)?.has(code)) return true;
    }
    return false;
  };

  const embeddedIgnore = (ins: Instruction, at: number, code: string): boolean => {
    const line = positionAt(df.lineStarts, at).line;
    for (let l = ins.startLine + 1; l < line; l++) if (lineIgnores.get(l)?.has(code)) return true;
    return false;
  };

  const out: Diagnostic[] = [];
  for (const d of raw) {
    const meta = RULES.get(d.code);
    const setting = opts.rules?.[d.code];
    if (setting === 'off') continue;
    if (meta?.defaultOff && !setting) continue;
    if (globalIgnores.has(d.code)) continue;
    if (meta?.source === 'buildkit') {
      if (check.skipAll || check.skip.has(d.code)) continue;
      if (meta.experimental && !opts.experimental && !check.experimentalAll && !check.experimental.has(d.code) && !setting) continue;
      if (check.error) d.severity = 'error';
    }
    const ins = instructionAt(df, d.start);
    if (ins && ignoredAt(ins, d.code)) continue;
    // ShellCheck's directive may also sit on a comment line inside the continued RUN, above the command
    if (ins && d.source === 'shellcheck' && embeddedIgnore(ins, d.start, d.code)) continue;
    if (setting) d.severity = setting as Severity;
    d.fixes = [...d.fixes, ...suppressionFixes(df.text, df.lineStarts, ins, d, df.directives.find((x) => x.name === 'check'))];
    out.push(d);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return withoutDuplicates(out);
}

/** Drops a diagnostic whose rule is `sameAs` another that was reported on the same spot. */
function withoutDuplicates(list: Diagnostic[]): Diagnostic[] {
  const kept = new Set(list.map((d) => `${d.code}@${d.start}`));
  const anywhere = new Set(list.map((d) => d.code));
  return list.filter((d) => {
    const meta = RULES.get(d.code);
    const twin = meta?.sameAs;
    if (!twin) return true;
    return !(meta.sameAsAnywhere ? anywhere.has(twin) : kept.has(`${twin}@${d.start}`));
  });
}

function suppressionFixes(text: string, lineStarts: number[], ins: Instruction | undefined, d: Diagnostic,
  checkDirective: { valueSpan: Span; value: string } | undefined): Fix[] {
  const fixes: Fix[] = [];
  if (ins) {
    const lineStart = lineStarts[ins.startLine];
    const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
    const tool = d.source === 'hadolint' || d.source === 'shellcheck' ? 'hadolint' : 'dockyard';
    // extend an ignore comment right above, if there is one
    const prevLine = ins.startLine - 1;
    if (prevLine >= 0) {
      const ps = lineStarts[prevLine];
      const pe = lineStarts[ins.startLine] - 1;
      const prev = text.slice(ps, pe).replace(/\r$/, '');
      const m = new RegExp(`^(\\s*#\\s*${tool}\\s+ignore\\s*=\\s*[A-Za-z0-9_,-]+)`).exec(prev);
      if (m) {
        const at = ps + m[1].length;
        fixes.push({ title: `Ignore ${d.code} for this instruction`, edits: [{ start: at, end: at, newText: `,${d.code}` }] });
        return withFileSkip(fixes, text, d, checkDirective);
      }
    }
    fixes.push({ title: `Ignore ${d.code} for this instruction`, edits: [{ start: lineStart, end: lineStart, newText: `${indent}# ${tool} ignore=${d.code}\n` }] });
  }
  return withFileSkip(fixes, text, d, checkDirective);
}

function withFileSkip(fixes: Fix[], text: string, d: Diagnostic, checkDirective: { valueSpan: Span; value: string } | undefined): Fix[] {
  if (d.source !== 'buildkit') return fixes;
  if (checkDirective) {
    const m = /(^|;)\s*skip\s*=\s*([^;]*)/.exec(checkDirective.value);
    if (m) {
      const at = checkDirective.valueSpan.start + m.index + m[0].length;
      fixes.push({ title: `Skip the ${d.code} check in this file`, edits: [{ start: at, end: at, newText: `,${d.code}` }] });
    } else {
      const at = checkDirective.valueSpan.end;
      fixes.push({ title: `Skip the ${d.code} check in this file`, edits: [{ start: at, end: at, newText: `${checkDirective.value ? ';' : ''}skip=${d.code}` }] });
    }
  } else {
    // directives must come first; after a syntax directive is fine
    const m = /^(#[ \t]*syntax[ \t]*=[^\n]*\n)?/i.exec(text);
    const at = m?.[0].length ?? 0;
    fixes.push({ title: `Skip the ${d.code} check in this file`, edits: [{ start: at, end: at, newText: `# check=skip=${d.code}\n` }] });
  }
  return fixes;
}
