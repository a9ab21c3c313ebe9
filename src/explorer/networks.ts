import type { Engine } from '../engine/engine';
import { matchesFilter } from './format';
import { DockyardItem, NetworkItem } from './items';
import { ResourceTree } from './resourceTree';

export class NetworksTree extends ResourceTree {
  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    return (await engine.listNetworks())
      .filter((n) => matchesFilter(filter, n.name, n.driver, ...n.containers))
      .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name))
      .map((n) => new NetworkItem(n));
  }
}
