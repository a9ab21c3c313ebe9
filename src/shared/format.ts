// The one way Dockyard writes sizes, ages and text tables. Pure.
//
// Sizes use decimal SI units (1 kB = 1000 B), as the docker CLI prints image, container and
// disk-usage sizes; every view, terminal and message uses this one formatter.

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
  if (s < 60) return 'just now';
  const units: [number, string][] = [[60 * 60 * 24 * 365, 'year'], [60 * 60 * 24 * 30, 'month'], [60 * 60 * 24 * 7, 'week'], [60 * 60 * 24, 'day'], [60 * 60, 'hour'], [60, 'minute']];
  for (const [size, unit] of units) {
    if (s >= size) {
      const k = Math.floor(s / size);
      return `${k} ${unit}${k === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** Left-aligned text columns separated by three spaces, a header first; ends with a newline. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
