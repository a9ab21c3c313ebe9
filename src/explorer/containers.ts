import type { Engine } from '../engine/engine';
import { matchesFilter } from './format';
import { ComposeProjectItem, ContainerItem, DockyardItem } from './items';
import { ResourceTree } from './resourceTree';

export class ContainersTree extends ResourceTree {
  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    const containers = (await engine.listContainers())
      .filter((c) => matchesFilter(filter, c.name, c.image, c.composeProject, c.composeService))
      .sort((a, b) => b.created - a.created);
    if (!this.ctx.setting('explorer.groupContainersByComposeProject', true)) return containers.map((c) => new ContainerItem(c));
    const projects = new Map<string, ContainerItem[]>();
    const roots: DockyardItem[] = [];
    for (const c of containers) {
      const item = new ContainerItem(c);
      if (!c.composeProject) { roots.push(item); continue; }
      let group = projects.get(c.composeProject);
      if (!group) { group = []; projects.set(c.composeProject, group); }
      group.push(item);
    }
    const groups = [...projects.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([project, items]) => new ComposeProjectItem(project, items));
    return [...groups, ...roots];
  }
}
