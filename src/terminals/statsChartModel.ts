// The stats chart's data and page, pure (no vscode): samples from StatsStream become chart
// points (cumulative network and block counters turned into rates), kept in a bounded window;
// the page is a strict-CSP shell for media/stats/stats.js.
import type { TimedSample } from '../engine/statsStream';

export interface ChartPoint {
  time: number;
  cpuPercent: number;
  memUsage: number;
  memLimit: number;
  memPercent: number;
  /** Bytes per second since the previous sample (0 for the first). */
  netRxRate: number;
  netTxRate: number;
  blockReadRate: number;
  blockWriteRate: number;
  /** Totals, as `docker stats` shows them. */
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/** Messages from the extension to the page. */
export type ToPage =
  | { type: 'init'; name: string; points: ChartPoint[] }
  | { type: 'point'; point: ChartPoint }
  | { type: 'ended'; message: string };

export class ChartSeries {
  private readonly pts: ChartPoint[] = [];
  private prev: TimedSample | undefined;

  constructor(readonly capacity = 120) {}

  /** Adds a sample; returns its point. A counter that went down (container restarted) counts from 0. */
  add(s: TimedSample): ChartPoint {
    const p = this.prev;
    const dt = p ? (s.time - p.time) / 1000 : 0;
    const rate = (now: number, before: number | undefined) => {
      if (!p || dt <= 0 || before === undefined) return 0;
      return now >= before ? (now - before) / dt : now / dt;
    };
    const point: ChartPoint = {
      time: s.time,
      cpuPercent: s.cpuPercent,
      memUsage: s.memUsage,
      memLimit: s.memLimit,
      memPercent: s.memPercent,
      netRxRate: rate(s.netRx, p?.netRx),
      netTxRate: rate(s.netTx, p?.netTx),
      blockReadRate: rate(s.blockRead, p?.blockRead),
      blockWriteRate: rate(s.blockWrite, p?.blockWrite),
      netRx: s.netRx,
      netTx: s.netTx,
      blockRead: s.blockRead,
      blockWrite: s.blockWrite,
      pids: s.pids,
    };
    this.prev = s;
    this.pts.push(point);
    if (this.pts.length > this.capacity) this.pts.splice(0, this.pts.length - this.capacity);
    return point;
  }

  points(): ChartPoint[] {
    return [...this.pts];
  }
}

/** A nonce for the page's Content-Security-Policy. */
export function makeNonce(random: (n: number) => Buffer): string {
  return random(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] as string));
}

/**
 * The page: nothing but the webview's own resources (cspSource) for the stylesheet, the one
 * script with the nonce, no inline code, no network.
 */
export function statsChartHtml(o: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; title: string }): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource}`,
    `style-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  const chart = (id: string, label: string) =>
    `<section class="chart"><h2>${label} <span class="now" id="${id}-now"></span></h2><canvas id="${id}" height="110"></canvas><div class="legend" id="${id}-legend"></div></section>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<header><h1>${escapeHtml(o.title)}</h1><span id="status" role="status">waiting for the first sample…</span></header>
${chart('cpu', 'CPU')}
${chart('mem', 'Memory')}
${chart('net', 'Network I/O')}
${chart('block', 'Block I/O')}
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
