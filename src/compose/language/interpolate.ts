// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal dollar, as
// compose-go's template package reads them; and `.env` files as compose reads them. Pure.
import { l10n } from '../../shared/l10n';

export type Operator = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VariableRef {
  name: string;
  operator: Operator;
  /** The text after the operator (default, error message or alternative), unexpanded. */
  arg: string;
  /** Offsets of the whole `${…}` / `$NAME` in the string. */
  start: number;
  end: number;
  /** References inside `arg`, offsets relative to the same string. */
  nested: VariableRef[];
}

export interface InterpolationError { message: string; start: number; end: number }

export interface ScanResult { refs: VariableRef[]; errors: InterpolationError[] }

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

/** Finds every variable reference in a string (offsets into it). */
export function scanVariables(s: string, base = 0): ScanResult {
  const refs: VariableRef[] = [];
  const errors: InterpolationError[] = [];
  let i = s.indexOf('$');
  while (i >= 0 && i < s.length) {
    const next = s[i + 1];
    if (next === '$') { i = s.indexOf('$', i + 2); continue; }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 2;
      while (j < s.length && NAME_CHAR.test(s[j])) j++;
      refs.push({ name: s.slice(i + 1, j), operator: '', arg: '', start: base + i, end: base + j, nested: [] });
      i = s.indexOf('$', j);
      continue;
    }
    if (next === '{') {
      // Find the matching brace, counting nested ${ … }.
      let depth = 1;
      let j = i + 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '$' && s[j + 1] === '{') { depth++; j += 2; continue; }
        if (s[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (depth > 0) {
        errors.push({ message: l10n.t('Invalid interpolation format: "{0}" has no closing "}".', s.slice(i)), start: base + i, end: base + s.length });
        break;
      }
      const inner = s.slice(i + 2, j);
      const m = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-+?])([\s\S]*))?$/.exec(inner);
      if (!m) {
        errors.push({ message: l10n.t('Invalid interpolation format: "{0}" (a variable name is letters, digits and _, not starting with a digit).', `\${${inner}}`), start: base + i, end: base + j + 1 });
      } else {
        const operator = (m[2] ?? '') as Operator;
        const arg = m[3] ?? '';
        const argStart = i + 2 + m[1].length + operator.length;
        const nested = operator ? scanVariables(arg, base + argStart) : { refs: [], errors: [] };
        errors.push(...nested.errors);
        refs.push({ name: m[1], operator, arg, start: base + i, end: base + j + 1, nested: nested.refs });
      }
      i = s.indexOf('$', j + 1);
      continue;
    }
    i = s.indexOf('$', i + 1);
  }
  return { refs, errors };
}

/** Where a variable's value comes from. */
export interface VariableSource {
  /** Value by name, undefined when unset. */
  lookup(name: string): { value: string; from: string } | undefined;
}

export function mapSource(values: Record<string, string | undefined>, from: string): VariableSource {
  return { lookup: (name) => (Object.prototype.hasOwnProperty.call(values, name) && values[name] !== undefined ? { value: values[name]!, from } : undefined) };
}

/** The first source that has the variable wins (the environment before `.env`, as compose does). */
export function layered(...sources: VariableSource[]): VariableSource {
  return { lookup: (name) => { for (const s of sources) { const v = s.lookup(name); if (v) return v; } return undefined; } };
}

export interface Resolution {
  value: string;
  /** Variables that were needed and unset (no default). */
  unset: VariableRef[];
  /** `${X:?msg}` / `${X?msg}` whose variable was unset (or empty for `:?`). */
  required: { ref: VariableRef; message: string }[];
}

/** Expands a string the way compose does. */
export function interpolate(s: string, env: VariableSource): Resolution {
  return interpolateRefs(s, scanVariables(s).refs, env);
}

/** Expands a string whose references were already found (by scanVariables with no base). */
export function interpolateRefs(s: string, refs: VariableRef[], env: VariableSource): Resolution {
  const out: Resolution = { value: '', unset: [], required: [] };
  out.value = expand(s, refs, 0, env, out);
  return out;
}

function expand(s: string, refs: VariableRef[], base: number, env: VariableSource, out: Resolution): string {
  let result = '';
  let pos = 0;
  for (const r of refs) {
    const rs = r.start - base;
    result += unescapeDollars(s.slice(pos, rs));
    result += resolveRef(r, env, out);
    pos = r.end - base;
  }
  result += unescapeDollars(s.slice(pos));
  return result;
}

function unescapeDollars(s: string): string {
  return s.includes('$$') ? s.replace(/\$\$/g, '$') : s;
}

/** The default, error message or alternative of a reference, expanded. */
function argValue(r: VariableRef, env: VariableSource, out: Resolution): string {
  return expand(r.arg, r.nested, r.end - 1 - r.arg.length, env, out);
}

function resolveRef(r: VariableRef, env: VariableSource, out: Resolution): string {
  const v = env.lookup(r.name)?.value;
  switch (r.operator) {
    case '': if (v === undefined) out.unset.push(r); return v ?? '';
    case ':-': return v ? v : argValue(r, env, out);
    case '-': return v !== undefined ? v : argValue(r, env, out);
    case ':?': if (!v) out.required.push({ ref: r, message: argValue(r, env, out) }); return v ?? '';
    case '?': if (v === undefined) out.required.push({ ref: r, message: argValue(r, env, out) }); return v ?? '';
    case ':+': return v ? argValue(r, env, out) : '';
    case '+': return v !== undefined ? argValue(r, env, out) : '';
  }
  return v ?? '';
}

/** Whether a string has anything compose would expand. */
export function hasVariables(s: string): boolean {
  return /\$(?!\$)[{_a-zA-Z]/.test(s.replace(/\$\$/g, ''));
}

export interface EnvFileEntry { name: string; value: string; line: number }

/**
 * Parses a `.env` file as compose does: `KEY=VALUE`, `export KEY=VALUE`, `#` comments,
 * 'single quotes' (literal), "double quotes" (with \n escapes and interpolation), unquoted
 * values trimmed and cut at ` #`; unquoted and double-quoted values see earlier entries and
 * `outer` (the environment).
 */
export function parseEnvFile(text: string, outer?: VariableSource): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const known: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n].trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const m = /^([^=:\s]+)\s*[=:]\s?(.*)$/.exec(line) ?? /^([^=\s]+)$/.exec(line);
    if (!m) continue;
    const name = m[1];
    let raw = (m[2] ?? '').trim();
    let value: string;
    const env = outer ? layered(mapSource(known, '.env'), outer) : mapSource(known, '.env');
    if (raw.startsWith("'")) {
      let end = raw.indexOf("'", 1);
      while (end < 0 && n + 1 < lines.length) { raw += `\n${lines[++n]}`; end = raw.indexOf("'", 1); }
      value = raw.slice(1, end < 0 ? undefined : end);
    } else if (raw.startsWith('"')) {
      let end = closingQuote(raw);
      while (end < 0 && n + 1 < lines.length) { raw += `\n${lines[++n]}`; end = closingQuote(raw); }
      const body = raw.slice(1, end < 0 ? undefined : end).replace(/\\([nrt"\\$])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
      value = interpolate(body, env).value;
    } else {
      const hash = raw.search(/\s#/);
      if (hash >= 0) raw = raw.slice(0, hash);
      value = interpolate(raw.trim(), env).value;
    }
    known[name] = value;
    entries.push({ name, value, line: n });
  }
  return entries;
}

function closingQuote(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '"') return i;
  }
  return -1;
}
