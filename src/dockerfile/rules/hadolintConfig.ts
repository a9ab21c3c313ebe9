// hadolint's rules that act on its configuration (trusted registries, a label schema) and the ones it ships
// turned off (DL1001, DL3057: reported here, dropped unless the rules setting gives them a severity).
import { Comment } from '../parser';
import { Stage, keyValues } from '../model';
import { LabelType } from '../types';
import { RuleContext } from './context';

/** The registry of an image reference as the docker CLI reads it (docker.io when the first part is no host). */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  if (slash === -1) return 'docker.io';
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

function matches(pattern: string, value: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
  return re.test(value);
}

const CHECKS: Record<Exclude<LabelType, 'text'>, { code: string; test: (v: string) => boolean; what: string }> = {
  url: { code: 'DL3052', test: (v) => { try { const u = new URL(v); return !!u.protocol && !!u.host; } catch { return false; } }, what: 'is not a valid URL' },
  rfc3339: { code: 'DL3053', test: (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))), what: 'is not a valid time format - must conform to RFC3339' },
  // one SPDX license identifier (as hadolint: an expression such as `MIT OR Apache-2.0` is not accepted)
  spdx: { code: 'DL3054', test: (v) => /^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(v), what: 'is not a valid SPDX identifier' },
  hash: { code: 'DL3055', test: (v) => /^([0-9a-f]{7}|[0-9a-f]{40})$/.test(v), what: 'is not a valid git hash' },
  semver: { code: 'DL3056', test: (v) => /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v), what: 'does not conform to semantic versioning' },
  email: { code: 'DL3058', test: (v) => /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(v), what: 'is not a valid email format - must conform to RFC5322' },
};

export function hadolintConfigRules(ctx: RuleContext, comments: Comment[]): void {
  const { model, opts, escape } = ctx;
  // DL1001 (off by default): inline ignore pragmas
  for (const c of comments) {
    if (/^hadolint\s+ignore\s*=/i.test(c.text)) ctx.report('DL1001', c, 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.');
  }
  const last = model.stages[model.stages.length - 1];
  // DL3057 (off by default): no HEALTHCHECK in the image (its own stage or the stages it builds on)
  if (last) {
    let has = false;
    for (let s: Stage | undefined = last; s && !has; s = s.base) has = s.instructions.some((i) => i.keyword === 'HEALTHCHECK');
    if (!has) ctx.report('DL3057', last.from.keywordSpan, '`HEALTHCHECK` instruction missing.');
  }
  // DL3026: FROM an image outside the trusted registries
  const trusted = opts.trustedRegistries?.filter(Boolean) ?? [];
  if (trusted.length) {
    for (const stage of model.stages) {
      const img = stage.image;
      if (!img || stage.base || img.value.toLowerCase() === 'scratch' || img.value.includes('$')) continue;
      const reg = registryOf(img.value);
      if (!trusted.some((t) => matches(t, reg) || (reg === 'docker.io' && /^(hub\.docker\.com|registry-1\.docker\.io|index\.docker\.io)$/i.test(t)))) {
        ctx.report('DL3026', img, `Use only an allowed registry in the FROM image (${reg} is not one of ${trusted.join(', ')})`);
      }
    }
  }
  // DL3049-DL3058: the label schema, per stage (labels inherited from the stages it builds on count)
  const schema = opts.labelSchema ?? {};
  const names = Object.keys(schema);
  if (!names.length) return;
  const labelsOf = new Map<Stage, Set<string>>();
  for (const stage of model.stages) {
    const have = new Set<string>(stage.base ? labelsOf.get(stage.base) ?? [] : []);
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'LABEL') continue;
      const kvs = keyValues(ins, escape);
      const extra = kvs.filter((kv) => !schema[kv.name]);
      if (opts.strictLabels && extra.length) {
        ctx.report('DL3050', extra[0].nameSpan, `Superfluous label(s) present: ${extra.map((kv) => kv.name).join(', ')}`);
      }
      for (const kv of kvs) {
        have.add(kv.name);
        const type = schema[kv.name];
        const value = kv.value ?? '';
        const at = kv.valueSpan ?? kv.nameSpan;
        if (!type) continue;
        if (!value.trim()) { ctx.report('DL3051', at, `label \`${kv.name}\` is empty.`); continue; }
        if (value.includes('$')) continue; // a build argument: its value is not known here
        const check = type === 'text' ? undefined : CHECKS[type];
        if (check && !check.test(value)) ctx.report(check.code, at, `Label \`${kv.name}\` ${check.what}`);
      }
    }
    labelsOf.set(stage, have);
    for (const n of names) if (!have.has(n)) ctx.report('DL3049', stage.from.keywordSpan, `Label \`${n}\` is missing.`);
  }
}
