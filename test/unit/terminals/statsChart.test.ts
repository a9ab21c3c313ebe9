import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TimedSample } from '../../../src/engine/statsStream';
import { ChartSeries, makeNonce, statsChartHtml } from '../../../src/terminals/statsChartModel';

const sample = (time: number, o: Partial<TimedSample> = {}): TimedSample => ({
  time, cpuPercent: 0, memUsage: 0, memLimit: 0, memPercent: 0, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1, ...o,
});

describe('stats chart model', () => {
  it('turns cumulative network and block counters into per-second rates', () => {
    const s = new ChartSeries();
    const a = s.add(sample(1000, { netRx: 1000, netTx: 10, blockRead: 4096, cpuPercent: 12.5, memUsage: 5, memLimit: 10, memPercent: 50 }));
    assert.equal(a.netRxRate, 0, 'no rate for the first sample');
    const b = s.add(sample(3000, { netRx: 5000, netTx: 30, blockRead: 4096, blockWrite: 2048 }));
    assert.equal(b.netRxRate, 2000);
    assert.equal(b.netTxRate, 10);
    assert.equal(b.blockReadRate, 0);
    assert.equal(b.blockWriteRate, 1024);
    assert.equal(b.netRx, 5000, 'totals kept');
    assert.deepEqual(s.points().map((p) => p.cpuPercent), [12.5, 0], 'CPU % passes through from computeStats');
  });

  it('counts a counter that went down (a restart) from zero, and never divides by a zero interval', () => {
    const s = new ChartSeries();
    s.add(sample(1000, { netRx: 9000 }));
    assert.equal(s.add(sample(2000, { netRx: 500 })).netRxRate, 500);
    assert.equal(s.add(sample(2000, { netRx: 900 })).netRxRate, 0);
  });

  it('keeps a bounded window of points', () => {
    const s = new ChartSeries(5);
    for (let i = 0; i < 12; i++) s.add(sample(i * 1000, { cpuPercent: i }));
    assert.deepEqual(s.points().map((p) => p.cpuPercent), [7, 8, 9, 10, 11]);
  });

  it('makes an alphanumeric nonce', () => {
    const n = makeNonce((k) => Buffer.alloc(k, 0xfb));
    assert.match(n, /^[A-Za-z0-9]+$/);
  });

  it('serves a page with a strict CSP: no inline code, only its own script (nonce) and stylesheet', () => {
    const html = statsChartHtml({ cspSource: 'vscode-resource:', scriptUri: 'vscode-resource:/media/stats/stats.js', styleUri: 'vscode-resource:/media/stats/stats.css', nonce: 'abc123', title: 'Live stats: <evil>' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /nonce="abc123" src="vscode-resource:\/media\/stats\/stats\.js"/);
    assert.equal(scripts[0][2].trim(), '', 'no inline script');
    assert.doesNotMatch(html, /style="|<style/, 'no inline styles');
    assert.ok(html.includes('Live stats: &lt;evil&gt;'));
    for (const id of ['cpu', 'mem', 'net', 'block']) assert.ok(html.includes(`<canvas id="${id}"`), id);
  });

  it('the page script uses no library, no network, and theme colours', () => {
    const dir = path.join(__dirname, '../../../media/stats');
    const js = fs.readFileSync(path.join(dir, 'stats.js'), 'utf8');
    const css = fs.readFileSync(path.join(dir, 'stats.css'), 'utf8');
    assert.doesNotMatch(js, /https?:\/\/|\bimport\b|require\(|fetch\(|XMLHttpRequest|eval\(|new Function/);
    assert.match(js, /--vscode-charts-blue/);
    assert.match(css, /var\(--vscode-foreground\)/);
    assert.doesNotMatch(css, /https?:\/\//);
  });
});
