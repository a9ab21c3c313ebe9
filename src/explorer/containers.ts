import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';
import { isHelperContainer } from '../engine/helperLabels';
import { ContainerCache } from './containerCache';
import { ContainerGroupKey, CONTAINER_GROUP_KEYS, CONTAINER_SORT_KEYS, DEFAULT_CONTAINER_DESCRIPTION, groupContainers, oneOf, renderContainerDescription } from './arrange';
import { matchesFilter } from './format';
import { ContainerGroupItem } from './groupItem';
import { ComposeProjectItem, ContainerItem, DockyardItem } from './items';
import { ResourceTree } from './resourceTree';

/** Containers, grouped by compose project; events patch the list (see ContainerCache). */
export class ContainersTree extends ResourceTree {
  private readonly cache = new ContainerCache();

  /** Marks a container changed by an event; the next load re-reads only it. */
  invalidate(id: string): void {
    this.cache.invalidate(id);
  }

  /** full: re-list everything (user refresh, reconnect); else apply invalidated ids only. */
  override refresh(full = true): void {
    if (full) this.cache.reset();
    super.refresh();
  }

  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    return this.build(await this.cache.read(engine), filter);
  }

  /** The current container list (shared with the views that show container usage). */
  list(engine: Engine): Promise<ContainerSummary[]> {
    return this.cache.read(engine);
  }

  private build(all: ContainerSummary[], filter: string): DockyardItem[] {
    const containers = all
      .filter((c) => !isHelperContainer(c.labels)) // Dockyard's own short-lived helper containers
      .filter((c) => matchesFilter(filter, c.name, c.image, c.composeProject, c.composeService));
    const sort = oneOf(this.ctx.setting('explorer.containers.sortBy', 'created'), CONTAINER_SORT_KEYS, 'created');
    const by = containerGroupBy(this.ctx.config());
    const template = this.ctx.setting('explorer.containers.description', DEFAULT_CONTAINER_DESCRIPTION);
    const item = (c: ContainerSummary, underProject = false) => {
      const i = new ContainerItem(c, underProject);
      if (template !== DEFAULT_CONTAINER_DESCRIPTION) i.description = renderContainerDescription(template, c);
      return i;
    };
    const { groups, ungrouped } = groupContainers(containers, by, sort);
    const roots: DockyardItem[] = groups.map((g) => {
      if (by === 'composeProject') {
        const items = g.containers.map((c) => item(c, true));
        // By service name within a project unless another order was chosen.
        if (sort === 'created') items.sort((a, b) => String(a.label).localeCompare(String(b.label)));
        return new ComposeProjectItem(g.name, items);
      }
      return new ContainerGroupItem(by as 'image' | 'network' | 'state', g.name, g.containers.map((c) => item(c)));
    });
    return [...roots, ...ungrouped.map((c) => item(c))];
  }
}

/**
 * dockyard.explorer.containers.groupBy when set anywhere; otherwise the older
 * dockyard.explorer.groupContainersByComposeProject decides (compose project or none).
 */
export function containerGroupBy(config: vscode.WorkspaceConfiguration): ContainerGroupKey {
  const i = config.inspect<string>('explorer.containers.groupBy');
  const legacy: ContainerGroupKey = config.get<boolean>('explorer.groupContainersByComposeProject', true) ? 'composeProject' : 'none';
  return oneOf(i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue, CONTAINER_GROUP_KEYS, legacy);
}
