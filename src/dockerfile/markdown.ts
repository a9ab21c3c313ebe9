// Markdown from untrusted text (a Dockerfile's values, an image's config): shown only as inline
// code, so nothing in it can end the code span, open a link, load an image or inject HTML.
import { formatAge, formatBytes } from '../shared/format';
import { l10n } from '../shared/l10n';
import type { ImageFacts } from '../engine/models';

/** Longest text shown from a value; the rest is cut with an ellipsis. */
export const MAX_SHOWN = 200;

/**
 * `s` as one inline code span (CommonMark): line breaks become spaces, the fence is one backtick
 * longer than the longest backtick run inside, and a space pads a value that starts or ends with a
 * backtick. Inside a code span markdown and HTML are not interpreted.
 */
export function mdCode(s: string): string {
  let v = s.replace(/[\r\n\u2028\u2029]+/g, ' ');
  if (v.length > MAX_SHOWN) v = v.slice(0, MAX_SHOWN) + '…';
  let longest = 0;
  for (const run of v.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || (v.startsWith(' ') && v.endsWith(' ') && v.trim() !== '') ? ' ' : '';
  if (v === '') return '` `';
  return fence + pad + v + pad + fence;
}

/** `s` as plain text: every ASCII punctuation character that markdown reads is backslash-escaped. */
export function mdText(s: string): string {
  let v = s.replace(/[\r\n\u2028\u2029]+/g, ' ');
  if (v.length > MAX_SHOWN) v = v.slice(0, MAX_SHOWN) + '…';
  return v.replace(/[\\`*_{}[\]()#+\-.!<>|~&:"'=]/g, (c) => '\\' + c);
}

/** What the hover shows about a local image (its config is the image author's text). */
export type ShownImageFacts = Omit<ImageFacts, 'env'>;

/** The lines the hover appends about a FROM image present on the engine. */
export function imageFactsMarkdown(facts: ShownImageFacts, now: number): string {
  const lines = [
    l10n.t('Local image {0} · {1}', mdCode(facts.id.replace(/^sha256:/, '').slice(0, 12)), mdCode(facts.platform)),
    l10n.t('Size {0} · created {1}', formatBytes(facts.size), formatAge(facts.created, now)),
  ];
  if (facts.entrypoint.length) lines.push(`Entrypoint ${mdCode(JSON.stringify(facts.entrypoint))}`);
  if (facts.cmd.length) lines.push(`Cmd ${mdCode(JSON.stringify(facts.cmd))}`);
  if (facts.user) lines.push(`User ${mdCode(facts.user)}`);
  if (facts.workdir) lines.push(`Workdir ${mdCode(facts.workdir)}`);
  if (facts.exposed.length) lines.push(`Exposes ${facts.exposed.map(mdCode).join(', ')}`);
  return lines.join('  \n');
}
