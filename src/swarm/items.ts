// Tree items of the swarm views: a thin skin over rows.ts. Commands receive these.
import * as vscode from 'vscode';
import { DockyardItem } from '../explorer/items';
import type { Row } from './rows';
import { mdTextLines } from '../shared/markdown';

export class SwarmItem extends DockyardItem {
  constructor(readonly row: Row) {
    super(row.label, row.children?.length ? (row.kind === 'stack' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
    this.id = row.key;
    this.description = row.description;
    this.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    this.contextValue = row.contextValue;
    this.accessibilityInformation = { label: `${row.label}, ${row.description}` };
    if (row.children?.length) {
      this.children = row.children.map((c) => new SwarmItem(c));
      for (const c of this.children) c.parent = this;
    }
  }

  override tooltipMarkdown(): string {
    return mdTextLines(this.row.tooltip);
  }
}

export const isSwarmItem = (x: unknown): x is SwarmItem => x instanceof SwarmItem;
