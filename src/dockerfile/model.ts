// The semantic model over a parsed Dockerfile: stages, ARG/ENV definitions, variable references.
import { Dockerfile, Instruction, Span, Word, lastStartingAtOrBefore, parse } from './parser';

export interface KeyValue {
  name: string;
  nameSpan: Span;
  value: string | null;
  valueSpan: Span | null;
  /** `ENV key value` (whitespace separator). */
  legacy: boolean;
}

export interface Stage {
  index: number;
  from: Instruction;
  image: Word | undefined;
  /** The `AS` word. */
  asWord: Word | undefined;
  name: string | undefined;
  nameWord: Word | undefined;
  platform: string | null | undefined;
  instructions: Instruction[];
  /** The earlier stage this one builds on (FROM <stage>). */
  base: Stage | undefined;
}

export interface VariableRef {
  name: string;
  start: number;  // document offsets of the whole reference ($X or ${X...})
  end: number;
  nameStart: number;
  nameEnd: number;
  /** ${X:-y}, ${X-y}, ${X:+y}, ${X+y}: the reference has a fallback. */
  hasDefault: boolean;
  modifier: string;
}

export const BUILTIN_PLATFORM_ARGS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT'];
export const BUILTIN_OTHER_ARGS = ['TARGETSTAGE', 'BUILDKIT_SYNTAX', 'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_CACHE_MOUNT_NS', 'SOURCE_DATE_EPOCH'];
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY',
  'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
/** Variables that nearly every base image defines; the base image's real environment is not known offline. */
export const COMMON_IMAGE_ENV = ['PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LC_ALL', 'PWD', 'USER', 'SHELL'];

export interface Model {
  df: Dockerfile;
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  /** Anything else before the first FROM (an error, except comments). */
  beforeFrom: Instruction[];
  stages: Stage[];
  stageByName: Map<string, Stage>;
  /** Stage containing an instruction (by start offset). */
  stageAt(offset: number): Stage | undefined;
}

export function keyValues(ins: Instruction, escape: string): KeyValue[] {
  const args = ins.args;
  if (args.length === 0) return [];
  const out: KeyValue[] = [];
  const first = args[0];
  if (ins.keyword !== 'ARG' && !first.raw.includes('=')) {
    // legacy: ENV key value with spaces
    const rest = args.slice(1);
    const valueSpan = rest.length ? { start: rest[0].start, end: rest[rest.length - 1].end } : null;
    out.push({
      name: first.value, nameSpan: { start: first.start, end: first.end },
      value: rest.length ? rest.map((w) => w.value).join(' ') : null, valueSpan, legacy: true,
    });
    return out;
  }
  for (const w of args) {
    const eq = w.raw.indexOf('=');
    if (eq === -1) {
      out.push({ name: w.value, nameSpan: { start: w.start, end: w.end }, value: null, valueSpan: null, legacy: false });
      continue;
    }
    const rawName = w.raw.slice(0, eq);
    const name = rawName.replace(/["']/g, '');
    const rawValue = w.raw.slice(eq + 1);
    const value = unquoteValue(rawValue, escape);
    out.push({
      name, nameSpan: { start: w.start, end: w.start + eq },
      value, valueSpan: { start: w.start + eq + 1, end: w.end }, legacy: false,
    });
  }
  return out;
}

function unquoteValue(raw: string, escape: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) { quote = ''; continue; }
      if (c === escape && quote === '"' && i + 1 < raw.length) { out += raw[++i]; continue; }
      out += c;
      continue;
    }
    if (c === '"' || c === '\'') { quote = c; continue; }
    if (c === escape && i + 1 < raw.length) { out += raw[++i]; continue; }
    out += c;
  }
  return out;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Variable references in instruction text that BuildKit expands (everything but RUN/CMD/ENTRYPOINT
 * and friends). Single quotes and the escape character prevent expansion.
 */
export function findVariables(text: string, from: number, to: number, escape: string, toDoc: (i: number) => number): VariableRef[] {
  const out: VariableRef[] = [];
  let inSingle = false;
  let inDouble = false;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (inSingle) { if (c === '\'') inSingle = false; continue; }
    if (c === escape) { i++; continue; }
    if (c === '\'' && !inDouble) { inSingle = true; continue; }
    if (c === '"') { inDouble = !inDouble; continue; }
    if (c !== '$') continue;
    const n = text[i + 1];
    if (n === '{') {
      let j = i + 2;
      const ns = j;
      while (j < to && NAME_CHAR.test(text[j])) j++;
      const name = text.slice(ns, j);
      let depth = 1;
      let k = j;
      while (k < to && depth > 0) {
        if (text[k] === '{') depth++;
        else if (text[k] === '}') depth--;
        if (depth > 0) k++;
      }
      const modMatch = /^(:?[-+?]|#{1,2}|%{1,2}|\/{1,2})/.exec(text.slice(j, Math.min(k, j + 2)));
      const modifier = modMatch ? modMatch[0] : '';
      if (name && NAME_START.test(name[0])) {
        out.push({
          name, start: toDoc(i), end: toDoc(Math.min(k, to - 1)) + 1,
          nameStart: toDoc(ns), nameEnd: toDoc(j - 1) + 1,
          hasDefault: /^:?[-+]$/.test(modifier), modifier,
        });
      }
      // nested references in the word part (e.g. ${A:-$B}) are read by this same loop (no recursion: deep
      // nesting must not overflow the stack); the closing braces are ordinary characters to it
      i = j < k ? j - 1 : k;
      continue;
    }
    if (n !== undefined && NAME_START.test(n)) {
      let j = i + 1;
      while (j < to && NAME_CHAR.test(text[j])) j++;
      out.push({
        name: text.slice(i + 1, j), start: toDoc(i), end: toDoc(j - 1) + 1,
        nameStart: toDoc(i + 1), nameEnd: toDoc(j - 1) + 1, hasDefault: false, modifier: '',
      });
      i = j - 1;
    }
  }
  return out;
}

