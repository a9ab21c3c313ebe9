import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { EngineState } from '../engine/manager';

/** Shows which engine Dockyard talks to, and whether it answers. */
export function registerStatusBar(ctx: Ctx): void {
  const item = ctx.own(vscode.window.createStatusBarItem('dockyard.engine', vscode.StatusBarAlignment.Left, 10));
  item.name = 'Dockyard: Docker engine';
  const render = (state: EngineState) => {
    const name = state.resolved ? (state.resolved.context === 'default' ? 'docker' : state.resolved.context) : 'docker';
    const host = state.resolved?.host ?? '';
    switch (state.kind) {
      case 'connected':
        item.text = `$(vm-running) ${name}`;
        item.tooltip = `Docker engine at ${host} (${state.resolved.source === 'default' ? 'default socket' : `from ${state.resolved.source}`})`;
        item.backgroundColor = undefined;
        item.command = 'dockyard.system.info';
        break;
      case 'connecting':
        item.text = `$(loading~spin) ${name}`;
        item.tooltip = `Connecting to ${host}…`;
        item.backgroundColor = undefined;
        item.command = undefined;
        break;
      case 'unreachable':
        item.text = `$(debug-disconnect) ${name}`;
        item.tooltip = `${state.message}\nClick to retry.`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        item.command = 'dockyard.engine.retry';
        break;
    }
    item.show();
  };
  render(ctx.engine.state);
  ctx.own(ctx.engine.onDidChangeState(render));
}
