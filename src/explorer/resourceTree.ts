// What every Dockyard view shares: loading roots from the engine, a filter, errors as
// items, reveal, and the "engine unreachable" state (an empty tree, so the welcome view shows).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { describeError } from '../engine/errors';
import { EngineRootItem } from './engineRoot';
import { DockyardItem, MessageItem } from './items';
import { waitForItem } from './revealWait';
import { untrustedMarkdown } from '../ui/markdown';

export type ResourceKind = 'containers' | 'images' | 'volumes' | 'networks';
/** Every view built on ResourceTree: the explorer's four, and the swarm feature's. */
export type ViewKind = ResourceKind | 'services' | 'nodes' | 'secrets' | 'configs';

/**
 * Each view's ids, written out so that a grep from package.json finds them: the view, the context
 * key its "Clear Filter" button shows on, and the workspaceState key its filter is remembered under.
 */
const VIEW_IDS: Record<ViewKind, { view: string; filtered: string; filterState: string }> = {
  containers: { view: 'dockyard.containers', filtered: 'dockyard.containers.filtered', filterState: 'dockyard.containers.filter' },
  images: { view: 'dockyard.images', filtered: 'dockyard.images.filtered', filterState: 'dockyard.images.filter' },
  volumes: { view: 'dockyard.volumes', filtered: 'dockyard.volumes.filtered', filterState: 'dockyard.volumes.filter' },
  networks: { view: 'dockyard.networks', filtered: 'dockyard.networks.filtered', filterState: 'dockyard.networks.filter' },
  services: { view: 'dockyard.services', filtered: 'dockyard.services.filtered', filterState: 'dockyard.services.filter' },
  nodes: { view: 'dockyard.nodes', filtered: 'dockyard.nodes.filtered', filterState: 'dockyard.nodes.filter' },
  secrets: { view: 'dockyard.secrets', filtered: 'dockyard.secrets.filtered', filterState: 'dockyard.secrets.filter' },
  configs: { view: 'dockyard.configs', filtered: 'dockyard.configs.filtered', filterState: 'dockyard.configs.filter' },
};

