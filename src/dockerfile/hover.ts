// Hover content (pure): instructions, flags, --mount keys, directives and check names, variables with
// their resolved value, stage references. FROM images are marked so the editor can add local facts.
import { Instruction, Span, instructionAt, parse, positionAt } from './parser';
import { BUILTIN_PLATFORM_ARGS, Model, PROXY_ARGS, Stage, VariableRef, buildModel, instructionVariables, scopeAt } from './model';
import { DIRECTIVE_DOCS, INSTRUCTIONS, MOUNT_TYPES, MOUNT_TYPE_KEY_DOC, instructionDocsUrl } from './spec';
import { BUILDKIT_CHECKS, RULES, docsUrl } from './rules/meta';
import { mdCode, mdText } from '../shared/markdown';
import { l10n } from '../shared/l10n';

export interface HoverResult {
  markdown: string;
  span: Span;
  /** Set on a FROM image: the editor may append what the engine knows about it. */
  imageRef?: string;
}

const PREDEFINED_DOCS: Record<string, string> = {
  TARGETPLATFORM: 'Platform of the build result, e.g. `linux/amd64`.',
  TARGETOS: 'OS component of TARGETPLATFORM.',
  TARGETARCH: 'Architecture component of TARGETPLATFORM.',
  TARGETVARIANT: 'Variant component of TARGETPLATFORM.',
  BUILDPLATFORM: 'Platform of the node performing the build.',
  BUILDOS: 'OS component of BUILDPLATFORM.',
  BUILDARCH: 'Architecture component of BUILDPLATFORM.',
  BUILDVARIANT: 'Variant component of BUILDPLATFORM.',
};

const VARS = new WeakMap<Instruction, VariableRef[]>();

function within(offset: number, s: Span | null | undefined): s is Span {
  return !!s && offset >= s.start && offset <= s.end;
}

export function hover(text: string, offset: number): HoverResult | undefined {
  return hoverIn(buildModel(parse(text)), offset);
}

export function hoverIn(model: Model, offset: number): HoverResult | undefined {
  const df = model.df;
  for (const d of df.directives) {
    if (within(offset, d.nameSpan)) return { markdown: `**# ${d.name}=** ${l10n.t('parser directive')}\n\n${DIRECTIVE_DOCS[d.name] ? l10n.t(DIRECTIVE_DOCS[d.name]) : ''}`, span: d.nameSpan };
    if (d.name === 'check' && within(offset, d.valueSpan)) {
      const word = wordAt(df.text, offset, /[A-Za-z]/);
      if (word && BUILDKIT_CHECKS.includes(df.text.slice(word.start, word.end))) return ruleHover(df.text.slice(word.start, word.end), word);
    }
  }
  for (const c of df.comments) {
    if (within(offset, c)) {
      const m = /^(hadolint|dockyard)\s+(?:global\s+)?ignore\s*=/.exec(c.text);
      if (m) {
        const word = wordAt(df.text, offset, /[A-Za-z0-9]/);
        if (word && RULES.has(df.text.slice(word.start, word.end))) return ruleHover(df.text.slice(word.start, word.end), word);
      }
      return undefined;
    }
  }
  const ins = instructionAt(model.df, offset);
  if (!ins) return undefined;
  const target = ins.trigger && offset >= ins.trigger.keywordSpan.start ? ins.trigger : ins;
  if (within(offset, target.keywordSpan)) {
    const spec = INSTRUCTIONS.get(target.keyword);
    if (!spec) return undefined;
    return { markdown: `**${spec.name}**\n\n\`\`\`\n${spec.syntax}\n\`\`\`\n\n${l10n.t(spec.doc)}\n\n[${l10n.t('Dockerfile reference')}](${instructionDocsUrl(spec.name)})`, span: target.keywordSpan };
  }
  // variables
  let vars = VARS.get(target);
  if (!vars) { vars = instructionVariables(target, df.escape); VARS.set(target, vars); }
  for (const v of vars) {
    if (!within(offset, v)) continue;
    return variableHover(model, v.name, { start: v.start, end: v.end }, target);
  }
  for (const f of target.flags) {
    if (!within(offset, f)) continue;
    const spec = INSTRUCTIONS.get(target.keyword)?.flags.find((s) => s.name === f.name);
    if (f.name === 'mount' && within(offset, f.valueSpan)) {
      const opts = f.options();
      const type = opts.find((o) => o.key === 'type')?.value ?? 'bind';
      for (const o of opts) {
        if (!within(offset, o.span)) continue;
        if (o.key === 'type') {
          const t = MOUNT_TYPES[o.value ?? ''];
          return { markdown: within(offset, o.valueSpan) && t ? `**--mount type=${o.value}**\n\n${l10n.t(t.doc)}\n\n${l10n.t('Keys: {0}', Object.keys(t.keys).map((k) => '`' + k + '`').join(', '))}` : `**type**\n\n${l10n.t(MOUNT_TYPE_KEY_DOC)}`, span: o.span };
        }
        const doc = MOUNT_TYPES[type]?.keys[o.key];
        if (doc) return { markdown: `**${o.key}** (--mount type=${type})\n\n${l10n.t(doc)}`, span: o.span };
      }
    }
    if (!spec) return undefined;
    const gate = spec.labs ? `\n\n${l10n.t('_Labs channel only (`# syntax=docker/dockerfile:1-labs`)._')}` : spec.since ? `\n\n${l10n.t('_Since docker/dockerfile:{0}._', spec.since)}` : '';
    return { markdown: `**--${spec.name}** (${target.keyword})\n\n${l10n.t(spec.doc)}${gate}\n\n[${l10n.t('Dockerfile reference')}](${instructionDocsUrl(target.keyword)})`, span: f.nameSpan };
  }
  // stage references and images
  if (target.keyword === 'FROM') {
    const stage = model.stages.find((s) => s.from === target);
    const img = stage?.image;
    if (stage && img && within(offset, img)) {
      if (stage.base) return { markdown: stageHoverMarkdown(stage.base), span: img };
      if (img.value === 'scratch') return { markdown: l10n.t('**scratch**: the empty image, a base for static binaries.'), span: img };
      return { markdown: l10n.t('**Image {0}**', mdCode(img.value)), span: img, imageRef: img.value };
    }
    if (stage?.nameWord && within(offset, stage.nameWord)) {
      const uses = countStageUses(model, stage.name ?? '');
      return { markdown: `${l10n.t('**Stage {0}** (stage {1})', mdCode(stage.nameWord.value), stage.index)}\n\n${uses === 1 ? l10n.t('Used by 1 instruction.') : l10n.t('Used by {0} instructions.', uses)}`, span: stage.nameWord };
    }
  }
  return undefined;
}

