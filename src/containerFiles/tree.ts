// "Files" under each container row: folders expand lazily (`/`, then each folder), files open in
// an editor through the dockyard-container file system.
import * as vscode from 'vscode';
import { ContainerFileStat, modeString } from '../engine/fileListing';
import { formatBytes } from '../shared/format';
import { mdCode, mdText } from '../shared/markdown';
import { DockyardItem, MessageItem } from '../explorer/items';
import { containerFileUri, ContainerFileSystemProvider, volumeFileUri } from './provider';
import type { ContainerSummary } from '../engine/models';
import { describeError } from '../shared/errors';

/** The owner for a container's files (on the engine `engineKey` names; undefined: the active one). */
export function containerOwner(c: ContainerSummary, key = c.id, engineKey?: string): FileOwner {
  return { name: c.name, key, running: c.state === 'running', context: 'containerFile', uri: (p) => containerFileUri(c.id, p, engineKey) };
}

/** The owner for a volume's files (never "running": read-only); the key tells apart same-named volumes of several engines. */
export function volumeOwner(volume: string, engineKey?: string): FileOwner {
  return { name: volume, key: engineKey === undefined ? `volume:${volume}` : `volume:${engineKey}:${volume}`, running: false, context: 'volFile', uri: (p) => volumeFileUri(volume, p, engineKey) };
}

/** Listings are kept this long, so that a burst of container events does not re-list open folders. */
const LISTING_TTL_MS = 3000;

export class FileListings {
  private readonly cache = new Map<string, { uri: vscode.Uri; at: number; entries: Promise<ContainerFileStat[]> }>();

  constructor(readonly provider: ContainerFileSystemProvider) {}

  list(uri: vscode.Uri): Promise<ContainerFileStat[]> {
    const key = uri.toString();
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < LISTING_TTL_MS) return hit.entries;
    const entries = this.provider.list(uri);
    this.cache.set(key, { uri, at: Date.now(), entries });
    entries.catch(() => this.cache.delete(key));
    return entries;
  }

  /** Forget a folder's listing (its root `/`: every listing of that container or volume on that engine). */
  forget(uri?: vscode.Uri): void {
    if (!uri) { this.cache.clear(); return; }
    const whole = uri.path === '/';
    for (const [k, v] of [...this.cache]) {
      if (k === uri.toString() || (whole && v.uri.scheme === uri.scheme && v.uri.authority === uri.authority && v.uri.query === uri.query)) this.cache.delete(k);
    }
  }

  /** Forget every listing of a container (`id`: full or short), whichever engine's URI read it. */
  forgetContainer(scheme: string, id: string): void {
    const short = id.slice(0, 12).toLowerCase();
    for (const [k, v] of [...this.cache]) if (v.uri.scheme === scheme && v.uri.authority === short) this.cache.delete(k);
  }
}

/** Whose files a tree shows: a container, or a volume (read-only, through a helper container). */
export interface FileOwner {
  /** Container or volume name, for titles and messages. */
  readonly name: string;
  /** Stable, for tree item ids. */
  readonly key: string;
  readonly running: boolean;
  /** 'containerFile' or 'volFile' (not 'volume…': the volume menus match /^volume/): the start of every node's contextValue. */
  readonly context: 'containerFile' | 'volFile';
  uri(path: string): vscode.Uri;
}

/** What every node of a file tree knows: its owner and its path there. */
export interface ContainerFileNode {
  readonly owner: FileOwner;
  readonly containerPath: string;
  readonly uri: vscode.Uri;
  readonly isFolder: boolean;
}

export function isContainerFileNode(x: unknown): x is ContainerFileNode & DockyardItem {
  return x instanceof ContainerFilesRootItem || x instanceof ContainerFileItem;
}

const running = (o: FileOwner) => (o.running ? '.running' : '');

