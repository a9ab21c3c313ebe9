// Syntax, flags (with value types and `# syntax=` version gates), --mount, parser directives.
import { Flag, Instruction } from '../parser';
import { DURATION_RE, FlagSpec, INSTRUCTIONS, MOUNT_TYPES, versionAtLeast } from '../spec';
import { BUILDKIT_CHECKS } from './meta';
import { RuleContext } from './context';
import { didYouMean } from './util';
import { l10n } from '../../shared/l10n';

const NEEDS_ARGS = new Set(['FROM', 'RUN', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const BOOL_VALUES = ['true', 'false', '1', '0', 'TRUE', 'FALSE', 'True', 'False', 't', 'f', 'T', 'F'];
const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

export function syntaxChecks(ctx: RuleContext): void {
  const { model } = ctx;
  const df = model.df;

  for (const d of df.directives) {
    if (d.name === 'escape' && d.value !== '\\' && d.value !== '`') {
      ctx.report('InvalidDirective', d.valueSpan.end > d.valueSpan.start ? d.valueSpan : d, l10n.t('invalid escape token \'{0}\' does not match ^[\\\\`]$', d.value));
    }
    if (d.name === 'check') checkDirective(ctx, d.value, d.valueSpan.start);
    if (d.name === 'syntax' && !d.value) ctx.report('InvalidDirective', d, l10n.t('The syntax directive needs a frontend image, e.g. docker/dockerfile:1'));
  }

  if (model.stages.length === 0 && df.instructions.length > 0) {
    const first = df.instructions.find((i) => i.keyword !== 'ARG') ?? df.instructions[0];
    ctx.report('NoFromInstruction', first.keywordSpan, l10n.t('No FROM instruction: a Dockerfile must start a build stage with FROM (only ARG may come before it)'));
  }
  for (const ins of model.beforeFrom) {
    if (model.stages.length && INSTRUCTIONS.has(ins.keyword)) {
      ctx.report('InstructionBeforeFrom', ins.keywordSpan, l10n.t('{0} cannot come before the first FROM (only ARG can)', ins.keyword));
    }
  }

  for (const ins of df.instructions) {
    checkInstruction(ctx, ins, false);
    if (ins.trigger) checkInstruction(ctx, ins.trigger, true);
  }
}

function checkDirective(ctx: RuleContext, value: string, at: number): void {
  let offset = 0;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    const val = eq === -1 ? '' : part.slice(eq + 1);
    const valAt = at + offset + eq + 1;
    if (key === 'skip' || key === 'experimental') {
      let o = 0;
      for (const name of val.split(',')) {
        const n = name.trim();
        if (n && n !== 'all' && !BUILDKIT_CHECKS.includes(n)) {
          const s = valAt + o + name.indexOf(n);
          const hint = didYouMean(n, BUILDKIT_CHECKS);
          ctx.report('UnknownCheck', { start: s, end: s + n.length }, l10n.t('Unknown build check \'{0}\'{1}', n, hint ? ` (did you mean ${hint}?)` : ''),
            hint ? [{ title: l10n.t('Change to {0}', hint), edits: [{ start: s, end: s + n.length, newText: hint }], preferred: true }] : []);
        }
        o += name.length + 1;
      }
    } else if (key === 'error') {
      if (!/^\s*(true|false)\s*$/i.test(val)) ctx.report('InvalidDirective', { start: valAt, end: valAt + val.length }, l10n.t('check error= expects true or false, not \'{0}\'', val));
    } else if (key) {
      const s = at + offset + part.indexOf(key);
      ctx.report('InvalidDirective', { start: s, end: s + key.length }, l10n.t('Unknown check directive option \'{0}\' (expected skip, error or experimental)', key));
    }
    offset += part.length + 1;
  }
}

function checkInstruction(ctx: RuleContext, ins: Instruction, inOnbuild: boolean): void {
  const spec = INSTRUCTIONS.get(ins.keyword);
  if (!spec) {
    if (!ins.keywordText) return;
    const hint = didYouMean(ins.keyword, INSTRUCTIONS.keys());
    ctx.report('UnknownInstruction', ins.keywordSpan, l10n.t('Unknown instruction: {0}{1}', ins.keywordText, hint ? ` (did you mean ${hint}?)` : ''),
      hint ? [{ title: l10n.t('Change to {0}', hint), edits: [{ start: ins.keywordSpan.start, end: ins.keywordSpan.end, newText: hint }], preferred: true }] : []);
    return;
  }
  if (inOnbuild && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(ins.keyword)) {
    ctx.report('InvalidInstruction', ins.keywordSpan, l10n.t('{0} isn\'t allowed as an ONBUILD trigger', ins.keyword));
  }
  const hasArgs = ins.argsText.trim().length > 0;
  if (NEEDS_ARGS.has(ins.keyword) && !hasArgs) {
    ctx.report('MissingArguments', ins.keywordSpan, l10n.t('{0} requires at least one argument', ins.keyword));
  }
  // flags
  const seen = new Set<string>();
  for (const f of ins.flags) {
    const fs = spec.flags.find((s) => s.name === f.name);
    if (!fs) {
      const hint = didYouMean(f.name, spec.flags.map((s) => s.name));
      ctx.report('UnknownFlag', f.nameSpan, spec.flags.length
        ? l10n.t('Unknown flag --{0} for {1}{2}; expected {3}', f.name, ins.keyword, hint ? ` (did you mean --${hint}?)` : '', spec.flags.map((s) => '--' + s.name).join(', '))
        : l10n.t('{0} does not take flags (found --{1})', ins.keyword, f.name),
      hint ? [{ title: l10n.t('Change to --{0}', hint), edits: [{ start: f.nameSpan.start + 2, end: f.nameSpan.end, newText: hint }], preferred: true }] : []);
      continue;
    }
    if (seen.has(f.name) && !fs.repeat) ctx.report('DuplicateFlag', f.nameSpan, l10n.t('--{0} is given more than once', f.name));
    seen.add(f.name);
    gate(ctx, ins, f, fs);
    checkFlagValue(ctx, ins, f, fs);
  }
  // instruction-specific shapes
  const argCount = ins.json ? ins.json.values.length : ins.args.length;
  if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && hasArgs && argCount < 2 && ins.heredocs.length === 0) {
    ctx.report('InvalidInstruction', { start: ins.keywordSpan.start, end: ins.end }, l10n.t('{0} requires at least two arguments: a source and a destination', ins.keyword));
  }
  if (ins.jsonInvalid && ['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'COPY', 'ADD', 'VOLUME'].includes(ins.keyword)) {
    const fixes = [];
    const t = ins.argsText.trim();
    if (/^\[\s*'/.test(t)) {
      const converted = t.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, s: string) => JSON.stringify(s));
      fixes.push({ title: l10n.t('Use double quotes'), edits: [{ start: ins.toDoc(ins.argsAt + ins.argsText.indexOf('[')), end: ins.end, newText: converted }], preferred: true });
    }
    ctx.report('InvalidJSONForm', { start: ins.toDoc(ins.argsAt + ins.argsText.indexOf('[')), end: ins.end },
      l10n.t('{0} arguments start with \'[\' but are not a JSON array of double-quoted strings: they will run as a shell command', ins.keyword), fixes);
  }
  if (ins.keyword === 'SHELL' && hasArgs && !ins.json) {
    ctx.report('InvalidInstruction', { start: ins.keywordSpan.start, end: ins.end }, l10n.t('SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/bash", "-c"]'));
  }
  if (ins.keyword === 'FROM' && ins.args.length > 1) {
    const a = ins.args;
    if (a[1].value.toLowerCase() !== 'as' || a.length !== 3) {
      ctx.report('InvalidInstruction', { start: a[1].start, end: a[a.length - 1].end }, l10n.t('FROM takes an image and optionally `AS <name>`'));
    } else if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(a[2].value)) {
      ctx.report('InvalidInstruction', a[2], l10n.t('invalid stage name \'{0}\': it must start with a letter and contain only letters, digits, \'_\', \'.\' and \'-\'', a[2].value));
    }
  }
  if (ins.keyword === 'HEALTHCHECK' && hasArgs) {
    const first = ins.args[0]?.value.toUpperCase();
    if (first !== 'CMD' && first !== 'NONE') ctx.report('InvalidInstruction', ins.args[0] ?? ins.keywordSpan, l10n.t('HEALTHCHECK expects CMD <command> or NONE'));
  }
  for (const h of ins.heredocs) {
    if (!h.terminator) ctx.report('UnterminatedHeredoc', h.marker, l10n.t('Heredoc \'{0}\' is not terminated: add a line \'{0}\' after its body', h.name));
  }
  if (ins.keyword === 'ENV' || ins.keyword === 'LABEL' || ins.keyword === 'ARG') {
    for (const w of ins.args) {
      if (w.raw.startsWith('=')) ctx.report('InvalidInstruction', w, l10n.t('{0} names can\'t be empty', ins.keyword));
    }
  }
}

