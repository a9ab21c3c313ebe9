// Completion logic (pure): instructions, flags and their values, --mount keys, directives and check
// names, variables, stages, local images and tags (given by the caller), build-context paths.
import { Instruction, Span, instructionAt, parse, positionAt } from './parser';
import { BUILTIN_PLATFORM_ARGS, Model, PROXY_ARGS, buildModel, scopeAt } from './model';
import { DIRECTIVE_DOCS, FlagSpec, INSTRUCTIONS, MOUNT_TYPES, MOUNT_TYPE_KEY_DOC, instructionDocsUrl } from './spec';
import { BUILDKIT_CHECKS, RULES } from './rules/meta';
import { BuildContext } from './types';
import { normalizeSource } from './rules/buildContext';
import { formatAge, formatBytes } from '../shared/format';
import { l10n } from '../shared/l10n';

export type CompletionKind = 'keyword' | 'flag' | 'value' | 'variable' | 'stage' | 'image' | 'file' | 'folder' | 'directive' | 'property' | 'enum';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Plain text, or a snippet when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  /** The span the item replaces. */
  replace: Span;
  sortText?: string;
  filterText?: string;
  /** Re-open completion after inserting (e.g. after `--mount=type=`). */
  retrigger?: boolean;
}

export interface ImageInfo {
  repoTags: string[];
  size: number;     // bytes
  created: number;  // ms
  id: string;
}

export interface CompletionEnv {
  images?: ImageInfo[];
  context?: BuildContext;
  now?: number;
}


/** Where the cursor is, as far as completion cares. */
export type CompletionSite =
  | { kind: 'keyword'; replace: Span; onbuild: boolean }
  | { kind: 'directive'; replace: Span }
  | { kind: 'directiveValue'; name: string; replace: Span; value: string }
  | { kind: 'variable'; replace: Span; braced: boolean; closeBrace: boolean }
  | { kind: 'flag'; ins: Instruction; replace: Span }
  | { kind: 'flagValue'; ins: Instruction; flag: string; replace: Span; valueSoFar: string; valueStart: number }
  | { kind: 'image'; ins: Instruction; replace: Span; word: string }
  | { kind: 'fromAs'; replace: Span }
  | { kind: 'path'; ins: Instruction; replace: Span; word: string }
  | { kind: 'healthcheck'; ins: Instruction; replace: Span }
  | { kind: 'argName'; replace: Span }
  | { kind: 'none' };

function isWordChar(c: number): boolean {
  return c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12 && !Number.isNaN(c);
}

/** Words longer than this are not completed (keeps completion O(1) on pathological lines). */
const MAX_WORD = 512;

