// The Registries view: Docker Hub, the registries of `dockyard.registry.registries`, and those
// the user has logged in to (Dockyard or the docker CLI). Repositories and tags load lazily, a
// page at a time ("Load more…"); a tag shows digest, size and age, and expands to the platforms
// of a manifest list / OCI index. An unreachable registry is one line with Retry, not a popup.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { EngineError } from '../engine/errors';
import { DOCKER_HUB, engineRegistryConfig, ManifestInfo, PlatformEntry, RegistryClient } from '../engine/registry';
import { formatAge, formatBytes } from '../shared/format';
import type { Credentials } from '../credentials/credentials';
import { parseRegistryHost } from './hosts';
import { Pager } from './pager';
import { describeError } from '../shared/errors';

const PAGE_SIZE = 100;
/** Manifests fetched at once for tag details. */
const DETAIL_CONCURRENCY = 4;

type Origin = 'hub' | 'setting' | 'dockyardLogin' | 'dockerCli';

const shortDigest = (d: string) => d.replace(/^sha256:/, '').slice(0, 12);

export class RegistryRootItem extends vscode.TreeItem {
  pager: Pager | undefined;
  /** The repository items last shown (kept across "Load more…", so their own pages stay). */
  repoItems: RepositoryItem[] = [];
  constructor(readonly host: string, readonly origins: Set<Origin>, loggedIn: string | undefined) {
    super(host === DOCKER_HUB ? 'Docker Hub' : host, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `registry:${host}`;
    this.iconPath = new vscode.ThemeIcon(host === DOCKER_HUB ? 'globe' : 'server');
    this.description = loggedIn ? vscode.l10n.t('logged in ({0})', loggedIn) : '';
    this.tooltip = host === DOCKER_HUB ? vscode.l10n.t('docker.io') : host;
    this.contextValue = `registry:${origins.has('setting') ? 'removable:' : ''}${loggedIn ? 'loggedIn' : 'loggedOut'}`;
  }
}

export class RepositoryItem extends vscode.TreeItem {
  pager: Pager | undefined;
  /** Bumped on refresh: detail loads of an older listing stop. */
  generation = 0;
  /** The tag items last shown. */
  tagItems: TagItem[] = [];
  constructor(readonly root: RegistryRootItem, readonly name: string) {
    super(name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `registry:${root.host}/${name}`;
    this.iconPath = new vscode.ThemeIcon('repo');
    this.contextValue = 'registryRepository';
  }
}

export class TagItem extends vscode.TreeItem {
  manifest: ManifestInfo | undefined;
  created: string | undefined;
  constructor(readonly repository: RepositoryItem, readonly tag: string) {
    super(tag, vscode.TreeItemCollapsibleState.None);
    this.id = `registry:${repository.root.host}/${repository.name}:${tag}`;
    this.iconPath = new vscode.ThemeIcon('tag');
    this.contextValue = 'registryTag';
  }

  get host(): string { return this.repository.root.host; }
  get ref(): string { return `${this.host}/${this.repository.name}:${this.tag}`; }

  showDetails(m: ManifestInfo, created: string | undefined): void {
    this.manifest = m;
    this.created = created;
    const parts = [shortDigest(m.digest)];
    if (m.kind === 'index') parts.push(vscode.l10n.t('{0} platforms', m.platforms.length));
    else if (m.size !== undefined) parts.push(formatBytes(m.size));
    if (created) parts.push(formatAge(Date.parse(created)));
    this.description = parts.filter(Boolean).join(' · ');
    this.tooltip = [this.ref, m.digest, m.mediaType, created ? `created ${created}` : ''].filter(Boolean).join('\n');
    this.collapsibleState = m.kind === 'index' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  }

