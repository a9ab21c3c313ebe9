import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { describeSource, engineLabel } from '../engine/hosts/resolve';
import type { LinkState } from '../connection/engineLink';

/** Shows which engine Dockyard talks to, and whether it answers. */
export function registerStatusBar(ctx: Ctx): void {
  const item = ctx.own(vscode.window.createStatusBarItem('dockyard.engine', vscode.StatusBarAlignment.Left, 10));
  item.name = vscode.l10n.t('Dockyard: Docker engine');
  const render = (state: LinkState) => {
    const name = state.resolved ? engineLabel(state.resolved) : 'docker';
    const host = state.resolved?.host ?? '';
    // Say so when DOCKER_HOST / DOCKER_CONTEXT / dockyard.host win over "docker context use".
    const over = state.resolved?.overrides ? ` ⚠ overrides context "${state.resolved.overrides}"` : '';
    // Pinned engines shown beside the active one: "+2", and their names in the tooltip.
    const others = ctx.engines.shown.slice(1).map((e) => `${e.spec.name} (${e.state.kind})`);
    const plus = others.length ? ` +${others.length}` : '';
    const also = others.length ? `\n${vscode.l10n.t('Also shown: {0}.', others.join(', '))}` : '';
    const pickHint = `${also}\n${vscode.l10n.t('Click to switch the docker context.')}`;
    switch (state.kind) {
      case 'connected':
        item.text = `$(vm-running) ${name}${plus}${over ? ' $(warning)' : ''}`;
        item.tooltip = vscode.l10n.t('Docker engine at {0}, {1}{2}{3}', host, describeSource(state.resolved), state.resolved.warning ? `\n⚠ ${state.resolved.warning}` : '', pickHint);
        item.backgroundColor = undefined;
        item.command = 'dockyard.context.pick';
        break;
      case 'connecting':
        item.text = `$(loading~spin) ${name}${plus}`;
        item.tooltip = vscode.l10n.t('Connecting to {0}…{1}{2}', host, state.resolved ? ` (${describeSource(state.resolved)})` : '', pickHint);
        item.backgroundColor = undefined;
        item.command = 'dockyard.context.pick';
        break;
      case 'unreachable':
        item.text = `$(debug-disconnect) ${name}${plus}`;
        item.tooltip = vscode.l10n.t('{0}\nClick to retry or switch the docker context.', `${state.message}${also}`);
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        item.command = 'dockyard.context.pick';
        break;
    }
    item.show();
  };
  render(ctx.connection.state);
  ctx.own(ctx.connection.onDidChangeState(render));
  ctx.own(ctx.engines.onDidChange(() => render(ctx.connection.state)));
  ctx.own(ctx.engines.onDidChangeState(() => render(ctx.connection.state)));
}
