// Docker contexts and the connection in the UI: the status bar, the Contexts view, and the commands that act on the
// connection itself (retry, log, settings, switch context, trust a host key).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { engineKeyOfArgs } from '../connection/engineArgs';
import { dockerContextsView } from './view';
import { registerStatusBar } from './statusBar';

export function registerDockerContexts(ctx: Ctx): void {
  registerStatusBar(ctx);
  const contexts = dockerContextsView(ctx);
  ctx.registerCommands({
    // An engine's root (several engines shown) retries that engine; elsewhere the active one.
    'dockyard.engine.retry': (item?: unknown) => ctx.engines.retry(engineKeyOfArgs([item])),
    'dockyard.engine.showLog': () => ctx.log.show(),
    'dockyard.engine.openSettings': () => vscode.commands.executeCommand('workbench.action.openSettings', 'dockyard.host'),
    'dockyard.context.use': contexts.use,
    'dockyard.context.pick': contexts.pick,
    'dockyard.contexts.refresh': contexts.refresh,
    'dockyard.context.trustHost': contexts.trustHost,
    'dockyard.context.pin': contexts.pin(true),
    'dockyard.context.unpin': contexts.pin(false),
  });
}
