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
  /** One cache per engine shown (EngineSet key): each patched from its own engine's events. */
  private readonly caches = new Map<string, ContainerCache>();
  /** Features that add to compose project rows (profile groups, watch state), in order. */
  private readonly projectDecorators: ((item: ComposeProjectItem, engineKey: string) => void)[] = [];

  /** Runs on every compose project row built (engine `engineKey`); it may regroup its children. */
  decorateProjects(decorator: (item: ComposeProjectItem, engineKey: string) => void): void {
    this.projectDecorators.push(decorator);
    this.refresh(false);
  }

  private cache(key: string): ContainerCache {
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, cache = new ContainerCache());
    return cache;
  }

  /** Marks a container of engine `key` changed by an event; the next load re-reads only it. */
  invalidate(id: string, key = this.ctx.engines.activeKey): void {
    this.cache(key).invalidate(id);
  }

  /** full: re-list everything (user refresh, reconnect); else apply invalidated ids only. */
  override refresh(full = true): void {
    if (full) for (const c of this.caches.values()) c.reset();
    super.refresh();
  }

  /** One engine's containers changed: full (reconnect) re-lists them, else only the invalidated ids. */
  refreshContainers(key: string, full: boolean): void {
    if (full) this.cache(key).reset();
    super.refreshEngine(key);
  }

  override refreshEngine(key: string): void {
    this.refreshContainers(key, true);
  }

  /** Engines no longer shown: their caches go. */
  keepCaches(keys: readonly string[]): void {
    for (const key of [...this.caches.keys()]) if (!keys.includes(key)) this.caches.delete(key);
  }

  protected async load(engine: Engine, filter: string, key: string): Promise<DockyardItem[]> {
    return this.build(await this.cache(key).read(engine), filter, key);
  }

  /** The current container list of engine `key` (shared with the views that show container usage). */
  list(engine: Engine, key: string): Promise<ContainerSummary[]> {
    return this.cache(key).read(engine);
  }

  private build(all: ContainerSummary[], filter: string, key: string): DockyardItem[] {
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
        const project = new ComposeProjectItem(g.name, items);
        for (const d of this.projectDecorators) {
          try { d(project, key); } catch (e) { this.ctx.log.warn(`Compose project ${g.name}: ${String(e)}`); }
        }
        return project;
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
