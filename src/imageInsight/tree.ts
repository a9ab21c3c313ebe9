// "Layers" under each image row: the history entries (instruction, size, created by), each layer
// expanding to its files by folder with added / changed / deleted marks; files open read-only.
import * as vscode from 'vscode';
import { describeError } from '../shared/errors';
import { untrustedMarkdown } from '../ui/markdown';
import type { ImageInsight, ImageLayer, LayerFile } from '../engine/imageLayers';
import { filesUnder } from '../engine/imageLayersModel';
import { DockyardItem, MessageItem } from '../explorer/items';
import { mdCode } from '../shared/markdown';
import { formatBytes } from '../shared/format';
import type { Engine } from '../engine/engine';
import type { InsightCache } from './cache';
import { efficiencyText, layerLabel } from './format';
import { layerFileUri } from './provider';

const KIND_ICON: Record<string, string> = { added: 'diff-added', changed: 'diff-modified', deleted: 'diff-removed' };

export class LayersRootItem extends DockyardItem {
  private described = false;

  /** `engineKey`: the engine whose Images root shows the image (undefined: the active engine); `engineOf` resolves it when read. */
  constructor(readonly imageId: string, readonly ref: string, private readonly cache: InsightCache, private readonly changed: (item: DockyardItem) => void,
    readonly layersEngineKey: string | undefined, private readonly engineOf: (key: string | undefined) => Engine) {
    super(vscode.l10n.t('Layers'), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `layers:${layersEngineKey ?? ''}:${imageId}:${ref}`;
    this.iconPath = new vscode.ThemeIcon('layers');
    this.contextValue = 'imageLayers';
  }

  override async loadChildren(): Promise<DockyardItem[]> {
    let insight: ImageInsight;
    try {
      insight = await this.cache.read(this.imageId, this.engineOf(this.layersEngineKey));
    } catch (e) {
      return [new MessageItem(describeError(e), 'error')];
    }
    if (!this.described) {
      // The totals show on the node once known (one more render, not another read).
      this.described = true;
      this.description = efficiencyText(insight);
      this.tooltip = untrustedMarkdown(vscode.l10n.t('Wasted space: {0} of {1} (files overwritten or deleted by later layers). Efficiency: {2} %.',
        formatBytes(insight.wastedBytes), formatBytes(insight.totalBytes), (insight.efficiency * 100).toFixed(1)));
      setTimeout(() => this.changed(this), 0);
    }
    return insight.layers.map((l) => {
      const item = new LayerItem(this.imageId, l, this.id ?? this.imageId, this.layersEngineKey);
      item.parent = this;
      return item;
    });
  }
}

export class LayerItem extends DockyardItem {
  /** `under`: the Layers node's id (the same image may show under several tags and engines). */
  constructor(readonly imageId: string, readonly layer: ImageLayer, under: string, readonly layersEngineKey?: string) {
    super(layerLabel(layer), layer.files.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `${under}/${layer.index}`;
    this.description = layer.empty ? vscode.l10n.t('no files') : `${formatBytes(layer.size)}${layer.wasted ? vscode.l10n.t(' · {0} wasted', formatBytes(layer.wasted)) : ''}`;
    this.iconPath = new vscode.ThemeIcon(layer.empty ? 'symbol-property' : 'layers-active');
    this.contextValue = layer.empty ? 'imageLayer.empty' : 'imageLayer';
  }

  override tooltipMarkdown(): string {
    const l = this.layer;
    return [
      `**${vscode.l10n.t('Layer {0}', l.index + 1)}**`, '',
      vscode.l10n.t('- Created by: {0}', mdCode(l.createdBy || '—')),
      l.created ? vscode.l10n.t('- Created: {0}', new Date(l.created).toLocaleString()) : '',
      vscode.l10n.t('- Size: {0} ({1} added, {2} changed, {3} deleted)', formatBytes(l.size), l.added, l.changed, l.deleted),
      l.wasted ? vscode.l10n.t('- Wasted: {0} (overwritten or deleted later)', formatBytes(l.wasted)) : '',
      l.comment ? vscode.l10n.t('- Comment: {0}', mdCode(l.comment)) : '',
    ].filter(Boolean).join('\n');
  }

  override async loadChildren(): Promise<DockyardItem[]> {
    return folderChildren(this.imageId, this.layer, '/', this, this.id!, this.layersEngineKey);
  }
}

function folderChildren(imageId: string, layer: ImageLayer, dir: string, parent: DockyardItem, layerId: string, engineKey: string | undefined): DockyardItem[] {
  return filesUnder(layer.files, dir).map((n) => {
    const item = n.folder ? new LayerFolderItem(imageId, layer, n.path, n.name, n.size, n.file, layerId, engineKey) : new LayerFileItem(imageId, layer, n.file!, layerId, engineKey);
    item.parent = parent;
    return item;
  });
}

export class LayerFolderItem extends DockyardItem {
  constructor(readonly imageId: string, readonly layer: ImageLayer, readonly path: string, name: string, size: number, file: LayerFile | undefined,
    private readonly layerId: string, private readonly layersEngineKey: string | undefined) {
    super(name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `${layerId}:${path}`;
    this.description = size ? formatBytes(size) : undefined;
    this.iconPath = file?.kind === 'deleted' ? new vscode.ThemeIcon(KIND_ICON.deleted) : vscode.ThemeIcon.Folder;
    this.resourceUri = layerFileUri(imageId, layer.index, path, layersEngineKey);
    this.contextValue = 'imageLayerFolder';
  }

  override async loadChildren(): Promise<DockyardItem[]> {
    return folderChildren(this.imageId, this.layer, this.path, this, this.layerId, this.layersEngineKey);
  }
}

export class LayerFileItem extends DockyardItem {
  constructor(readonly imageId: string, readonly layer: ImageLayer, readonly file: LayerFile, layerId: string, engineKey?: string) {
    super(file.path.slice(file.path.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.None);
    this.id = `${layerId}:${file.path}`;
    const kind = { added: vscode.l10n.t('added'), changed: vscode.l10n.t('changed'), deleted: vscode.l10n.t('deleted') }[file.kind];
    this.description = [kind, file.kind === 'deleted' ? '' : formatBytes(file.size), file.hidden ? vscode.l10n.t('wasted') : '', file.linkname ? `→ ${file.linkname}` : ''].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(KIND_ICON[file.kind]);
    this.contextValue = file.kind === 'deleted' ? 'imageLayerFile.deleted' : 'imageLayerFile';
    this.tooltip = `${file.path} — ${this.description}`;
    if (file.kind !== 'deleted' && file.type === 'file') {
      this.resourceUri = layerFileUri(imageId, layer.index, file.path, engineKey);
      this.command = { command: 'dockyard.imageLayer.openFile', title: vscode.l10n.t('Open File'), arguments: [this] };
    }
  }
}
