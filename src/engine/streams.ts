// Pure helpers for the engine's byte streams (no vscode, no dockerode): the multiplexed
// stdout/stderr framing of non-TTY streams, and the timestamps and `since` values of logs.
import { l10n } from '../shared/l10n';

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
  if (!s) return { reason: l10n.t('Give a duration like 10m or 2h, a date like 2024-05-01T10:00:00, or unix seconds.') };
  if (/^\d+(\.\d+)?$/.test(s)) return { since: s };
  const dur = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (dur && dur.slice(1).some(Boolean)) {
    const [d, h, m, sec] = dur.slice(1).map((x) => Number(x ?? 0));
    const ms = (((d * 24 + h) * 60 + m) * 60 + sec) * 1000;
    return { since: String(Math.floor((now - ms) / 1000)) };
  }
  const t = Date.parse(s);
  if (!Number.isNaN(t)) return { since: String(Math.floor(t / 1000)) };
  return { reason: l10n.t('"{0}" is not a duration (10m, 2h, 1d), a date (2024-05-01T10:00:00) or unix seconds.', s) };
}
