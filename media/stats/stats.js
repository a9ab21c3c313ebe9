// Dockyard live stats chart: draws the points the extension posts on <canvas> line charts.
// No libraries, no network; colours from the theme's --vscode-* variables.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  /** @type {Array<Record<string, number>>} */
  let points = [];
  const MAX = 120;

  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  /** @param {number} n */
  function bytes(n) {
    let i = 0;
    let v = n;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return `${v < 10 && i ? v.toFixed(2) : v < 100 && i ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
  }
  /** @param {number} n */
  const rate = (n) => `${bytes(n)}/s`;
  /** @param {number} n */
  const pct = (n) => `${n.toFixed(1)}%`;

  /** @param {string} name @param {string} fallback */
  function cssVar(name, fallback) {
    const v = getComputedStyle(document.body).getPropertyValue(name).trim();
    return v || fallback;
  }

  /**
   * @typedef {{ key: string, label: string }} Line
   * @typedef {{ id: string, lines: Line[], format: (n: number) => string, max?: (p: Record<string, number>[]) => number, now: (p: Record<string, number>) => string }} Chart
   * @type {Chart[]}
   */
  const charts = [
    { id: 'cpu', lines: [{ key: 'cpuPercent', label: 'CPU %' }], format: pct,
      max: (ps) => Math.max(100, ...ps.map((p) => p.cpuPercent)),
      now: (p) => pct(p.cpuPercent) },
    { id: 'mem', lines: [{ key: 'memUsage', label: 'usage' }], format: bytes,
      max: (ps) => Math.max(1, ...ps.map((p) => p.memLimit || p.memUsage)),
      now: (p) => `${bytes(p.memUsage)} / ${bytes(p.memLimit)} (${pct(p.memPercent)})` },
    { id: 'net', lines: [{ key: 'netRxRate', label: 'received' }, { key: 'netTxRate', label: 'sent' }], format: rate,
      now: (p) => `${rate(p.netRxRate)} in, ${rate(p.netTxRate)} out · total ${bytes(p.netRx)} / ${bytes(p.netTx)}` },
    { id: 'block', lines: [{ key: 'blockReadRate', label: 'read' }, { key: 'blockWriteRate', label: 'written' }], format: rate,
      now: (p) => `${rate(p.blockReadRate)} read, ${rate(p.blockWriteRate)} written · total ${bytes(p.blockRead)} / ${bytes(p.blockWrite)}` },
  ];

  for (const c of charts) {
    const legend = document.getElementById(`${c.id}-legend`);
    if (!legend) continue;
    c.lines.forEach((l, i) => {
      const item = document.createElement('span');
      const sw = document.createElement('span');
      sw.className = `swatch s${i}`;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(l.label));
      legend.appendChild(item);
    });
  }

  /** @param {Chart} c */
  function draw(c) {
    const canvas = /** @type {HTMLCanvasElement | null} */ (document.getElementById(c.id));
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    const fg = cssVar('--vscode-descriptionForeground', '#888');
    const grid = cssVar('--vscode-editorIndentGuide-background1', cssVar('--vscode-editorIndentGuide-background', 'rgba(128,128,128,0.25)'));
    const colours = [cssVar('--vscode-charts-blue', '#3794ff'), cssVar('--vscode-charts-orange', '#d18616')];
    const font = cssVar('--vscode-font-family', 'sans-serif');
    const max = c.max ? c.max(points) : Math.max(1, ...points.flatMap((p) => c.lines.map((l) => p[l.key])));
    const left = 4;
    const top = 14;
    const plotH = h - top - 4;
    // Grid: 0, half, max.
    g.strokeStyle = grid;
    g.lineWidth = 1;
    g.fillStyle = fg;
    g.font = `10px ${font}`;
    for (const f of [0, 0.5, 1]) {
      const y = Math.round(top + plotH * (1 - f)) + 0.5;
      g.beginPath(); g.moveTo(0, y); g.lineTo(w, y); g.stroke();
      if (f > 0) g.fillText(c.format(max * f), left, y - 2);
    }
    if (!points.length) return;
    const step = w / (MAX - 1);
    const x0 = w - (points.length - 1) * step;
    c.lines.forEach((l, i) => {
      g.strokeStyle = colours[i % colours.length];
      g.lineWidth = 1.5;
      g.beginPath();
      points.forEach((p, j) => {
        const x = x0 + j * step;
        const y = top + plotH * (1 - Math.min(1, (p[l.key] || 0) / max));
        if (j === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.stroke();
    });
    const now = document.getElementById(`${c.id}-now`);
    if (now) now.textContent = c.now(points[points.length - 1]);
  }

  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; for (const c of charts) draw(c); });
  }

  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'init') {
      points = Array.isArray(m.points) ? m.points.slice(-MAX) : [];
      if (points.length) status.textContent = 'live';
      redraw();
    } else if (m.type === 'point') {
      points.push(m.point);
      if (points.length > MAX) points.splice(0, points.length - MAX);
      if (!status.classList.contains('ended')) status.textContent = `live · ${new Date(m.point.time).toLocaleTimeString()}`;
      redraw();
    } else if (m.type === 'ended') {
      status.textContent = String(m.message);
      status.classList.add('ended');
    }
  });
  window.addEventListener('resize', redraw);
  // The theme can change while the panel is open.
  new MutationObserver(redraw).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  redraw();
  vscode.postMessage({ type: 'ready' });
})();
