import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';
import { matchesFilter } from './format';
import { DockyardItem, NetworkItem } from './items';
import { ResourceKind, ResourceTree } from './resourceTree';

/** Usage by containers comes from the Containers view's list (one read of the engine, patched by events). */
export class NetworksTree extends ResourceTree {
  constructor(ctx: Ctx, kind: ResourceKind, private readonly containers: (engine: Engine, key: string) => Promise<ContainerSummary[]>) {
    super(ctx, kind);
  }

  protected async load(engine: Engine, filter: string, key: string): Promise<DockyardItem[]> {
    return (await engine.listNetworks(await this.containers(engine, key)))
      .filter((n) => matchesFilter(filter, n.name, n.driver, ...n.containers))
      .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name))
      .map((n) => new NetworkItem(n));
  }
}
