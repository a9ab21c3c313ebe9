import type { Engine } from '../engine/engine';
import { groupImages, matchesFilter } from './format';
import { DockyardItem, ImageRepositoryItem, ImageTagItem } from './items';
import { ResourceTree } from './resourceTree';

export class ImagesTree extends ResourceTree {
  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    const groups = groupImages(await engine.listImages());
    const roots: DockyardItem[] = [];
    for (const g of groups) {
      const tags = g.tags.filter((t) => matchesFilter(filter, g.repository, t.tag, t.ref, t.image.id));
      if (tags.length) roots.push(new ImageRepositoryItem(g.repository, tags.map((t) => new ImageTagItem(t.ref, t.tag, t.image))));
    }
    return roots;
  }
}
