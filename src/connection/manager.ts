// The vscode side of the active engine: resolves its host from settings and the environment,
// follows it through an EngineLink (the same connection a pinned engine has), watches the docker
// context store (the one watcher), and publishes connection state.
import * as vscode from 'vscode';
import { HostWatcher, nodeHostInputs } from '../engine/hosts/dockerContexts';
import { describeSource, resolveHost } from '../engine/hosts/resolve';
import { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { DockerEvent } from '../engine/models';
import { EngineLink, LinkState } from './engineLink';
import { TrustedSettings } from './trustedSettings';

export class EngineManager implements vscode.Disposable {
  /** The current engine's host is dockyard.host from the workspace's settings (not the user's). */
  private workspaceHost = false;
  private readonly link: EngineLink;
  private readonly stateEmitter = new vscode.EventEmitter<LinkState>();
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
    this.link = new EngineLink('active', () => resolveHost(this.inputs()), {
      title: 'Engine',
      log: (level, line) => (level === 'warn' ? log.warn(line) : log.info(line)),
      onResolved: (resolved) => {
        this.workspaceHost = resolved.source === 'setting' && this.settings.fromWorkspace('host');
        this.log.info(`Engine: ${resolved.host} (${describeSource(resolved)}${this.workspaceHost ? ', from the workspace settings' : ''})`);
        if (resolved.warning) this.log.warn(resolved.warning);
      },
      unreachableMessage: (resolved, message) => (resolved.source === 'config' || resolved.source === 'DOCKER_CONTEXT' ? vscode.l10n.t('{0} [docker context "{1}"]', message, resolved.context) : message),
    });
    this.link.onState.on((state) => this.stateChanged(state));
    this.link.onEvent.on((ev) => this.eventEmitter.fire(ev));
    this.link.onRefresh.on(() => this.refreshEmitter.fire());
  }

  get state(): LinkState {
    return this.link.state;
  }

  /** Starts following the engine; call once after features registered their listeners. */
  start(): void {
    this.reconnect();
  }

  /** Re-resolves the host and reconnects (settings changed, context switched, Retry). */
  reconnect(): void {
    this.hostWatcher.rebase();
    this.workspaceHost = false;
    this.link.connect();
  }

  /** Retry now: redials at once instead of waiting for the backoff; re-resolves when connected. */
  retry(): void {
    if (this.link.dialling && this.link.state.kind !== 'connected') this.link.retry();
    else this.reconnect();
  }

  /** What host resolution reads: the setting, the environment, the real file system. */
  inputs() {
    return nodeHostInputs(this.settings.get<string>('host', ''));
  }

  private stateChanged(state: LinkState): void {
    void vscode.commands.executeCommand('setContext', 'dockyard.engineState', state.kind);
    // Which welcome text explains an unreachable engine: the error's kind, or 'config' when
    // the host itself could not be resolved.
    const kind = state.kind === 'unreachable' ? state.error?.kind ?? 'config' : '';
    const errorKind = ['', 'config', 'unreachable', 'permission', 'tls', 'hostKey', 'auth', 'timeout'].includes(kind) ? kind : 'unknown';
    void vscode.commands.executeCommand('setContext', 'dockyard.engineError', errorKind);
    this.stateEmitter.fire(state);
  }

  /** The active engine; throws a readable error when there is none (the host cannot be resolved). */
  get engine(): Engine {
    const engine = this.link.engineIfAny;
    if (!engine) {
      throw new EngineError('unreachable', this.state.kind === 'unreachable' ? this.state.message : vscode.l10n.t('Docker engine is not configured.'));
    }
    return engine;
  }

  /**
   * The engine's host when it came from dockyard.host in the workspace's settings (a cloned
   * repository can set it): registry credentials go there only after the user confirmed it.
   */
  get hostFromWorkspaceSettings(): string | undefined {
    const engine = this.link.engineIfAny;
    return engine && this.workspaceHost ? engine.host : undefined;
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
    this.link.dispose();
    this.configListener.dispose();
    this.trustListener.dispose();
    this.hostWatcher.dispose();
    this.stateEmitter.dispose();
    this.eventEmitter.dispose();
    this.refreshEmitter.dispose();
    this.contextsEmitter.dispose();
  }
}
