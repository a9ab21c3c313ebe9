// Hover in compose files: the schema's documentation for keys, variables with their resolved
// value and where it came from, and what a referenced service/network/volume is. Pure (markdown out).
import { interpolate, scanVariables, VariableSource } from './interpolate';
import { l10n } from '../../shared/l10n';
import { imageFactsMarkdown, mdCode, mdText, ShownImageFacts } from '../../shared/markdown';
import { ComposeModel, symbolAt } from './model';
import { describeAt } from './schema';
import { ComposeTree, isRecord, NodeInfo, scalarText, Span, splitPointer } from './tree';

export interface ComposeHover { markdown: string; span: Span }

/** The deepest node whose key or value holds the offset. */
export function nodeAtOffset(tree: ComposeTree, offset: number): { ptr: string; info: NodeInfo; onKey: boolean } | undefined {
  let best: { ptr: string; info: NodeInfo; onKey: boolean; size: number } | undefined;
  for (const [ptr, info] of tree.nodes) {
    if (info.borrowed) continue;
    if (info.key && offset >= info.key.start && offset <= info.key.end) {
      const size = info.key.end - info.key.start;
      if (!best || size <= best.size) best = { ptr, info, onKey: true, size };
    } else if (offset >= info.value.start && offset <= info.value.end && info.value.end > info.value.start) {
      const size = info.value.end - info.value.start;
      if (!best || size < best.size) best = { ptr, info, onKey: false, size };
    }
  }
  return best;
}

function schemaPath(ptr: string): string[] {
  return splitPointer(ptr).map((s) => (/^\d+$/.test(s) ? '#' : s));
}

export function hoverAt(tree: ComposeTree, model: ComposeModel, variables: VariableSource, offset: number): ComposeHover | undefined {
  const n = nodeAtOffset(tree, offset);
  if (!n) return undefined;
  // Variables inside a value.
  if (!n.onKey && n.info.scalar) {
    const s = scalarText(tree, n.ptr);
    if (s && s.text.includes('$')) {
      const scan = scanVariables(s.text, s.start);
      const ref = scan.refs.find((r) => offset >= r.start && offset <= r.end);
      if (ref) {
        const found = variables.lookup(ref.name);
        const lines = [`**${mdText(`${'$'}{${ref.name}}`)}**`, ''];
        if (found) lines.push(l10n.t('= {0} (from {1})', mdCode(found.value), mdText(found.from)));
        else if (ref.operator === ':-' || ref.operator === '-') lines.push(l10n.t('not set: the default {0} is used', mdCode(interpolate(ref.arg, variables).value)));
        else if (ref.operator === ':?' || ref.operator === '?') lines.push(l10n.t('not set: compose stops with {0}', mdCode(ref.arg)));
        else lines.push(l10n.t('not set (in the environment or .env): a blank string'));
        const whole = interpolate(s.text, variables);
        lines.push('', l10n.t('Value: {0}', mdCode(whole.value)));
        return { markdown: lines.join('\n'), span: { start: ref.start, end: ref.end } };
      }
    }
  }
  // Names of services, networks, volumes…
  const sym = symbolAt(model, offset);
  if (sym) {
    const def = model.definitions.get(sym.kind)?.get(sym.name);
    const v = def ? valueOf(tree.data, def.ptr) : undefined;
    const lines = [`**${sym.kind} ${mdText(sym.name)}**`];
    if (!def) lines.push('', l10n.t('not defined in this file'));
    else if (isRecord(v)) {
      for (const k of ['image', 'build', 'driver', 'external', 'file', 'name']) {
        if (v[k] !== undefined) lines.push('', `${k}: ${mdCode(typeof v[k] === 'object' ? JSON.stringify(v[k]) : String(v[k]))}`);
      }
    }
    const uses = model.references.filter((r) => r.kind === sym.kind && r.name === sym.name).length;
    lines.push('', uses === 1 ? l10n.t('1 reference in this file') : l10n.t('{0} references in this file', uses));
    return { markdown: lines.join('\n'), span: sym.span };
  }
  // Keys: the schema's documentation.
  if (n.onKey && n.info.key) {
    const p = schemaPath(n.ptr);
    const desc = describeAt(p);
    const name = p[p.length - 1];
    if (desc) return { markdown: `**${mdText(name)}**\n\n${desc}`, span: n.info.key };
    if (p[0] === 'services' && p.length === 2) return { markdown: `**service ${mdText(name)}**`, span: n.info.key };
  }
  return undefined;
}

/** The hover on an `image:` value: the reference, and what the engine knows about it (the image author's text). */
export function imageHoverMarkdown(ref: string, facts: ShownImageFacts | undefined, now = Date.now()): string {
  const lines = [`**${mdText(ref)}**`, ''];
  if (facts) lines.push(imageFactsMarkdown(facts, now));
  else lines.push(l10n.t('Not on the connected engine: compose pulls it (or builds it when the service has build:).'));
  return lines.join('\n');
}

function valueOf(data: unknown, ptr: string): unknown {
  let v = data;
  for (const s of splitPointer(ptr)) {
    if (!isRecord(v) && !Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}