function gate(ctx: RuleContext, ins: Instruction, f: Flag, fs: FlagSpec): void {
  const v = ctx.syntax;
  if (fs.labs) {
    if (!v || !v.labs) {
      ctx.report('FlagNeedsNewerSyntax', f.nameSpan, l10n.t('{0} --{1} is only in the labs channel: add `# syntax=docker/dockerfile:1-labs` as the first line', ins.keyword, f.name));
    }
    return;
  }
  if (!v || !v.exact || !fs.since || versionAtLeast(v, fs.since)) return;
  if ((fs.name === 'exclude' || fs.name === 'parents') && v.labs && versionAtLeast(v, '1.7')) return;
  ctx.report('FlagNeedsNewerSyntax', f.nameSpan, l10n.t('{0} --{1} needs docker/dockerfile:{2} or newer (this file pins {3}.{4}{5})', ins.keyword, f.name, fs.since, v.major, v.minor, v.labs ? '-labs' : ''));
}

function checkFlagValue(ctx: RuleContext, ins: Instruction, f: Flag, fs: FlagSpec): void {
  const v = f.value;
  const where = f.valueSpan ?? f;
  const bad = (msg: string): void => ctx.report('InvalidFlagValue', where, msg);
  if (fs.type === 'bool') {
    if (v !== null && !BOOL_VALUES.includes(v) && !v.includes('$')) bad(l10n.t('--{0} expects true or false, not \'{1}\'', f.name, v));
    return;
  }
  if (v === null || v === '') {
    bad(l10n.t('--{0} needs a value (--{0}=…)', f.name));
    return;
  }
  if (v.includes('$')) return; // expanded at build time
  switch (fs.type) {
    case 'enum':
      if (fs.name === 'security' && v !== 'insecure' && v !== 'sandbox') bad(l10n.t('--security expects sandbox or insecure, not \'{0}\'', v));
      else if (fs.values && !fs.values.includes(v)) bad(l10n.t('--{0} expects one of {1}, not \'{2}\'', f.name, fs.values.join(', '), v));
      break;
    case 'duration':
      if (!DURATION_RE.test(v)) bad(l10n.t('--{0} expects a duration such as 30s, 1m30s or 500ms, not \'{1}\'', f.name, v));
      break;
    case 'int':
      if (!/^\d+$/.test(v)) bad(l10n.t('--{0} expects a whole number, not \'{1}\'', f.name, v));
      break;
    case 'chmod':
      if (!/^[0-7]{3,4}$/.test(v)) {
        if (/^([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*$/.test(v)) {
          if (ctx.syntax?.exact && !versionAtLeast(ctx.syntax, '1.14')) bad(l10n.t('symbolic --chmod needs docker/dockerfile:1.14 or newer'));
        } else bad(l10n.t('--chmod expects octal permissions such as 0755 (or symbolic since 1.14), not \'{0}\'', v));
      }
      break;
    case 'platform':
      if (!PLATFORM_RE.test(v)) bad(l10n.t('--platform expects os/arch[/variant] such as linux/amd64, not \'{0}\'', v));
      break;
    case 'checksum':
      if (!/^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}|[0-9a-f]{40}|[0-9a-f]{64})$/.test(v)) bad(l10n.t('--checksum expects sha256:<64 hex digits> (or a Git commit), not \'{0}\'', v));
      break;
    case 'stage':
      break;
    case 'mount':
      checkMount(ctx, ins, f);
      break;
    default:
      break;
  }
}

