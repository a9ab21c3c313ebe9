// The engine's JSON-lines progress (pull, push): per-layer state, an overall fraction, and the
// error or digest it ends with. Pure (no vscode, no dockerode).
import { formatBytes } from '../shared/format';
import { LineSplitter } from '../shared/lines';

export interface ProgressMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

export interface LayerState {
  id: string;
  status: string;
  current: number;
  total: number;
}

const DONE = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from|Download complete)/;

export class ProgressTracker {
  readonly layers = new Map<string, LayerState>();
  /** Non-layer status lines ("Pulling from …", "Digest: …", "Status: …"). */
  readonly statusLines: string[] = [];
  error: string | undefined;
  digest: string | undefined;

  /** Feeds one message; returns a one-line log entry for it (or undefined for pure progress ticks). */
  update(m: ProgressMessage): string | undefined {
    if (m.error || m.errorDetail?.message) {
      this.error = m.errorDetail?.message ?? m.error;
      return `error: ${this.error}`;
    }
    if (m.aux?.Digest) this.digest = m.aux.Digest;
    const status = m.status ?? '';
    const dm = /digest: (sha256:[0-9a-f]{64})/i.exec(status);
    if (dm) this.digest = dm[1];
    if (m.id && status && !/^Pulling from|^The push refers to/.test(status)) {
      const layer = this.layers.get(m.id) ?? { id: m.id, status, current: 0, total: 0 };
      const changed = layer.status !== status;
      layer.status = status;
      if (m.progressDetail?.total) layer.total = m.progressDetail.total;
      if (m.progressDetail?.current !== undefined) layer.current = m.progressDetail.current;
      if (DONE.test(status) && layer.total) layer.current = layer.total;
      this.layers.set(m.id, layer);
      return changed ? `${m.id}: ${status}` : undefined;
    }
    if (status) {
      const line = m.id ? `${status} ${m.id}` : status;
      this.statusLines.push(line);
      return line;
    }
    return undefined;
  }

  /** 0..1 over the layers whose size is known; layers already done count as done. */
  get fraction(): number {
    let cur = 0;
    let tot = 0;
    let done = 0;
    for (const l of this.layers.values()) {
      if (DONE.test(l.status)) done++;
      if (l.total) { cur += Math.min(l.current, l.total); tot += l.total; }
    }
    const n = this.layers.size;
    if (!n) return 0;
    if (!tot) return done / n;
    // Weight bytes for layers in flight, and count finished layers without sizes too.
    return Math.min(1, (cur / tot) * 0.8 + (done / n) * 0.2);
  }

  get summary(): string {
    const n = this.layers.size;
    const done = [...this.layers.values()].filter((l) => DONE.test(l.status)).length;
    let cur = 0;
    let tot = 0;
    for (const l of this.layers.values()) if (l.total) { cur += Math.min(l.current, l.total); tot += l.total; }
    const bytes = tot ? ` (${formatBytes(cur)} / ${formatBytes(tot)})` : '';
    return n ? `${done}/${n} layers${bytes}` : this.statusLines[this.statusLines.length - 1] ?? '';
  }
}

/** Splits JSON lines across chunks and parses each. */
export class JsonLines {
  /** UTF-8 safe across chunks (a character split between two chunks stays whole). */
  private readonly lines = new LineSplitter();
  push(chunk: Buffer | string): ProgressMessage[] {
    return parseLines(this.lines.push(chunk));
  }
  flush(): ProgressMessage[] {
    const rest = this.lines.flush();
    return rest === undefined ? [] : parseLines([rest]);
  }
}

function parseLines(lines: string[]): ProgressMessage[] {
  const out: ProgressMessage[] = [];
  for (const l of lines) {
    if (!l.trim()) continue;
    try { out.push(JSON.parse(l) as ProgressMessage); } catch { out.push({ status: l.trim() }); }
  }
  return out;
}
