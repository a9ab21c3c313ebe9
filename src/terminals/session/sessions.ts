// Terminal sessions over the engine's streams: exec, attach (and run = create + attach + start),
// logs. No vscode and no dockerode here: the streams come from src/engine/containerStreams.ts, a
// Pseudoterminal in src/terminals/pty.ts is a thin adapter over these, and the engine tests
// drive them directly.
import type { Duplex, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  attachContainer, containerLifecycleEvents, containerState, Dimensions, ExecHandle, ExecInfo, notRunning, openLogs,
  resizeContainer, startExec, waitForNextExit,
} from '../../engine/containerStreams';
import type { Engine } from '../../engine/engine';
import type { EndExecOptions, ExecEnding } from '../../engine/execEnd';
import { EngineError, toEngineError } from '../../engine/errors';
import { parseEventLine } from '../../engine/events';
import { compareSince, Demuxer, splitTimestamp, StreamKind, timestampToSince } from '../../engine/streams';
import { Emitter, Listener } from '../../shared/emitter';
import { LineSplitter, LineSplitterOptions, MAX_TERMINAL_LINE } from '../../shared/lines';
import { Pacer, toCrlf } from './pacer';
import { l10n } from '../../shared/l10n';
import { describeError } from '../../shared/errors';
import { DIM, RESET, YELLOW } from '../../shared/ansi';

export type { Dimensions };

/** How a session ended: an exit code when the process ended, a reason otherwise. */
export interface SessionExit {
  code?: number;
  /** "detached", "closed", "container stopped", "container removed", or an error message. */
  reason?: string;
  /** True when the session ended because of an error (the message is in reason). */
  error?: boolean;
}

export interface TerminalSession {
  /** Terminal text (with "\r\n" newlines and the program's ANSI sequences). */
  onData(listener: Listener<string>): { dispose(): void };
  onExit(listener: Listener<SessionExit>): { dispose(): void };
  /** Starts the session; rejects with an EngineError (the terminal shows it) when it cannot. */
  start(dims?: Dimensions): Promise<void>;
  /** Keyboard input, sent to the process as is. */
  write(data: string): void;
  resize(dims: Dimensions): void;
  /** Ends the session (the exec, the attachment, the log follow) — never the container. */
  close(): void;
  readonly exited: SessionExit | undefined;
}

export interface PacingOptions {
  highWater?: number;
  lowWater?: number;
  chunkChars?: number;
  tickMs?: number;
}

/** Output pacing, exit once, and the bookkeeping every session shares (container or not). */
export abstract class PacedSession implements TerminalSession {
  private readonly data = new Emitter<string>();
  private readonly exit = new Emitter<SessionExit>();
  protected readonly pacer: Pacer;
  protected stream: Duplex | Readable | undefined;
  private _exited: SessionExit | undefined;
  protected closing = false;

  constructor(pacing: PacingOptions = {}) {
    this.pacer = new Pacer((t) => this.data.fire(t), undefined, pacing);
  }

  onData(l: Listener<string>) { return this.data.on(l); }
  onExit(l: Listener<SessionExit>) { return this.exit.on(l); }
  get exited(): SessionExit | undefined { return this._exited; }
  /** Characters waiting for the terminal (bounded by the pacer). */
  get buffered(): number { return this.pacer.buffered; }
  get peakBuffered(): number { return this.pacer.peak; }

  abstract start(dims?: Dimensions): Promise<void>;
  write(_data: string): void { /* read-only by default */ }
  resize(_dims: Dimensions): void { /* no TTY by default */ }

  protected output(text: string): void {
    this.pacer.push(text);
  }

  protected attachSource(stream: Duplex | Readable): void {
    this.stream = stream;
    this.pacer.setSource(stream);
  }

  /** Emits the exit once, after the output queued before it. */
  protected async finish(exit: SessionExit): Promise<void> {
    if (this._exited) return;
    this._exited = exit;
    await this.pacer.idle();
    this.exit.fire(exit);
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    this.destroyStream();
    void this.finish({ reason: 'closed' });
  }

  protected destroyStream(): void {
    const s = this.stream;
    this.stream = undefined;
    if (!s) return;
    try { (s as Duplex).end?.(); } catch { /* already closed */ }
    try { s.destroy(); } catch { /* already closed */ }
  }
}

