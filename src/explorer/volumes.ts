import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';
import { matchesFilter } from './format';
import { DockyardItem, VolumeItem } from './items';
import { ResourceKind, ResourceTree } from './resourceTree';

/** Usage by containers comes from the Containers view's list (one read of the engine, patched by events). */
export class VolumesTree extends ResourceTree {
  constructor(ctx: Ctx, kind: ResourceKind, private readonly containers: (engine: Engine, key: string) => Promise<ContainerSummary[]>) {
    super(ctx, kind);
  }

  protected async load(engine: Engine, filter: string, key: string): Promise<DockyardItem[]> {
    return (await engine.listVolumes(await this.containers(engine, key)))
      .filter((v) => matchesFilter(filter, v.name, v.driver, ...v.usedBy))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((v) => new VolumeItem(v));
  }
}
