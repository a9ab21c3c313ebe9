import * as vscode from 'vscode';
import { arrangeHandlers } from './arrangeCommands';
import type { Ctx } from '../ctx';
import { ContainersTree } from './containers';
import { ImagesTree } from './images';
import { NetworksTree } from './networks';
import { Debouncer, viewsAffectedBy } from './refresh';
import { ResourceKind, ResourceTree } from './resourceTree';
import { VolumesTree } from './volumes';

export interface Explorer {
  readonly trees: Record<ResourceKind, ResourceTree>;
}

/** Creates the four views and keeps them live from engine events. */
export function registerExplorer(ctx: Ctx): Explorer {
  const containers = ctx.own(new ContainersTree(ctx, 'containers'));
  const trees: Record<ResourceKind, ResourceTree> = {
    containers,
    images: ctx.own(new ImagesTree(ctx, 'images')),
    volumes: ctx.own(new VolumesTree(ctx, 'volumes', (engine) => containers.list(engine))),
    networks: ctx.own(new NetworksTree(ctx, 'networks', (engine) => containers.list(engine))),
  };
  // Container events refresh incrementally (only the containers named); the rest reload.
  const debounce = new Debouncer<ResourceKind>(() => ctx.setting('explorer.refreshDebounceMs', 50), (kind) => (kind === 'containers' ? containers.refresh(false) : trees[kind].refresh()));
  ctx.own({ dispose: () => debounce.dispose() });
  ctx.own(ctx.connection.onDidEvent((ev) => {
    const kinds = viewsAffectedBy(ev);
    if (ev.type === 'container' && kinds.includes('containers')) containers.invalidate(ev.id);
    for (const kind of kinds) debounce.trigger(kind);
  }));
  ctx.own(ctx.connection.onDidRequestRefresh(() => { for (const t of Object.values(trees)) t.refresh(); }));
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dockyard.explorer')) trees.containers.refresh();
  }));

  const filter = (kind: ResourceKind, prompt: string) => async () => {
    const tree = trees[kind];
    const text = await vscode.window.showInputBox({ title: `Filter ${kind}`, prompt, value: tree.filter });
    if (text !== undefined) tree.setFilter(text);
  };
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dockyard.explorer.images')) trees.images.refresh();
  }));
  const arrange = arrangeHandlers(ctx);
  ctx.registerCommands({
    'dockyard.containers.sortBy': arrange.sortContainers,
    'dockyard.containers.groupBy': arrange.groupContainers,
    'dockyard.images.sortBy': arrange.sortImages,
    'dockyard.containers.refresh': () => trees.containers.refresh(),
    'dockyard.containers.filter': filter('containers', 'Show containers whose name, image or compose project contains…'),
    'dockyard.containers.clearFilter': () => trees.containers.setFilter(''),
    'dockyard.images.refresh': () => trees.images.refresh(),
    'dockyard.images.filter': filter('images', 'Show images whose name contains…'),
    'dockyard.images.clearFilter': () => trees.images.setFilter(''),
    'dockyard.volumes.refresh': () => trees.volumes.refresh(),
    'dockyard.volumes.filter': filter('volumes', 'Show volumes whose name contains…'),
    'dockyard.volumes.clearFilter': () => trees.volumes.setFilter(''),
    'dockyard.networks.refresh': () => trees.networks.refresh(),
    'dockyard.networks.filter': filter('networks', 'Show networks whose name contains…'),
    'dockyard.networks.clearFilter': () => trees.networks.setFilter(''),
  });
  return { trees };
}
