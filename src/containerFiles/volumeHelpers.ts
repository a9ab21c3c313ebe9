// One helper container per volume being browsed, created on first use and removed after a few
// idle minutes, on an engine switch and when the extension stops.
import type { Engine } from '../engine/engine';
import { createVolumeHelper, removeVolumeHelper, VOLUME_MOUNT } from '../engine/volumeHelper';
import type { VolumeResolver } from './provider';

const IDLE_MS = 3 * 60 * 1000;

export class VolumeHelpers implements VolumeResolver {
  readonly mount = VOLUME_MOUNT;
  private readonly helpers = new Map<string, { id: Promise<string>; engine: Engine; timer?: NodeJS.Timeout }>();

  constructor(private readonly engine: () => Engine, private readonly log: (line: string) => void) {}

  helperFor(volume: string): Promise<string> {
    const engine = this.engine();
    let h = this.helpers.get(volume);
    if (h && h.engine !== engine) { this.release(volume); h = undefined; }
    if (!h) {
      const id = createVolumeHelper(engine, volume).then((x) => {
        this.log(`Volume ${volume}: browsing through helper container ${x.name} (image ${x.image}, never started).`);
        return x.id;
      });
      h = { id, engine };
      this.helpers.set(volume, h);
      id.catch(() => this.helpers.delete(volume));
    }
    const entry = h;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.release(volume), IDLE_MS);
    entry.timer.unref?.();
    return entry.id;
  }

  /** Removes a volume's helper (idle, or the volume's view went away). */
  release(volume: string): void {
    const h = this.helpers.get(volume);
    if (!h) return;
    this.helpers.delete(volume);
    clearTimeout(h.timer);
    void h.id.then((id) => removeVolumeHelper(h.engine, id)).then(
      () => this.log(`Volume ${volume}: helper container removed.`),
      (e: unknown) => this.log(`Volume ${volume}: could not remove the helper container: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  dispose(): void {
    for (const v of [...this.helpers.keys()]) this.release(v);
  }
}