/** Variable references of an instruction's arguments (flags included), as document offsets. */
export function instructionVariables(ins: Instruction, escape: string): VariableRef[] {
  let kwEnd = 0;
  while (kwEnd < ins.logical.length && /\s/.test(ins.logical[kwEnd])) kwEnd++;
  while (kwEnd < ins.logical.length && !/\s/.test(ins.logical[kwEnd])) kwEnd++;
  return findVariables(ins.logical, kwEnd, ins.logical.length, escape, ins.toDoc);
}

/**
 * `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}` replaced with the given values
 * (null: declared without a value; unknown names expand to nothing), as BuildKit expands a FROM line.
 */
export function expandVariables(value: string, vars: ReadonlyMap<string, string | null>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, n1: string | undefined, mod: string | undefined, word: string | undefined, n2: string | undefined) => {
      const name = n1 ?? n2 ?? '';
      const v = vars.get(name) ?? '';
      if (mod === ':-') return v ? v : word ?? '';
      if (mod === '-') return vars.has(name) && vars.get(name) !== null ? v : word ?? '';
      if (mod === ':+') return v ? word ?? '' : '';
      if (mod === '+') return vars.has(name) ? word ?? '' : '';
      return v;
    });
}

/**
 * The global ARGs (before the first FROM) and their values, which FROM lines may use: a build
 * arg given for a declared ARG wins over its default; a default may use earlier ARGs
 * (`ARG BASE=$REGISTRY/img`). null: declared without a value and not given.
 */
export function globalArgValues(model: Model, buildArgs: Readonly<Record<string, string>> = {}): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const a of model.globalArgs) {
    for (const kv of keyValues(a, model.df.escape)) {
      const given = Object.prototype.hasOwnProperty.call(buildArgs, kv.name) ? buildArgs[kv.name] : undefined;
      values.set(kv.name, given ?? (kv.value === null ? null : expandVariables(kv.value, values)));
    }
  }
  return values;
}

export function buildModel(df: Dockerfile): Model {
  const globalArgs: Instruction[] = [];
  const beforeFrom: Instruction[] = [];
  const stages: Stage[] = [];
  const stageByName = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const ins of df.instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args;
      const image = words[0];
      let asWord: Word | undefined;
      let nameWord: Word | undefined;
      if (words.length >= 2 && words[1].value.toLowerCase() === 'as') {
        asWord = words[1];
        nameWord = words[2];
      }
      const platformFlag = ins.flags.find((f) => f.name === 'platform');
      const name = nameWord?.value.toLowerCase();
      current = {
        index: stages.length, from: ins, image, asWord, name, nameWord,
        platform: platformFlag ? platformFlag.value : undefined,
        instructions: [], base: image ? stageByName.get(image.value.toLowerCase()) : undefined,
      };
      stages.push(current);
      if (name && !stageByName.has(name)) stageByName.set(name, current);
      continue;
    }
    if (!current) {
      if (ins.keyword === 'ARG') globalArgs.push(ins); else beforeFrom.push(ins);
      continue;
    }
    current.instructions.push(ins);
  }
  return {
    df, globalArgs, beforeFrom, stages, stageByName,
    stageAt(offset: number): Stage | undefined {
      return lastStartingAtOrBefore(stages, offset, (st) => st.from.start);
    },
  };
}

export function analyzeText(text: string): Model {
  return buildModel(parse(text));
}

/** Definitions visible at an offset inside a stage: name -> value (null: declared without a value). */
export function scopeAt(model: Model, offset: number): Map<string, { value: string | null; kind: 'ARG' | 'ENV' | 'builtin'; span?: Span }> {
  const scope = new Map<string, { value: string | null; kind: 'ARG' | 'ENV' | 'builtin'; span?: Span }>();
  const esc = model.df.escape;
  const globals = new Map<string, string | null>();
  for (const a of model.globalArgs) for (const kv of keyValues(a, esc)) globals.set(kv.name, kv.value);
  const stage = model.stageAt(offset);
  if (!stage || offset <= stage.from.end) {
    // FROM line / global scope
    for (const n of BUILTIN_PLATFORM_ARGS) scope.set(n, { value: null, kind: 'builtin' });
    for (const a of model.globalArgs) {
      if (a.start >= offset) break;
      for (const kv of keyValues(a, esc)) scope.set(kv.name, { value: kv.value, kind: 'ARG', span: kv.nameSpan });
    }
    return scope;
  }
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && chain.length < 64; s = s.base) chain.unshift(s);
  for (const s of chain) {
    for (const ins of s.instructions) {
      if (s === stage && ins.start >= offset) break;
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      for (const kv of keyValues(ins, esc)) {
        if (ins.keyword === 'ARG') {
          // ARGs do not cross stage boundaries; ENV does.
          if (s !== stage) continue;
          const prev = scope.get(kv.name);
          if (prev && prev.kind === 'ENV') continue; // ENV wins over ARG
          const v = kv.value ?? (globals.has(kv.name) ? globals.get(kv.name) ?? null : null);
          scope.set(kv.name, { value: v, kind: 'ARG', span: kv.nameSpan });
        } else {
          scope.set(kv.name, { value: kv.value, kind: 'ENV', span: kv.nameSpan });
        }
      }
    }
  }
  return scope;
}