  showError(message: string): void {
    this.description = vscode.l10n.t('details unavailable');
    this.tooltip = message;
  }
}

export class PlatformItem extends vscode.TreeItem {
  constructor(readonly tag: TagItem, readonly entry: PlatformEntry, size: number | undefined) {
    super(entry.platform, vscode.TreeItemCollapsibleState.None);
    this.id = `${tag.id}@${entry.digest}`;
    this.iconPath = new vscode.ThemeIcon('vm');
    this.description = [shortDigest(entry.digest), size !== undefined ? formatBytes(size) : ''].filter(Boolean).join(' · ');
    this.tooltip = `${this.ref}\n${entry.mediaType}`;
    this.contextValue = 'registryPlatform';
  }

  get host(): string { return this.tag.host; }
  get ref(): string { return `${this.tag.host}/${this.tag.repository.name}@${this.entry.digest}`; }
}

export class LoadMoreItem extends vscode.TreeItem {
  constructor(readonly owner: RegistryRootItem | RepositoryItem, shown: number, known: number, complete: boolean) {
    super(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.id = `${owner.id}#more`;
    this.description = complete ? vscode.l10n.t('{0} of {1} shown', shown, known) : vscode.l10n.t('{0} shown', shown);
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.contextValue = 'registryLoadMore';
    this.command = { command: 'dockyard.registry.loadMore', title: vscode.l10n.t('Load more…'), arguments: [this] };
  }
}

export class MessageItem extends vscode.TreeItem {
  constructor(readonly owner: RegistryNode | undefined, text: string, icon: string, command?: vscode.Command, tooltip?: string) {
    super(text, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    // An error line carries Retry inline (package.json menus); other lines are plain.
    this.contextValue = icon === 'warning' ? 'registryError' : 'registryMessage';
    this.command = command;
    this.tooltip = tooltip ?? text;
  }
}

export type RegistryNode = RegistryRootItem | RepositoryItem | TagItem | PlatformItem | LoadMoreItem | MessageItem;

export class RegistriesView implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly clients = new Map<string, RegistryClient>();
  /** registry → realm host pairs already warned about (once per session). */
  private readonly realmWarnings = new Set<string>();
  private roots: RegistryRootItem[] | undefined;
  readonly view: vscode.TreeView<RegistryNode>;

  constructor(private readonly ctx: Ctx, private readonly creds: Credentials) {
    this.view = vscode.window.createTreeView('dockyard.registries', { treeDataProvider: this, showCollapseAll: true });
    ctx.own(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.registry.registries')) this.refresh(); }));
  }

  /** The client of a host (one per host, so tokens are cached across the view's calls). */
  client(host: string): RegistryClient {
    let c = this.clients.get(host);
    if (!c) {
      c = new RegistryClient(host, { credentials: (h) => this.creds.lookup(h), timeoutMs: 15000, onRealmElsewhere: this.realmElsewhere });
      this.clients.set(host, c);
    }
    return c;
  }

  /** A registry sends logins to a token server on another site: logged, and said once to the user. */
  readonly realmElsewhere = (registry: string, realmHost: string): void => {
    this.ctx.log.warn(`Registry ${registry} sends logins to the token server ${realmHost}, another host.`);
    const key = `${registry} ${realmHost}`;
    if (this.realmWarnings.has(key)) return;
    this.realmWarnings.add(key);
    void vscode.window.showWarningMessage(vscode.l10n.t('Registry {0} sends your login to {1}, another host, for its tokens. If you do not expect that, log out of {0}.', registry, realmHost));
  };

  /** The registries shown: Docker Hub, the setting's, and those with logins. */
  registryHosts(): { host: string; origins: Set<Origin> }[] {
    const map = new Map<string, Set<Origin>>();
    const add = (h: string, o: Origin) => { const k = h.trim(); if (!k) return; if (!map.has(k)) map.set(k, new Set()); map.get(k)!.add(o); };
    add(DOCKER_HUB, 'hub');
    for (const h of this.ctx.setting<unknown[]>('registry.registries', [])) {
      const parsed = typeof h === 'string' ? parseRegistryHost(h) : undefined;
      if (parsed?.ok) add(parsed.host, 'setting');
      else this.ctx.log.warn(`dockyard.registry.registries: ${JSON.stringify(h)} is not host[:port]; left out of the Registries view.`);
    }
    for (const h of this.creds.hosts()) add(h, 'dockyardLogin');
    try { for (const h of this.creds.dockerCliHosts()) add(h, 'dockerCli'); } catch { /* an unreadable docker config lists nothing */ }
    return [...map].map(([host, origins]) => ({ host, origins }));
  }

  refresh(node?: RegistryNode): void {
    if (node instanceof RegistryRootItem) { node.pager = undefined; node.repoItems = []; this.changed.fire(node); return; }
    if (node instanceof RepositoryItem) { node.pager = undefined; node.tagItems = []; node.generation++; this.changed.fire(node); return; }
    if (node instanceof MessageItem && node.owner) { this.refresh(node.owner); return; }
    // Everything: logins may have changed outside (docker login, a credential helper).
    for (const c of this.clients.values()) c.resetAuth();
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** After a log in or out: new credentials, new tokens. */
  resetHost(host: string): void {
    this.refresh();
  }

  /** Load more…, with a cancellable progress notification (a long or slow listing stops on Cancel). */
  async loadMore(item: LoadMoreItem): Promise<void> {
    const pager = item.owner.pager;
    if (!pager) return;
    const abort = new AbortController();
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading more of {0}…', item.owner.label?.toString() ?? ''), cancellable: true }, (_p, token) => {
        const sub = token.onCancellationRequested(() => abort.abort());
        return pager.more(abort.signal).finally(() => sub.dispose());
      });
    } catch (e) {
      if (!abort.signal.aborted) void vscode.window.showErrorMessage(describeError(e));
    }
    this.changed.fire(item.owner);
  }

