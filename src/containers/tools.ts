// top (a table document) and copying files to/from a container.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { copyFromContainer, copyToContainer, top } from '../engine/containerTools';
import { ReadOnlyDocuments } from '../ui/documents';
import { containerTargets } from '../explorer/targets';
import { textTable } from '../shared/format';

const absolute = (v: string) => (v.trim().startsWith('/') ? undefined : 'Give an absolute path in the container (starting with "/").');

export function containerToolHandlers(ctx: Ctx, docs: ReadOnlyDocuments) {
  const e = () => ctx.connection.engine;
  return {
    top: async (...args: unknown[]) => {
      for (const c of await containerTargets(ctx, args, 'list the processes of', ['running', 'paused'])) {
        await docs.open(`containers/${c.name}.top.txt`, async () => {
          const t = await top(e(), c.id);
          return `Processes in ${c.name} (${new Date().toLocaleTimeString()}; run the command again to refresh)\n\n${textTable(t.titles, t.processes)}`;
        });
      }
    },

    copyFrom: async (...args: unknown[]) => {
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

    copyTo: async (...args: unknown[]) => {
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