async function children(parent: DockyardItem & ContainerFileNode, listings: FileListings): Promise<DockyardItem[]> {
  let entries: ContainerFileStat[];
  try {
    // A stopped container's first listing reads its whole file system's headers: show that it works.
    const viewId = parent.owner.context === 'volFile' ? 'dockyard.volumes' : 'dockyard.containers';
    entries = await vscode.window.withProgress({ location: { viewId } }, () => listings.list(parent.uri));
  } catch (e) {
    const m = new MessageItem(describeError(e), 'error');
    m.parent = parent;
    return [m];
  }
  const folder = (e: ContainerFileStat) => e.kind === 'directory' || (e.kind === 'symlink' && e.targetKind === 'directory');
  const items = entries
    .sort((a, b) => Number(folder(b)) - Number(folder(a)) || a.name.localeCompare(b.name))
    .map((e) => new ContainerFileItem(parent.owner, e, folder(e), listings));
  for (const i of items) i.parent = parent;
  if (!items.length) {
    const m = new MessageItem(vscode.l10n.t('(empty folder)'), 'info');
    m.parent = parent;
    return [m];
  }
  return items;
}

/** The "Files" node under a container row: the root of its file system. */
export class ContainerFilesRootItem extends DockyardItem implements ContainerFileNode {
  readonly containerPath = '/';
  readonly uri: vscode.Uri;
  readonly isFolder = true;

  constructor(readonly owner: FileOwner, private readonly listings: FileListings) {
    super(vscode.l10n.t('Files'), vscode.TreeItemCollapsibleState.Collapsed);
    this.uri = owner.uri('/');
    this.id = `files:${owner.key}:/`;
    this.description = '/';
    this.iconPath = new vscode.ThemeIcon('files');
    this.contextValue = `${owner.context}s.root${running(owner)}`;
    this.tooltip = owner.context === 'volFile'
      ? vscode.l10n.t('Files in volume {0}, read-only, through a helper container that is never started and is removed when you are done', owner.name)
      : vscode.l10n.t('Files in {0} (through the Engine API; works on stopped containers too)', owner.name);
  }

  override loadChildren(): Promise<DockyardItem[]> {
    return children(this, this.listings);
  }
}

/** A file, folder or symlink inside a container. */
export class ContainerFileItem extends DockyardItem implements ContainerFileNode {
  readonly containerPath: string;
  readonly uri: vscode.Uri;

  constructor(readonly owner: FileOwner, readonly entry: ContainerFileStat, readonly isFolder: boolean, private readonly listings: FileListings) {
    super(entry.name, isFolder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.containerPath = entry.path;
    this.uri = owner.uri(entry.path);
    this.id = `files:${owner.key}:${entry.path}`;
    this.resourceUri = this.uri;
    const link = entry.kind === 'symlink' ? `→ ${entry.linkTarget ?? '?'}` : '';
    const size = entry.kind === 'file' ? formatBytes(entry.size) : '';
    this.description = [link, size, modeString(entry.mode)].filter(Boolean).join(' · ');
    this.iconPath = isFolder ? vscode.ThemeIcon.Folder : entry.kind === 'symlink' && entry.targetKind !== 'file' ? new vscode.ThemeIcon('file-symlink-file') : vscode.ThemeIcon.File;
    const kind = isFolder ? 'folder' : entry.kind === 'file' || entry.targetKind === 'file' ? 'file' : 'other';
    this.contextValue = `${owner.context}.${kind}${running(owner)}`;
    if (kind === 'file') this.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [this.uri] };
    this.accessibilityInformation = { label: `${entry.name}, ${isFolder ? 'folder' : entry.kind}` };
  }

  override tooltipMarkdown(): string {
    const e = this.entry;
    const lines = [
      `**${mdText(e.path)}**`, '',
      `- ${modeString(e.mode)}${e.uid !== undefined ? ` ${e.uid}:${e.gid ?? '?'}` : ''}`,
    ];
    if (e.kind === 'file') lines.push(`- ${formatBytes(e.size)} (${e.size} bytes)`);
    if (e.linkTarget !== undefined) lines.push(`- → ${mdCode(e.linkTarget)}${e.targetKind === 'other' ? ' (broken or special)' : ''}`);
    if (e.mtime) lines.push(`- ${new Date(e.mtime).toLocaleString()}`);
    return lines.join('\n');
  }

  override loadChildren(): Promise<DockyardItem[]> {
    return children(this, this.listings);
  }
}
