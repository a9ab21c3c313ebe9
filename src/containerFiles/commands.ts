// The commands on a container's (or volume's) files and folders in the tree: new file or folder,
// delete, rename, download, upload (and files dropped on a folder), copy the path, add to the
// workspace, open a file by path. They act through the container file system (provider.ts).
import * as os from 'node:os';
import * as posix from 'node:path/posix';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { copyFromContainer } from '../engine/archive';
import { copyToContainer } from '../engine/containerTools';
import { describeError } from '../engine/errors';
import { formatBytes } from '../shared/format';
import { normalizeContainerPath, validateEntryName } from '../engine/fileListing';
import type { DockyardItem } from '../explorer/items';
import { pickContainer } from '../explorer/pickContainer';
import type { ResourceTree } from '../explorer/resourceTree';
import { CONTAINER_FILE_SCHEME, containerFileUri, ContainerFileSystemProvider } from './provider';
import { ContainerFileNode, FileListings, isContainerFileNode } from './tree';

/** The clicked tree node, when a command came from the tree. */
function node(args: unknown[]): (ContainerFileNode & DockyardItem) | undefined {
  return isContainerFileNode(args[0]) ? args[0] : undefined;
}

export function containerFileCommands(ctx: Ctx, provider: ContainerFileSystemProvider, listings: FileListings, tree: ResourceTree, volumeTree: ResourceTree) {
  const refreshItem = (item: DockyardItem | undefined) => {
    const view = item && isContainerFileNode(item) && item.owner.context === 'volFile' ? volumeTree : tree;
    if (item && isContainerFileNode(item)) {
      if (item.uri.scheme === CONTAINER_FILE_SCHEME) provider.invalidate(item.uri.authority); // an explicit refresh reads again
      listings.forget(item.uri);
      view.refreshItem(item);
    } else view.refresh();
  };
  const sibling = (n: ContainerFileNode, p: string) => n.owner.uri(p);
  /** The folder an action on `n` works in (for a file: its folder), and that folder's path in the container. */
  const folderOf = (n: ContainerFileNode & DockyardItem) => {
    const folder = n.isFolder ? n : n.parent;
    return { folder, dir: folder && isContainerFileNode(folder) ? folder.containerPath : posix.dirname(n.containerPath) };
  };
  const askFirst = () => ctx.setting('confirmDestructiveActions', true);

  // Files dropped on a container's folder (or on a file: its folder) are uploaded there.
  const upload = async (n: ContainerFileNode & DockyardItem, hostPaths: string[]) => {
    const { folder, dir } = folderOf(n);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading into {0}:{1}', n.owner.name, dir) },
      () => provider.withTarget(n.owner.uri(dir), async (id, p) => { await copyToContainer(ctx.connection.engine, id, hostPaths, p); provider.invalidate(id); }));
    refreshItem(folder);
  };
  /** New File / New Folder: a name for the entry in the clicked folder (a file: its folder), created, the folder refreshed. */
  const newEntry = (title: (owner: string, dir: string) => string, prompt: string, create: (uri: vscode.Uri) => Promise<void> | void, then?: (uri: vscode.Uri) => Promise<void>) => async (...args: unknown[]) => {
    const n = node(args);
    if (!n) return;
    const { folder, dir } = folderOf(n);
    const name = await vscode.window.showInputBox({ title: title(n.owner.name, dir), prompt, validateInput: validateEntryName });
    if (!name) return;
    const uri = sibling(n, posix.join(dir, name));
    await create(uri);
    refreshItem(folder);
    await then?.(uri);
  };
  return {
    upload,
    refresh: (...args: unknown[]) => refreshItem(node(args)),
    newFile: newEntry((owner, dir) => vscode.l10n.t('New File in {0}:{1}', owner, dir), vscode.l10n.t('File name'),
      (uri) => provider.writeFile(uri, new Uint8Array(), { create: true, overwrite: false }),
      async (uri) => { await vscode.commands.executeCommand('vscode.open', uri); }),
    newFolder: newEntry((owner, dir) => vscode.l10n.t('New Folder in {0}:{1}', owner, dir), vscode.l10n.t('Folder name'), (uri) => provider.createDirectory(uri)),
    delete: async (...args: unknown[]) => {
      const n = node(args);
      if (!n || n.containerPath === '/') return;
      if (askFirst()) {
        const yes = vscode.l10n.t('Delete');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Delete {0} from container {1}?', n.containerPath, n.owner.name),
          { modal: true, detail: n.isFolder ? vscode.l10n.t('The folder and everything in it are deleted. This cannot be undone.') : vscode.l10n.t('This cannot be undone.') },
          yes,
        );
        if (answer !== yes) return;
      }
      await provider.delete(n.uri, { recursive: true });
      refreshItem(n.parent);
    },
    rename: async (...args: unknown[]) => {
      const n = node(args);
      if (!n || n.containerPath === '/') return;
      const old = posix.basename(n.containerPath);
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename {0}', n.containerPath), value: old, valueSelection: [0, old.lastIndexOf('.') > 0 ? old.lastIndexOf('.') : old.length],
        validateInput: (v) => (v === old ? vscode.l10n.t('Type a new name.') : validateEntryName(v)),
      });
      if (!name) return;
      await provider.rename(n.uri, sibling(n, posix.join(posix.dirname(n.containerPath), name)), { overwrite: false });
      refreshItem(n.parent);
    },
    download: async (...args: unknown[]) => {
      const n = node(args);
      if (!n) return;
      const dest = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Download {0}:{1} into…', n.owner.name, n.containerPath), canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
        openLabel: vscode.l10n.t('Download Here'), defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
      });
      if (!dest?.[0]) return;
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}:{1}', n.owner.name, n.containerPath), cancellable: false }, async (progress) => {
        let last = 0;
        return provider.withTarget(n.uri, (id, p) => copyFromContainer(ctx.connection.engine, id, p, dest[0].fsPath, (bytes) => {
          if (bytes - last > 1 << 20) { progress.report({ message: formatBytes(bytes) }); last = bytes; }
        }));
      });
      const skipped = result.skipped.length ? vscode.l10n.t(' {0} entries skipped (see Output → Dockyard).', result.skipped.length) : '';
      for (const s of result.skipped) ctx.log.warn(`Download ${n.owner.name}:${n.containerPath}: skipped ${s.name}: ${s.reason}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Downloaded {0}:{1} to {2} ({3} files, {4} folders, {5} symlinks).', n.owner.name, n.containerPath, dest[0].fsPath, result.files, result.folders, result.symlinks) + skipped);
    },
    uploadPicked: async (...args: unknown[]) => {
      const n = node(args);
      if (!n) return;
      const { dir } = folderOf(n);
      const files = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Upload into {0}:{1}', n.owner.name, dir), canSelectFiles: true, canSelectFolders: true, canSelectMany: true,
        openLabel: vscode.l10n.t('Upload'), defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      if (files?.length) await upload(n, files.map((f) => f.fsPath));
    },
    copyPath: async (...args: unknown[]) => {
      const n = node(args);
      if (n) await vscode.env.clipboard.writeText(n.containerPath);
    },
    addToWorkspace: (...args: unknown[]) => {
      const n = node(args);
      if (!n || !n.isFolder) return;
      const count = vscode.workspace.workspaceFolders?.length ?? 0;
      vscode.workspace.updateWorkspaceFolders(count, 0, { uri: n.uri, name: `${n.owner.name}:${n.containerPath}` });
    },
    openPath: async (...args: unknown[]) => {
      const c = await pickContainer(ctx.connection.engine, args, vscode.l10n.t('Open File in Container'));
      if (!c) return;
      const p = await vscode.window.showInputBox({
        title: vscode.l10n.t('Open File in {0}', c.name), prompt: vscode.l10n.t('Absolute path of a file in the container'), value: '/etc/hostname', ignoreFocusOut: true,
        validateInput: (v) => (v.trim().startsWith('/') ? undefined : vscode.l10n.t('Give an absolute path in the container (starting with "/").')),
      });
      if (!p) return;
      const uri = containerFileUri(c.id, normalizeContainerPath(p.trim()));
      try {
        const st = await provider.stat(uri);
        if (st.type & vscode.FileType.Directory) throw new Error(vscode.l10n.t('{0} is a folder: browse it under the container\'s Files in the Containers view.', p.trim()));
      } catch (e) {
        throw new Error(describeError(e));
      }
      await vscode.commands.executeCommand('vscode.open', uri);
    },
  };
}
