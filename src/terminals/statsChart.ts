// The live stats chart: a webview panel per container, fed by StatsStream. The stream stops when
// the panel closes, and the panel says so when the container stops or is removed.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { StatsStream } from '../engine/statsStream';
import { ChartSeries, makeNonce, statsChartHtml, ToPage } from './statsChartModel';

/** Open panels by container id (owned by the Ctx through StatsCharts). */
export class StatsCharts implements vscode.Disposable {
  private readonly open = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly ctx: Ctx) {}

  show(engine: Engine, id: string, name: string): void {
    const existing = this.open.get(id);
    if (existing) { existing.reveal(); return; }
    const media = vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media', 'stats');
    const panel = vscode.window.createWebviewPanel('dockyard.statsChart', `Stats: ${name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    this.open.set(id, panel);
    const web = panel.webview;
    web.html = statsChartHtml({
      cspSource: web.cspSource,
      scriptUri: web.asWebviewUri(vscode.Uri.joinPath(media, 'stats.js')).toString(),
      styleUri: web.asWebviewUri(vscode.Uri.joinPath(media, 'stats.css')).toString(),
      nonce: makeNonce(crypto.randomBytes),
      title: vscode.l10n.t('Live stats: {0}', name),
    });

    const series = new ChartSeries();
    const stream = new StatsStream(engine, id, name);
    let ended: string | undefined;
    const post = (m: ToPage) => { void web.postMessage(m); };
    const subs: vscode.Disposable[] = [
      // The page asks for everything when it (re)loads: after being hidden, for instance.
      web.onDidReceiveMessage((m: unknown) => {
        if ((m as { type?: unknown })?.type !== 'ready') return;
        post({ type: 'init', name, points: series.points() });
        if (ended) post({ type: 'ended', message: ended });
      }),
      stream.onSample((s) => post({ type: 'point', point: series.add(s) })),
      stream.onEnd((e) => {
        if (e.reason === 'closed') return;
        ended = e.message;
        post({ type: 'ended', message: e.message });
        panel.title = vscode.l10n.t('Stats: {0} ({1})', name, e.reason === 'removed' ? vscode.l10n.t('removed') : e.reason === 'stopped' ? vscode.l10n.t('stopped') : vscode.l10n.t('ended'));
        this.ctx.log.info(`stats chart: ${e.message}`);
      }),
    ];
    panel.onDidDispose(() => {
      stream.stop();
      for (const s of subs) s.dispose();
      this.open.delete(id);
    });
    stream.start().catch((e: unknown) => {
      ended = vscode.l10n.t('Cannot read the stats of {0}: {1}', name, (e as Error).message);
      post({ type: 'ended', message: ended });
    });
  }

  dispose(): void {
    for (const p of [...this.open.values()]) p.dispose();
  }
}
