// The `dockyard` debug type: resolves a launch configuration by starting the program in a
// container with its debugger listening (then hands over to js-debug's `node` or debugpy's
// attach), and an attach configuration by finding the debugger of a running container. The
// containers it started are removed when their debug session ends, fails or never starts.
import * as vscode from 'vscode';
import { describeError } from '../shared/errors';
import type { Ctx } from '../ctx';
import {
  debugCommand, debuggerAddress, DebuggerAddress, debuggerHostPort, engineIsLocal, inspectForDebugger,
  removeDebugContainer, startDebugContainer, waitForDebugger,
} from '../engine/debugContainer';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { attachConfiguration, checkAttach, checkLaunch, DEBUG_TYPE, detectProject, launchConfigFor, pickRuntimeImage } from './detect';
import { folderView } from './folder';

/** The key the resolved configuration carries, so its session's end finds what to clean up. */
export const SESSION_KEY = '__dockyardDebug';

interface Owned {
  engine: Engine;
  /** The container Dockyard started (launch); undefined for an attach. */
  containerId?: string;
  address: DebuggerAddress;
  started: boolean;
}

/** What launch/attach started, by session key; removed when the session ends. */
export class DebugContainers implements vscode.Disposable {
  private readonly owned = new Map<string, Owned>();
  private next = 1;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.subscriptions = [
      vscode.debug.onDidStartDebugSession((s) => {
        const o = this.owned.get(keyOf(s));
        if (o) o.started = true;
      }),
      vscode.debug.onDidTerminateDebugSession((s) => { void this.release(keyOf(s)); }),
      // Stop on an attach session asks the adapter to end the debuggee too (terminateDebuggee).
      // js-debug then kills the process tree of the pid the program reports — a pid of the
      // container's namespace, which on this machine is some unrelated process. So our sessions
      // only ever detach; the container Dockyard started is removed when the session ends.
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (s) => (isOurs(s) ? {
          onWillReceiveMessage: (m: { type?: string; command?: string; arguments?: { terminateDebuggee?: boolean } }) => {
            if (m.type === 'request' && m.command === 'disconnect' && m.arguments) m.arguments.terminateDebuggee = false;
          },
        } : undefined),
      }),
    ];
  }

  /** Records what a resolution started; if no session takes it within a minute, it is released. */
  add(o: Omit<Owned, 'started'>): string {
    const key = `dockyard-debug-${this.next++}`;
    this.owned.set(key, { ...o, started: false });
    const timer = setTimeout(() => { if (this.owned.get(key)?.started === false) void this.release(key); }, 60_000);
    timer.unref?.();
    return key;
  }

  async release(key: string): Promise<void> {
    const o = this.owned.get(key);
    if (!o) return;
    this.owned.delete(key);
    o.address.close();
    if (!o.containerId) return;
    try {
      await removeDebugContainer(o.engine, o.containerId);
      this.ctx.log.info(`Debug in Container: removed ${o.containerId.slice(0, 12)}`);
    } catch (e) {
      this.ctx.log.warn(`Debug in Container: could not remove ${o.containerId.slice(0, 12)}: ${describeError(e)}`);
    }
  }

  /** Containers still owned (extension-host tests read this). */
  get size(): number {
    return this.owned.size;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const key of [...this.owned.keys()]) void this.release(key);
  }
}

/** A session Dockyard resolved, or a child session of one (js-debug's per-process sessions). */
function isOurs(s: vscode.DebugSession | undefined): boolean {
  for (let x = s; x; x = x.parentSession) if (keyOf(x)) return true;
  return false;
}

function keyOf(s: vscode.DebugSession): string {
  const k = (s.configuration as Record<string, unknown>)[SESSION_KEY];
  return typeof k === 'string' ? k : '';
}

/** In an untrusted workspace, the configuration's image and command run only once the user says so. */
async function confirmUntrusted(engine: Engine, image: string, command: string[]): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const run = vscode.l10n.t('Run');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('This workspace is not trusted. Its launch configuration asks to run a program in a container. Run it?'),
    { modal: true, detail: vscode.l10n.t('Engine: {0}\nImage: {1}\nCommand: {2}', engine.host, image, command.join(' ')) },
    run,
  );
  return answer === run;
}

/** The key under which a command hands its engine to the resolution it starts (one use). */
export const ENGINE_KEY = '__dockyardEngine';

export class DockyardDebugProvider implements vscode.DebugConfigurationProvider {
  /** Engines commands started on a tree item of a pinned engine handed over, by one-time token. */
  private readonly handedOver = new Map<string, Engine>();
  private nextToken = 1;

  constructor(private readonly ctx: Ctx, private readonly containers: DebugContainers) {}

  /** A token that makes the next resolution of a configuration carrying it use `engine`. */
  handOver(engine: Engine): string {
    const token = `engine-${this.nextToken++}-${Date.now()}`;
    this.handedOver.set(token, engine);
    return token;
  }