/** A session on one container of one engine. */
abstract class SessionBase extends PacedSession {
  constructor(protected readonly engine: Engine, protected readonly containerId: string, pacing: PacingOptions = {}) {
    super(pacing);
  }
}

/** Pipes a hijacked/non-hijacked engine stream into a session's output. */
function decodeInto(stream: Readable, tty: boolean, out: (kind: StreamKind, text: string) => void): { flush(): void } {
  const decoders = { stdin: new StringDecoder('utf8'), stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  if (tty) {
    stream.on('data', (b: Buffer) => out('stdout', decoders.stdout.write(b)));
  } else {
    const demux = new Demuxer((kind, payload) => out(kind, toCrlf(decoders[kind].write(payload))));
    stream.on('data', (b: Buffer) => demux.push(b));
  }
  return { flush: () => { for (const [k, d] of Object.entries(decoders)) { const rest = d.end(); if (rest) out(k as StreamKind, tty ? rest : toCrlf(rest)); } } };
}

/**
 * Follows an engine log stream (TTY: raw, else multiplexed) as lines per stream kind, each split
 * by its own LineSplitter; when the stream ends, closes or fails, the unterminated last line of
 * each kind comes out, then `onEnd` is called, once.
 */
export function followLogLines(stream: Readable, tty: boolean, split: LineSplitterOptions, onLine: (kind: StreamKind, line: string) => void, onEnd: () => void): void {
  const splitters = { stdin: new LineSplitter(split), stdout: new LineSplitter(split), stderr: new LineSplitter(split) };
  const onChunk = (kind: StreamKind, payload: Buffer) => { for (const l of splitters[kind].push(payload)) onLine(kind, l); };
  if (tty) stream.on('data', (b: Buffer) => onChunk('stdout', b));
  else {
    const demux = new Demuxer(onChunk);
    stream.on('data', (b: Buffer) => demux.push(b));
  }
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const [k, s] of Object.entries(splitters)) { const rest = s.flush(); if (rest !== undefined) onLine(k as StreamKind, rest); }
    onEnd();
  };
  stream.on('end', end);
  stream.on('close', end);
  stream.on('error', end);
}

export interface ExecOptions {
  cmd: string[];
  user?: string;
  workdir?: string;
  env?: string[];
  tty?: boolean;
  pacing?: PacingOptions;
  /** How long close() lets the exec end by itself before hanging up on it (engine/execEnd.ts). */
  endTimings?: EndExecOptions;
}

/** `docker exec -it`: a process in a running container, with a TTY that follows the terminal's size. */
export class ExecSession extends SessionBase {
  private exec: ExecHandle | undefined;
  private started = false;
  private lastDims: Dimensions | undefined;
  private ending: Promise<ExecEnding> | undefined;

  constructor(engine: Engine, containerId: string, private readonly opts: ExecOptions) {
    super(engine, containerId, opts.pacing);
  }

  async start(dims?: Dimensions): Promise<void> {
    if (!this.opts.cmd.length) throw new EngineError('badRequest', l10n.t('No command to run.'));
    const state = await containerState(this.engine, this.containerId);
    if (!state.running || state.paused) throw notRunning(state.name, state.paused ? 'paused' : state.status);
    const tty = this.opts.tty ?? true;
    const what = l10n.t('Container {0}', state.name);
    this.exec = await startExec(this.engine, this.containerId, {
      cmd: this.opts.cmd, user: this.opts.user, workdir: this.opts.workdir, env: this.opts.env, tty,
    }, what);
    const stream = this.exec.stream;
    if (this.closing) {
      // Closed while the exec was being started: it runs now, so end it as close() would have.
      try { stream.end(); } catch { /* closed */ }
      this.ending = this.exec.end(this.opts.endTimings).finally(() => stream.destroy());
      return;
    }
    this.attachSource(stream);
    const decoded = decodeInto(stream, tty, (_k, t) => { if (!this.closing) this.output(t); });
    let ended = false;
    const onEnd = () => {
      if (ended) return;
      ended = true;
      decoded.flush();
      void this.ended(state.name);
    };
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    stream.on('error', onEnd);
    this.started = true;
    if (dims ?? this.lastDims) this.resize((dims ?? this.lastDims)!);
  }