  getTreeItem(el: RegistryNode): vscode.TreeItem {
    return el;
  }

  getParent(el: RegistryNode): RegistryNode | undefined {
    if (el instanceof RepositoryItem) return el.root;
    if (el instanceof TagItem) return el.repository;
    if (el instanceof PlatformItem) return el.tag;
    if (el instanceof LoadMoreItem) return el.owner;
    if (el instanceof MessageItem) return el.owner;
    return undefined;
  }

  async getChildren(el?: RegistryNode): Promise<RegistryNode[]> {
    if (!el) return this.rootItems();
    if (el instanceof RegistryRootItem) return this.guard(el, () => this.repositories(el));
    if (el instanceof RepositoryItem) return this.guard(el, () => this.tags(el));
    if (el instanceof TagItem) return this.guard(el, () => this.platforms(el));
    return [];
  }

  private async rootItems(): Promise<RegistryRootItem[]> {
    if (this.roots) return this.roots;
    const items = await Promise.all(this.registryHosts().map(async ({ host, origins }) => {
      const source = await this.creds.lookup(host).then((c) => c?.source, () => undefined);
      return new RegistryRootItem(host, origins, source);
    }));
    this.roots = items;
    return items;
  }

  /** One line for a failure, with Retry (and Log In when it is about credentials). */
  private async guard(owner: RegistryRootItem | RepositoryItem | TagItem, load: () => Promise<RegistryNode[]>): Promise<RegistryNode[]> {
    try {
      return await load();
    } catch (e) {
      const message = describeError(e);
      const host = owner instanceof RegistryRootItem ? owner.host : owner instanceof RepositoryItem ? owner.root.host : owner.host;
      // One line: the reason, Retry on click and inline.
      const out: RegistryNode[] = [new MessageItem(owner, message, 'warning', { command: 'dockyard.registry.refresh', title: vscode.l10n.t('Retry'), arguments: [owner] },
        vscode.l10n.t('{0}\nClick to retry.', message))];
      if (e instanceof EngineError && e.kind === 'auth') {
        out.push(new MessageItem(owner, vscode.l10n.t('Log In to {0}…', host), 'account', { command: 'dockyard.registry.login', title: vscode.l10n.t('Log In'), arguments: [host] }));
      }
      return out;
    }
  }

