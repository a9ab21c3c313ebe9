import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { registerDockerfile } from './dockerfile/register';
import { registerExplorer } from './explorer/register';
import { registerCommands } from './commands/register';
import { registerStatusBar } from './ui/statusBar';
import { registerContexts } from './contexts/register';
import { registerTerminals } from './terminals/register';
import { registerBuild } from './build/commands';
import { registerCompose } from './compose/commands';

export function activate(context: vscode.ExtensionContext): void {
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  registerExplorer(ctx);
  const docs = registerCommands(ctx);
  registerStatusBar(ctx);
  registerTerminals(ctx, docs);
  registerBuild(ctx);
  registerCompose(ctx);
  registerContexts(ctx);
  registerDockerfile(ctx);
  ctx.engine.start();
}

export function deactivate(): void {
  // Everything is owned by the Ctx in context.subscriptions.
}
