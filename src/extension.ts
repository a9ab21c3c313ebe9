import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { registerDockerfile } from './dockerfile/register';
import { Explorer, registerExplorer } from './explorer/register';
import { registerCommands } from './commands/register';
import { registerStatusBar } from './ui/statusBar';
import { registerContexts } from './contexts/register';
import { registerTerminals } from './terminals/register';
import { registerBuild } from './build/commands';
import { registerCompose } from './compose/commands';
import { registerComposeLanguage } from './compose/languageProviders';

/** What activate() exports: the views, for extension-host tests and other extensions. */
export interface DockyardApi {
  explorer: Explorer | undefined;
}

export function activate(context: vscode.ExtensionContext): DockyardApi {
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  // One feature failing to register must not take the others down with it.
  const feature = (name: string, register: () => void) => {
    try {
      register();
    } catch (e) {
      ctx.log.error(`Dockyard: ${name} failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Dockyard: ${name} failed to start (${e instanceof Error ? e.message : String(e)}). See Output → Dockyard.`);
    }
  };
  feature('explorer', () => registerExplorer(ctx));
  let docs: ReturnType<typeof registerCommands> | undefined;
  feature('commands', () => { docs = registerCommands(ctx); });
  feature('status bar', () => registerStatusBar(ctx));
  feature('terminals', () => { if (docs) registerTerminals(ctx, docs); });
  feature('build', () => registerBuild(ctx));
  feature('compose', () => registerCompose(ctx));
  feature('compose language', () => registerComposeLanguage(ctx));
  feature('contexts', () => registerContexts(ctx));
  feature('Dockerfile language', () => registerDockerfile(ctx));
  ctx.engine.start();
  return { explorer: ctx.explorer };
}

export function deactivate(): void {
  // Everything is owned by the Ctx in context.subscriptions.
}
