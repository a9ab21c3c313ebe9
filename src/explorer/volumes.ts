import type { Engine } from '../engine/engine';
import { matchesFilter } from './format';
import { DockyardItem, VolumeItem } from './items';
import { ResourceTree } from './resourceTree';

export class VolumesTree extends ResourceTree {
  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    return (await engine.listVolumes())
      .filter((v) => matchesFilter(filter, v.name, v.driver, ...v.usedBy))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((v) => new VolumeItem(v));
  }
}
