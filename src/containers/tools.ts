// top (a table document), stats (a live terminal or a chart), copy files to/from a container.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { copyFromContainer, copyToContainer, top } from '../engine/containerTools';
import { StatsSession } from '../terminals/session/stats';
import { openSessionTerminal } from '../terminals/pty';
import { StatsCharts } from '../terminals/statsChart';
import { ReadOnlyDocuments } from '../ui/documents';
import { containerTargets } from './register';
import { textTable } from '../shared/format';

const absolute = (v: string) => (v.trim().startsWith('/') ? undefined : 'Give an absolute path in the container (starting with "/").');

export function containerToolCommands(ctx: Ctx, docs: ReadOnlyDocuments): Record<string, (...args: unknown[]) => unknown> {
  const e = () => ctx.engine.engine;
  const charts = ctx.own(new StatsCharts(ctx));
  return {
    'dockyard.container.top': async (...args: unknown[]) => {
      for (const c of await containerTargets(ctx, args, 'list the processes of', ['running', 'paused'])) {
        await docs.open(`containers/${c.name}.top.txt`, async () => {
          const t = await top(e(), c.id);
          return `Processes in ${c.name} (${new Date().toLocaleTimeString()}; run the command again to refresh)\n\n${textTable(t.titles, t.processes)}`;
        });
      }
    },

    'dockyard.container.stats': async (...args: unknown[]) => {
      for (const c of await containerTargets(ctx, args, 'show the stats of', ['running'])) {
        openSessionTerminal(ctx, `stats: ${c.name}`, new StatsSession(e(), c.id, c.name), { icon: 'pulse' });
      }
    },

    // The same figures drawn as live line charts in a webview (the terminal stays: it is
    // plain text, works in any terminal layout and can be copied).
    'dockyard.container.statsChart': async (...args: unknown[]) => {
      for (const c of await containerTargets(ctx, args, 'chart the stats of', ['running'])) charts.show(e(), c.id, c.name);
    },

    'dockyard.container.copyFrom': async (...args: unknown[]) => {
      const [c] = await containerTargets(ctx, args, 'copy from', undefined, false);
      if (!c) return;
      const src = await vscode.window.showInputBox({ title: `Copy from ${c.name} (1/2)`, prompt: 'File or folder in the container', value: '/', ignoreFocusOut: true, validateInput: absolute });
      if (!src) return;
      const dest = await vscode.window.showOpenDialog({
        title: `Copy ${src} from ${c.name} into…`, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Copy Here',
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
      });
      if (!dest?.[0]) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying ${c.name}:${src}…` }, () => copyFromContainer(e(), c.id, src.trim(), dest[0].fsPath));
      void vscode.window.showInformationMessage(`Copied ${c.name}:${src.trim()} to ${dest[0].fsPath}.`);
    },

    'dockyard.container.copyTo': async (...args: unknown[]) => {
      const [c] = await containerTargets(ctx, args, 'copy into', undefined, false);
      if (!c) return;
      const files = await vscode.window.showOpenDialog({
        title: `Copy into ${c.name}`, canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Choose',
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      if (!files?.length) return;
      const dir = await vscode.window.showInputBox({ title: `Copy into ${c.name}`, prompt: 'Folder in the container (it must exist)', value: '/tmp', ignoreFocusOut: true, validateInput: absolute });
      if (!dir) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying into ${c.name}:${dir}…` }, () => copyToContainer(e(), c.id, files.map((f) => f.fsPath), dir.trim()));
      void vscode.window.showInformationMessage(`Copied ${files.length === 1 ? files[0].fsPath : `${files.length} items`} to ${c.name}:${dir.trim()}.`);
    },
  };
}
