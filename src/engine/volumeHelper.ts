// Browsing a volume's files: a helper container that mounts the volume read-only at /volume and
// is never started (the archive API reads a created container's mounts), made from an image
// already on the engine, and removed afterwards. Nothing is pulled, nothing runs.
import { randomBytes } from 'node:crypto';
import { Engine } from './engine';
import { EngineError } from './errors';

export const VOLUME_HELPER_LABEL = 'dockyard.helper';
export const VOLUME_MOUNT = '/volume';

export interface VolumeHelper {
  id: string;
  name: string;
  image: string;
}

/** The smallest tagged image on the engine (any image does: the helper never runs). */
async function pickImage(engine: Engine): Promise<string> {
  const images = await engine.listImages();
  const tagged = images.filter((i) => !i.dangling && i.repoTags.length).sort((a, b) => a.size - b.size);
  const pick = tagged[0]?.repoTags[0] ?? images[0]?.id;
  if (!pick) {
    throw new EngineError('notFound', 'Browsing a volume needs an image on the engine to make a helper container from (it is never started): pull or build any image first, e.g. busybox.');
  }
  return pick;
}

/** Creates the helper for `volume` (read-only mount at /volume). */
export async function createVolumeHelper(engine: Engine, volume: string): Promise<VolumeHelper> {
  await engine.inspectVolume(volume); // a clear "no longer exists" for a removed volume
  const image = await pickImage(engine);
  const name = `dockyard-volume-browser-${randomBytes(4).toString('hex')}`;
  const id = await engine.call(`Volume ${volume}`, async (d) => (await d.createContainer({
    name,
    Image: image,
    // Never started; a command is required to create a container from an image without one.
    Cmd: ['/dockyard-volume-browser-never-runs'],
    Entrypoint: [],
    Labels: { [VOLUME_HELPER_LABEL]: 'volume-browser', [`${VOLUME_HELPER_LABEL}.volume`]: volume },
    NetworkDisabled: true,
    HostConfig: { Binds: [`${volume}:${VOLUME_MOUNT}:ro`], NetworkMode: 'none', AutoRemove: false },
  })).id);
  return { id, name, image };
}

export async function removeVolumeHelper(engine: Engine, id: string): Promise<void> {
  await engine.removeContainer(id, { force: true }).catch((e: unknown) => {
    if (!(e instanceof EngineError && e.kind === 'notFound')) throw e;
  });
}

/** Helpers left behind by a session that ended without cleaning up (older than maxAgeMs). */
export async function removeStaleVolumeHelpers(engine: Engine, maxAgeMs = 10 * 60 * 1000): Promise<number> {
  const now = Date.now();
  const stale = (await engine.listContainers()).filter((c) => c.labels[VOLUME_HELPER_LABEL] === 'volume-browser' && c.state !== 'running' && now - c.created > maxAgeMs);
  for (const c of stale) await removeVolumeHelper(engine, c.id);
  return stale.length;
}

/** Whether a container is a volume browser's helper (views hide them). */
export function isVolumeHelper(labels: Record<string, string>): boolean {
  return labels[VOLUME_HELPER_LABEL] === 'volume-browser';
}
