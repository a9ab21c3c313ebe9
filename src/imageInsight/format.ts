// Pure text of the image-insight views: labels, totals, the Dockerfile hints' text and their
// hover (escaped), the lint findings, and the comparison of two images. No vscode.
import type { ImageInsight, ImageLayer, LayerFile } from '../engine/imageLayersModel';
import { mdCode } from '../shared/markdown';
import { formatBytes } from '../shared/format';
import { l10n } from '../shared/l10n';

const MAX_LABEL = 80;

export function layerLabel(layer: ImageLayer): string {
  const text = layer.instruction || layer.comment || (layer.empty ? '' : l10n.t('(layer without history)'));
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_LABEL ? one.slice(0, MAX_LABEL - 1) + '…' : one;
}

export function percent(efficiency: number): string {
  return `${(Math.floor(efficiency * 1000) / 10).toFixed(1)} %`;
}

export function efficiencyText(insight: ImageInsight): string {
  return l10n.t('{0} wasted · efficiency {1}', formatBytes(insight.wastedBytes), percent(insight.efficiency));
}

/** The files a layer adds or changes, largest first. */
export function largestFiles(layer: ImageLayer, n = 10): LayerFile[] {
  return layer.files.filter((f) => f.kind !== 'deleted' && f.size > 0).sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, n);
}

/** The hover of a Dockerfile hint: the layer's instruction and its largest files (every value escaped). */
export function layerHover(layer: ImageLayer, buildMs?: number, cached?: boolean): string {
  const lines = [
    `**${l10n.t('Layer {0}: {1}', layer.index + 1, formatBytes(layer.size))}**`,
    '',
    l10n.t('Created by: {0}', mdCode(layer.createdBy || '—')),
  ];
  if (cached) lines.push('', l10n.t('Taken from the build cache.'));
  else if (buildMs !== undefined) lines.push('', l10n.t('Build time: {0} s', (buildMs / 1000).toFixed(1)));
  if (layer.wasted) lines.push('', l10n.t('{0} of it is overwritten or deleted by later layers (wasted).', formatBytes(layer.wasted)));
  const top = largestFiles(layer);
  if (top.length) {
    lines.push('', l10n.t('Largest files:'), '');
    for (const f of top) lines.push(`- ${mdCode(f.path)} ${formatBytes(f.size)}${f.kind === 'changed' ? l10n.t(' (changed)') : ''}`);
  }
  return lines.join('\n');
}

/** The inline text of a hint: `+48.2 MB`, `0 B`, `cached`, with the build time when known. */
export function hintText(layer: ImageLayer | undefined, step?: { ms?: number; cached: boolean }): string {
  const size = !layer || layer.empty ? '0 B' : `+${formatBytes(layer.size)}`;
  if (step?.cached) return l10n.t('{0} · cached', size);
  if (step?.ms !== undefined) return `${size} · ${(step.ms / 1000).toFixed(1)} s`;
  return size;
}

// ---- lint from the image -----------------------------------------------------------------------

export interface LayerFinding {
  layerIndex: number;
  rule: string;
  bytes: number;
  files: number;
  message: string;
}

interface Rule { id: string; what: () => string; fix: () => string; test: (p: string) => boolean }