  private async ended(name: string): Promise<void> {
    if (this.closing) return;
    // The exec's exit code is recorded a moment after its stream ends.
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const info = await this.exec!.inspect();
        if (!info.running && info.exitCode !== null && info.exitCode !== undefined) {
          return this.finish({ code: info.exitCode });
        }
      } catch (e) {
        const err = toEngineError(e, this.engine.host, l10n.t('Container {0}', name));
        return this.finish({ reason: err.kind === 'notFound' ? l10n.t('container {0} was removed', name) : err.message, error: err.kind !== 'notFound' });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const state = await containerState(this.engine, this.containerId).catch(() => undefined);
    return this.finish(state && !state.running ? { reason: l10n.t('container {0} stopped', name), code: state.exitCode } : { reason: l10n.t('the connection closed') });
  }

  override write(data: string): void {
    const s = this.stream as Duplex | undefined;
    if (s && !s.destroyed && s.writable) s.write(data);
  }

  override resize(dims: Dimensions): void {
    this.lastDims = dims;
    if (!this.started || !this.exec || this.exited) return;
    this.exec.resize(dims).catch(() => { /* the exec may have ended */ });
  }

  override close(): void {
    if (this.closing) return;
    // A TTY shell reads EOF (Ctrl-D) and exits; whatever does not is ended in destroyStream().
    const s = this.stream as Duplex | undefined;
    if (s && !this.exited && (this.opts.tty ?? true) && s.writable) {
      try { s.write('\x04'); } catch { /* closed */ }
    }
    super.close();
  }

  /**
   * Closing the connection does not end an exec, so the exec is ended for sure: its stdin is
   * closed (the EOF above is flushed, not cut off), and if it still runs after a short grace its
   * processes are hung up on, then killed (engine/execEnd.ts). The socket closes after that.
   */
  protected override destroyStream(): void {
    const s = this.stream as Duplex | undefined;
    this.stream = undefined;
    if (!s) return;
    const exec = this.exec;
    if (!exec || this.exited) {
      try { s.destroy(); } catch { /* already closed */ }
      return;
    }
    this.pacer.setSource(undefined);
    s.resume(); // output nobody reads any more must not block the process on a full pipe
    try { s.end(); } catch { /* already closed */ }
    this.ending = exec.end(this.opts.endTimings).finally(() => { try { s.destroy(); } catch { /* already closed */ } });
  }

  /** After close(): resolves when the exec ended, with how ("exited" by itself, "hungUp", "killed"). */
  whenEnded(): Promise<ExecEnding> {
    return this.ending ?? Promise.resolve('exited');
  }

  /** Exit details of the exec (after the session ended). */
  async inspect(): Promise<ExecInfo> {
    return this.exec!.inspect();
  }
}

export interface AttachOptions {
  /** Start the container once attached (`docker run -it`, `docker start -ai`). */
  startAfterAttach?: boolean;
  /** The engine's detach sequence; the default is Ctrl-P Ctrl-Q. */
  detachKeys?: string;
  pacing?: PacingOptions;
}

/** `docker attach`: the container's main process. Closing detaches; the container keeps running. */
export class AttachSession extends SessionBase {
  private tty = false;
  private openStdin = false;
  private warnedNoStdin = false;
  private name = '';
  private lastDims: Dimensions | undefined;
  /** For run: the exit code from /wait, which outlives an auto-removed (--rm) container. */
  private waitCode: Promise<number | undefined> | undefined;
  private readonly waitAbort = new AbortController();

  constructor(engine: Engine, containerId: string, private readonly opts: AttachOptions = {}) {
    super(engine, containerId, opts.pacing);
  }

  get hasTty(): boolean { return this.tty; }
  get hasStdin(): boolean { return this.openStdin; }

  async start(dims?: Dimensions): Promise<void> {
    const state = await containerState(this.engine, this.containerId);
    this.name = state.name;
    this.tty = state.tty;
    this.openStdin = state.openStdin;
    if (!this.opts.startAfterAttach && (!state.running || state.paused)) throw notRunning(state.name, state.paused ? 'paused' : state.status);
    const what = l10n.t('Container {0}', state.name);
    const stream = await attachContainer(this.engine, this.containerId, { stdin: this.openStdin, detachKeys: this.opts.detachKeys ?? 'ctrl-p,ctrl-q' }, what);
    if (this.closing) { stream.destroy(); return; }
    this.attachSource(stream);
    const decoded = decodeInto(stream, this.tty, (_k, t) => this.output(t));
    let ended = false;
    const onEnd = () => {
      if (ended) return;
      ended = true;
      decoded.flush();
      void this.ended();
    };
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    stream.on('error', onEnd);
    if (this.opts.startAfterAttach) {
      this.waitCode = waitForNextExit(this.engine, this.containerId, this.waitAbort.signal);
      await this.engine.startContainer(this.containerId);
    }
    const size = dims ?? this.lastDims;
    if (size) this.resize(size);
  }

