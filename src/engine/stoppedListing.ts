// Listing a folder of a stopped container without reading its whole file system: the archive API
// has no listing, and its tar of `/` carries every byte (mounted volumes included). Instead:
// the folder as the container's image has it (the image's `ls`, run in a short-lived helper made
// from that image: no network, read-only root, never the container itself), corrected by the
// container's own changes (GET /containers/{id}/changes) and mount points, with each changed entry
// stat'ed on the container (HEAD /archive). Undefined when that cannot answer (no `ls` in the
// image, a folder inside a mount): the caller reads the archive instead.
import { randomBytes } from 'node:crypto';
import * as posix from 'node:path/posix';
import { resolveTargetKinds, statIfExists, statPath } from './archive';
import { Engine } from './engine';
import { EngineError } from './errors';
import { ContainerFileStat, LS_WITH_NAMES_SCRIPT, normalizeContainerPath, parseLsWithNames, resolveSiblingLinks } from './fileListing';
import { HELPER_LABEL } from './helperLabels';
import { removeVolumeHelper, runToExit } from './volumeHelper';
import { l10n } from '../shared/l10n';

interface Inspect {
  Image?: string;
  Mounts?: { Destination?: string }[];
}

export async function listStoppedDirectory(engine: Engine, id: string, dir: string, opts: { timeoutMs?: number } = {}): Promise<ContainerFileStat[] | undefined> {
  const p = normalizeContainerPath(dir);
  const info = (await engine.inspectContainer(id)) as Inspect;
  const mounts = (info.Mounts ?? []).map((m) => normalizeContainerPath(m.Destination ?? '/'));
  if (mounts.some((m) => p === m || p.startsWith(`${m}/`))) return undefined; // the volume's content, not the image's
  const self = await statPath(engine, id, p);
  if (self.kind !== 'directory') {
    if (self.kind === 'symlink') return undefined; // let the archive path resolve it
    throw new EngineError('badRequest', l10n.t('{0} is not a folder.', p), 400, undefined, 'notFolder');
  }
  if (!info.Image) return undefined;

  // The image's view of the folder.
  const helperId = await engine.call(undefined, async (d) => (await d.createContainer({
    name: `dockyard-file-lister-${randomBytes(4).toString('hex')}`,
    Image: info.Image,
    // ls plus the exact names, NUL-separated: a name with a newline cannot forge an entry.
    Cmd: ['/bin/sh', '-c', LS_WITH_NAMES_SCRIPT, 'sh', p === '/' ? '/' : `${p}/`, '/bin/ls'],
    Entrypoint: [],
    User: '0:0',
    WorkingDir: '/',
    Labels: { [HELPER_LABEL]: 'file-lister' },
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', ReadonlyRootfs: true, AutoRemove: false, LogConfig: { Type: 'json-file', Config: {} } },
  })).id);
  let base: ContainerFileStat[] | undefined;
  try {
    for (const tool of ['/bin/ls', '/bin/sh']) if (!(await statIfExists(engine, helperId, tool).catch(() => undefined))) return undefined;
    // An ls that never exits is killed after the timeout: the archive answers instead.
    const run = await runToExit(engine, helperId, opts.timeoutMs).catch((e: unknown) => {
      if (e instanceof EngineError && e.kind === 'timeout') return undefined;
      throw e;
    });
    if (!run) return undefined;
    const exists = await statIfExists(engine, helperId, p).catch(() => undefined);
    if (exists?.kind === 'directory') {
      if (run.code > 1) return undefined;
      base = parseLsWithNames(run.stdout, p);
      if (!base) return undefined; // names ls and the glob disagree on: the archive has them
    } else {
      base = []; // a folder the container made: all of it is in its changes
    }
  } finally {
    await removeVolumeHelper(engine, helperId).catch(() => undefined);
  }

  // The container's own changes to this folder's direct entries.
  const changes = ((await engine.call(undefined, (d) => d.getContainer(id).changes())) as { Path: string; Kind: number }[] | null) ?? [];
  const byName = new Map(base.map((e) => [e.name, e]));
  const touched = new Set<string>();
  for (const c of changes) {
    const cp = normalizeContainerPath(c.Path);
    if (cp === p || posix.dirname(cp) !== p) continue;
    if (c.Kind === 2) byName.delete(posix.basename(cp));
    else touched.add(cp);
  }
  for (const m of mounts) if (m !== p && posix.dirname(m) === p) touched.add(m);
  // The engine's own bind mounts (not in Mounts): what the container sees, not the image's empty files.
  if (p === '/etc') for (const f of ['hosts', 'hostname', 'resolv.conf']) if (byName.has(f)) touched.add(`/etc/${f}`);
  const fresh = await Promise.all([...touched].map((t) => statIfExists(engine, id, t).catch(() => undefined)));
  for (const st of fresh) {
    if (!st) continue;
    const old = byName.get(st.name);
    // HEAD gives a symlink's resolved target; the image's ls the stored one, when unchanged.
    byName.set(st.name, { ...st, uid: old?.uid, gid: old?.gid, linkTarget: st.kind === 'symlink' ? st.linkTarget : undefined });
  }
  const entries = [...byName.values()];
  resolveSiblingLinks(entries);
  await resolveTargetKinds(engine, id, entries);
  return entries;
}
