// Pure helpers for the engine's byte streams (no vscode, no dockerode): the multiplexed
// stdout/stderr framing of non-TTY streams, line/timestamp handling for logs, newline
// translation for terminals, and a bounded pacer that applies backpressure to a source.
import { StringDecoder } from 'node:string_decoder';

export type StreamKind = 'stdin' | 'stdout' | 'stderr';

/**
 * Decodes the engine's multiplexed stream (non-TTY attach/logs/exec): frames of
 * [kind:1][0:3][size:4 big-endian][payload]. Frames may be split across chunks arbitrarily.
 */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly emit: (kind: StreamKind, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const kindByte = buf[0];
      const size = buf.readUInt32BE(4);
      if (kindByte > 2 || buf[1] !== 0 || buf[2] !== 0 || buf[3] !== 0) {
        // Not a multiplexed stream after all (e.g. a TTY): pass the rest through as stdout.
        this.emit('stdout', buf);
        buf = Buffer.alloc(0);
        break;
      }
      if (buf.length < 8 + size) break;
      const kind: StreamKind = kindByte === 2 ? 'stderr' : kindByte === 1 ? 'stdout' : 'stdin';
      if (size) this.emit(kind, buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
    // Copy so a large chunk is not kept alive by a small remainder.
    this.pending = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
  }

  /** Bytes held waiting for the rest of a frame. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** "\n" → "\r\n" (terminals need the carriage return); existing "\r\n" is kept. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Splits text into complete lines, keeping an unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';
  private readonly decoder = new StringDecoder('utf8');

  /** Complete lines (without their "\n"; a trailing "\r" is removed too). */
  push(chunk: Buffer | string): string[] {
    const text = this.tail + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.tail = parts.pop() ?? '';
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** What is left (an unterminated last line), or undefined. */
  flush(): string | undefined {
    const rest = this.tail + this.decoder.end();
    this.tail = '';
    return rest ? rest : undefined;
  }

  get buffered(): number {
    return this.tail.length;
  }
}

/** A log line with `timestamps=true`: "2024-01-02T03:04:05.123456789Z message". */
export function splitTimestamp(line: string): { ts?: string; text: string } {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/.exec(line);
  if (!m) return { text: line };
  return { ts: m[1], text: line.slice(m[0].length) };
}

/**
 * RFC 3339 with nanoseconds → the engine's `since` form "seconds.nanoseconds", so that a
 * resumed log stream starts where the last one ended. Comparable as a string pair.
 */
export function timestampToSince(ts: string): string | undefined {
  const m = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const nanos = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  return `${Math.floor(seconds / 1000)}.${nanos}`;
}

/** Compares two "seconds.nanoseconds" values. */
export function compareSince(a: string, b: string): number {
  const [as, an = '0'] = a.split('.');
  const [bs, bn = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(an.padEnd(9, '0')) - Number(bn.padEnd(9, '0'));
}

/**
 * Parses a user's "since": a duration ("10m", "1h30m", "2d"), an RFC 3339 date, or unix
 * seconds. Returns unix seconds as a string for the engine, or a reason.
 */
export function parseSince(input: string, now = Date.now()): { since: string } | { reason: string } {
  const s = input.trim();
  if (!s) return { reason: 'Give a duration like 10m or 2h, a date like 2024-05-01T10:00:00, or unix seconds.' };
  if (/^\d+(\.\d+)?$/.test(s)) return { since: s };
  const dur = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (dur && dur.slice(1).some(Boolean)) {
    const [d, h, m, sec] = dur.slice(1).map((x) => Number(x ?? 0));
    const ms = (((d * 24 + h) * 60 + m) * 60 + sec) * 1000;
    return { since: String(Math.floor((now - ms) / 1000)) };
  }
  const t = Date.parse(s);
  if (!Number.isNaN(t)) return { since: String(Math.floor(t / 1000)) };
  return { reason: `"${s}" is not a duration (10m, 2h, 1d), a date (2024-05-01T10:00:00) or unix seconds.` };
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
