// A group of containers that share an image, a network or a state (dockyard.explorer.containers.groupBy).
import * as vscode from 'vscode';
import type { ContainerGroupKey } from './arrange';
import { ContainerItem, DockyardItem } from './items';

const ICONS: Record<string, string> = { image: 'package', network: 'type-hierarchy', state: 'pulse' };

export class ContainerGroupItem extends DockyardItem {
  constructor(readonly by: Exclude<ContainerGroupKey, 'none' | 'composeProject'>, readonly name: string, readonly containers: ContainerItem[]) {
    super(name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `group:${by}:${name}`;
    const running = containers.filter((c) => c.container.state === 'running').length;
    this.description = `${running}/${containers.length} running`;
    this.iconPath = new vscode.ThemeIcon(ICONS[by] ?? 'folder');
    this.contextValue = `containerGroup.${by}`;
    this.children = containers;
    for (const c of containers) {
      c.parent = this;
      c.id = `${this.id}/${c.id}`; // a container may show under several networks
    }
  }
}
