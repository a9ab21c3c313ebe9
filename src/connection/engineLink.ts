// One engine's connection: its Engine, its own event stream (reconnecting with backoff), its
// state. The active engine (EngineManager) and every pinned engine (EngineSet) each hold one.
// Nothing is polled: an answering engine is only followed through /events. No vscode import:
// the engine tier tests it against two real engines.
import { Engine } from '../engine/engine';
import { describeError, EngineError } from '../engine/errors';
import { EventStream } from '../engine/events';
import { ResolvedHost } from '../engine/hosts/resolve';
import { DockerEvent } from '../engine/models';
import { Emitter } from '../shared/emitter';

/** An engine's connection state. */
export type LinkState =
  | { kind: 'connecting'; resolved?: ResolvedHost }
  | { kind: 'connected'; resolved: ResolvedHost }
  | { kind: 'unreachable'; resolved?: ResolvedHost; message: string; error?: EngineError };

/** How a link names itself in the log and in its messages. */
export interface LinkOptions {
  log?: (level: 'info' | 'warn', line: string) => void;
  /** The link in log lines ("Pinned engine context:b"). */
  title?: string;
  /** Called with the host just resolved, before it is dialled (log where it came from). */
  onResolved?: (resolved: ResolvedHost) => void;
  /** An unreachable engine's message, given the error's (e.g. naming the docker context that picked it). */
  unreachableMessage?: (resolved: ResolvedHost, message: string) => string;
}

export class EngineLink {
  private current: Engine | undefined;
  private stream: EventStream | undefined;
  private _state: LinkState = { kind: 'connecting' };
  private disposed = false;
  /** State changed (connected, unreachable). */
  readonly onState = new Emitter<LinkState>();
  /** An engine event. */
  readonly onEvent = new Emitter<DockerEvent>();
  /** Everything of this engine may have changed (connected again: events may have been missed). */
  readonly onRefresh = new Emitter<void>();
  private readonly title: string;
  private readonly log: (level: 'info' | 'warn', line: string) => void;

  constructor(
    readonly key: string,
    /** Resolves the host now (a context may have changed on disk); throws a readable error. */
    private readonly resolve: () => ResolvedHost,
    private readonly options: LinkOptions = {},
  ) {
    this.title = options.title ?? `Pinned engine ${key}`;
    this.log = options.log ?? (() => undefined);
  }

  get state(): LinkState {
    return this._state;
  }

  /** Resolves the host and follows the engine's events (again). */
  connect(): void {
    if (this.disposed) return;
    this.stream?.stop();
    this.stream = undefined;
    this.current = undefined;
    let resolved: ResolvedHost;
    try {
      resolved = this.resolve();
    } catch (e) {
      this.setState({ kind: 'unreachable', message: describeError(e) });
      return;
    }
    this.options.onResolved?.(resolved);
    let engine: Engine;
    try {
      engine = new Engine(resolved);
    } catch (e) {
      // A bad URL or unreadable TLS material: nothing to dial.
      this.setState({ kind: 'unreachable', resolved, message: describeError(e) });
      return;
    }
    if (!this.options.onResolved) this.log('info', `${this.title}: ${resolved.host}`);
    this.current = engine;
    this.setState({ kind: 'connecting', resolved });
    const stream = new EventStream(engine);
    this.stream = stream;
    stream.onConnected.on(() => {
      if (this.stream !== stream) return;
      this.setState({ kind: 'connected', resolved });
      this.onRefresh.fire();
    });
    stream.onDisconnected.on((err: EngineError) => {
      if (this.stream !== stream) return;
      const message = this.options.unreachableMessage?.(resolved, err.message) ?? err.message;
      this.log('warn', `${this.title} unreachable: ${message}`);
      this.setState({ kind: 'unreachable', resolved, message, error: err });
      this.onRefresh.fire();
    });
    // After a host switch the old stream is stopped; none of its events may refresh the views.
    stream.onEvent.on((ev) => { if (this.stream === stream) this.onEvent.fire(ev); });
    stream.start();
  }

  /** Retry now: redial the same stream at once (no second stream), or resolve again when there is none. */
  retry(): void {
    if (this.stream && this._state.kind !== 'connected') this.stream.retryNow();
    else if (!this.stream) this.connect();
  }

  /** The engine to call; throws a readable error while the host cannot be resolved. */
  get engine(): Engine {
    if (!this.current) throw new EngineError('unreachable', this._state.kind === 'unreachable' ? this._state.message : `Engine ${this.key} is not connected yet.`);
    return this.current;
  }

  /** The engine when there is one (the host resolved), without throwing. */
  get engineIfAny(): Engine | undefined {
    return this.current;
  }

  /** True while it has an event stream (following, or waiting to dial again). */
  get dialling(): boolean {
    return !!this.stream;
  }

  /** True while its event stream is open. */
  get following(): boolean {
    return !!this.stream?.connected;
  }

  private setState(state: LinkState): void {
    this._state = state;
    this.onState.fire(state);
  }

  /** Closes the event stream; the link is unusable afterwards. */
  dispose(): void {
    this.disposed = true;
    this.stream?.stop();
    this.stream = undefined;
    this.current = undefined;
    this.onState.clear();
    this.onEvent.clear();
    this.onRefresh.clear();
  }
}
