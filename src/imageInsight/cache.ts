// What the image-insight views read once per image: the layers of the last few images read
// (a read streams the whole export), shared by the Layers tree, the layer file system, the
// Dockerfile hints and the comparisons. Forgotten when the engine changes or the image goes.
import type { Engine } from '../engine/engine';
import { ImageInsight, readImageLayers } from '../engine/imageLayers';

const KEEP = 6;

export class InsightCache {
  private readonly entries = new Map<string, Promise<ImageInsight>>();

  /** The layers of an image (by id, or a reference the engine resolves), read from `engine`; ids are content addresses, so one cache serves every engine. */
  read(image: string, engine: Engine): Promise<ImageInsight> {
    const key = image.replace(/^sha256:/, '');
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit;
    }
    const p = readImageLayers(engine, image);
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }

  /** The cached read, if any (no engine call). */
  peek(image: string): Promise<ImageInsight> | undefined {
    return this.entries.get(image.replace(/^sha256:/, ''));
  }

  forget(image?: string): void {
    if (image === undefined) this.entries.clear();
    else this.entries.delete(image.replace(/^sha256:/, ''));
  }
}
