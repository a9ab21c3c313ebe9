// Terminal commands on containers: exec shell, exec command, attach, logs, live stats (terminal
// and chart).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ExecSession } from './session/sessions';
import { StatsSession } from './session/stats';
import { StatsCharts } from './statsChart';
import { execSettings, openAttach, openExecShell, openLogs } from './open';
import { parseSince } from '../engine/streams';
import { introBanner } from './session/banner';
import { openSessionTerminal } from './pty';
import { joinCommandLine, splitCommandLine } from '../shared/commandLine';
import { containerTargets } from '../explorer/targets';

export function registerTerminals(ctx: Ctx): void {
  const lastCommands = (id: string) => ctx.extension.workspaceState.get<string>(`dockyard.exec.last.${id}`, '');
  const charts = ctx.own(new StatsCharts(ctx));
  ctx.registerEngineCommands({
    'dockyard.container.execShell': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container to open a shell in'), none: vscode.l10n.t('No running container to open a shell in.') }, ['running']);
      for (const c of targets) await openExecShell(ctx, engine, c);
    },

    'dockyard.container.execCommand': async (engine: Engine, ...args: unknown[]) => {
      const [c] = await containerTargets(engine, args, { title: vscode.l10n.t('Container to run a command in'), none: vscode.l10n.t('No running container to run a command in.') }, ['running'], false);
      if (!c) return;
      const line = await vscode.window.showInputBox({
        title: vscode.l10n.t('Run a command in {0}', c.name),
        prompt: vscode.l10n.t('Split into arguments like a shell would; no shell is involved (use sh -c \'…\' for pipes and variables).'),
        value: lastCommands(c.id),
        placeHolder: vscode.l10n.t('e.g. ls -la /app   or   sh -c \'ps aux | grep node\''),
        validateInput: (v) => {
          const r = splitCommandLine(v);
          if (!r.ok) return r.reason;
          return r.value.length ? undefined : vscode.l10n.t('Type a command.');
        },
      });
      if (line === undefined) return;
      const r = splitCommandLine(line);
      if (!r.ok || !r.value.length) return;
      await ctx.extension.workspaceState.update(`dockyard.exec.last.${c.id}`, line);
      const s = execSettings(ctx);
      const session = new ExecSession(engine, c.id, { cmd: r.value, user: s.user, workdir: s.workdir, tty: true });
      openSessionTerminal(ctx, `${c.name}: ${r.value[0]}`, session, { intro: introBanner([vscode.l10n.t('exec {0} in {1}', joinCommandLine(r.value), c.name)]) });
    },

    'dockyard.container.attach': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container to attach to'), none: vscode.l10n.t('No running container to attach to.') }, ['running']);
      for (const c of targets) openAttach(ctx, engine, c);
    },

    'dockyard.container.logs': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container whose logs to show'), none: vscode.l10n.t('No container whose logs to show.') });
      for (const c of targets) openLogs(ctx, engine, c);
    },

    'dockyard.container.logsWithOptions': async (engine: Engine, ...args: unknown[]) => {
      const [c] = await containerTargets(engine, args, { title: vscode.l10n.t('Container whose logs to show'), none: vscode.l10n.t('No container whose logs to show.') }, undefined, false);
      if (!c) return;
      const defTail = ctx.setting<number>('logs.tail', 1000);
      const tailText = await vscode.window.showInputBox({
        title: vscode.l10n.t('Logs of {0} (1/3): lines of history', c.name),
        prompt: vscode.l10n.t('How many lines before following ("all" for everything)'),
        value: String(defTail),
        validateInput: (v) => (/^(all|\d+)$/.test(v.trim()) ? undefined : vscode.l10n.t('Type a number of lines or "all".')),
      });
      if (tailText === undefined) return;
      const sinceText = await vscode.window.showInputBox({
        title: vscode.l10n.t('Logs of {0} (2/3): since', c.name),
        prompt: vscode.l10n.t('Only lines since a duration ago (10m, 2h, 1d), a date (2024-05-01T10:00:00) or unix seconds; empty for no limit'),
        validateInput: (v) => { if (!v.trim()) return undefined; const r = parseSince(v); return 'reason' in r ? r.reason : undefined; },
      });
      if (sinceText === undefined) return;
      const ts = await vscode.window.showQuickPick([
        { label: vscode.l10n.t('Without timestamps'), value: false },
        { label: vscode.l10n.t('With timestamps'), value: true },
      ], { title: vscode.l10n.t('Logs of {0} (3/3): timestamps', c.name) });
      if (!ts) return;
      const since = sinceText.trim() ? parseSince(sinceText) : undefined;
      openLogs(ctx, engine, c, {
        tail: tailText.trim() === 'all' ? 'all' : Number(tailText),
        timestamps: ts.value,
        since: since && 'since' in since ? since.since : undefined,
        sinceLabel: sinceText.trim() || undefined,
      });
    },

    'dockyard.container.stats': async (engine: Engine, ...args: unknown[]) => {
      for (const c of await containerTargets(engine, args, { title: vscode.l10n.t('Container whose stats to show'), none: vscode.l10n.t('No running container whose stats to show.') }, ['running'])) {
        openSessionTerminal(ctx, `stats: ${c.name}`, new StatsSession(engine, c.id, c.name), { icon: 'pulse' });
      }
    },

    // The same figures drawn as live line charts in a webview (the terminal stays: it is
    // plain text, works in any terminal layout and can be copied).
    'dockyard.container.statsChart': async (engine: Engine, ...args: unknown[]) => {
      for (const c of await containerTargets(engine, args, { title: vscode.l10n.t('Container whose stats to chart'), none: vscode.l10n.t('No running container whose stats to chart.') }, ['running'])) charts.show(engine, c.id, c.name);
    },
  });
  ctx.registerCommands({
    'dockyard.logs.toggleTimestamps': async () => {
      const now = ctx.setting('logs.timestamps', false);
      await ctx.config().update('logs.timestamps', !now, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(!now ? vscode.l10n.t('Dockyard logs show timestamps (for logs opened from now on).') : vscode.l10n.t('Dockyard logs hide timestamps (for logs opened from now on).'));
    },
  });
}