const RULES: Rule[] = [
  { id: 'apt-lists', what: () => l10n.t('the apt lists'), fix: () => l10n.t('remove /var/lib/apt/lists/* in the same RUN'), test: (p) => p.startsWith('/var/lib/apt/lists/') },
  { id: 'apt-cache', what: () => l10n.t('the apt package cache'), fix: () => l10n.t('run apt-get clean in the same RUN'), test: (p) => p.startsWith('/var/cache/apt/') },
  { id: 'apk-cache', what: () => l10n.t('the apk cache'), fix: () => l10n.t('use apk add --no-cache'), test: (p) => p.startsWith('/var/cache/apk/') },
  { id: 'yum-cache', what: () => l10n.t('the yum/dnf cache'), fix: () => l10n.t('clean the cache in the same RUN'), test: (p) => p.startsWith('/var/cache/yum/') || p.startsWith('/var/cache/dnf/') },
  { id: 'user-cache', what: () => l10n.t('a user cache (~/.cache, ~/.npm)'), fix: () => l10n.t('use a cache mount or remove it in the same RUN'), test: (p) => /^\/(root|home\/[^/]+)\/\.(cache|npm)\//.test(p) },
  { id: 'pycache', what: () => l10n.t('Python bytecode (__pycache__, *.pyc)'), fix: () => l10n.t('set PYTHONDONTWRITEBYTECODE=1 or remove it in the same RUN'), test: (p) => p.includes('/__pycache__/') || p.endsWith('.pyc') },
];

/** What layers carry that an image does not need: measured from the layer's files, per rule. */
export function layerFindings(insight: ImageInsight, minBytes = 1_000_000): LayerFinding[] {
  const out: LayerFinding[] = [];
  for (const layer of insight.layers) {
    for (const rule of RULES) {
      let bytes = 0;
      let files = 0;
      for (const f of layer.files) if (f.kind !== 'deleted' && f.type === 'file' && rule.test(f.path)) { bytes += f.size; files++; }
      if (files && bytes >= minBytes) {
        out.push({
          layerIndex: layer.index, rule: rule.id, bytes, files,
          message: l10n.t('{0} in layer {1} add {2} ({3} files): {4}.', rule.what(), layer.index + 1, formatBytes(bytes), files, rule.fix()),
        });
      }
    }
  }
  return out;
}

// ---- compare two images ---------------------------------------------------------------------------

/** What the final image shows: path → size (folders 0), from the layers' visible versions. */
function finalFiles(insight: ImageInsight): Map<string, { size: number; layer: number }> {
  const out = new Map<string, { size: number; layer: number }>();
  for (const l of insight.layers) for (const f of l.files) if (f.kind !== 'deleted' && !f.hidden) out.set(f.path, { size: f.size, layer: l.index });
  return out;
}

export interface ImageComparison {
  sizeDelta: number;
  sharedLayers: number;
  onlyA: ImageLayer[];
  onlyB: ImageLayer[];
  added: { path: string; size: number }[];
  removed: { path: string; size: number }[];
  changed: { path: string; from: number; to: number }[];
}

/** Layers are the same when their diff ids are; files compare by what each final image shows. */
export function compareInsights(a: ImageInsight, b: ImageInsight): ImageComparison {
  const ids = (x: ImageInsight) => x.layers.filter((l) => !l.empty).map((l) => l.diffId ?? `${l.createdBy}#${l.size}`);
  const ia = ids(a);
  const ib = ids(b);
  let shared = 0;
  while (shared < ia.length && shared < ib.length && ia[shared] === ib[shared]) shared++;
  const layersFrom = (x: ImageInsight, n: number) => x.layers.filter((l) => !l.empty).slice(n);
  const fa = finalFiles(a);
  const fb = finalFiles(b);
  const added: ImageComparison['added'] = [];
  const removed: ImageComparison['removed'] = [];
  const changed: ImageComparison['changed'] = [];
  for (const [p, v] of fb) {
    const old = fa.get(p);
    if (!old) added.push({ path: p, size: v.size });
    else if (old.size !== v.size || (old.layer !== v.layer && v.layer >= shared)) changed.push({ path: p, from: old.size, to: v.size });
  }
  for (const [p, v] of fa) if (!fb.has(p)) removed.push({ path: p, size: v.size });
  const size = (m: Map<string, { size: number }>) => [...m.values()].reduce((n, v) => n + v.size, 0);
  const byPath = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : 1);
  return {
    sizeDelta: size(fb) - size(fa), sharedLayers: shared, onlyA: layersFrom(a, shared), onlyB: layersFrom(b, shared),
    added: added.sort(byPath), removed: removed.sort(byPath), changed: changed.sort(byPath),
  };
}

const signed = (n: number) => (n >= 0 ? `+${formatBytes(n)}` : `-${formatBytes(-n)}`);

/** The comparison as a plain-text document. */
export function comparisonText(nameA: string, nameB: string, a: ImageInsight, b: ImageInsight, c: ImageComparison, maxFiles = 500): string {
  const lines = [
    l10n.t('Compare {0} → {1}', nameA, nameB), '',
    l10n.t('Size of the files shown: {0} ({1} → {2})', signed(c.sizeDelta), formatBytes(a.totalBytes - a.wastedBytes), formatBytes(b.totalBytes - b.wastedBytes)),
    l10n.t('Wasted: {0} → {1}; efficiency {2} → {3}', formatBytes(a.wastedBytes), formatBytes(b.wastedBytes), percent(a.efficiency), percent(b.efficiency)),
    l10n.t('Layers in common (from the base): {0}', c.sharedLayers), '',
    l10n.t('Layers only in {0}:', nameA), ...(c.onlyA.length ? c.onlyA.map((l) => `  - ${formatBytes(l.size).padStart(9)}  ${layerLabel(l)}`) : [`  ${l10n.t('none')}`]), '',
    l10n.t('Layers only in {0}:', nameB), ...(c.onlyB.length ? c.onlyB.map((l) => `  + ${formatBytes(l.size).padStart(9)}  ${layerLabel(l)}`) : [`  ${l10n.t('none')}`]), '',
    l10n.t('Files: {0} added, {1} removed, {2} changed', c.added.length, c.removed.length, c.changed.length),
  ];
  const list = [
    ...c.added.map((f) => ({ path: f.path, line: `  + ${f.path}  ${formatBytes(f.size)}` })),
    ...c.removed.map((f) => ({ path: f.path, line: `  - ${f.path}  ${formatBytes(f.size)}` })),
    ...c.changed.map((f) => ({ path: f.path, line: `  ~ ${f.path}  ${formatBytes(f.from)} → ${formatBytes(f.to)}` })),
  ].sort((x, y) => (x.path < y.path ? -1 : 1));
  lines.push(...list.slice(0, maxFiles).map((x) => x.line));
  if (list.length > maxFiles) lines.push(l10n.t('  … and {0} more', list.length - maxFiles));
  return lines.join('\n') + '\n';
}
