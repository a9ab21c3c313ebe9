// What every Dockyard view shares: loading roots from the engine, a filter, errors as
// items, reveal, and the "engine unreachable" state (an empty tree, so the welcome view shows).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { describeError } from '../engine/errors';
import { DockyardItem, MessageItem } from './items';
import { waitForItem } from './revealWait';

export type ResourceKind = 'containers' | 'images' | 'volumes' | 'networks';

export abstract class ResourceTree implements vscode.TreeDataProvider<DockyardItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DockyardItem | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<DockyardItem>;
  private filterText = '';
  private roots: DockyardItem[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** Resolves when the next load after a refresh() finished (tests, reveal). */
  private loaded = new vscode.EventEmitter<void>();
  readonly onDidLoad = this.loaded.event;

  constructor(protected readonly ctx: Ctx, readonly kind: ResourceKind) {
    this.view = vscode.window.createTreeView(`dockyard.${kind}`, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: true,
    });
    void vscode.commands.executeCommand('setContext', `dockyard.${kind}.filtered`, false);
  }

  /** Reads the engine and builds the root items (already filtered). */
  protected abstract load(engine: Engine, filter: string): Promise<DockyardItem[]>;

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.view.description = this.filterText ? `filter: ${this.filterText}` : undefined;
    void vscode.commands.executeCommand('setContext', `dockyard.${this.kind}.filtered`, !!this.filterText);
    this.refresh();
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: DockyardItem): vscode.TreeItem {
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, element: DockyardItem): vscode.TreeItem {
    if (!item.tooltip && element.tooltipMarkdown) item.tooltip = new vscode.MarkdownString(element.tooltipMarkdown());
    return item;
  }

  getParent(item: DockyardItem): DockyardItem | undefined {
    return item.parent;
  }

  async getChildren(item?: DockyardItem): Promise<DockyardItem[]> {
    if (item) return item.children ?? [];
    // Loads run one after another, so an older answer can never land after a newer one
    // (responses on separate sockets may arrive out of order).
    const run = this.queue.then(() => this.loadRoots());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadRoots(): Promise<DockyardItem[]> {
    const state = this.ctx.connection.state;
    if (state.kind !== 'connected') {
      this.roots = [];
      this.view.message = undefined; // the welcome view says why, with Retry/Settings
      this.loaded.fire();
      return [];
    }
    try {
      const roots = await this.load(this.ctx.connection.engine, this.filterText);
      this.roots = roots;
      this.view.message = roots.length === 0 && this.filterText ? `Nothing matches "${this.filterText}".` : undefined;
      return roots;
    } catch (e) {
      this.roots = [];
      this.view.message = undefined;
      return [new MessageItem(describeError(e), 'error')];
    } finally {
      this.loaded.fire();
    }
  }

  /** Every loaded item, depth first. */
  items(): DockyardItem[] {
    const out: DockyardItem[] = [];
    const walk = (list: DockyardItem[]) => { for (const i of list) { out.push(i); if (i.children) walk(i.children); } };
    walk(this.roots);
    return out;
  }

  /**
   * Reveals (selects and focuses) the first item that matches, waiting for a refresh
   * that brings it (e.g. an image just built or committed).
   */
  async reveal(match: (item: DockyardItem) => boolean, timeoutMs = 5000): Promise<boolean> {
    // Waits for loads (the engine's events bring most) and reloads only a few times itself.
    const found = await waitForItem({
      find: () => this.items().find(match),
      onLoad: (listener) => this.onDidLoad(listener),
      refresh: () => this.refresh(),
    }, { timeoutMs });
    if (!found) return false;
    await this.view.reveal(found, { select: true, focus: false, expand: true });
    return true;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
    this.loaded.dispose();
  }
}
