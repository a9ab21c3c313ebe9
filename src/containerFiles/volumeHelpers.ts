// A volume's files are read through a helper container that mounts it read-only: made for one
// operation (a listing, a read, a download) and removed right after, so nothing lingers that
// would keep the volume "in use". Reads never start it; a listing runs the image's `ls` in it.
import type { Engine } from '../engine/engine';
import type { ContainerFileStat } from '../engine/fileListing';
import { createVolumeHelper, listVolumeDirectory, removeVolumeHelper, VOLUME_MOUNT } from '../engine/volumeHelper';
import type { VolumeResolver } from './provider';
import { describeError } from '../shared/errors';

export class VolumeHelpers implements VolumeResolver {
  readonly mount = VOLUME_MOUNT;
  private readonly live = new Set<Promise<unknown>>();

  constructor(private readonly log: (line: string) => void) {}

  async withHelper<T>(engine: Engine, volume: string, fn: (containerId: string) => Promise<T>): Promise<T> {
    const helper = await createVolumeHelper(engine, volume);
    const work = (async () => {
      try {
        return await fn(helper.id);
      } finally {
        await removeVolumeHelper(engine, helper.id).catch((e: unknown) => this.log(`Volume ${volume}: could not remove helper container ${helper.name}: ${describeError(e)}`));
      }
    })();
    this.live.add(work);
    void work.finally(() => this.live.delete(work)).catch(() => undefined);
    return work;
  }

  async list(engine: Engine, volume: string, dir: string): Promise<ContainerFileStat[]> {
    const work = listVolumeDirectory(engine, volume, dir);
    this.live.add(work);
    void work.finally(() => this.live.delete(work)).catch(() => undefined);
    return (await work).entries;
  }

  /** Waits for operations in flight (each removes its helper when done). */
  async dispose(): Promise<void> {
    await Promise.allSettled([...this.live]);
  }
}
