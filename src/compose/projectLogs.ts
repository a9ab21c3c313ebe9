// A compose project's logs over the Engine API, no compose CLI: one log follow per container
// (each following its container across restarts), merged into one terminal. The history is
// merged by timestamp; after it, lines appear as they arrive. Each line is prefixed by its
// service and container number in a colour of its own, stable per service name. Containers that
// start later (scale up, recreate) join. No vscode.
import { Engine } from '../engine/engine';
import { l10n } from '../shared/l10n';
import { EventStream } from '../engine/events';
import { Dimensions, LogsSession, SessionExit, TerminalSession } from '../terminals/session/sessions';
import { DockerEvent } from '../engine/models';
import { DIM, RESET } from '../shared/ansi';
import { Emitter, Listener } from '../shared/emitter';
import { LineSplitter, MAX_TERMINAL_LINE } from '../shared/lines';

/** compose's own palette order: cyan, yellow, green, magenta, blue, then the bright ones. */
const COLOURS = ['36', '33', '32', '35', '34', '96', '93', '92', '95', '94'];

/** A colour for a service, stable across sessions and machines. */
export function serviceColour(service: string): string {
  let h = 0;
  for (let i = 0; i < service.length; i++) h = (h * 31 + service.charCodeAt(i)) >>> 0;
  return `\x1b[${COLOURS[h % COLOURS.length]}m`;
}

/** `web-1` as compose v2 names it. */
export function containerLabel(labels: Record<string, string>, fallback: string): string {
  const service = labels['com.docker.compose.service'];
  const n = labels['com.docker.compose.container-number'];
  if (!service) return fallback;
  return n ? `${service}-${n}` : service;
}

// LogsSession writes `ESC[2m<timestamp>ESC[0m <text>` when asked for timestamps.
const STAMPED = /^\x1b\[2m(\d{4}-\d{2}-\d{2}T[^\s\x1b]+)\x1b\[0m (.*)$/s;

interface Line { ts: string; seq: number; text: string }

export interface ProjectLogsOptions {
  /** Lines of history per container. */
  tail?: number | 'all';
  /** Show each line's timestamp. */
  timestamps?: boolean;
  /** How long the history of all containers is gathered before it is sorted and shown (ms). */
  settleMs?: number;
  /** Test hook: the events (default: the engine's event stream). */
  events?: { on(listener: (e: DockerEvent) => void): void; stop(): void };
}

export class ProjectLogsSession implements TerminalSession {
  private readonly data = new Emitter<string>();
  private readonly exit = new Emitter<SessionExit>();
  private readonly followed = new Map<string, { session: LogsSession; label: string; colour: string }>();
  private events: { on(listener: (e: DockerEvent) => void): void; stop(): void } | undefined;
  private history: Line[] | undefined = [];
  private seq = 0;
  private width = 0;
  private closed = false;
  private _exited: SessionExit | undefined;
  /** Lines written (for tests). */
  lines = 0;

  constructor(private readonly engine: Engine, readonly project: string, private readonly opts: ProjectLogsOptions = {}) {}

  onData(l: Listener<string>) { return this.data.on(l); }
  onExit(l: Listener<SessionExit>) { return this.exit.on(l); }
  get exited(): SessionExit | undefined { return this._exited; }
  write(_data: string): void { /* read-only */ }
  resize(_dims: Dimensions): void { /* no TTY */ }

  /** The containers followed, by label. */
  get labels(): string[] {
    return [...this.followed.values()].map((f) => f.label).sort();
  }

  async start(): Promise<void> {
    // Listen first, so a container started while we list is not missed.
    this.events = this.opts.events ?? this.engineEvents();
    this.events.on((e) => {
      if (e.type !== 'container' || e.action !== 'start' || e.attributes['com.docker.compose.project'] !== this.project) return;
      if (!this.followed.has(e.id)) void this.follow(e.id, e.attributes, 'all').catch(() => undefined);
    });
    const containers = (await this.engine.listContainers()).filter((c) => c.composeProject === this.project);
    if (!containers.length) this.emit(`${DIM}── ${l10n.t('no containers of project {0} yet: waiting for them to start; close the terminal to stop', this.project)} ──${RESET}\r\n`);
    await Promise.all(containers.map((c) => this.follow(c.id, c.labels, this.opts.tail ?? 200).catch(() => undefined)));
    await new Promise((r) => setTimeout(r, this.opts.settleMs ?? 300));
    this.flushHistory();
  }

  private engineEvents(): { on(listener: (e: DockerEvent) => void): void; stop(): void } {
    const stream = new EventStream(this.engine).start();
    return { on: (l) => { stream.onEvent.on(l); }, stop: () => stream.stop() };
  }

  private async follow(id: string, labels: Record<string, string>, tail: number | 'all'): Promise<void> {
    if (this.closed || this.followed.has(id)) return;
    const label = containerLabel(labels, id.slice(0, 12));
    const entry = { session: new LogsSession(this.engine, id, { tail, timestamps: true, follow: true }), label, colour: serviceColour(labels['com.docker.compose.service'] ?? label) };
    this.followed.set(id, entry);
    this.width = Math.max(this.width, label.length);
    // The session writes whole "\r\n" lines, but a chunk may still end inside one.
    const lines = new LineSplitter({ maxLine: MAX_TERMINAL_LINE });
    entry.session.onData((chunk) => { for (const l of lines.push(chunk)) this.line(entry, l); });
    entry.session.onExit(() => { const rest = lines.flush(); if (rest !== undefined) this.line(entry, rest); });
    await entry.session.start();
  }

  private line(entry: { label: string; colour: string }, raw: string): void {
    const m = STAMPED.exec(raw);
    const ts = m?.[1] ?? '';
    const body = m ? m[2] : raw;
    const prefix = `${entry.colour}${entry.label.padEnd(this.width)} |${RESET} `;
    const text = `${prefix}${this.opts.timestamps && ts ? `${DIM}${ts}${RESET} ` : ''}${body}`;
    if (this.history) this.history.push({ ts, seq: this.seq++, text });
    else this.out(text);
  }

  private flushHistory(): void {
    const h = this.history ?? [];
    this.history = undefined;
    // Lines without a timestamp (banners) keep their place after the line before them.
    let last = '';
    const keyed = h.map((l) => { if (l.ts) last = l.ts; return { ...l, key: l.ts || last }; });
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
    for (const l of keyed) this.out(l.text);
  }

  private out(text: string): void {
    this.lines++;
    this.emit(`${text}\r\n`);
  }

  private emit(text: string): void {
    this.data.fire(text);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.events?.stop();
    for (const f of this.followed.values()) f.session.close();
    this._exited = { reason: 'closed' };
    this.exit.fire(this._exited);
  }
}
