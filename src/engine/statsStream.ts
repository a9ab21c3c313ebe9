// A container's live stats as plain samples (the engine's /stats stream, computed like
// `docker stats` by stats.ts), for views that draw them (the stats chart). No vscode.
import type { Readable } from 'node:stream';
import { Engine } from './engine';
import { EngineError } from './errors';
import { computeStats, RawStats, StatsSample } from './stats';
import { Emitter, Subscription } from '../shared/emitter';
import { LineSplitter } from '../shared/lines';
import { l10n } from '../shared/l10n';

export interface TimedSample extends StatsSample {
  /** When the engine read it (ms since the epoch); the local time if the engine gave none. */
  time: number;
}

/** Why the stream ended, in words for the view ("stopped (exit code 0)", "was removed"). */
export interface StatsEnd {
  reason: 'stopped' | 'removed' | 'closed' | 'error';
  message: string;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
/** How long after a stop to look whether the container is being removed. */
const SETTLE_MS = 500;

export class StatsStream {
  private readonly samples = new Emitter<TimedSample>();
  private readonly ends = new Emitter<StatsEnd>();
  private stream: Readable | undefined;
  ended: StatsEnd | undefined;

  constructor(private readonly engine: Engine, readonly id: string, readonly name: string) {}

  onSample(l: (s: TimedSample) => void): Subscription { return this.samples.on(l); }
  onEnd(l: (e: StatsEnd) => void): Subscription { return this.ends.on(l); }

  /** Opens the stream; rejects (EngineError) when the container is unknown. */
  async start(): Promise<void> {
    const stream = (await this.engine.call(l10n.t('Container {0}', this.name), (d) => d.getContainer(this.id).stats({ stream: true }))) as unknown as Readable;
    if (this.ended) { stream.destroy(); return; }
    this.stream = stream;
    const lines = new LineSplitter();
    stream.on('data', (b: Buffer) => {
      for (const l of lines.push(b)) {
        if (!l.trim() || this.ended) continue;
        let raw: RawStats;
        try { raw = JSON.parse(l) as RawStats; } catch { continue; }
        // A stopped container's samples carry no reading time: the stream is over.
        if (raw.read === ZERO_TIME) { void this.settle(); return; }
        const t = raw.read ? Date.parse(raw.read) : NaN;
        const sample: TimedSample = { ...computeStats(raw), time: Number.isFinite(t) ? t : Date.now() };
        this.samples.fire(sample);
      }
    });
    const over = () => { void this.settle(); };
    stream.on('end', over);
    stream.on('close', over);
    stream.on('error', over);
  }

  /** The stream ended by itself: find out why (stopped, removed) and say so. */
  private async settle(): Promise<void> {
    if (this.ended) return;
    this.stream?.destroy();
    let end: StatsEnd;
    type State = { Running?: boolean; ExitCode?: number; Status?: string };
    const state = async () => ((await this.engine.inspectContainer(this.id)) as { State?: State }).State ?? {};
    try {
      let st = await state();
      // A forced removal stops the container first: look again a moment later.
      if (!st.Running) { await new Promise((r) => setTimeout(r, SETTLE_MS)); st = await state(); }
      end = st.Running
        ? { reason: 'error', message: l10n.t('The engine ended the stats stream of {0}.', this.name) }
        : { reason: 'stopped', message: l10n.t('{0} stopped{1}; no more samples.', this.name, st.Status === 'exited' && st.ExitCode !== undefined ? ` (exit code ${st.ExitCode})` : '') };
    } catch (e) {
      end = e instanceof EngineError && e.kind === 'notFound'
        ? { reason: 'removed', message: l10n.t('{0} was removed; no more samples.', this.name) }
        : { reason: 'error', message: l10n.t('The stats stream of {0} ended: {1}', this.name, (e as Error).message) };
    }
    this.finish(end);
  }

  private finish(e: StatsEnd): void {
    if (this.ended) return;
    this.ended = e;
    this.ends.fire(e);
  }

  /** Stops the stream (the view was closed). */
  stop(): void {
    this.finish({ reason: 'closed', message: 'closed' });
    this.stream?.destroy();
  }
}
