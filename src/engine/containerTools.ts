// top, one stats sample, and copying files to/from a container through the archive API.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-fs';
import { Engine, short } from './engine';
import { EngineError } from './errors';
import { RawStats } from './stats';
import { l10n } from '../shared/l10n';

export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

export async function top(engine: Engine, id: string, psArgs?: string): Promise<ProcessTable> {
  const r = (await engine.call(l10n.t('Container {0}', short(id)), (d) => d.getContainer(id).top(psArgs ? { ps_args: psArgs } : {}))) as { Titles?: string[]; Processes?: string[][] | null };
  return { titles: r.Titles ?? [], processes: r.Processes ?? [] };
}

/** One stats sample (stream=false): the engine waits for two readings to compute CPU. */
export async function statsOnce(engine: Engine, id: string): Promise<RawStats> {
  return (await engine.call(l10n.t('Container {0}', short(id)), (d) => d.getContainer(id).stats({ stream: false }))) as unknown as RawStats;
}

// Copying out keeps symlinks and never writes outside the chosen folder: see archive.ts.
export { copyFromContainer } from './archive';

/** Copies host files/folders into a container folder (`docker cp path ctr:/dir`). */
export async function copyToContainer(engine: Engine, id: string, hostPaths: string[], containerDir: string): Promise<void> {
  if (!containerDir.startsWith('/')) throw new EngineError('badRequest', l10n.t('The container path "{0}" must be absolute.', containerDir));
  for (const p of hostPaths) {
    const abs = path.resolve(p);
    if (!fs.existsSync(abs)) throw new EngineError('badRequest', l10n.t('{0} does not exist.', abs));
    const pack = tar.pack(path.dirname(abs), { entries: [path.basename(abs)] });
    await engine.call(l10n.t('Container {0}: {1}', short(id), containerDir), (d) => d.getContainer(id).putArchive(pack, { path: containerDir }) as Promise<unknown>);
  }
}
