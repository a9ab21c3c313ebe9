// The last container list, patched from events: an event about a few containers re-reads
// only those (the engine serialises just them). Pure (no vscode).
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';

/** Above this many changed containers, one full list is cheaper than a filtered one. */
const PATCH_LIMIT = 50;

export class ContainerCache {
  private list: Map<string, ContainerSummary> | undefined;
  private readonly dirty = new Set<string>();
  /** Bumped by reset(): a read that started before it must not store its (older) answer. */
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** A container changed (event); the next read re-reads it. */
  invalidate(id: string): void {
    this.dirty.add(id);
  }

  /** Everything may have changed; the next read lists all containers. */
  reset(): void {
    this.list = undefined;
    this.dirty.clear();
    this.generation++;
  }

  /** Reads run one at a time, in order: a patch never lands on top of a newer answer. */
  read(engine: Engine): Promise<ContainerSummary[]> {
    const run = this.queue.then(() => this.readNow(engine));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNow(engine: Engine): Promise<ContainerSummary[]> {
    const generation = this.generation;
    const ids = [...this.dirty];
    this.dirty.clear();
    const base = this.list;
    if (base && ids.length === 0) return [...base.values()];
    let next: Map<string, ContainerSummary>;
    try {
      if (base && ids.length < PATCH_LIMIT) {
        const fresh = await engine.listContainers(ids);
        next = new Map(base);
        for (const id of ids) next.delete(id);
        for (const c of fresh) next.set(c.id, c);
      } else {
        next = new Map((await engine.listContainers()).map((c) => [c.id, c]));
      }
    } catch (e) {
      for (const id of ids) this.dirty.add(id); // not applied: try them again next time
      throw e;
    }
    if (generation === this.generation) this.list = next;
    return [...next.values()];
  }
}
