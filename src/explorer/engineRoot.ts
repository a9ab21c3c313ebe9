// With several engines shown, each view has one root per engine: its name, kind and state
// (the active one first). An unreachable engine's root says why and offers Retry; the others
// stay live.
import * as vscode from 'vscode';
import type { ShownEngine } from '../connection/engineSet';
import { describeRoot } from '../connection/pinned';
import { DockyardItem, MessageItem } from './items';
import { mdCode, mdText } from '../shared/markdown';
import { untrustedMarkdown } from '../ui/markdown';

export class EngineRootItem extends DockyardItem {
  constructor(readonly shown: ShownEngine) {
    super(shown.spec.name, vscode.TreeItemCollapsibleState.Expanded);
    this.engineKey = shown.spec.key;
    this.id = `engine:${shown.spec.key}`;
    this.update(shown);
  }

  /** Refreshes label, description, icon and tooltip from the engine's state (same item, same id). */
  update(shown: ShownEngine): void {
    const { spec, state } = shown;
    this.label = spec.name;
    this.description = describeRoot(spec, state.kind);
    const icon = state.kind === 'connected' ? 'vm-running' : state.kind === 'connecting' ? 'loading~spin' : 'debug-disconnect';
    this.iconPath = new vscode.ThemeIcon(icon, state.kind === 'unreachable' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    this.contextValue = `engineRoot.${state.kind}${spec.active ? '.active' : ''}`;
    const host = state.resolved?.host ?? spec.target;
    const lines = [`**${mdText(spec.name)}** — ${spec.kind === 'context' ? `docker context ${mdCode(spec.target)}` : 'host'}${spec.active ? ' (active: palette commands default to it)' : ' (pinned in dockyard.engines)'}`, '', `Endpoint: ${mdCode(host)}`];
    if (state.kind === 'unreachable') lines.push('', `$(warning) ${mdText(state.message)}`);
    this.tooltip = untrustedMarkdown(lines.join('\n'), true);
    this.accessibilityInformation = { label: `${spec.name}, ${this.description}` };
  }

  /** What an unreachable engine's root holds: its own error and a Retry line. */
  static unreachableChildren(shown: ShownEngine): DockyardItem[] {
    const state = shown.state;
    const message = state.kind === 'unreachable' ? state.message : vscode.l10n.t('Connecting…');
    const why = new MessageItem(message, state.kind === 'unreachable' ? 'warning' : 'loading~spin');
    if (state.kind !== 'unreachable') return [why];
    const retry = new MessageItem(vscode.l10n.t('Retry'), 'refresh', vscode.l10n.t('Connect to {0} again now', shown.spec.name));
    retry.command = { command: 'dockyard.engine.retry', title: vscode.l10n.t('Retry'), arguments: [{ engineKey: shown.spec.key }] };
    for (const i of [why, retry]) i.engineKey = shown.spec.key;
    return [why, retry];
  }
}
