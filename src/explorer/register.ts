import * as vscode from 'vscode';
import { arrangeHandlers } from './arrangeCommands';
import type { Ctx } from '../ctx';
import { ContainersTree } from './containers';
import { ImagesTree } from './images';
import { EngineEventRouter } from './refresh';
import { ResourceKind, ResourceTree } from './resourceTree';
import { networkRows, UsageTree, volumeRows } from './usageTrees';

export interface Explorer {
  readonly trees: Record<ResourceKind, ResourceTree> & { readonly containers: ContainersTree };
}

/** Creates the four views and keeps them live from engine events. */
export function registerExplorer(ctx: Ctx): Explorer {
  const containers = ctx.own(new ContainersTree(ctx, 'containers'));
  const trees: Record<ResourceKind, ResourceTree> = {
    containers,
    images: ctx.own(new ImagesTree(ctx, 'images')),
    volumes: ctx.own(new UsageTree(ctx, 'volumes', (engine, key) => containers.list(engine, key), volumeRows)),
    networks: ctx.own(new UsageTree(ctx, 'networks', (engine, key) => containers.list(engine, key), networkRows)),
  };
  // Each engine shown is live from its own event stream: its events touch only its own cache and
  // its own root. Container events refresh incrementally (only the containers named); the rest reload.
  const router = new EngineEventRouter(() => ctx.setting('explorer.refreshDebounceMs', 50), (key, id) => containers.invalidate(id, key), (kind, key) => {
    if (kind === 'containers') containers.refreshContainers(key, false);
    else trees[kind].refreshEngine(key);
  });
  ctx.own(router);
  ctx.own(ctx.engines.onDidEvent(({ key, event }) => router.event(key, event)));
  ctx.own(ctx.engines.onDidRequestRefresh((key) => { for (const t of Object.values(trees)) t.refreshEngine(key); }));
  // A root shows its engine's state; connected/unreachable come with a refresh, connecting alone.
  ctx.own(ctx.engines.onDidChangeState((key) => {
    if (ctx.engines.multi && ctx.engines.get(key)?.state.kind === 'connecting') for (const t of Object.values(trees)) t.refreshEngine(key);
  }));
  // Engines pinned or unpinned (or the active one switched): the roots change.
  ctx.own(ctx.engines.onDidChange(() => {
    containers.keepCaches(ctx.engines.shown.map((s) => s.spec.key));
    for (const t of Object.values(trees)) t.refresh();
  }));
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dockyard.explorer')) trees.containers.refresh();
  }));

  const filter = (kind: ResourceKind, prompt: string) => async () => {
    const tree = trees[kind];
    const text = await vscode.window.showInputBox({ title: { containers: vscode.l10n.t('Filter containers'), images: vscode.l10n.t('Filter images'), volumes: vscode.l10n.t('Filter volumes'), networks: vscode.l10n.t('Filter networks') }[kind], prompt, value: tree.filter });
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
    'dockyard.containers.filter': filter('containers', vscode.l10n.t('Show containers whose name, image or compose project contains…')),
    'dockyard.containers.clearFilter': () => trees.containers.setFilter(''),
    'dockyard.images.refresh': () => trees.images.refresh(),
    'dockyard.images.filter': filter('images', vscode.l10n.t('Show images whose name contains…')),
    'dockyard.images.clearFilter': () => trees.images.setFilter(''),
    'dockyard.volumes.refresh': () => trees.volumes.refresh(),
    'dockyard.volumes.filter': filter('volumes', vscode.l10n.t('Show volumes whose name contains…')),
    'dockyard.volumes.clearFilter': () => trees.volumes.setFilter(''),
    'dockyard.networks.refresh': () => trees.networks.refresh(),
    'dockyard.networks.filter': filter('networks', vscode.l10n.t('Show networks whose name contains…')),
    'dockyard.networks.clearFilter': () => trees.networks.setFilter(''),
  });
  return { trees: { ...trees, containers } };
}
