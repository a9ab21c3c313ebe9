// The engine's /events stream, reconnecting with backoff. Emits typed events and
// connection state changes (through the one emitter, shared/emitter.ts); after a reconnect,
// consumers refresh everything (events may have been missed while disconnected).
import { Emitter } from '../shared/emitter';
import { LineSplitter } from '../shared/lines';
import { EngineError, toEngineError } from './errors';
import { DockerEvent, DockerObjectType } from './models';
import { l10n } from '../shared/l10n';

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** Parses one line of the /events stream; undefined for anything unusable. */
export function parseEventLine(line: string): DockerEvent | undefined {
  const text = line.trim();
  if (!text) return undefined;
  let raw: RawEvent;
  try {
    raw = JSON.parse(text) as RawEvent;
  } catch {
    return undefined;
  }
  const type = (raw.Type ?? 'container') as DockerObjectType;
  const action = (raw.Action ?? raw.status ?? '').split(':')[0].trim(); // "exec_start: sh" -> "exec_start"
  if (!action) return undefined;
  return {
    type,
    action,
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {},
    time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
  };
}

/** Where events come from: an Engine (kept as an interface so that this file does not import engine.ts). */
export interface EventSource {
  readonly host: string;
  /** Opens GET /events (no filters); rejects with the engine's error. */
  openEvents(): Promise<NodeJS.ReadableStream>;
}

/** The timer the backoff waits on (injectable so that a test can run the clock itself). */
export interface BackoffTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: BackoffTimer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout | undefined),
};

export class EventStream {
  /** An engine event. */
  readonly onEvent = new Emitter<DockerEvent>();
  /** The stream is open (again): events may have been missed meanwhile, so consumers read everything. */
  readonly onConnected = new Emitter<void>();
  /** The stream was lost or could not be opened (once per loss, however many retries follow). */
  readonly onDisconnected = new Emitter<EngineError>();
  private stream: NodeJS.ReadableStream | undefined;
  private timer: unknown;
  private stopped = false;
  private attempt = 0;
  /** The loss since the last connection has been reported ('disconnected' once per loss, Retry or not). */
  private reported = false;
  /** Bumped by stop(): an attempt that started before it must not become the stream. */
  private generation = 0;
  /** The generation whose connection attempt is in flight (GET /events not answered yet). */
  private inFlight: number | undefined;
  connected = false;

  /**
   * Backoff between reconnection attempts: 100, 200, 400, 800 ms, then once a second for ten
   * tries (an engine restarting is found within a second), then doubling from 2 s up to a minute.
   * An engine that stays away (a stopped VM, an ssh host offline: each try there is a full
   * handshake) is tried once a minute; Retry (retryNow) tries at once and starts the backoff over.
   */
  static readonly MAX_BACKOFF_MS = 60_000;
  private static readonly QUICK_TRIES = 14;

  constructor(private readonly engine: EventSource, private readonly timers: BackoffTimer = realTimer) {}

  /** The wait after `failures` failed attempts in a row (1 → 100 ms … → 60 s). */
  static backoff(failures: number): number {
    const n = Math.max(1, failures);
    if (n <= 4) return 100 * 2 ** (n - 1);
    if (n <= EventStream.QUICK_TRIES) return 1000;
    return Math.min(EventStream.MAX_BACKOFF_MS, 1000 * 2 ** Math.min(30, n - EventStream.QUICK_TRIES));
  }

  start(): this {
    this.stopped = false;
    void this.connect();
    return this;
  }

  /** True while GET /events is being opened: a Retry then waits for that attempt instead of opening another. */
  get connecting(): boolean {
    return this.inFlight === this.generation;
  }

  private async connect(): Promise<void> {
    // One attempt at a time, and none once connected: every extra attempt would be one more
    // /events stream, and each event would then arrive once per stream.
    if (this.stopped || this.connected || this.connecting) return;
    const generation = this.generation;
    this.inFlight = generation;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.engine.openEvents();
    } catch (e) {
      if (this.inFlight === generation) this.inFlight = undefined;
      if (generation === this.generation) this.lost(toEngineError(e, this.engine.host));
      return;
    }
    if (this.inFlight === generation) this.inFlight = undefined;
    if (this.stopped || generation !== this.generation) { destroy(stream); return; }
    this.stream = stream;
    this.attempt = 0;
    this.reported = false;
    this.connected = true;
    const lines = new LineSplitter();
    stream.on('data', (chunk: Buffer | string) => {
      // After stop() (a host switch) nothing more from this stream reaches the views,
      // not even the rest of a chunk that is being delivered.
      if (this.stream !== stream) return;
      for (const line of lines.push(chunk.toString())) {
        if (this.stream !== stream) return;
        const ev = parseEventLine(line);
        if (ev) this.onEvent.fire(ev);
      }
    });
    const lost = (err?: unknown) => {
      if (this.stream !== stream) return;
      this.stream = undefined;
      this.lost(toEngineError(err ?? Object.assign(new Error(l10n.t('event stream closed')), { code: 'ECONNRESET' }), this.engine.host));
    };
    stream.on('end', () => lost());
    stream.on('close', () => lost());
    stream.on('error', (e) => lost(e));
    this.onConnected.fire();
  }

  private lost(err: EngineError): void {
    const wasConnected = this.connected;
    this.connected = false;
    if (this.stopped) return;
    if (wasConnected || !this.reported) {
      this.reported = true;
      this.onDisconnected.fire(err);
    }
    this.attempt++;
    this.timers.clear(this.timer);
    this.timer = this.timers.set(() => { this.timer = undefined; void this.connect(); }, EventStream.backoff(this.attempt));
  }

  /** Reconnects now instead of waiting for the backoff, which starts over (the user pressed Retry). */
  retryNow(): void {
    if (this.connected || this.stopped || this.connecting) return;
    this.timers.clear(this.timer);
    this.timer = undefined;
    this.attempt = 0;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.timers.clear(this.timer);
    this.timer = undefined;
    const s = this.stream;
    this.stream = undefined;
    this.connected = false;
    if (s) destroy(s);
  }
}

function destroy(s: NodeJS.ReadableStream): void {
  const d = s as NodeJS.ReadableStream & { destroy?: () => void };
  d.destroy?.();
}
