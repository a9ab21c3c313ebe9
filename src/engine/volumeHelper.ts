// Browsing a volume's files: a helper container that mounts the volume read-only at /volume, made
// from an image already on the engine and removed afterwards. Reading goes through the archive
// API (the helper is never started); a folder listing runs the image's own `ls` as the helper's
// only process when the image has one (a volume's archive would carry every file's bytes), and
// falls back to the archive's headers otherwise. Nothing is pulled; the helper has no network.
import { randomBytes } from 'node:crypto';
import { listDirectory, Listing, resolveTargetKinds, statIfExists } from './archive';
import { Engine, short } from './engine';
import { EngineError } from './errors';
import { LS_WITH_NAMES_SCRIPT, normalizeContainerPath, parseLsWithNames } from './fileListing';
import { HELPER_LABEL, isHelperContainer } from './helperLabels';
import { Demuxer } from './streams';
import { l10n } from '../shared/l10n';

export const VOLUME_MOUNT = '/volume';

export interface VolumeHelper {
  id: string;
  name: string;
  image: string;
}

/** The smallest tagged image on the engine (reads need no particular image; a listing needs ls). */
async function pickImage(engine: Engine): Promise<string> {
  const images = await engine.listImages();
  const tagged = images.filter((i) => !i.dangling && i.repoTags.length).sort((a, b) => a.size - b.size);
  const pick = tagged[0]?.repoTags[0] ?? images[0]?.id;
  if (!pick) {
    throw new EngineError('notFound', l10n.t('Browsing a volume needs an image on the engine to make a helper container from (it is never started): pull or build any image first, e.g. busybox.'));
  }
  return pick;
}

/** Creates the helper for `volume` (read-only mount at /volume); `cmd` is what it would run if started. */
export async function createVolumeHelper(engine: Engine, volume: string, cmd: string[] = ['/dockyard-volume-browser-never-runs']): Promise<VolumeHelper> {
  await engine.inspectVolume(volume); // a clear "no longer exists" for a removed volume
  const image = await pickImage(engine);
  const name = `dockyard-volume-browser-${randomBytes(4).toString('hex')}`;
  const id = await engine.call(l10n.t('Volume {0}', volume), async (d) => (await d.createContainer({
    name,
    Image: image,
    // A command is required to create a container from an image without one.
    Cmd: cmd,
    Entrypoint: [],
    User: '0:0', // reads the volume as root, like the archive API does
    WorkingDir: '/',
    Labels: { [HELPER_LABEL]: 'volume-browser', [`${HELPER_LABEL}.volume`]: volume },
    NetworkDisabled: true,
    HostConfig: { Binds: [`${volume}:${VOLUME_MOUNT}:ro`], NetworkMode: 'none', AutoRemove: false, ReadonlyRootfs: true, LogConfig: { Type: 'json-file', Config: {} } },
  })).id);
  return { id, name, image };
}

/**
 * Removes a helper (killed first if it still runs) with its anonymous volumes: an image's
 * `VOLUME` lines give every container made from it one anonymous volume each, which would
 * otherwise stay behind after every listing. Named volumes (the one being browsed) stay.
 */
export async function removeVolumeHelper(engine: Engine, id: string): Promise<void> {
  await engine.removeContainer(id, { force: true, volumes: true }).catch((e: unknown) => {
    if (!(e instanceof EngineError && e.kind === 'notFound')) throw e;
  });
}

/**
 * Helpers (any kind) left behind by a session that ended without cleaning up, older than
 * maxAgeMs: stopped ones, and running ones too (a helper's `ls` is timed out long before that,
 * so one still running is stuck).
 */
export async function removeStaleHelpers(engine: Engine, maxAgeMs = 10 * 60 * 1000): Promise<number> {
  const now = Date.now();
  const stale = (await engine.listContainers()).filter((c) => isHelperContainer(c.labels) && now - c.created > maxAgeMs);
  for (const c of stale) await removeVolumeHelper(engine, c.id).catch(() => undefined);
  return stale.length;
}

/** How long a helper's `ls` may run before it is killed (the listing then reads the archive). */
export const HELPER_RUN_TIMEOUT_MS = 20_000;


/**
 * Starts a created container, waits for it to exit, and returns its exit code and output. One
 * that runs longer than `timeoutMs` (an `ls` that never exits, on a hung mount or a booby-trapped
 * image) is killed and this rejects with a timeout; the caller removes the container.
 */
export async function runToExit(engine: Engine, id: string, timeoutMs = HELPER_RUN_TIMEOUT_MS): Promise<{ code: number; stdout: Buffer }> {
  const what = l10n.t('Container {0}', short(id));
  await engine.call(what, (d) => d.getContainer(id).start());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  const waited = engine.call(what, (d) => d.getContainer(id).wait()) as Promise<{ StatusCode?: number }>;
  const first = await Promise.race([waited, timedOut]).finally(() => clearTimeout(timer));
  if (first === 'timeout') {
    waited.catch(() => undefined);
    await engine.call(what, (d) => d.getContainer(id).kill()).catch(() => undefined);
    throw new EngineError('timeout', l10n.t('A helper container did not finish its listing in {0} s; it was stopped.', Math.round(timeoutMs / 1000)));
  }
  const r = first;
  const raw = (await engine.call(what, (d) => d.getContainer(id).logs({ stdout: true, stderr: false, follow: false }))) as unknown as Buffer;
  const out: Buffer[] = [];
  new Demuxer((kind, payload) => { if (kind === 'stdout') out.push(Buffer.from(payload)); }).push(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
  return { code: r.StatusCode ?? -1, stdout: Buffer.concat(out) };
}

/**
 * A folder of a volume (`dir` is the path inside the volume): the image's `ls` run as the helper's
 * only process when it has one and prints every name plainly; the archive's headers otherwise.
 * Entry paths are helper paths (under /volume). The helper is removed before this returns.
 */
export async function listVolumeDirectory(engine: Engine, volume: string, dir: string, opts: { timeoutMs?: number } = {}): Promise<Listing> {
  const inHelper = normalizeContainerPath(`${VOLUME_MOUNT}/${dir}`);
  // ls plus the exact names, NUL-separated: a name with a newline cannot forge an entry.
  const helper = await createVolumeHelper(engine, volume, ['/bin/sh', '-c', LS_WITH_NAMES_SCRIPT, 'sh', `${inHelper}/`, '/bin/ls']);
  try {
    const tools = await Promise.all(['/bin/ls', '/bin/sh'].map((t) => statIfExists(engine, helper.id, t).catch(() => undefined)));
    if (tools.every(Boolean)) {
      const run = await runToExit(engine, helper.id, opts.timeoutMs).catch(() => undefined);
      // Names ls and the glob disagree on (or an ambiguous "?"): the archive has the exact names.
      const entries = run && run.code <= 1 && run.stdout.length ? parseLsWithNames(run.stdout, inHelper) : undefined;
      if (entries) {
        await resolveTargetKinds(engine, helper.id, entries);
        return { entries, via: 'exec' };
      }
    }
    return await listDirectory(engine, helper.id, inHelper, { running: false });
  } finally {
    await removeVolumeHelper(engine, helper.id).catch(() => undefined);
  }
}