  private async ended(): Promise<void> {
    if (this.closing) return;
    if (this.waitCode) {
      const code = await Promise.race([this.waitCode, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1500))]);
      if (code !== undefined) return this.finish({ code });
    }
    // Either the process ended, or the detach keys were typed — or the engine went away.
    let lostEngine: EngineError | undefined;
    const read = () => containerState(this.engine, this.containerId).catch((e: unknown) => {
      const err = toEngineError(e, this.engine.host, l10n.t('Container {0}', this.name));
      lostEngine = err.kind === 'notFound' ? undefined : err;
      return undefined;
    });
    let state = await read();
    for (let i = 0; state?.running && i < 10; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await read();
    }
    if (!state && lostEngine) return this.finish({ reason: lostEngine.message, error: true });
    if (!state) return this.finish({ reason: l10n.t('container {0} was removed', this.name) });
    if (state.running) return this.finish({ reason: l10n.t('detached; the container keeps running') });
    return this.finish({ code: state.exitCode, reason: l10n.t('container {0} stopped', this.name) });
  }

  override write(data: string): void {
    if (!this.openStdin) {
      if (!this.warnedNoStdin) {
        this.warnedNoStdin = true;
        this.output(`\r\n${YELLOW}[${l10n.t('This container was started without stdin (-i): input is not sent.')}]${RESET}\r\n`);
      }
      return;
    }
    const s = this.stream as Duplex | undefined;
    if (s && !s.destroyed && s.writable) s.write(data);
  }

  override resize(dims: Dimensions): void {
    this.lastDims = dims;
    if (!this.tty || !this.stream || this.exited) return;
    resizeContainer(this.engine, this.containerId, dims).catch(() => { /* stopped */ });
  }

  protected override async finish(exit: SessionExit): Promise<void> {
    this.waitAbort.abort();
    return super.finish(exit);
  }
}

export interface LogsOptions {
  /** Lines of history first ("all" or a count). */
  tail?: number | 'all';
  timestamps?: boolean;
  /** Unix seconds (engine form), from parseSince. */
  since?: string;
  /** Keep following across restarts (default true). */
  follow?: boolean;
  pacing?: PacingOptions;
}


/** Formats a banner line for the terminal (dim, between rules). */
export function bannerLine(text: string): string {
  return `${DIM}── ${text} ──${RESET}\r\n`;
}

/**
 * `docker logs -f --tail N [-t] [--since]`, demultiplexed, paced; when the container stops it
 * waits for the next start (an engine event) and continues where it left off, with a banner.
 */
export class LogsSession extends SessionBase {
  private lastSince: string | undefined;
  private eventStream: Readable | undefined;
  private name = '';
  private tty = false;
  /** Lines written (for tests and the status). */
  lines = 0;

  constructor(engine: Engine, containerId: string, private readonly opts: LogsOptions = {}) {
    super(engine, containerId, opts.pacing);
  }

  async start(): Promise<void> {
    const state = await containerState(this.engine, this.containerId);
    this.name = state.name;
    this.tty = state.tty;
    await this.open(true);
  }

  private async open(first: boolean): Promise<void> {
    const follow = this.opts.follow ?? true;
    const tail = first ? this.opts.tail ?? 1000 : 'all';
    const since = first ? this.opts.since : this.lastSince;
    const what = l10n.t('Container {0}', this.name);
    const stream = await openLogs(this.engine, this.containerId, { follow, tail, since }, what);
    if (this.closing) { stream.destroy(); return; }
    this.attachSource(stream);
    const resumeAfter = first ? undefined : this.lastSince;
    const emitLine = (kind: StreamKind, line: string) => {
      const { ts, text } = splitTimestamp(line);
      const s = ts ? timestampToSince(ts) : undefined;
      if (s) {
        if (resumeAfter && compareSince(s, resumeAfter) <= 0) return; // already shown before the restart
        this.lastSince = s;
      }
      this.lines++;
      const stamp = this.opts.timestamps && ts ? `${DIM}${ts}${RESET} ` : '';
      this.output(`${stamp}${text}${kind === 'stderr' && !this.tty ? RESET : ''}\r\n`);
    };
    // Progress bars ("\r" without "\n") keep only the line's last state, linearly and bounded.
    followLogLines(stream, this.tty, { carriageReturn: true, maxLine: MAX_TERMINAL_LINE }, emitLine, () => {
      // A failed reopen after a restart ends the session with its message, never an unhandled rejection.
      this.streamEnded().catch((e: unknown) => this.finish({ reason: describeError(e), error: true }));
    });
  }