/** Hover for a stage reference: its name and base image, both shown as code. */
export function stageHoverMarkdown(stage: Stage): string {
  return `**Stage ${mdCode(stage.nameWord?.value ?? stage.name ?? '')}** (line ${stage.from.startLine + 1})\n\nFROM ${mdCode(stage.image?.value ?? '')}`;
}

function ruleHover(code: string, span: Span): HoverResult {
  const meta = RULES.get(code);
  return { markdown: `**${code}** (${meta?.source ?? ''}, ${meta?.severity ?? ''})\n\n${meta?.summary ? l10n.t(meta.summary) : ''}\n\n[${l10n.t('Documentation')}](${docsUrl(code)})`, span };
}

function variableHover(model: Model, name: string, span: Span, ins: Instruction): HoverResult {
  const scope = scopeAt(model, ins.start);
  const def = scope.get(name);
  if (def) {
    const where = def.span ? l10n.t(' (line {0})', positionAt(model.df.lineStarts, def.span.start).line + 1) : '';
    const value = def.value === null ? l10n.t('_no default value: set with `--build-arg`_') : mdCode(def.value);
    const doc = PREDEFINED_DOCS[name] ? `\n\n${l10n.t(PREDEFINED_DOCS[name])}` : '';
    return { markdown: `**${mdText(name)}** — ${def.kind}${where}\n\n${value}${doc}`, span };
  }
  if (BUILTIN_PLATFORM_ARGS.includes(name)) {
    return { markdown: `**${name}** — ${l10n.t('predefined platform ARG')}\n\n${PREDEFINED_DOCS[name] ? l10n.t(PREDEFINED_DOCS[name]) : ''}\n\n${l10n.t('Inside a stage, declare it with `ARG {0}` to use it.', name)}`, span };
  }
  if (PROXY_ARGS.includes(name)) return { markdown: `**${name}** — ${l10n.t('predefined proxy ARG (set with `--build-arg`)')}`, span };
  return { markdown: `**${mdText(name)}** — ${l10n.t('not defined here (may come from the base image\'s environment)')}`, span };
}

function countStageUses(model: Model, name: string): number {
  let n = 0;
  for (const s of model.stages) {
    if (s.base?.name === name) n++;
    for (const i of s.instructions) {
      for (const f of i.flags) {
        if (f.name === 'from' && f.value?.toLowerCase() === name) n++;
        if (f.name === 'mount' && f.options().some((o) => o.key === 'from' && o.value?.toLowerCase() === name)) n++;
      }
    }
  }
  return n;
}

function wordAt(text: string, offset: number, re: RegExp): Span | undefined {
  let s = offset;
  while (s > 0 && re.test(text[s - 1])) s--;
  let e = offset;
  while (e < text.length && re.test(text[e])) e++;
  return e > s ? { start: s, end: e } : undefined;
}


/** Stage name reference under the cursor (COPY --from=x, --mount from=x) for hover/definition. */
export function stageReferenceAt(model: Model, offset: number): { name: string; span: Span } | undefined {
  const ins = instructionAt(model.df, offset);
  if (!ins) return undefined;
  for (const f of (ins.trigger ?? ins).flags) {
    if (f.name === 'from' && within(offset, f.valueSpan) && f.value) return { name: f.value.toLowerCase(), span: f.valueSpan };
    if (f.name === 'mount') for (const o of f.options()) if (o.key === 'from' && within(offset, o.valueSpan) && o.value) return { name: o.value.toLowerCase(), span: o.valueSpan };
  }
  return undefined;
}
