// top, stats, and copying files to/from a container through the archive API.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import * as tar from 'tar-fs';
import { Engine, short } from './engine';
import { EngineError } from './errors';
import { Dimensions, SessionExit, TerminalSession } from './sessions';
import { computeStats, RawStats, renderStats } from './stats';
import { LineSplitter } from './streams';

export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

export async function top(engine: Engine, id: string, psArgs?: string): Promise<ProcessTable> {
  const r = (await engine.call(`Container ${short(id)}`, (d) => d.getContainer(id).top(psArgs ? { ps_args: psArgs } : {}))) as { Titles?: string[]; Processes?: string[][] | null };
  return { titles: r.Titles ?? [], processes: r.Processes ?? [] };
}

/** One stats sample (stream=false): the engine waits for two readings to compute CPU. */
export async function statsOnce(engine: Engine, id: string): Promise<RawStats> {
  return (await engine.call(`Container ${short(id)}`, (d) => d.getContainer(id).stats({ stream: false }))) as unknown as RawStats;
}

// Copying out keeps symlinks and never writes outside the chosen folder: see archive.ts.
export { copyFromContainer } from './archive';

/** Copies host files/folders into a container folder (`docker cp path ctr:/dir`). */
export async function copyToContainer(engine: Engine, id: string, hostPaths: string[], containerDir: string): Promise<void> {
  if (!containerDir.startsWith('/')) throw new EngineError('badRequest', `The container path "${containerDir}" must be absolute.`);
  for (const p of hostPaths) {
    const abs = path.resolve(p);
    if (!fs.existsSync(abs)) throw new EngineError('badRequest', `${abs} does not exist.`);
    const pack = tar.pack(path.dirname(abs), { entries: [path.basename(abs)] });
    await engine.call(`Container ${short(id)}: ${containerDir}`, (d) => d.getContainer(id).putArchive(pack, { path: containerDir }) as Promise<unknown>);
  }
}

type Listener<T> = (v: T) => void;

/** A live `docker stats` view for a terminal: redraws one screen per engine sample. */
export class StatsSession implements TerminalSession {
  private dataL: Listener<string>[] = [];
  private exitL: Listener<SessionExit>[] = [];
  private stream: Readable | undefined;
  private history: number[] = [];
  private cols = 80;
  exited: SessionExit | undefined;

  constructor(private readonly engine: Engine, private readonly id: string, private readonly name: string) {}

  onData(l: Listener<string>) { this.dataL.push(l); return { dispose: () => { this.dataL = this.dataL.filter((x) => x !== l); } }; }
  onExit(l: Listener<SessionExit>) { this.exitL.push(l); return { dispose: () => { this.exitL = this.exitL.filter((x) => x !== l); } }; }

  async start(dims?: Dimensions): Promise<void> {
    if (dims) this.cols = dims.cols;
    this.stream = (await this.engine.call(`Container ${this.name}`, (d) => d.getContainer(this.id).stats({ stream: true }))) as unknown as Readable;
    const lines = new LineSplitter();
    this.stream.on('data', (b: Buffer) => {
      for (const l of lines.push(b)) {
        if (!l.trim()) continue;
        let raw: RawStats;
        try { raw = JSON.parse(l) as RawStats; } catch { continue; }
        const s = computeStats(raw);
        this.history.push(s.cpuPercent);
        if (this.history.length > 200) this.history.shift();
        const text = renderStats(this.name, s, this.history, this.cols - 10);
        for (const d of this.dataL) d(text);
      }
    });
    const end = () => this.finish({ reason: `container ${this.name} stopped` });
    this.stream.on('end', end);
    this.stream.on('close', end);
    this.stream.on('error', end);
  }

  private finish(e: SessionExit): void {
    if (this.exited) return;
    this.exited = e;
    for (const l of this.exitL) l(e);
  }

  write(): void { /* read-only */ }
  resize(d: Dimensions): void { this.cols = d.cols; }
  close(): void {
    this.stream?.destroy();
    this.finish({ reason: 'closed' });
  }
}