  /** The engine a configuration runs on: one a command handed over, else the active one (never one the workspace names). */
  private engineFor(config: vscode.DebugConfiguration): Engine {
    const token = (config as Record<string, unknown>)[ENGINE_KEY];
    const handed = typeof token === 'string' ? this.handedOver.get(token) : undefined;
    if (typeof token === 'string') this.handedOver.delete(token);
    return handed ?? this.ctx.connection.engine;
  }

  provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): vscode.DebugConfiguration[] {
    const project = folder ? detectProject(folderView(folder.uri.fsPath)) : undefined;
    return [launchConfigFor(project ?? { runtime: 'node', program: 'index.js', args: [] }, project?.runtime === 'python' ? 'python:3-slim' : 'node:lts-slim') as unknown as vscode.DebugConfiguration];
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration, token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration | undefined | null> {
    if (config.type !== DEBUG_TYPE) return config;
    try {
      if (config.request === 'attach') return await this.attach(folder, config, token);
      return await this.launch(folder, config, token);
    } catch (e) {
      this.ctx.showError(e);
      return undefined;
    }
  }

  /** Says what is wrong with a configuration; nothing starts. */
  private refuse(config: vscode.DebugConfiguration, reason: string): undefined {
    void vscode.window.showErrorMessage(vscode.l10n.t('Debug configuration "{0}": {1}', String(config.name ?? DEBUG_TYPE), reason));
    return undefined;
  }

  private async launch(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration, token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration | undefined> {
    const checked = checkLaunch(config as Record<string, unknown>, folder?.uri.fsPath);
    if (typeof checked === 'string') return this.refuse(config, checked);
    const engine = this.engineFor(config);
    const image = checked.image ?? pickRuntimeImage(checked.runtime, await engine.listImages());
    if (!image) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The engine {0} has no {1} image. Pull one (e.g. {2}) or set "image" in the debug configuration.', engine.host, checked.runtime, checked.runtime === 'node' ? 'node:lts-slim' : 'python:3-slim'));
      return undefined;
    }
    const command = debugCommand(checked);
    if (!(await confirmUntrusted(engine, image, command))) return undefined;
    const local = engineIsLocal(engine.host);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting {0} in a container on {1}…', checked.program, engine.host), cancellable: false }, async () => {
      const c = await startDebugContainer(engine, { ...checked, image, copy: !local });
      this.ctx.log.info(`Debug in Container: started ${c.name} (${c.id.slice(0, 12)}) from ${image} on ${engine.host}: ${command.join(' ')}`);
      let address: DebuggerAddress | undefined;
      try {
        await waitForDebugger(engine, c.id, checked.runtime);
        if (token?.isCancellationRequested) throw new vscode.CancellationError();
        const hostPort = await debuggerHostPort(engine, c.id, checked.port, checked.network);
        address = await debuggerAddress(engine, hostPort);
      } catch (e) {
        await removeDebugContainer(engine, c.id).catch(() => undefined);
        throw e;
      }
      const key = this.containers.add({ engine, containerId: c.id, address });
      return attachConfiguration(checked.runtime, String(config.name ?? c.name), address.address, address.port, checked.localRoot, checked.remoteRoot,
        { [SESSION_KEY]: key, dockyardContainer: c.name }) as vscode.DebugConfiguration;
    });
  }

  private async attach(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration, _token?: vscode.CancellationToken): Promise<vscode.DebugConfiguration | undefined> {
    const checked = checkAttach(config as Record<string, unknown>, folder?.uri.fsPath);
    if (typeof checked === 'string') return this.refuse(config, checked);
    const engine = this.engineFor(config);
    const target = await inspectForDebugger(engine, checked.container);
    const runtime = checked.runtime ?? target?.debugger.runtime;
    const port = checked.port ?? target?.debugger.port;
    if (!runtime || !port) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} runs no process that listens for a debugger (node --inspect, debugpy --listen) and exposes neither 9229 nor 5678. Start it with one, or set "runtime" and "port".', checked.container));
      return undefined;
    }
    const network = target?.network ?? 'bridge';
    let hostPort: number;
    try {
      hostPort = await debuggerHostPort(engine, checked.container, port, network);
    } catch (e) {
      if (!(e instanceof EngineError && e.kind === 'conflict')) throw e;
      void vscode.window.showErrorMessage(vscode.l10n.t('The debugger port {0} of {1} is not published, so nothing outside the container reaches it. Recreate the container with -p 127.0.0.1::{0} (or on the host network).', port, checked.container));
      return undefined;
    }
    const address = await debuggerAddress(engine, hostPort);
    const key = this.containers.add({ engine, address });
    return attachConfiguration(runtime, String(config.name ?? checked.container), address.address, address.port, checked.localRoot, checked.remoteRoot ?? target?.workingDir ?? '/',
      { [SESSION_KEY]: key, continueOnAttach: false }) as vscode.DebugConfiguration;
  }
}
