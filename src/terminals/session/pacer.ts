// Terminal text pacing (pure: no vscode, no engine): newline translation for terminals, and a
// bounded pacer that applies backpressure to a source that is faster than the terminal.

/** "\n" → "\r\n" (terminals need the carriage return); existing "\r\n" is kept. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export interface Pausable {
  pause(): void;
  resume(): void;
}

/**
 * Bounded queue between a fast source (a log stream) and a consumer that cannot say "slow
 * down" (a terminal). Text is delivered in chunks of at most `chunkChars`, one per tick; when
 * more than `highWater` characters wait, the source is paused until the queue drains below
 * `lowWater`. Memory stays bounded whatever the source does.
 */
export class Pacer {
  private queue: string[] = [];
  private queued = 0;
  private paused = false;
  private scheduled = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  /** The most characters ever waiting (for tests and benchmarks). */
  peak = 0;

  constructor(
    private readonly deliver: (text: string) => void,
    private source: Pausable | undefined,
    private readonly opts: { highWater?: number; lowWater?: number; chunkChars?: number; tickMs?: number } = {},
  ) {}

  get buffered(): number {
    return this.queued;
  }

  setSource(source: Pausable | undefined): void {
    this.source = source;
    if (source && this.paused) source.pause();
  }

  push(text: string): void {
    if (this.closed || !text) return;
    this.queue.push(text);
    this.queued += text.length;
    if (this.queued > this.peak) this.peak = this.queued;
    if (!this.paused && this.queued > (this.opts.highWater ?? 256 * 1024)) {
      this.paused = true;
      this.source?.pause();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    const tick = this.opts.tickMs ?? 0;
    const run = () => { this.scheduled = false; this.drainOne(); };
    if (tick > 0) setTimeout(run, tick); else setImmediate(run);
  }

  private drainOne(): void {
    if (this.closed) return;
    const limit = this.opts.chunkChars ?? 64 * 1024;
    let out = '';
    while (this.queue.length && out.length < limit) {
      const head = this.queue[0];
      const room = limit - out.length;
      if (head.length <= room) {
        out += head;
        this.queue.shift();
      } else {
        // Do not split a surrogate pair.
        let cut = room;
        const code = head.charCodeAt(cut - 1);
        if (code >= 0xd800 && code <= 0xdbff) cut--;
        if (cut <= 0) cut = room;
        out += head.slice(0, cut);
        this.queue[0] = head.slice(cut);
      }
    }
    this.queued -= out.length;
    if (out) this.deliver(out);
    if (this.paused && this.queued <= (this.opts.lowWater ?? 64 * 1024)) {
      this.paused = false;
      this.source?.resume();
    }
    if (this.queue.length) this.schedule();
    else for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Resolves when everything queued has been delivered. */
  idle(): Promise<void> {
    if (!this.queue.length || this.closed) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.queued = 0;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
