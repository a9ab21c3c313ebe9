// The Volumes and Networks views: one engine list each, every row naming the containers that use
// it. Usage comes from the Containers view's list (one read of the engine, patched by events).
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';
import { matchesFilter } from './format';
import { DockyardItem, NetworkItem, VolumeItem } from './items';
import { ResourceKind, ResourceTree } from './resourceTree';

/** Builds a view's rows from the engine, the containers it has, and the filter text. */
export type UsageRows = (engine: Engine, containers: ContainerSummary[], filter: string) => Promise<DockyardItem[]>;

export class UsageTree extends ResourceTree {
  constructor(ctx: Ctx, kind: ResourceKind, private readonly containers: (engine: Engine, key: string) => Promise<ContainerSummary[]>, private readonly rows: UsageRows) {
    super(ctx, kind);
  }

  protected async load(engine: Engine, filter: string, key: string): Promise<DockyardItem[]> {
    return this.rows(engine, await this.containers(engine, key), filter);
  }
}

/** Volumes by name. */
export const volumeRows: UsageRows = async (engine, containers, filter) => (await engine.listVolumes(containers))
  .filter((v) => matchesFilter(filter, v.name, v.driver, ...v.usedBy))
  .sort((a, b) => a.name.localeCompare(b.name))
  .map((v) => new VolumeItem(v));

/** Networks by name, the built-in ones last. */
export const networkRows: UsageRows = async (engine, containers, filter) => (await engine.listNetworks(containers))
  .filter((n) => matchesFilter(filter, n.name, n.driver, ...n.containers))
  .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name))
  .map((n) => new NetworkItem(n));
