// top (a table document) and copying files to/from a container.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { copyFromContainer, copyToContainer, top } from '../engine/containerTools';
import { ReadOnlyDocuments } from '../ui/documents';
import { containerTargets } from '../explorer/targets';
import { textTable } from '../shared/format';

const absolute = (v: string) => (v.trim().startsWith('/') ? undefined : vscode.l10n.t('Give an absolute path in the container (starting with "/").'));

export function containerToolHandlers(docs: ReadOnlyDocuments) {
  return {
    top: async (engine: Engine, ...args: unknown[]) => {
      for (const c of await containerTargets(engine, args, { title: vscode.l10n.t('Container whose processes to list'), none: vscode.l10n.t('No container whose processes to list.') }, ['running', 'paused'])) {
        await docs.open(`containers/${c.name}.top.txt`, async () => {
          const t = await top(engine, c.id);
          return `${vscode.l10n.t('Processes in {0} ({1}; run the command again to refresh)', c.name, new Date().toLocaleTimeString())}\n\n${textTable(t.titles, t.processes)}`;
        });
      }
    },

    copyFrom: async (engine: Engine, ...args: unknown[]) => {
      const [c] = await containerTargets(engine, args, { title: vscode.l10n.t('Container to copy from'), none: vscode.l10n.t('No container to copy from.') }, undefined, false);
      if (!c) return;
      const src = await vscode.window.showInputBox({ title: vscode.l10n.t('Copy from {0} (1/2)', c.name), prompt: vscode.l10n.t('File or folder in the container'), value: '/', ignoreFocusOut: true, validateInput: absolute });
      if (!src) return;
      const dest = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Copy {0} from {1} into…', src, c.name), canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Copy Here'),
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
      });
      if (!dest?.[0]) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Copying {0}:{1}…', c.name, src) }, () => copyFromContainer(engine, c.id, src.trim(), dest[0].fsPath));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0}:{1} to {2}.', c.name, src.trim(), dest[0].fsPath));
    },

    copyTo: async (engine: Engine, ...args: unknown[]) => {
      const [c] = await containerTargets(engine, args, { title: vscode.l10n.t('Container to copy into'), none: vscode.l10n.t('No container to copy into.') }, undefined, false);
      if (!c) return;
      const files = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Copy into {0}', c.name), canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: vscode.l10n.t('Choose'),
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      if (!files?.length) return;
      const dir = await vscode.window.showInputBox({ title: vscode.l10n.t('Copy into {0}', c.name), prompt: vscode.l10n.t('Folder in the container (it must exist)'), value: '/tmp', ignoreFocusOut: true, validateInput: absolute });
      if (!dir) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Copying into {0}:{1}…', c.name, dir) }, () => copyToContainer(engine, c.id, files.map((f) => f.fsPath), dir.trim()));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} to {1}:{2}.', files.length === 1 ? files[0].fsPath : `${files.length} items`, c.name, dir.trim()));
    },
  };
}