export abstract class ResourceTree implements vscode.TreeDataProvider<DockyardItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DockyardItem | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<DockyardItem>;
  private filterText = '';
  private roots: DockyardItem[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly childFactories: ((item: DockyardItem) => DockyardItem[] | undefined)[] = [];
  private readonly dropHandlers: ((target: DockyardItem | undefined, uris: vscode.Uri[]) => Promise<boolean>)[] = [];
  /** Resolves when the next load after a refresh() finished (tests, reveal). */
  private loaded = new vscode.EventEmitter<void>();
  readonly onDidLoad = this.loaded.event;

  constructor(protected readonly ctx: Ctx, readonly kind: ViewKind) {
    this.view = vscode.window.createTreeView(VIEW_IDS[kind].view, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: true,
      // Files dropped from the OS or VS Code's Explorer go to the features that take them (uploads).
      dragAndDropController: { dropMimeTypes: ['text/uri-list'], dragMimeTypes: [], handleDrop: (target, data) => this.handleDrop(target, data) },
    });
    // The filter is remembered per workspace.
    this.filterText = ctx.extension.workspaceState.get<string>(this.filterKey, '');
    if (this.filterText) this.view.description = vscode.l10n.t('filter: {0}', this.filterText);
    void vscode.commands.executeCommand('setContext', VIEW_IDS[kind].filtered, !!this.filterText);
  }

  private get filterKey(): string {
    return VIEW_IDS[this.kind].filterState;
  }

  /** With several engines shown: one root per engine (kept across loads: same object, same id). */
  private engineRoots = new Map<string, EngineRootItem>();
  /** Per engine, loads run one after another (like the roots' queue). */
  private readonly engineQueues = new Map<string, Promise<unknown>>();

  /** Reads the engine and builds the root items (already filtered); `engineKey` names the engine (EngineSet key). */
  protected abstract load(engine: Engine, filter: string, engineKey: string): Promise<DockyardItem[]>;

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.view.description = this.filterText ? vscode.l10n.t('filter: {0}', this.filterText) : undefined;
    void vscode.commands.executeCommand('setContext', VIEW_IDS[this.kind].filtered, !!this.filterText);
    void this.ctx.extension.workspaceState.update(this.filterKey, this.filterText || undefined);
    this.refresh();
  }

  refresh(): void {
    this.changed.fire();
  }

  /**
   * A feature's children under this view's items (e.g. "Files" under each container): items
   * the factory answers for become expandable. Applied to every load.
   */
  addChildren(factory: (item: DockyardItem) => DockyardItem[] | undefined): void {
    this.childFactories.push(factory);
    this.refresh();
  }

  private attachChildren(items: DockyardItem[]): void {
    for (const item of items) {
      if (item.children) { this.attachChildren(item.children); continue; }
      if (item.loadChildren) continue;
      const extra = this.childFactories.flatMap((f) => f(item) ?? []);
      if (!extra.length) continue;
      item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
      item.children = extra;
      for (const child of extra) child.parent = item;
    }
  }

  /** A feature that takes files dropped on this view's items; it answers true when it took them. */
  addDropHandler(handler: (target: DockyardItem | undefined, uris: vscode.Uri[]) => Promise<boolean>): void {
    this.dropHandlers.push(handler);
  }

  private async handleDrop(target: DockyardItem | undefined, data: vscode.DataTransfer): Promise<void> {
    const list = await data.get('text/uri-list')?.asString();
    if (!list || !this.dropHandlers.length) return;
    const uris = list.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => vscode.Uri.parse(l));
    try {
      for (const handler of this.dropHandlers) if (await handler(target, uris)) return;
    } catch (e) {
      this.ctx.showError(e);
    }
  }

  /** Re-reads one item's children (an item with loadChildren). */
  refreshItem(item: DockyardItem): void {
    this.changed.fire(item);
  }

  getTreeItem(item: DockyardItem): vscode.TreeItem {
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, element: DockyardItem): vscode.TreeItem {
    if (!item.tooltip && element.tooltipMarkdown) item.tooltip = untrustedMarkdown(element.tooltipMarkdown());
    return item;
  }

  getParent(item: DockyardItem): DockyardItem | undefined {
    return item.parent;
  }

  async getChildren(item?: DockyardItem): Promise<DockyardItem[]> {
    if (item) {
      if (!item.loadChildren) return item.children ?? [];
      // Children read on demand (a folder's files, a layer's) belong to their parent's engine.
      const children = await item.loadChildren();
      for (const c of children) c.engineKey ??= item.engineKey;
      return children;
    }
    // Loads run one after another, so an older answer can never land after a newer one
    // (responses on separate sockets may arrive out of order).
    const run = this.queue.then(() => this.loadRoots());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One engine's content changed (its events, its reconnect): with several engines shown only
   * its root reloads (and shows its new state); with one, the whole view.
   */
  refreshEngine(key: string): void {
    const root = this.engineRoots.get(key);
    const shown = this.ctx.engines.get(key);
    if (!this.ctx.engines.multi || !root || !shown) { this.changed.fire(); return; }
    root.update(shown);
    this.changed.fire(root);
  }

  private loadEngineRoots(): DockyardItem[] {
    const next = new Map<string, EngineRootItem>();
    const roots = this.ctx.engines.shown.map((shown) => {
      let root = this.engineRoots.get(shown.spec.key);
      if (root && root.shown === shown) root.update(shown);
      else root = new EngineRootItem(shown);
      const r = root;
      r.loadChildren = () => this.loadEngine(r);
      next.set(shown.spec.key, r);
      return r;
    });
    this.engineRoots = next;
    for (const key of [...this.engineQueues.keys()]) if (!next.has(key)) this.engineQueues.delete(key);
    this.roots = roots;
    this.view.message = undefined;
    this.loaded.fire();
    return roots;
  }

  private loadEngine(root: EngineRootItem): Promise<DockyardItem[]> {
    const key = root.shown.spec.key;
    const run = (this.engineQueues.get(key) ?? Promise.resolve()).then(() => this.loadEngineNow(root));
    this.engineQueues.set(key, run.catch(() => undefined));
    return run;
  }

  private async loadEngineNow(root: EngineRootItem): Promise<DockyardItem[]> {
    const shown = root.shown;
    const key = shown.spec.key;
    const adopt = (items: DockyardItem[]) => {
      root.children = items;
      for (const i of items) i.parent = root;
      return items;
    };
    if (shown.state.kind !== 'connected') {
      this.loaded.fire();
      return adopt(EngineRootItem.unreachableChildren(shown));
    }
    try {
      const items = await this.load(shown.engine, this.filterText, key);
      // Other features' children (Files under a container, Layers under an image) see their item's
      // engine (tagged first); then every id gets the engine's prefix.
      tagEngine(items, key);
      if (this.childFactories.length) this.attachChildren(items);
      tagEngine(items, key, `${key}/`);
      if (!items.length && this.filterText) return adopt([new MessageItem(`Nothing matches "${this.filterText}".`)]);
      return adopt(items);
    } catch (e) {
      return adopt([new MessageItem(describeError(e), 'error')]);
    } finally {
      this.loaded.fire();
    }
  }

  private async loadRoots(): Promise<DockyardItem[]> {
    if (this.ctx.engines.multi) return this.loadEngineRoots();
    this.engineRoots.clear();
    const state = this.ctx.connection.state;
    if (state.kind !== 'connected') {
      this.roots = [];
      this.view.message = undefined; // the welcome view says why, with Retry/Settings
      this.loaded.fire();
      return [];
    }
    try {
      const key = this.ctx.engines.activeKey;
      const roots = await this.load(this.ctx.connection.engine, this.filterText, key);
      tagEngine(roots, key);
      if (this.childFactories.length) { this.attachChildren(roots); tagEngine(roots, key); }
      this.roots = roots;
      this.view.message = roots.length === 0 && this.filterText ? vscode.l10n.t('Nothing matches "{0}".', this.filterText) : undefined;
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
  async reveal(match: (item: DockyardItem) => boolean, on: { engine?: Engine; timeoutMs?: number } = {}): Promise<boolean> {
    const timeoutMs = on.timeoutMs ?? 5000;
    // Waits for loads (the engine's events bring most) and reloads only a few times itself.
    // Several engines shown: the item on the engine the command acted on, first.
    const key = on.engine ? this.ctx.engines.keyOf(on.engine) : this.ctx.engines.activeKey;
    const found = await waitForItem({
      find: () => this.items().find((i) => i.engineKey === key && match(i)) ?? this.items().find(match),
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

/** Marks items (and their children) as showing engine `key`; `idPrefix` keeps ids unique across engine roots. */
function tagEngine(items: DockyardItem[], key: string, idPrefix = ''): void {
  for (const item of items) {
    item.engineKey = key;
    if (idPrefix && item.id) item.id = `${idPrefix}${item.id}`;
    if (item.children) tagEngine(item.children, key, idPrefix);
  }
}
