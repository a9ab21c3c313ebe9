// Files inside containers: the dockyard-container file system, the "Files" node under each
// container row, and the commands on its folders and files.
import * as posix from 'node:path/posix';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ContainerItem, VolumeItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { isHelperContainer } from '../engine/helperLabels';
import { removeStaleHelpers } from '../engine/volumeHelper';
import { containerFileCommands } from './commands';
import { CONTAINER_FILE_SCHEME, ContainerFileSystemProvider, VOLUME_FILE_SCHEME } from './provider';
import { containerOwner, ContainerFilesRootItem, FileListings, isContainerFileNode, volumeOwner } from './tree';
import { VolumeHelpers } from './volumeHelpers';

/** Container events after which its files may differ (state changes, `docker cp` into it). */
const FILE_EVENTS = new Set(['start', 'die', 'stop', 'kill', 'restart', 'destroy', 'pause', 'unpause', 'create', 'extract-to-dir']);

export function registerContainerFiles(ctx: Ctx, explorer: Explorer): void {
  const volumes = new VolumeHelpers((line) => ctx.log.warn(line));
  ctx.own({ dispose: () => void volumes.dispose() });
  // Each item's URI names its engine (pinned engines' containers and volumes read from them).
  const provider = ctx.own(new ContainerFileSystemProvider((key) => ctx.engines.engineOf(key), volumes));
  ctx.own(vscode.workspace.registerFileSystemProvider(CONTAINER_FILE_SCHEME, provider, { isCaseSensitive: true }));
  ctx.own(vscode.workspace.registerFileSystemProvider(VOLUME_FILE_SCHEME, provider, { isCaseSensitive: true, isReadonly: true }));
  const listings = new FileListings(provider);
  const tree = explorer.trees.containers;
  tree.addChildren((item) => (item instanceof ContainerItem && !isHelperContainer(item.container.labels) ? [new ContainerFilesRootItem(containerOwner(item.container, item.id, item.engineKey), listings)] : undefined));
  const volumeTree = explorer.trees.volumes;
  volumeTree.addChildren((item) => (item instanceof VolumeItem ? [new ContainerFilesRootItem(volumeOwner(item.volume.name, item.engineKey), listings)] : undefined));
  // Helpers left by a window that closed without cleaning up.
  ctx.own(ctx.engines.onDidChangeState((key) => {
    const shown = ctx.engines.get(key);
    if (shown?.state.kind === 'connected') void (async () => removeStaleHelpers(shown.engine))().catch(() => undefined);
  }));

  ctx.own(ctx.engines.onDidEvent(({ event: ev }) => {
    if (ev.type !== 'container' || !FILE_EVENTS.has(ev.action)) return;
    provider.invalidate(ev.id);
    listings.forgetContainer(CONTAINER_FILE_SCHEME, ev.id);
  }));
  ctx.own(ctx.engines.onDidRequestRefresh(() => listings.forget()));
  // A save or a change made here: the folder's listing (sizes, times) is read again next time.
  ctx.own(provider.onDidChangeFile((events) => {
    for (const e of events) listings.forget(e.uri.with({ path: posix.dirname(e.uri.path) }));
  }));

  const files = containerFileCommands(ctx, provider, listings, tree, volumeTree);
  tree.addDropHandler(async (target, uris) => {
    if (!target || !isContainerFileNode(target) || target.owner.context !== 'containerFile') return false;
    const paths = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    if (!paths.length) return false;
    await files.upload(target, paths);
    return true;
  });

  ctx.registerCommands({
    'dockyard.containerFiles.refresh': files.refresh,
    'dockyard.containerFiles.newFile': files.newFile,
    'dockyard.containerFiles.newFolder': files.newFolder,
    'dockyard.containerFiles.delete': files.delete,
    'dockyard.containerFiles.rename': files.rename,
    'dockyard.containerFiles.download': files.download,
    'dockyard.containerFiles.upload': files.uploadPicked,
    'dockyard.containerFiles.copyPath': files.copyPath,
    'dockyard.containerFiles.addToWorkspace': files.addToWorkspace,
  });
  ctx.registerEngineCommands({
    'dockyard.containerFiles.openPath': files.openPath,
  });
}
