// Tree items of the Dockyard views. Commands receive these (the clicked one and the selection).
import * as vscode from 'vscode';
import { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/models';
import {
  containerContextValue, containerDescription, containerIcon, containerTooltip, imageDescription,
  imageTooltip, networkDescription, networkTooltip, volumeDescription, volumeTooltip,
} from './format';

export abstract class DockyardItem extends vscode.TreeItem {
  parent?: DockyardItem;
  children?: DockyardItem[];
  /** The engine this item shows (EngineSet key): commands started on it act there. */
  engineKey?: string;

  /** Markdown for the tooltip, computed only when the user hovers (resolveTreeItem). */
  tooltipMarkdown?(): string;

  /** Children read when the item is expanded (instead of `children`), e.g. a container's files. */
  loadChildren?(): Promise<DockyardItem[]>;
}

export class ContainerItem extends DockyardItem {
  /** Under its compose project's node, a container is labelled by its service (web, db). */
  constructor(readonly container: ContainerSummary, underProject = false) {
    super(underProject && container.composeService ? container.composeService : container.name, vscode.TreeItemCollapsibleState.None);
    this.id = `container:${container.id}`;
    this.description = containerDescription(container);
    const icon = containerIcon(container);
    this.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    this.contextValue = containerContextValue(container);
    this.accessibilityInformation = { label: `${container.name}, ${container.state}, ${container.image}` };
  }

  override tooltipMarkdown(): string {
    return containerTooltip(this.container);
  }
}

export class ComposeProjectItem extends DockyardItem {
  constructor(readonly project: string, readonly containers: ContainerItem[]) {
    super(project, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `compose:${project}`;
    const running = containers.filter((c) => c.container.state === 'running').length;
    this.description = vscode.l10n.t('compose · {0}/{1} running', running, containers.length);
    this.iconPath = new vscode.ThemeIcon('layers', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    this.contextValue = running ? 'composeProject.running' : 'composeProject.stopped';
    this.children = containers;
    for (const c of containers) c.parent = this;
  }

  /** Shows the containers of services without a profile directly, the rest under their profiles. */
  groupByProfile(plain: ContainerItem[], profiles: ComposeProfileItem[]): void {
    this.children = [...profiles, ...plain];
    for (const c of this.children) c.parent = this;
  }
}

/** A profile of a compose project (its services' containers, none when it is not up). */
export class ComposeProfileItem extends DockyardItem {
  constructor(readonly project: string, readonly profile: string, readonly services: string[], containers: ContainerItem[]) {
    super(profile, containers.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.id = `compose:${project}/profile:${profile}`;
    const running = containers.filter((c) => c.container.state === 'running').length;
    this.description = containers.length ? vscode.l10n.t('profile · {0}/{1} running', running, containers.length) : vscode.l10n.t('profile · not up');
    this.iconPath = new vscode.ThemeIcon('symbol-namespace', running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    this.contextValue = running ? 'composeProfile.running' : containers.length ? 'composeProfile.stopped' : 'composeProfile.down';
    this.tooltip = vscode.l10n.t('Profile {0}: {1}', profile, services.join(', '));
    // A service in two profiles shows under both: each row its own item and id.
    this.children = containers.map((c) => {
      const copy = new ContainerItem(c.container, true);
      copy.description = c.description;
      copy.id = `${this.id}/${c.id}`;
      copy.parent = this;
      return copy;
    });
  }
}

export class ImageRepositoryItem extends DockyardItem {
  constructor(readonly repository: string, tags: ImageTagItem[]) {
    super(repository, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `repo:${repository}`;
    this.description = repository === '<none>' ? vscode.l10n.t('{0} dangling', tags.length) : tags.length === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', tags.length);
    this.iconPath = new vscode.ThemeIcon(repository === '<none>' ? 'circle-slash' : 'package');
    this.contextValue = repository === '<none>' ? 'imageRepository.dangling' : 'imageRepository';
    this.children = tags;
    for (const t of tags) t.parent = this;
  }
}

export class ImageTagItem extends DockyardItem {
  /** `ref` is "repo:tag" for a tag, or the image id for a dangling image. */
  constructor(readonly ref: string, tag: string, readonly image: ImageSummary) {
    super(tag, vscode.TreeItemCollapsibleState.None);
    this.id = `image:${ref}`;
    this.description = imageDescription(image);
    this.iconPath = new vscode.ThemeIcon(image.dangling ? 'circle-outline' : 'tag');
    this.contextValue = image.dangling ? 'image.dangling' : 'image.tag';
  }

  override tooltipMarkdown(): string {
    return imageTooltip(this.ref, this.image);
  }
}

export class VolumeItem extends DockyardItem {
  constructor(readonly volume: VolumeSummary) {
    super(volume.name, vscode.TreeItemCollapsibleState.None);
    this.id = `volume:${volume.name}`;
    this.description = volumeDescription(volume);
    this.iconPath = new vscode.ThemeIcon('database', volume.usedBy.length ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    this.contextValue = volume.usedBy.length ? 'volume.inUse' : 'volume.unused';
  }

  override tooltipMarkdown(): string {
    return volumeTooltip(this.volume);
  }
}

export class NetworkItem extends DockyardItem {
  constructor(readonly network: NetworkSummary) {
    super(network.name, vscode.TreeItemCollapsibleState.None);
    this.id = `network:${network.id}`;
    this.description = networkDescription(network);
    this.iconPath = new vscode.ThemeIcon(network.builtIn ? 'globe' : 'type-hierarchy');
    this.contextValue = network.builtIn ? 'network.builtin' : 'network.custom';
  }

  override tooltipMarkdown(): string {
    return networkTooltip(this.network);
  }
}

/** A non-actionable line: an error or "no matches". */
export class MessageItem extends DockyardItem {
  constructor(message: string, icon = 'info', tooltip?: string) {
    super(message, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.tooltip = tooltip ?? message;
    this.contextValue = 'message';
  }
}
