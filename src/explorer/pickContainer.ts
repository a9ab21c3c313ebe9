// The container a command acts on: the clicked row, else one picked from a list.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { ContainerSummary } from '../engine/models';
import { ContainerItem } from './items';

export async function pickContainer(engine: Engine, args: unknown[], title: string, filter: (c: ContainerSummary) => boolean = () => true): Promise<ContainerSummary | undefined> {
  if (args[0] instanceof ContainerItem) return args[0].container;
  const candidates = (await engine.listContainers()).filter(filter);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No container fits: {0}.', title));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(candidates.map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, c })), { title, placeHolder: vscode.l10n.t('Container') });
  return picked?.c;
}
