import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';
import { isVolumeHelper } from '../engine/volumeHelper';
import { ContainerCache } from './containerCache';
import { matchesFilter } from './format';
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
      .filter((c) => !isVolumeHelper(c.labels)) // a volume browser's helper container, never started
      .filter((c) => matchesFilter(filter, c.name, c.image, c.composeProject, c.composeService))
      .sort((a, b) => b.created - a.created);
    if (!this.ctx.setting('explorer.groupContainersByComposeProject', true)) return containers.map((c) => new ContainerItem(c));
    const projects = new Map<string, ContainerItem[]>();
    const roots: DockyardItem[] = [];
    for (const c of containers) {
      const item = new ContainerItem(c, !!c.composeProject);
      if (!c.composeProject) { roots.push(item); continue; }
      let group = projects.get(c.composeProject);
      if (!group) { group = []; projects.set(c.composeProject, group); }
      group.push(item);
    }
    const groups = [...projects.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([project, items]) => new ComposeProjectItem(project, items.sort((a, b) => String(a.label).localeCompare(String(b.label)))));
    return [...groups, ...roots];
  }
}