function checkMount(ctx: RuleContext, ins: Instruction, f: Flag): void {
  const opts = f.options();
  const typeOpt = opts.find((o) => o.key === 'type');
  const type = typeOpt?.value ?? 'bind';
  const spec = MOUNT_TYPES[type];
  if (!spec) {
    const hint = didYouMean(type, Object.keys(MOUNT_TYPES));
    ctx.report('InvalidMount', typeOpt?.valueSpan ?? f, l10n.t('Unknown mount type \'{0}\'; expected bind, cache, tmpfs, secret or ssh', type),
      hint && typeOpt?.valueSpan ? [{ title: l10n.t('Change to {0}', hint), edits: [{ start: typeOpt.valueSpan.start, end: typeOpt.valueSpan.end, newText: hint }], preferred: true }] : []);
    return;
  }
  const keys = new Set<string>();
  for (const o of opts) {
    if (o.key === 'type') continue;
    if (!(o.key in spec.keys)) {
      const hint = didYouMean(o.key, Object.keys(spec.keys));
      ctx.report('InvalidMount', o.keySpan, l10n.t('Unknown key \'{0}\' for --mount type={1}; expected {2}', o.key, type, Object.keys(spec.keys).join(', ')),
        hint ? [{ title: l10n.t('Change to {0}', hint), edits: [{ start: o.keySpan.start, end: o.keySpan.end, newText: hint }], preferred: true }] : []);
      continue;
    }
    keys.add(['dst', 'destination'].includes(o.key) ? 'target' : o.key);
    const v = o.value;
    const where = o.valueSpan ?? o.span;
    if (v !== null && v.includes('$')) continue;
    if (o.key === 'sharing' && !['shared', 'private', 'locked'].includes(v ?? '')) {
      ctx.report('InvalidMount', where, l10n.t('sharing expects shared, private or locked, not \'{0}\'', v ?? ''));
    } else if (['ro', 'readonly', 'rw', 'readwrite', 'required'].includes(o.key) && v !== null && !BOOL_VALUES.includes(v)) {
      ctx.report('InvalidMount', where, l10n.t('{0} expects true or false, not \'{1}\'', o.key, v));
    } else if (o.key === 'mode' && !/^[0-7]{3,4}$/.test(v ?? '')) {
      ctx.report('InvalidMount', where, l10n.t('mode expects octal permissions such as 0755, not \'{0}\'', v ?? ''));
    } else if ((o.key === 'uid' || o.key === 'gid' || o.key === 'size') && !/^\d+[kmgKMG]?[bB]?$/.test(v ?? '')) {
      ctx.report('InvalidMount', where, l10n.t('{0} expects a number, not \'{1}\'', o.key, v ?? ''));
    } else if (['target', 'dst', 'destination', 'id', 'source', 'src', 'from', 'env'].includes(o.key) && !v) {
      ctx.report('InvalidMount', o.span, l10n.t('{0} needs a value', o.key));
    } else if (o.key === 'from' && v) {
      const stage = ctx.model.stageByName.get(v.toLowerCase());
      const cur = ctx.model.stageAt(ins.start);
      if (stage && cur && stage === cur) ctx.report('InvalidMount', where, l10n.t('--mount from={0} refers to the stage it is in', v));
    }
  }
  for (const r of spec.required) {
    if (!keys.has(r)) ctx.report('InvalidMount', f, l10n.t('--mount type={0} requires {1}=<path>', type, r));
  }
  if (type === 'secret' && !keys.has('id') && !keys.has('target') && !keys.has('env')) {
    ctx.report('InvalidMount', f, l10n.t('--mount type=secret needs id= (or target=/env= to derive it)'));
  }
}