  private async streamEnded(): Promise<void> {
    if (this.closing || this.exited) return;
    if (!(this.opts.follow ?? true)) return this.finish({ reason: l10n.t('end of log') });
    // Listen before looking, so a start between the two is not missed.
    let events: Readable;
    try {
      events = await containerLifecycleEvents(this.engine, this.containerId);
    } catch (e) {
      return this.finish({ reason: describeError(e), error: true });
    }
    if (this.closing) { events.destroy(); return; }
    this.eventStream = events;
    let lostEngine: EngineError | undefined;
    const state = await containerState(this.engine, this.containerId).catch((e: unknown) => {
      const err = toEngineError(e, this.engine.host, l10n.t('Container {0}', this.name));
      if (err.kind !== 'notFound') lostEngine = err; // the engine went away (shutting down): not "removed"
      return undefined;
    });
    if (!state && lostEngine) {
      events.destroy();
      return this.finish({ reason: lostEngine.message, error: true });
    }
    if (!state) {
      events.destroy();
      this.output(bannerLine(l10n.t('container {0} was removed', this.name)));
      return this.finish({ reason: l10n.t('container {0} was removed', this.name) });
    }
    if (state.running) {
      events.destroy();
      this.output(bannerLine(l10n.t('container {0} restarted {1}', this.name, new Date().toLocaleTimeString())));
      return this.open(false);
    }
    this.output(bannerLine(l10n.t('container {0} stopped (exit code {1}) — waiting for it to start again; close the terminal to stop following', this.name, state.exitCode ?? '?')));
    const lines = new LineSplitter();
    let done = false;
    events.on('data', (b: Buffer) => {
      for (const l of lines.push(b)) {
        if (done) continue;
        const action = parseEventLine(l)?.action;
        if (action === 'start') {
          done = true;
          events.destroy();
          this.output(bannerLine(l10n.t('container {0} started {1}', this.name, new Date().toLocaleTimeString())));
          this.open(false).catch((e) => { void this.finish({ reason: describeError(e), error: true }); });
        } else if (action === 'destroy') {
          done = true;
          events.destroy();
          this.output(bannerLine(l10n.t('container {0} was removed', this.name)));
          void this.finish({ reason: l10n.t('container {0} was removed', this.name) });
        }
      }
    });
    // The engine may end the stream cleanly ('end'/'close', e.g. shutting down) or with an error:
    // either way nothing will say the container started, so end the terminal and say why.
    const ended = () => {
      if (done || this.closing) return;
      done = true;
      events.destroy();
      void this.finish({ reason: l10n.t('the engine closed the event stream while container {0} was stopped; open View Logs again to follow it', this.name), error: true });
    };
    events.on('end', ended);
    events.on('close', ended);
    events.on('error', ended);
    if (events.destroyed || events.readableEnded) ended();
  }

  override close(): void {
    const ev = this.eventStream;
    this.eventStream = undefined;
    try { ev?.destroy(); } catch { /* closed */ }
    super.close();
  }
}

/** Whether a file is executable in the container (for picking bash over sh). */
export async function canExecute(engine: Engine, containerId: string, path: string): Promise<boolean> {
  const session = new ExecSession(engine, containerId, { cmd: ['test', '-x', path], tty: false });
  const exit = await new Promise<SessionExit>((resolve, reject) => {
    session.onExit(resolve);
    session.start().catch(reject);
  });
  return exit.code === 0;
}

/** The shell for "exec shell": the override, else bash when present, else sh. */
export async function pickShell(engine: Engine, containerId: string, override?: string): Promise<string[]> {
  if (override && override.trim()) return [override.trim()];
  for (const sh of ['/bin/bash', '/usr/bin/bash']) {
    if (await canExecute(engine, containerId, sh).catch(() => false)) return [sh];
  }
  return ['/bin/sh'];
}
