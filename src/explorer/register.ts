import * as vscode from 'vscode';
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
  ctx.own(ctx.engine.onDidEvent((ev) => {
    const kinds = viewsAffectedBy(ev);
    if (ev.type === 'container' && kinds.includes('containers')) containers.invalidate(ev.id);
    for (const kind of kinds) debounce.trigger(kind);
  }));
  ctx.own(ctx.engine.onDidRequestRefresh(() => { for (const t of Object.values(trees)) t.refresh(); }));
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dockyard.explorer')) trees.containers.refresh();
  }));

  const table: Record<string, () => unknown> = {};
  for (const [kind, tree] of Object.entries(trees)) {
    table[`dockyard.${kind}.refresh`] = () => tree.refresh();
    table[`dockyard.${kind}.clearFilter`] = () => tree.setFilter('');
    table[`dockyard.${kind}.filter`] = async () => {
      const text = await vscode.window.showInputBox({
        title: `Filter ${kind}`,
        prompt: kind === 'containers' ? 'Show containers whose name, image or compose project contains…' : `Show ${kind} whose name contains…`,
        value: tree.filter,
      });
      if (text !== undefined) tree.setFilter(text);
    };
  }
  ctx.registerCommands(table);
  ctx.explorer = { trees };
  return ctx.explorer;
}
