// BuildKit's build checks (https://docs.docker.com/reference/build-checks/), offline, under their names.
import { Instruction, Span } from '../parser';
import {
  BUILTIN_PLATFORM_ARGS, COMMON_IMAGE_ENV, PROXY_ARGS, Stage, VariableRef, expandVariables, findVariables, globalArgValues, keyValues,
} from '../model';
import { Edit, Fix } from '../types';
import { RuleContext } from './context';
import { didYouMean, jsonFormFix, quoteValue, stageReferenceEdits } from './util';
import { l10n } from '../../shared/l10n';

const RESERVED_STAGE_NAMES = ['scratch', 'context'];
const SECRET_RE = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOW_RE = /(?:_|^)(?:public)(?:_|$)/i;
/** Instructions whose arguments BuildKit expands (where UndefinedVar applies). */
const EXPANDING = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

function isUpper(s: string): boolean { return s === s.toUpperCase(); }
function isLower(s: string): boolean { return s === s.toLowerCase(); }

function recase(edit: Span, text: string, upper: boolean): Edit {
  return { start: edit.start, end: edit.end, newText: upper ? text.toUpperCase() : text.toLowerCase() };
}

/** Variable references in an instruction's flags and arguments. */
function argsVariables(ins: Instruction, escape: string): VariableRef[] {
  let k = 0;
  const l = ins.logical;
  while (k < l.length && /\s/.test(l[k])) k++;
  while (k < l.length && !/\s/.test(l[k])) k++;
  return findVariables(l, k, l.length, escape, ins.toDoc);
}

