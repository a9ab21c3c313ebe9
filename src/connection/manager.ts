// The vscode side of the engine: owns the current Engine, resolves the host from settings and
// the environment, follows the event stream, watches the docker context store (the one watcher),
// and publishes connection state.
import * as vscode from 'vscode';
import { HostWatcher, nodeHostInputs } from '../engine/hosts/dockerContexts';
import { describeSource, HostResolutionError, ResolvedHost, resolveHost } from '../engine/hosts/resolve';
import { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { EventStream } from '../engine/events';
import { DockerEvent } from '../engine/models';
import { TrustedSettings } from './trustedSettings';

export type EngineState =
  | { kind: 'connecting'; resolved?: ResolvedHost }
  | { kind: 'connected'; resolved: ResolvedHost }
  | { kind: 'unreachable'; resolved?: ResolvedHost; message: string; error?: EngineError };

export class EngineManager implements vscode.Disposable {
  private current: Engine | undefined;
  /** The current engine's host is dockyard.host from the workspace's settings (not the user's). */
  private workspaceHost = false;
  private stream: EventStream | undefined;
  private _state: EngineState = { kind: 'connecting' };
  private readonly stateEmitter = new vscode.EventEmitter<EngineState>();
  private readonly eventEmitter = new vscode.EventEmitter<DockerEvent>();
  private readonly refreshEmitter = new vscode.EventEmitter<void>();
  private readonly contextsEmitter = new vscode.EventEmitter<void>();
  private readonly configListener: vscode.Disposable;
  private readonly trustListener: vscode.Disposable;
  /** dockyard.host from an untrusted workspace is ignored (it would pick the engine credentials go to). */
  private readonly settings: TrustedSettings;
  /** Follows ~/.docker/config.json and the context store (docker context use/create/update outside). */
  private readonly hostWatcher: HostWatcher;

  /** Connection state changed (connected, unreachable, switched host). */
  readonly onDidChangeState = this.stateEmitter.event;
  /** An engine event (container start, image tag, …). */
  readonly onDidEvent = this.eventEmitter.event;
  /** Everything may have changed: reconnect, host switch, or an explicit refresh. */
  readonly onDidRequestRefresh = this.refreshEmitter.event;
  /** Something in config.json or the context store changed (a context created, removed, switched). */
  readonly onDidChangeDockerContexts = this.contextsEmitter.event;

  constructor(config: () => vscode.WorkspaceConfiguration, private readonly log: vscode.LogOutputChannel) {
    this.settings = new TrustedSettings(config, log);
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockyard.host')) this.reconnect();
    });
    // Trusting the workspace may bring its dockyard.host into effect.
    this.trustListener = vscode.workspace.onDidGrantWorkspaceTrust(() => this.reconnect());
    this.hostWatcher = new HostWatcher(() => this.inputs(), () => {
      this.log.info('Docker context or config.json changed: reconnecting.');
      this.reconnect();
    }, 150, () => this.contextsEmitter.fire());
  }

  get state(): EngineState {
    return this._state;
  }

  /** Starts following the engine; call once after features registered their listeners. */
  start(): void {
    this.reconnect();
  }

  /** Re-resolves the host and reconnects (settings changed, context switched, Retry). */
  reconnect(): void {
    this.stream?.stop();
    this.stream = undefined;
    this.current = undefined;
    this.hostWatcher.rebase();
    let resolved: ResolvedHost;
    let engine: Engine;
    try {
      resolved = this.resolve();
    } catch (e) {
      const message = e instanceof HostResolutionError ? e.message : String(e);
      this.setState({ kind: 'unreachable', message });
      return;
    }
    this.workspaceHost = resolved.source === 'setting' && this.settings.fromWorkspace('host');
    this.log.info(`Engine: ${resolved.host} (${describeSource(resolved)}${this.workspaceHost ? ', from the workspace settings' : ''})`);
    if (resolved.warning) this.log.warn(resolved.warning);
    try {
      engine = new Engine(resolved);
    } catch (e) {
      // A bad URL or unreadable TLS material: nothing to dial.
      const message = e instanceof Error ? e.message : String(e);
      this.setState({ kind: 'unreachable', resolved, message });
      return;
    }
    this.current = engine;
    this.setState({ kind: 'connecting', resolved });
    const stream = new EventStream(engine);
    this.stream = stream;
    stream.on('connected', () => {
      if (this.stream !== stream) return;
      this.setState({ kind: 'connected', resolved });
      this.refreshEmitter.fire();
    });
    stream.on('disconnected', (err: EngineError) => {
      if (this.stream !== stream) return;
      const via = resolved.source === 'config' || resolved.source === 'DOCKER_CONTEXT' ? ` [docker context "${resolved.context}"]` : '';
      this.log.warn(`Engine unreachable: ${err.message}${via}`);
      this.setState({ kind: 'unreachable', resolved, message: `${err.message}${via}`, error: err });
      this.refreshEmitter.fire();
    });
    // After a host switch the old stream is stopped; none of its events may refresh the views.
    stream.on('event', (ev) => {
      if (this.stream === stream) this.eventEmitter.fire(ev);
    });
    stream.start();
  }

  /** Retry now: reconnects immediately instead of waiting for the backoff. */
  retry(): void {
    if (this.stream && this._state.kind !== 'connected') this.stream.retryNow();
    else this.reconnect();
  }

  /** What host resolution reads: the setting, the environment, the real file system. */
  inputs() {
    return nodeHostInputs(this.settings.get<string>('host', ''));
  }

  private resolve(): ResolvedHost {
    return resolveHost(this.inputs());
  }

  private setState(state: EngineState): void {
    this._state = state;
    void vscode.commands.executeCommand('setContext', 'dockyard.engineState', state.kind);
    // Which welcome text explains an unreachable engine: the error's kind, or 'config' when
    // the host itself could not be resolved.
    const kind = state.kind === 'unreachable' ? state.error?.kind ?? 'config' : '';
    const errorKind = ['', 'config', 'unreachable', 'permission', 'tls', 'hostKey', 'auth', 'timeout'].includes(kind) ? kind : 'unknown';
    void vscode.commands.executeCommand('setContext', 'dockyard.engineError', errorKind);
    this.stateEmitter.fire(state);
  }

  /**
   * The engine to call; throws a readable error when there is none. Inside a command started
   * on an item of another shown engine (see EngineSet), that engine.
   */
  get engine(): Engine {
    return this.scoped?.() ?? this.activeEngine;
  }

  /** Set once by the EngineSet: the engine the running command acts on, when not the active one. */
  private scoped: (() => Engine | undefined) | undefined;

  scopeEngines(scoped: () => Engine | undefined): void {
    this.scoped = scoped;
  }

  /** The active engine, whatever command is running. */
  get activeEngine(): Engine {
    if (!this.current) {
      throw new EngineError('unreachable', this._state.kind === 'unreachable' ? this._state.message : vscode.l10n.t('Docker engine is not configured.'));
    }
    return this.current;
  }

  /**
   * The engine's host when it came from dockyard.host in the workspace's settings (a cloned
   * repository can set it): registry credentials go there only after the user confirmed it.
   */
  get hostFromWorkspaceSettings(): string | undefined {
    return this.current && this.workspaceHost ? this.current.host : undefined;
  }

  /** Asks every view to refresh. */
  refreshAll(): void {
    this.refreshEmitter.fire();
  }

  /** True for "the object is gone": the caller's view is stale. */
  isMissingObject(e: unknown): boolean {
    return e instanceof EngineError && e.kind === 'notFound';
  }

  dispose(): void {
    this.stream?.stop();
    this.configListener.dispose();
    this.trustListener.dispose();
    this.hostWatcher.dispose();
    this.stateEmitter.dispose();
    this.eventEmitter.dispose();
    this.refreshEmitter.dispose();
    this.contextsEmitter.dispose();
  }
}
