import * as vscode from 'vscode';
import { EngineSet } from './connection/engineSet';
import { EngineManager } from './connection/manager';
import { TrustedSettings } from './connection/trustedSettings';
import type { PaletteEngine } from './connection/engineArgs';
import type { Engine } from './engine/engine';
import { describeError } from './engine/errors';
import { WorkspaceNotTrustedError } from './shared/trust';

/** A command handler; tree commands receive (clicked item, all selected items). */
export type CommandHandler = (...args: unknown[]) => unknown;

/** A command that acts on an engine: it is handed the engine first, then the command's arguments. */
export type EngineCommandHandler = (engine: Engine, ...args: unknown[]) => unknown;

/**
 * One per activation: settings, the engines, the log, and every disposable. Features register
 * their commands through it and hand it what they own; a feature's state lives in what its
 * register function creates (never in a slot on the Ctx).
 */
export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  /** The engine Dockerode talks to, its state and its events. */
  readonly connection: EngineManager;
  /** The engines shown side by side: the active one (`connection`) and those pinned in dockyard.engines. */
  readonly engines: EngineSet;
  private readonly disposables: vscode.Disposable[] = [];
  /** Settings read honouring workspace trust (dockyard.terminal.* from an untrusted workspace are ignored). */
  private readonly settings: TrustedSettings;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.own(vscode.window.createOutputChannel('Dockyard', { log: true }));
    this.settings = new TrustedSettings(() => this.config(), this.log);
    this.connection = this.own(new EngineManager(() => this.config(), this.log));
    this.engines = this.own(new EngineSet(this.connection, () => this.settings.get<unknown>('engines', []), this.log));
  }

  /** The `dockyard.*` settings. */
  config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('dockyard');
  }

  setting<T>(key: string, fallback: T): T {
    return this.settings.get<T>(key, fallback);
  }

  /** Takes ownership of a disposable: it is disposed when the extension deactivates. */
  own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  /**
   * Registers a table of commands. Failures become one readable message (and a log line),
   * never an unhandled rejection.
   */
  registerCommands(table: Record<string, CommandHandler>): void {
    for (const [id, handler] of Object.entries(table)) {
      this.own(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (e) {
          this.showError(e);
          return undefined;
        }
      }));
    }
  }

  /**
   * Registers a table of commands that act on an engine: each handler is handed the engine of
   * the item it was started on; from the palette with several engines shown, the engine the user
   * picks (`palette` 'ask') or the active one ('active'). See connection/engineArgs.ts.
   */
  registerEngineCommands(table: Record<string, EngineCommandHandler>, palette: PaletteEngine = 'ask'): void {
    const commands: Record<string, CommandHandler> = {};
    for (const [id, handler] of Object.entries(table)) commands[id] = (...args: unknown[]) => this.engines.runEngineCommand(args, palette, handler);
    this.registerCommands(commands);
  }

  /** One message for a failed action; the full error goes to the log. */
  showError(e: unknown): void {
    const message = describeError(e);
    this.log.error(message);
    if (e instanceof WorkspaceNotTrustedError) {
      const manage = vscode.l10n.t('Manage Workspace Trust');
      void vscode.window.showErrorMessage(message, manage).then((a) => { if (a === manage) void vscode.commands.executeCommand('workbench.trust.manage'); });
      return;
    }
    void vscode.window.showErrorMessage(message);
    if (this.connection.isMissingObject(e)) this.connection.refreshAll();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try { d.dispose(); } catch { /* keep disposing the rest */ }
    }
  }
}