export function buildkitChecks(ctx: RuleContext): void {
  const { model, escape } = ctx;
  const df = model.df;
  const all = df.instructions;

  // ConsistentInstructionCasing
  let upper = 0;
  let lower = 0;
  for (const ins of all) {
    if (isUpper(ins.keywordText)) upper++; else if (isLower(ins.keywordText)) lower++;
  }
  const majorityUpper = upper >= lower;
  for (const ins of all) {
    const kw = ins.keywordText;
    const consistent = majorityUpper ? isUpper(kw) : isLower(kw);
    if (!consistent && /^[A-Za-z]+$/.test(kw)) {
      ctx.report('ConsistentInstructionCasing', ins.keywordSpan,
        l10n.t('Command \'{0}\' should match the case of the command majority ({1})', kw, majorityUpper ? 'uppercase' : 'lowercase'),
        [{ title: l10n.t('Change \'{0}\' to {1}', kw, majorityUpper ? kw.toUpperCase() : kw.toLowerCase()), edits: [recase(ins.keywordSpan, kw, majorityUpper)], preferred: true }]);
    }
  }

  // NoEmptyContinuation
  for (const ins of all) {
    for (const e of ins.emptyContinuationLines) {
      const lineEnd = df.text.indexOf('\n', e.start);
      ctx.report('NoEmptyContinuation', { start: e.start, end: Math.max(e.end, e.start) },
        l10n.t('Empty continuation line'),
        [{ title: l10n.t('Remove the empty continuation line'), edits: [{ start: e.start, end: lineEnd === -1 ? df.text.length : lineEnd + 1, newText: '' }], preferred: true }]);
    }
  }

  // MaintainerDeprecated, JSONArgsRecommended, LegacyKeyValueFormat, SecretsUsedInArgOrEnv, Expose*
  for (const ins of all) {
    const target = ins.trigger ?? ins;
    if (target.keyword === 'MAINTAINER') {
      const who = target.argsText.trim();
      ctx.report('MaintainerDeprecated', ins.keywordSpan, l10n.t('Maintainer instruction is deprecated in favor of using label'),
        [{ title: l10n.t('Replace with LABEL org.opencontainers.image.authors'), edits: [{ start: target.keywordSpan.start, end: target.end, newText: `LABEL org.opencontainers.image.authors=${quoteValue(who, escape)}` }], preferred: true }],
        { deprecated: true });
    }
    if ((target.keyword === 'ENV' || target.keyword === 'LABEL') && target.args.length) {
      const kvs = keyValues(target, escape);
      if (kvs.length === 1 && kvs[0].legacy) {
        const kv = kvs[0];
        const fixes: Fix[] = [];
        if (kv.valueSpan) {
          const raw = df.text.slice(kv.valueSpan.start, kv.valueSpan.end);
          const rawOneLine = !/\n/.test(raw);
          const newValue = rawOneLine && /^("[^"]*"|'[^']*'|[^\s"']+)$/.test(raw) ? raw : quoteValue(kv.value ?? '', escape);
          fixes.push({ title: l10n.t('Use {0} {1}=…', target.keyword, kv.name), edits: [{ start: kv.nameSpan.start, end: kv.valueSpan.end, newText: `${df.text.slice(kv.nameSpan.start, kv.nameSpan.end)}=${newValue}` }], preferred: true });
        }
        ctx.report('LegacyKeyValueFormat', { start: target.keywordSpan.start, end: target.end },
          l10n.t('"{0} key=value" should be used instead of legacy "{0} key value" format', target.keyword), fixes);
      }
    }
    if (target.keyword === 'ARG' || target.keyword === 'ENV') {
      for (const kv of keyValues(target, escape)) {
        if (SECRET_RE.test(kv.name) && !SECRET_ALLOW_RE.test(kv.name)) {
          ctx.report('SecretsUsedInArgOrEnv', kv.nameSpan, l10n.t('Do not use ARG or ENV instructions for sensitive data ({0} "{1}")', target.keyword, kv.name));
        }
      }
    }
    if (target.keyword === 'EXPOSE') {
      for (const w of target.args) {
        if (w.value.includes('$')) continue;
        const slash = w.value.indexOf('/');
        const port = slash === -1 ? w.value : w.value.slice(0, slash);
        const proto = slash === -1 ? '' : w.value.slice(slash + 1);
        if (port.includes(':')) {
          const containerPort = port.slice(port.lastIndexOf(':') + 1);
          ctx.report('ExposeInvalidFormat', w, l10n.t('EXPOSE instruction should not define an IP address or host-port mapping, found \'{0}\'', w.value),
            containerPort ? [{ title: l10n.t('Expose only the container port {0}{1}', containerPort, proto ? '/' + proto.toLowerCase() : ''), edits: [{ start: w.start, end: w.end, newText: containerPort + (proto ? '/' + proto.toLowerCase() : '') }], preferred: true }] : []);
        }
        if (proto && proto !== proto.toLowerCase()) {
          const protoStart = w.start + w.raw.indexOf('/') + 1;
          ctx.report('ExposeProtoCasing', w, l10n.t('Defined protocol \'{0}\' in EXPOSE instruction should be lowercase', w.value),
            [{ title: l10n.t('Change to {0}', proto.toLowerCase()), edits: [{ start: protoStart, end: protoStart + proto.length, newText: proto.toLowerCase() }], preferred: true }]);
        }
      }
    }
  }

  // Stages: casing, names, FROM checks
  const seen = new Map<string, Stage>();
  // a default may use earlier ARGs (`ARG BASE=$REGISTRY/$OWNER/img`): expanded with what is known so far
  const globalArgNames = globalArgValues(model);
  const fromScope = [...globalArgNames.keys(), ...BUILTIN_PLATFORM_ARGS];
  for (const stage of model.stages) {
    const from = stage.from;
    if (stage.asWord) {
      const fromUpper = isUpper(from.keywordText);
      const asText = stage.asWord.raw;
      if ((fromUpper && !isUpper(asText)) || (!fromUpper && isLower(from.keywordText) && !isLower(asText))) {
        ctx.report('FromAsCasing', stage.asWord, l10n.t('\'{0}\' and \'{1}\' keywords\' casing do not match', asText, from.keywordText),
          [{ title: l10n.t('Change \'{0}\' to \'{1}\'', asText, fromUpper ? 'AS' : 'as'), edits: [recase(stage.asWord, asText, fromUpper)], preferred: true }]);
      }
    }
    if (stage.nameWord) {
      const raw = stage.nameWord.value;
      if (raw !== raw.toLowerCase()) {
        ctx.report('StageNameCasing', stage.nameWord, l10n.t('Stage name \'{0}\' should be lowercase', raw),
          [{ title: l10n.t('Rename stage to \'{0}\'', raw.toLowerCase()), edits: stageReferenceEdits(model, stage, raw.toLowerCase()), preferred: true }]);
      }
      const lname = raw.toLowerCase();
      if (RESERVED_STAGE_NAMES.includes(lname)) {
        ctx.report('ReservedStageName', stage.nameWord, l10n.t('Stage name should not use the same name as reserved stage "{0}"', lname));
      }
      const prev = seen.get(lname);
      if (prev) {
        ctx.report('DuplicateStageName', stage.nameWord, l10n.t('Duplicate stage name "{0}", stage names should be unique', lname));
      } else seen.set(lname, stage);
    }
    // Variables in FROM
    const vars = argsVariables(from, escape);
    for (const v of vars) {
      if (v.hasDefault) continue;
      if (!fromScope.includes(v.name)) {
        const hint = didYouMean(v.name, fromScope);
        ctx.report('UndefinedArgInFrom', { start: v.start, end: v.end }, l10n.t('FROM argument \'{0}\' is not declared{1}', v.name, hint ? ` (did you mean ${hint}?)` : ''),
          hint ? [{ title: l10n.t('Change to {0}', hint), edits: [{ start: v.nameStart, end: v.nameEnd, newText: hint }], preferred: true }] : []);
      }
    }
    const platformFlag = from.flags.find((f) => f.name === 'platform');
    if (platformFlag && platformFlag.value !== null) {
      const pv = platformFlag.value;
      if (/^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/.test(pv)) {
        ctx.report('RedundantTargetPlatform', platformFlag, l10n.t('Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior'),
          [{ title: l10n.t('Remove --platform'), edits: [{ start: platformFlag.start, end: nextNonSpace(df.text, platformFlag.end), newText: '' }], preferred: true }],
          { unnecessary: true });
      } else if (!pv.includes('$') && pv.length) {
        const [os, arch] = pv.split('/');
        const name = stage.name ?? '';
        if (!(name && ((arch && name.includes(arch)) || (os && name.includes(os))))) {
          ctx.report('FromPlatformFlagConstDisallowed', platformFlag, l10n.t('FROM --platform flag should not use constant value "{0}"', pv));
        }
      }
    }
    // InvalidDefaultArgInFrom
    const image = stage.image;
    if (image && image.value.includes('$')) {
      const expanded = expandVariables(image.value, globalArgNames);
      if (expanded === '' || !IMAGE_REF_RE.test(expanded)) {
        ctx.report('InvalidDefaultArgInFrom', image, l10n.t('Default value for ARG {0} results in empty or invalid base image name', image.value));
      }
    }
    // InvalidBaseImagePlatform (when the engine knows the local image)
    if (image && !image.value.includes('$') && !stage.base && image.value !== 'scratch' && ctx.opts.imagePlatform) {
      const actual = ctx.opts.imagePlatform(image.value);
      const expected = platformFlag?.value && !platformFlag.value.includes('$') ? platformFlag.value : ctx.opts.defaultPlatform;
      if (actual && expected && !samePlatform(actual, expected)) {
        ctx.report('InvalidBaseImagePlatform', image, l10n.t('Base image {0} was pulled with platform "{1}", expected "{2}" for current build', image.value, actual, expected));
      }
    }
  }

  // Per stage: MultipleInstructionsDisallowed, WorkdirRelativePath, UndefinedVar, JSONArgsRecommended
  const absWorkdir = new Map<Stage, boolean>();
  const envNames = new Map<Stage, Set<string>>();
  const envComplete = new Map<Stage, boolean>();
  for (const stage of model.stages) {
    const lastOf = new Map<string, Instruction>();
    for (const ins of stage.instructions) {
      if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT' || ins.keyword === 'HEALTHCHECK') lastOf.set(ins.keyword, ins);
    }
    for (const ins of stage.instructions) {
      const last = lastOf.get(ins.keyword);
      if (last && last !== ins) {
        const lineStart = df.lineStarts[ins.startLine];
        const lineEnd = ins.endLine + 1 < df.lineStarts.length ? df.lineStarts[ins.endLine + 1] : df.text.length;
        ctx.report('MultipleInstructionsDisallowed', ins.keywordSpan,
          l10n.t('Multiple {0} instructions should not be used in the same stage because only the last one will be used', ins.keyword),
          [{ title: l10n.t('Remove this {0}', ins.keyword), edits: [{ start: lineStart, end: lineEnd, newText: '' }] }], { unnecessary: true });
      }
    }
    let hasAbs = stage.base ? absWorkdir.get(stage.base) ?? false : false;
    let hasShell = false;
    const env = new Set<string>(stage.base ? envNames.get(stage.base) ?? [] : []);
    // Whether the base image's environment is known: scratch has none, the engine may know a local image.
    // When it is not known, a name the file never defines may well come from the image (`USER $NB_UID`):
    // only a near-miss of a known name (a typo) is reported then.
    let envKnown = stage.base ? envComplete.get(stage.base) ?? false : false;
    if (!stage.base && stage.image) {
      const imageEnv = stage.image.value.toLowerCase() === 'scratch' ? [] : ctx.opts.imageEnv?.(stage.image.value);
      envKnown = imageEnv !== undefined && !stage.image.value.includes('$');
      for (const n of imageEnv ?? COMMON_IMAGE_ENV) env.add(n);
    }
    envComplete.set(stage, envKnown);
    const args = new Set<string>(PROXY_ARGS);
    const known = (): string[] => [...env, ...args];
    for (const ins of stage.instructions) {
      if (ins.keyword === 'SHELL') hasShell = true;
      if (ins.keyword === 'WORKDIR') {
        const dir = ins.args[0]?.value ?? '';
        const absolute = dir.startsWith('/') || dir.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dir);
        if (dir && !absolute && !hasAbs) {
          ctx.report('WorkdirRelativePath', ins.args[0], l10n.t('Relative workdir "{0}" can have unexpected results if the base image changes', dir));
        }
        if (absolute) hasAbs = true;
      }
      if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && !ins.json && ins.argsText.trim() && !hasShell) {
        const fix = jsonFormFix(ins);
        ctx.report('JSONArgsRecommended', { start: ins.keywordSpan.start, end: ins.end },
          l10n.t('JSON arguments recommended for {0} to prevent unintended behavior related to OS signals', ins.keyword), fix ? [fix] : []);
      }
      if (EXPANDING.has(ins.keyword)) {
        for (const v of argsVariables(ins, escape)) {
          if (v.hasDefault || env.has(v.name) || args.has(v.name)) continue;
          if (ins.keyword === 'ARG' && v.start < (ins.args[0]?.start ?? 0)) continue;
          const hint = didYouMean(v.name, known());
          if (!envKnown && !hint) continue;
          ctx.report('UndefinedVar', { start: v.start, end: v.end }, l10n.t('Usage of undefined variable \'${0}\'{1}', v.name, hint ? ` (did you mean $${hint}?)` : ''),
            hint ? [{ title: l10n.t('Change to ${0}', hint), edits: [{ start: v.nameStart, end: v.nameEnd, newText: hint }], preferred: true }] : []);
        }
      }
      if (ins.keyword === 'ARG') for (const kv of keyValues(ins, escape)) args.add(kv.name);
      if (ins.keyword === 'ENV') for (const kv of keyValues(ins, escape)) env.add(kv.name);
    }
    absWorkdir.set(stage, hasAbs);
    envNames.set(stage, env);
  }

  // InvalidDefinitionDescription (experimental)
  const commentByLine = new Map<number, { text: string; start: number; end: number }>();
  for (const c of df.comments) if (!c.embedded) commentByLine.set(c.line, c);
  const described: { name: string; line: number }[] = [];
  for (const a of model.globalArgs) for (const kv of keyValues(a, escape)) { described.push({ name: kv.name, line: a.startLine }); break; }
  for (const stage of model.stages) {
    if (stage.name) described.push({ name: stage.nameWord?.value ?? stage.name, line: stage.from.startLine });
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ARG') for (const kv of keyValues(ins, escape)) { described.push({ name: kv.name, line: ins.startLine }); break; }
    }
  }
  for (const d of described) {
    const c = commentByLine.get(d.line - 1);
    if (!c) continue;
    if (d.line - 1 < (df.directives.length ? df.directives[df.directives.length - 1].line + 1 : 0)) continue;
    const first = c.text.split(/\s+/)[0] ?? '';
    if (first !== d.name) {
      ctx.report('InvalidDefinitionDescription', c,
        l10n.t('Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.'));
    }
  }
}

function nextNonSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

const IMAGE_REF_RE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

export function isValidImageRef(ref: string): boolean {
  return IMAGE_REF_RE.test(ref);
}

function samePlatform(a: string, b: string): boolean {
  const [ao, aa, av] = a.toLowerCase().split('/');
  const [bo, ba, bv] = b.toLowerCase().split('/');
  if (ao !== bo || aa !== ba) return false;
  return !av || !bv || av === bv;
}
