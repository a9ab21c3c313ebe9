import type { Engine } from '../engine/engine';
import { IMAGE_SORT_KEYS, oneOf, sortImageGroups } from './arrange';
import { groupImages, matchesFilter } from './format';
import { DockyardItem, ImageRepositoryItem, ImageTagItem } from './items';
import { ResourceTree } from './resourceTree';

export class ImagesTree extends ResourceTree {
  protected async load(engine: Engine, filter: string): Promise<DockyardItem[]> {
    const groups = sortImageGroups(groupImages(await engine.listImages()), oneOf(this.ctx.setting('explorer.images.sortBy', 'name'), IMAGE_SORT_KEYS, 'name'));
    const roots: DockyardItem[] = [];
    for (const g of groups) {
      const tags = g.tags.filter((t) => matchesFilter(filter, g.repository, t.tag, t.ref, t.image.id));
      if (tags.length) roots.push(new ImageRepositoryItem(g.repository, tags.map((t) => new ImageTagItem(t.ref, t.tag, t.image))));
    }
    return roots;
  }
}