function wordBefore(text: string, offset: number, lineStart: number): Span {
  let s = offset;
  const min = Math.max(lineStart, offset - MAX_WORD);
  while (s > min && isWordChar(text.charCodeAt(s - 1))) s--;
  let e = offset;
  const max = Math.min(text.length, offset + MAX_WORD);
  while (e < max && isWordChar(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

const PLAIN_COMMENT_LINE = new WeakMap<Model, number>();

/** The line of the first comment that is not a parser directive (directives end there). */
function firstPlainCommentLine(model: Model): number {
  let v = PLAIN_COMMENT_LINE.get(model);
  if (v === undefined) {
    const directiveLines = new Set(model.df.directives.map((d) => d.line));
    v = model.df.comments.find((c) => !c.embedded && !directiveLines.has(c.line))?.line ?? Infinity;
    PLAIN_COMMENT_LINE.set(model, v);
  }
  return v;
}

export function completionSite(model: Model, offset: number): CompletionSite {
  const df = model.df;
  const text = df.text;
  const { line } = positionAt(df.lineStarts, offset);
  const lineStart = df.lineStarts[line];
  // a bounded window: positions deep inside a very long line only complete the current word
  const before = offset - lineStart > 4 * MAX_WORD ? '\u0000' + text.slice(offset - 2 * MAX_WORD, offset) : text.slice(lineStart, offset);

  // parser directives (top of file)
  const firstInstructionLine = df.instructions.length ? df.instructions[0].startLine : Infinity;
  const directivesEnd = df.directives.length ? df.directives[df.directives.length - 1].line : -1;
  if (/^\s*#/.test(before) && line < firstInstructionLine && line <= directivesEnd + 1 && line <= firstPlainCommentLine(model)) {
    const m = /^\s*#\s*([A-Za-z]*)$/.exec(before);
    if (m) return { kind: 'directive', replace: { start: offset - m[1].length, end: offset } };
    const v = /^\s*#\s*([A-Za-z]+)\s*=\s*(.*)$/.exec(before);
    if (v) {
      const name = v[1].toLowerCase();
      const value = v[2];
      let from = value.length;
      if (name === 'check') from = Math.max(value.lastIndexOf(','), value.lastIndexOf('='), value.lastIndexOf(';')) + 1;
      else from = 0;
      const lineEnd = text.indexOf('\n', offset);
      return { kind: 'directiveValue', name, value, replace: { start: offset - (value.length - from), end: name === 'check' ? offset : (lineEnd === -1 ? text.length : lineEnd) } };
    }
    return { kind: 'none' };
  }
  if (/^\s*#/.test(before)) return { kind: 'none' };

  const ins = instructionAt(model.df, offset);
  // in a heredoc body?
  if (ins) {
    const t = ins.trigger ?? ins;
    for (const h of t.heredocs) if (offset >= h.body.start && offset <= (h.terminator?.end ?? text.length) && offset > h.marker.end) return { kind: 'none' };
  }
  // keyword position: only blanks (or a partial word) before the cursor on a line that starts an instruction
  const kw = /^\s*([A-Za-z]*)$/.exec(before);
  if (kw && (!ins || ins.startLine === line)) {
    return { kind: 'keyword', replace: { start: offset - kw[1].length, end: wordBefore(text, offset, lineStart).end }, onbuild: false };
  }
  if (!ins) return { kind: 'none' };
  if (offset < ins.keywordSpan.end) return { kind: 'none' };
  const target = ins.trigger && offset >= ins.trigger.keywordSpan.start ? ins.trigger : ins;
  if (ins.trigger === undefined && ins.keyword === 'ONBUILD') {
    const ob = /ONBUILD\s+([A-Za-z]*)$/i.exec(before);
    if (ob) return { kind: 'keyword', replace: { start: offset - ob[1].length, end: offset }, onbuild: true };
  }
  if (target !== ins && offset <= target.keywordSpan.end) {
    return { kind: 'keyword', replace: { start: target.keywordSpan.start, end: target.keywordSpan.end }, onbuild: true };
  }

  // variables
  const vm = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (vm && !(before.length - vm[0].length > 0 && before[before.length - vm[0].length - 1] === df.escape)) {
    const nameLen = vm[2]?.length ?? 0;
    let end = offset;
    while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
    return { kind: 'variable', replace: { start: offset - nameLen, end }, braced: vm[1] === '{', closeBrace: vm[1] === '{' && text[end] !== '}' };
  }

  const word = wordBefore(text, offset, lineStart);
  const wordText = text.slice(word.start, offset);
  // flags: cursor inside the flags region
  const flag = target.flags.find((f) => offset >= f.start && offset <= f.end);
  const inFlagRegion = flag || (wordText.startsWith('-') && (target.args.length === 0 || target.args[0].start >= word.start));
  if (inFlagRegion) {
    const eq = wordText.indexOf('=');
    if (eq === -1) return { kind: 'flag', ins: target, replace: { start: word.start, end: flag ? (flag.valueSpan ? flag.nameSpan.end : flag.end) : word.end } };
    const name = wordText.slice(2, eq);
    return { kind: 'flagValue', ins: target, flag: name, valueSoFar: wordText.slice(eq + 1), valueStart: word.start + eq + 1, replace: { start: word.start + eq + 1, end: word.end } };
  }
  // arguments
  const argIndex = target.args.filter((a) => a.end < offset && a.start < word.start).length;
  const replace = { start: word.start, end: word.end };
  switch (target.keyword) {
    case 'FROM':
      if (argIndex === 0) return { kind: 'image', ins: target, replace, word: wordText };
      if (argIndex === 1) return { kind: 'fromAs', replace };
      return { kind: 'none' };
    case 'COPY':
    case 'ADD':
      if (target.flags.some((f) => f.name === 'from')) return { kind: 'none' };
      if (wordText.startsWith('<<')) return { kind: 'none' };
      return { kind: 'path', ins: target, replace, word: wordText };
    case 'HEALTHCHECK':
      if (argIndex === 0) return { kind: 'healthcheck', ins: target, replace };
      return { kind: 'none' };
    case 'ARG':
      return { kind: 'argName', replace };
    default:
      if (argIndex === 0 && wordText === '') return { kind: 'flag', ins: target, replace } as CompletionSite;
      return { kind: 'none' };
  }
}


/** True when completion at this offset wants the engine's images (FROM image position). */
export function needsImages(text: string, offset: number): boolean {
  const model = buildModel(parse(text));
  return completionSite(model, offset).kind === 'image';
}

const KEYWORD_ITEMS: Omit<CompletionItem, 'replace'>[] = [...INSTRUCTIONS.values()].map((spec, i) => ({
  label: spec.name, kind: 'keyword', insertText: spec.snippet, snippet: true, detail: spec.syntax,
  documentation: `${l10n.t(spec.doc)}\n\n[${l10n.t('Reference')}](${instructionDocsUrl(spec.name)})`, sortText: String(i).padStart(2, '0'), filterText: spec.name,
}));

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64'];

export function complete(text: string, offset: number, env: CompletionEnv = {}): CompletionItem[] {
  return completeIn(buildModel(parse(text)), offset, env);
}

/** Completion over an already parsed document. */
export function completeIn(model: Model, offset: number, env: CompletionEnv = {}): CompletionItem[] {
  const site = completionSite(model, offset);
  const out: CompletionItem[] = [];
  const add = (i: Omit<CompletionItem, 'replace'> & { replace?: Span }, replace: Span): void => { out.push({ ...i, replace: i.replace ?? replace }); };
  switch (site.kind) {
    case 'keyword':
      for (const k of KEYWORD_ITEMS) {
        if (site.onbuild && (k.label === 'ONBUILD' || k.label === 'FROM' || k.label === 'MAINTAINER')) continue;
        out.push({ ...k, replace: site.replace });
      }
      break;
    case 'directive':
      for (const [name, doc] of Object.entries(DIRECTIVE_DOCS)) {
        const snippet = name === 'syntax' ? 'syntax=${1:docker/dockerfile:1}' : name === 'escape' ? 'escape=${1|\\`,\\\\|}' : 'check=${1|skip=,error=true,experimental=all|}';
        add({ label: name, kind: 'directive', insertText: snippet, snippet: true, documentation: l10n.t(doc), retrigger: name === 'check' }, site.replace);
      }
      break;
    case 'directiveValue':
      if (site.name === 'syntax') {
        for (const v of ['docker/dockerfile:1', 'docker/dockerfile:1-labs', 'docker/dockerfile:1.19', 'docker/dockerfile-upstream:master']) add({ label: v, kind: 'value', insertText: v }, site.replace);
      } else if (site.name === 'escape') {
        add({ label: '\\', kind: 'value', insertText: '\\' }, site.replace);
        add({ label: '`', kind: 'value', insertText: '`' }, site.replace);
      } else if (site.name === 'check') {
        const lastKey = /(?:^|;)\s*([a-z]*)\s*=[^;]*$/.exec(site.value)?.[1];
        if (!lastKey) {
          for (const k of ['skip=', 'error=true', 'experimental=']) add({ label: k, kind: 'property', insertText: k, retrigger: k.endsWith('=') }, site.replace);
        } else if (lastKey === 'error') {
          for (const v of ['true', 'false']) add({ label: v, kind: 'value', insertText: v }, site.replace);
        } else {
          add({ label: 'all', kind: 'value', insertText: 'all' }, site.replace);
          for (const c of BUILDKIT_CHECKS) {
            const meta = RULES.get(c)!;
            if (lastKey === 'experimental' && !meta.experimental) continue;
            add({ label: c, kind: 'enum', insertText: c, documentation: l10n.t(meta.summary) }, site.replace);
          }
        }
      }
      break;
    case 'variable': {
      const scope = scopeAt(model, offset);
      const names = new Map<string, string>();
      for (const [n, v] of scope) names.set(n, `${v.kind}${v.value !== null ? ` = ${v.value}` : ''}`);
      for (const n of BUILTIN_PLATFORM_ARGS) if (!names.has(n)) names.set(n, 'predefined platform ARG (declare it with ARG inside a stage)');
      for (const n of PROXY_ARGS) if (!names.has(n)) names.set(n, 'predefined proxy ARG');
      let i = 0;
      for (const [n, detail] of names) {
        add({ label: n, kind: 'variable', insertText: site.closeBrace ? `${n}}` : n, detail, sortText: String(i++).padStart(4, '0') }, site.replace);
      }
      break;
    }
    case 'flag': {
      const spec = INSTRUCTIONS.get(site.ins.keyword);
      if (!spec) break;
      const used = new Set(site.ins.flags.map((f) => f.name));
      for (const f of spec.flags) {
        if (used.has(f.name) && !f.repeat && !(site.replace.start < site.ins.flags.find((x) => x.name === f.name)!.end && site.replace.end >= site.ins.flags.find((x) => x.name === f.name)!.start)) continue;
        add({ label: `--${f.name}`, kind: 'flag', insertText: `--${f.name}${f.snippet ?? (f.type === 'bool' ? '' : '=$1')}`, snippet: true, detail: flagDetail(f), documentation: l10n.t(f.doc), retrigger: !f.snippet && f.type !== 'bool' || f.type === 'mount' }, site.replace);
      }
      break;
    }
    case 'flagValue':
      flagValues(model, site, add);
      break;
    case 'image': {
      const now = env.now ?? Date.now();
      // earlier stages
      const cur = model.stageAt(offset);
      for (const s of model.stages) {
        if (cur && s.index >= cur.index) break;
        if (s.name) add({ label: s.nameWord?.value ?? s.name, kind: 'stage', insertText: s.nameWord?.value ?? s.name, detail: l10n.t('stage {0}: FROM {1}', s.index, s.image?.value ?? ''), sortText: '0' + s.name }, site.replace);
      }
      add({ label: 'scratch', kind: 'image', insertText: 'scratch', detail: l10n.t('empty base image'), sortText: '2scratch' }, site.replace);
      const seen = new Set<string>();
      for (const img of env.images ?? []) {
        for (const tag of img.repoTags) {
          if (!tag || tag === '<none>:<none>' || seen.has(tag)) continue;
          seen.add(tag);
          add({ label: tag, kind: 'image', insertText: tag, detail: `${formatBytes(img.size)} · ${formatAge(img.created, now)}`,
            documentation: `${l10n.t('Local image {0}', img.id.replace(/^sha256:/, '').slice(0, 12))}\n\n${l10n.t('Size {0}, created {1}', formatBytes(img.size), formatAge(img.created, now))}`, sortText: '1' + tag }, site.replace);
        }
      }
      break;
    }
    case 'fromAs':
      add({ label: 'AS', kind: 'keyword', insertText: 'AS ${1:name}', snippet: true, detail: l10n.t('name this build stage') }, site.replace);
      break;
    case 'healthcheck':
      add({ label: 'CMD', kind: 'keyword', insertText: 'CMD ${1:command}', snippet: true, detail: l10n.t('the check command') }, site.replace);
      add({ label: 'NONE', kind: 'keyword', insertText: 'NONE', detail: l10n.t('disable any healthcheck inherited from the base image') }, site.replace);
      for (const f of INSTRUCTIONS.get('HEALTHCHECK')!.flags) add({ label: `--${f.name}`, kind: 'flag', insertText: `--${f.name}${f.snippet ?? '=$1'}`, snippet: true, documentation: l10n.t(f.doc) }, site.replace);
      break;
    case 'argName':
      for (const n of [...BUILTIN_PLATFORM_ARGS, ...PROXY_ARGS]) add({ label: n, kind: 'variable', insertText: n, detail: l10n.t('predefined ARG') }, site.replace);
      break;
    case 'path': {
      const bc = env.context;
      if (!bc) break;
      const w = site.word;
      const slash = w.lastIndexOf('/');
      const dirPart = slash === -1 ? '' : w.slice(0, slash + 1);
      const rel = normalizeSource(dirPart);
      const entries = bc.list(rel) ?? [];
      const replace = { start: site.replace.start + dirPart.length, end: site.replace.end };
      for (const e of entries.slice(0, 500)) {
        const p = rel ? `${rel}/${e.name}` : e.name;
        const ignored = bc.isIgnored(p);
        add({ label: e.name + (e.dir ? '/' : ''), kind: e.dir ? 'folder' : 'file', insertText: e.name + (e.dir ? '/' : ''),
          detail: ignored ? l10n.t('excluded by .dockerignore') : undefined, sortText: (ignored ? '9' : e.dir ? '0' : '1') + e.name, retrigger: e.dir, replace }, replace);
      }
      break;
    }
    default:
      break;
  }
  return out;
}

function flagDetail(f: FlagSpec): string {
  const parts = [f.type === 'bool' ? 'boolean flag' : `${f.type} value`];
  if (f.labs) parts.push('labs channel');
  else if (f.since) parts.push(`since dockerfile:${f.since}`);
  if (f.repeat) parts.push('repeatable');
  return parts.join(' · ');
}

function flagValues(model: Model, site: Extract<CompletionSite, { kind: 'flagValue' }>, add: (i: Omit<CompletionItem, 'replace'> & { replace?: Span }, r: Span) => void): void {
  const spec = INSTRUCTIONS.get(site.ins.keyword)?.flags.find((f) => f.name === site.flag);
  if (!spec) return;
  const stagesBefore = (): string[] => {
    const cur = model.stageAt(site.ins.start);
    return model.stages.filter((s) => !cur || s.index < cur.index).map((s) => s.nameWord?.value ?? String(s.index));
  };
  const values = (vals: string[], kind: CompletionKind = 'value', replace = site.replace): void => {
    for (const v of vals) add({ label: v, kind, insertText: v }, replace);
  };
  switch (spec.type) {
    case 'enum': values(spec.values ?? [], 'enum'); return;
    case 'bool': values(['true', 'false'], 'enum'); return;
    case 'platform':
      for (const v of ['$BUILDPLATFORM', '$TARGETPLATFORM', ...PLATFORMS]) add({ label: v, kind: 'value', insertText: v.replace(/\$/g, '\\$'), snippet: true }, site.replace);
      return;
    case 'stage':
      for (const s of stagesBefore()) add({ label: s, kind: 'stage', insertText: s, detail: l10n.t('build stage') }, site.replace);
      return;
    case 'chmod': values(['0644', '0755', '0600', '0700', '0444']); return;
    case 'duration': values(['5s', '10s', '30s', '1m', '5m']); return;
    case 'mount': {
      // the option under the cursor
      const sofar = site.valueSoFar;
      const lastComma = sofar.lastIndexOf(',');
      const seg = sofar.slice(lastComma + 1);
      const segStart = site.valueStart + lastComma + 1;
      const typeMatch = /(?:^|,)type=([a-z]+)/.exec(sofar);
      const type = typeMatch?.[1] ?? 'bind';
      const eq = seg.indexOf('=');
      if (eq === -1) {
        const replace = { start: segStart, end: site.replace.end };
        if (!typeMatch) add({ label: 'type', kind: 'property', insertText: 'type=', documentation: l10n.t(MOUNT_TYPE_KEY_DOC), retrigger: true, sortText: '0' }, replace);
        const keys = MOUNT_TYPES[type]?.keys ?? {};
        const present = new Set(sofar.split(',').map((p) => p.split('=')[0]));
        for (const [k, doc] of Object.entries(keys)) {
          if (present.has(k) && k !== seg) continue;
          const boolKey = ['ro', 'readonly', 'rw', 'readwrite', 'required'].includes(k);
          add({ label: k, kind: 'property', insertText: boolKey ? k : `${k}=`, documentation: l10n.t(doc), retrigger: !boolKey && k !== 'target', sortText: (MOUNT_TYPES[type]?.required.includes(k) ? '1' : '2') + k }, replace);
        }
        return;
      }
      const key = seg.slice(0, eq);
      const replace = { start: segStart + eq + 1, end: site.replace.end };
      if (key === 'type') {
        for (const [t, info] of Object.entries(MOUNT_TYPES)) add({ label: t, kind: 'enum', insertText: t, documentation: l10n.t(info.doc) }, replace);
      } else if (key === 'sharing') values(['shared', 'private', 'locked'], 'enum', replace);
      else if (['ro', 'readonly', 'rw', 'readwrite', 'required'].includes(key)) values(['true', 'false'], 'enum', replace);
      else if (key === 'from') for (const s of stagesBefore()) add({ label: s, kind: 'stage', insertText: s, detail: l10n.t('build stage') }, replace);
      else if (key === 'target' || key === 'dst' || key === 'destination') {
        const common = type === 'cache' ? ['/root/.cache', '/root/.npm', '/root/.cache/pip', '/var/cache/apt', '/var/lib/apt', '/go/pkg/mod', '/root/.cache/go-build', '/usr/local/cargo/registry'] : type === 'secret' ? ['/run/secrets/'] : [];
        values(common, 'value', replace);
      } else if (key === 'mode') values(['0755', '0700', '0400', '0644'], 'value', replace);
      return;
    }
    default:
      return;
  }
}
