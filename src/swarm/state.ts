// Whether the engine an EngineManager follows is a swarm manager: read from /info on connect and
// refresh, after node events and after Dockyard's own init/leave. Sets the `dockyard.swarm.manager`
// context key that shows the swarm views. One per EngineManager; a Swarm per Engine.
import * as vscode from 'vscode';
import type { EngineManager } from '../connection/manager';
import type { Engine } from '../engine/engine';
import { Swarm } from '../engine/swarm';
import { mayChangeSwarmMembership, SwarmInfo } from '../engine/swarmModel';
import { describeError } from '../shared/errors';

const swarms = new WeakMap<Engine, Swarm>();

/** The Swarm of an engine (one per Engine object). */
export function swarmOf(engine: Engine): Swarm {
  let s = swarms.get(engine);
  if (!s) { s = new Swarm(engine); swarms.set(engine, s); }
  return s;
}

export class SwarmState implements vscode.Disposable {
  private _info: SwarmInfo | undefined;
  private readonly changed = new vscode.EventEmitter<SwarmInfo | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private reading: Promise<void> | undefined;
  private again = false;

  constructor(private readonly connection: EngineManager, private readonly log: vscode.LogOutputChannel) {
    this.subs.push(connection.onDidRequestRefresh(() => this.refresh()));
    this.subs.push(connection.onDidChangeState(() => this.refresh()));
    this.subs.push(connection.onDidEvent((ev) => { if (mayChangeSwarmMembership(ev)) this.refresh(); }));
    void this.setContext(undefined);
  }

  get info(): SwarmInfo | undefined {
    return this._info;
  }

  get isManager(): boolean {
    return !!this._info?.controlAvailable;
  }

  /** The current engine's Swarm; throws the connection's readable error when there is none. */
  get swarm(): Swarm {
    return swarmOf(this.connection.engine);
  }

  /** Re-reads /info (coalesced: one read at a time, one more if asked meanwhile). */
  refresh(): Promise<void> {
    if (this.reading) { this.again = true; return this.reading; }
    this.reading = (async () => {
      do {
        this.again = false;
        await this.read();
      } while (this.again);
    })().finally(() => { this.reading = undefined; });
    return this.reading;
  }

  private async read(): Promise<void> {
    let info: SwarmInfo | undefined;
    if (this.connection.state.kind === 'connected') {
      try {
        info = await this.swarm.info();
      } catch (e) {
        this.log.warn(`Swarm state: ${describeError(e)}`);
      }
    }
    const before = this._info;
    this._info = info;
    if (before?.controlAvailable !== info?.controlAvailable || before?.nodeState !== info?.nodeState || before?.nodeId !== info?.nodeId) {
      await this.setContext(info);
      this.changed.fire(info);
    }
  }

  private async setContext(info: SwarmInfo | undefined): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'dockyard.swarm.manager', !!info?.controlAvailable);
    await vscode.commands.executeCommand('setContext', 'dockyard.swarm.state', info?.nodeState ?? 'unknown');
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}
