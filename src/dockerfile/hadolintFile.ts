// hadolint's configuration file (`.hadolint.yaml`): the parts that mean something to this analysis. Pure: the
// caller reads the file. Unknown keys are ignored; wrong types are reported back as problems (one line each).
import { parse as parseYaml } from 'yaml';
import { Severity } from './rules/meta';
import { LabelType, LintOptions } from './types';
import { describeError } from '../shared/errors';

export const HADOLINT_FILES = ['.hadolint.yaml', '.hadolint.yml'];

const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'spdx', 'rfc3339', 'hash', 'semver', 'email'];
/** hadolint's severities mapped to Dockyard's (style is info; ignore is off). */
const OVERRIDE: Record<string, Severity | 'off'> = { error: 'error', warning: 'warning', info: 'info', style: 'info', ignore: 'off' };

export interface HadolintFileOptions {
  options: Pick<LintOptions, 'trustedRegistries' | 'labelSchema' | 'strictLabels' | 'rules'>;
  problems: string[];
}

const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v as string[] : undefined);

export function readHadolintFile(text: string): HadolintFileOptions {
  const problems: string[] = [];
  const options: HadolintFileOptions['options'] = {};
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { options, problems: [`not valid YAML: ${describeError(e).split('\n')[0]}`] };
  }
  if (doc === null || doc === undefined) return { options, problems };
  if (typeof doc !== 'object' || Array.isArray(doc)) return { options, problems: ['the file should hold a mapping'] };
  const d = doc as Record<string, unknown>;
  if ('trustedRegistries' in d) {
    const l = stringList(d.trustedRegistries);
    if (l) options.trustedRegistries = l; else problems.push('trustedRegistries should be a list of registry names');
  }
  if ('label-schema' in d) {
    const s = d['label-schema'];
    if (s && typeof s === 'object' && !Array.isArray(s)) {
      const schema: Record<string, LabelType> = {};
      for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
        if (typeof v === 'string' && (LABEL_TYPES as readonly string[]).includes(v)) schema[k] = v as LabelType;
        else problems.push(`label-schema: ${k} should be one of ${LABEL_TYPES.join(', ')}`);
      }
      options.labelSchema = schema;
    } else problems.push('label-schema should map label names to types');
  }
  if ('strict-labels' in d) {
    if (typeof d['strict-labels'] === 'boolean') options.strictLabels = d['strict-labels']; else problems.push('strict-labels should be true or false');
  }
  const rules: Record<string, Severity | 'off'> = {};
  if ('ignored' in d) {
    const l = stringList(d.ignored);
    if (l) for (const c of l) rules[c] = 'off'; else problems.push('ignored should be a list of rule codes');
  }
  if ('override' in d) {
    const o = d.override;
    if (o && typeof o === 'object' && !Array.isArray(o)) {
      for (const [level, codes] of Object.entries(o as Record<string, unknown>)) {
        const sev = OVERRIDE[level.toLowerCase()];
        const l = stringList(codes);
        if (!sev || !l) { problems.push(`override: ${level} should be error, warning, info, style or ignore with a list of codes`); continue; }
        for (const c of l) rules[c] = sev;
      }
    } else problems.push('override should map severities to lists of codes');
  }
  if (Object.keys(rules).length) options.rules = rules;
  return { options, problems };
}