  private async repositories(root: RegistryRootItem): Promise<RegistryNode[]> {
    if (root.host === DOCKER_HUB) return this.dockerHub(root);
    const client = this.client(root.host);
    root.pager ??= new Pager((next, signal) => client.catalogPage(PAGE_SIZE, next, signal), PAGE_SIZE);
    const names = await root.pager.first();
    const known = new Map(root.repoItems.map((r) => [r.name, r]));
    root.repoItems = names.map((n) => known.get(n) ?? new RepositoryItem(root, n));
    const out: RegistryNode[] = [...root.repoItems];
    if (!names.length) out.push(new MessageItem(root, vscode.l10n.t('No repositories'), 'info'));
    if (root.pager.hasMore) out.push(new LoadMoreItem(root, names.length, root.pager.known, root.pager.complete));
    return out;
  }

  /** Docker Hub has no catalog: a way to search, and the engine's mirrors and insecure registries. */
  private async dockerHub(root: RegistryRootItem): Promise<RegistryNode[]> {
    const out: RegistryNode[] = [new MessageItem(root, vscode.l10n.t('Search Docker Hub…'), 'search', { command: 'dockyard.registry.search', title: vscode.l10n.t('Search') },
      vscode.l10n.t('Docker Hub does not list its repositories; search it instead.'))];
    const info = await this.ctx.connection.engine.info().catch(() => undefined);
    const { mirrors, insecure } = engineRegistryConfig(info);
    for (const m of mirrors) out.push(new MessageItem(root, vscode.l10n.t('Mirror: {0}', m), 'mirror', undefined, vscode.l10n.t('The engine pulls Docker Hub images through this mirror first.')));
    if (insecure.length) out.push(new MessageItem(root, vscode.l10n.t('Insecure registries: {0}', insecure.join(', ')), 'unlock', undefined, vscode.l10n.t('The engine talks to these without TLS verification.')));
    return out;
  }

  private async tags(repo: RepositoryItem): Promise<RegistryNode[]> {
    const client = this.client(repo.root.host);
    repo.pager ??= new Pager((next, signal) => client.tagsPage(repo.name, PAGE_SIZE, next, signal), PAGE_SIZE);
    const names = await repo.pager.first();
    const known = new Map(repo.tagItems.map((t) => [t.tag, t]));
    const items = names.map((t) => known.get(t) ?? new TagItem(repo, t));
    const fresh = items.filter((t) => !known.has(t.tag));
    repo.tagItems = items;
    const out: RegistryNode[] = [...items];
    if (!names.length) out.push(new MessageItem(repo, vscode.l10n.t('No tags'), 'info'));
    if (repo.pager.hasMore) out.push(new LoadMoreItem(repo, names.length, repo.pager.known, repo.pager.complete));
    this.loadDetails(repo, fresh);
    return out;
  }

  /** Digest, size and created for the shown tags, a few at a time; each tag updates as it arrives. */
  private loadDetails(repo: RepositoryItem, tags: TagItem[]): void {
    const generation = repo.generation;
    const queue = [...tags];
    const client = this.client(repo.root.host);
    const worker = async () => {
      for (let t = queue.shift(); t && generation === repo.generation; t = queue.shift()) {
        try {
          const m = await client.manifest(repo.name, t.tag);
          const cfg = m.kind === 'image' ? await client.imageConfig(repo.name, m).catch(() => undefined) : undefined;
          t.showDetails(m, cfg?.created);
        } catch (e) {
          t.showError(describeError(e));
        }
        if (generation === repo.generation) this.changed.fire(t);
      }
    };
    for (let i = 0; i < DETAIL_CONCURRENCY; i++) void worker();
  }

  private async platforms(tag: TagItem): Promise<RegistryNode[]> {
    const client = this.client(tag.host);
    const m = tag.manifest ?? await client.manifest(tag.repository.name, tag.tag);
    if (m.kind !== 'index') return [];
    const sizes = await client.platformSizes(tag.repository.name, m.platforms);
    return m.platforms.map((p, i) => new PlatformItem(tag, p, sizes[i]));
  }

  /** Tags shown under a repository that point at `digest` (for the delete question). */
  tagsWithDigest(repo: RepositoryItem, digest: string): string[] {
    return repo.tagItems.filter((t) => t.manifest?.digest === digest).map((t) => t.tag);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
