// The last container list, patched from events: an event about a few containers re-reads
// only those (the engine serialises just them). Pure (no vscode).
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';

/** Above this many changed containers, one full list is cheaper than a filtered one. */
const PATCH_LIMIT = 50;

export class ContainerCache {
  private list: Map<string, ContainerSummary> | undefined;
  private readonly dirty = new Set<string>();

  /** A container changed (event); the next read re-reads it. */
  invalidate(id: string): void {
    this.dirty.add(id);
  }

  /** Everything may have changed; the next read lists all containers. */
  reset(): void {
    this.list = undefined;
    this.dirty.clear();
  }

  async read(engine: Engine): Promise<ContainerSummary[]> {
    const ids = [...this.dirty];
    this.dirty.clear();
    if (this.list && ids.length === 0) return [...this.list.values()];
    if (this.list && ids.length < PATCH_LIMIT) {
      const fresh = await engine.listContainers(ids);
      const next = new Map(this.list);
      for (const id of ids) next.delete(id);
      for (const c of fresh) next.set(c.id, c);
      this.list = next;
    } else {
      this.list = new Map((await engine.listContainers()).map((c) => [c.id, c]));
    }
    return [...this.list.values()];
  }
}
