// The one way Dockyard writes sizes, ages and text tables. Pure.
//
// Sizes use decimal SI units (1 kB = 1000 B), as the docker CLI prints image, container and
// disk-usage sizes; every view, terminal and message uses this one formatter.
import { l10n } from './l10n';

/** "0 B", "999 B", "1.50 kB", "12.3 MB", "456 GB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${i === 0 ? v : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

/** "3 minutes ago" style, like the docker CLI; '' for an unknown time (0). */
export function formatAge(ms: number, now = Date.now()): string {
  if (!ms) return '';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return l10n.t('just now');
  // One message per unit and number, so that each language words them its own way.
  const units: [number, () => string, (k: number) => string][] = [
    [60 * 60 * 24 * 365, () => l10n.t('1 year ago'), (k) => l10n.t('{0} years ago', k)],
    [60 * 60 * 24 * 30, () => l10n.t('1 month ago'), (k) => l10n.t('{0} months ago', k)],
    [60 * 60 * 24 * 7, () => l10n.t('1 week ago'), (k) => l10n.t('{0} weeks ago', k)],
    [60 * 60 * 24, () => l10n.t('1 day ago'), (k) => l10n.t('{0} days ago', k)],
    [60 * 60, () => l10n.t('1 hour ago'), (k) => l10n.t('{0} hours ago', k)],
    [60, () => l10n.t('1 minute ago'), (k) => l10n.t('{0} minutes ago', k)],
  ];
  for (const [size, one, many] of units) {
    if (s >= size) {
      const k = Math.floor(s / size);
      return k === 1 ? one() : many(k);
    }
  }
  return l10n.t('just now');
}

/** Left-aligned text columns separated by three spaces, a header first; ends with a newline. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
