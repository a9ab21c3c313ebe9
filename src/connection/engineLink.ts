// One pinned engine's connection, beside the active one (EngineManager): its Engine, its own
// event stream (reconnecting with backoff), its state. Nothing is polled: an answering engine
// is only followed through /events. No vscode import: the engine tier tests it against two
// real engines.
import { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { EventStream } from '../engine/events';
import { HostResolutionError, ResolvedHost } from '../engine/hosts/resolve';
import { DockerEvent } from '../engine/models';
import { Emitter } from '../shared/emitter';

/** The same shape as EngineManager's EngineState. */
export type LinkState =
  | { kind: 'connecting'; resolved?: ResolvedHost }
  | { kind: 'connected'; resolved: ResolvedHost }
  | { kind: 'unreachable'; resolved?: ResolvedHost; message: string; error?: EngineError };

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

  constructor(
    readonly key: string,
    /** Resolves the host now (a context may have changed on disk); throws HostResolutionError. */
    private readonly resolve: () => ResolvedHost,
    private readonly log: (level: 'info' | 'warn', line: string) => void = () => undefined,
  ) {}

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
      this.setState({ kind: 'unreachable', message: e instanceof HostResolutionError || e instanceof Error ? e.message : String(e) });
      return;
    }
    let engine: Engine;
    try {
      engine = new Engine(resolved);
    } catch (e) {
      this.setState({ kind: 'unreachable', resolved, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.log('info', `Pinned engine ${this.key}: ${resolved.host}`);
    this.current = engine;
    this.setState({ kind: 'connecting', resolved });
    const stream = new EventStream(engine);
    this.stream = stream;
    stream.on('connected', () => {
      if (this.stream !== stream) return;
      this.setState({ kind: 'connected', resolved });
      this.onRefresh.fire();
    });
    stream.on('disconnected', (err: EngineError) => {
      if (this.stream !== stream) return;
      this.log('warn', `Pinned engine ${this.key} unreachable: ${err.message}`);
      this.setState({ kind: 'unreachable', resolved, message: err.message, error: err });
      this.onRefresh.fire();
    });
    stream.on('event', (ev) => { if (this.stream === stream) this.onEvent.fire(ev); });
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
