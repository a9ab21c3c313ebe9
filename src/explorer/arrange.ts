// How the views arrange what they show: sort orders, container groups and the container
// description template (settings dockyard.explorer.*). Pure (no vscode).
import { ContainerSummary } from '../engine/models';
import { formatAge } from '../shared/format';
import { formatPorts, ImageGroup } from './format';

export const CONTAINER_SORT_KEYS = ['created', 'name', 'state', 'image'] as const;
export type ContainerSortKey = (typeof CONTAINER_SORT_KEYS)[number];
export const CONTAINER_GROUP_KEYS = ['composeProject', 'image', 'network', 'state', 'none'] as const;
export type ContainerGroupKey = (typeof CONTAINER_GROUP_KEYS)[number];
export const IMAGE_SORT_KEYS = ['name', 'created', 'size'] as const;
export type ImageSortKey = (typeof IMAGE_SORT_KEYS)[number];

export const DEFAULT_CONTAINER_DESCRIPTION = '{image} · {status} · {ports}';

/** A setting's value when it is one of the allowed ones, else the fallback. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

const STATE_RANK: Record<string, number> = { running: 0, restarting: 1, paused: 2, created: 3, exited: 4, dead: 5, removing: 6 };

/** Newest first for `created`; A→Z for names and images; running before stopped for `state`. */
export function compareContainers(key: ContainerSortKey): (a: ContainerSummary, b: ContainerSummary) => number {
  const byName = (a: ContainerSummary, b: ContainerSummary) => a.name.localeCompare(b.name);
  switch (key) {
    case 'name': return byName;
    case 'image': return (a, b) => a.image.localeCompare(b.image) || byName(a, b);
    case 'state': return (a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9) || byName(a, b);
    default: return (a, b) => b.created - a.created || byName(a, b);
  }
}

export interface ContainerGroup {
  /** What the containers share: a compose project, an image, a network or a state. */
  name: string;
  containers: ContainerSummary[];
}

/**
 * Groups containers (each group sorted by `sort`, groups by name). Compose grouping leaves
 * containers outside any project ungrouped; network grouping lists a container under each of its
 * networks ("no network" when it has none).
 */
export function groupContainers(list: ContainerSummary[], by: ContainerGroupKey, sort: ContainerSortKey): { groups: ContainerGroup[]; ungrouped: ContainerSummary[] } {
  const cmp = compareContainers(sort);
  if (by === 'none') return { groups: [], ungrouped: [...list].sort(cmp) };
  const groups = new Map<string, ContainerSummary[]>();
  const ungrouped: ContainerSummary[] = [];
  const add = (name: string, c: ContainerSummary) => {
    let g = groups.get(name);
    if (!g) { g = []; groups.set(name, g); }
    g.push(c);
  };
  for (const c of list) {
    switch (by) {
      case 'composeProject': if (c.composeProject) add(c.composeProject, c); else ungrouped.push(c); break;
      case 'image': add(c.image, c); break;
      case 'state': add(c.state, c); break;
      case 'network': if (c.networks.length) for (const n of c.networks) add(n, c); else add('no network', c); break;
    }
  }
  const names = [...groups.keys()].sort((a, b) => (by === 'state' ? (STATE_RANK[a] ?? 9) - (STATE_RANK[b] ?? 9) : a.localeCompare(b)));
  return { groups: names.map((name) => ({ name, containers: groups.get(name)!.sort(cmp) })), ungrouped: ungrouped.sort(cmp) };
}

/** Repositories in the chosen order (A→Z, newest or largest first); tags newest first, or largest first for size. */
export function sortImageGroups(groups: ImageGroup[], key: ImageSortKey): ImageGroup[] {
  const none = (g: ImageGroup) => (g.repository === '<none>' ? 1 : 0);
  const tagCmp = key === 'size'
    ? (a: ImageGroup['tags'][number], b: ImageGroup['tags'][number]) => b.image.size - a.image.size || a.tag.localeCompare(b.tag)
    : (a: ImageGroup['tags'][number], b: ImageGroup['tags'][number]) => b.image.created - a.image.created || a.tag.localeCompare(b.tag);
  const sorted = groups.map((g) => ({ ...g, tags: [...g.tags].sort(tagCmp) }));
  const best = (g: ImageGroup) => (key === 'size' ? Math.max(...g.tags.map((t) => t.image.size)) : Math.max(...g.tags.map((t) => t.image.created)));
  return sorted.sort((a, b) => none(a) - none(b) || (key === 'name' ? a.repository.localeCompare(b.repository) : best(b) - best(a) || a.repository.localeCompare(b.repository)));
}

/**
 * The container description from a template: {name} {image} {status} {state} {health} {ports}
 * {id} {project} {service} {created} {networks}. Empty fields take their separator with them.
 */
export function renderContainerDescription(template: string, c: ContainerSummary, now = Date.now()): string {
  const fields: Record<string, string> = {
    name: c.name, image: c.image, status: c.status, state: c.state, health: c.health ?? '', ports: formatPorts(c.ports),
    id: c.id.slice(0, 12), project: c.composeProject ?? '', service: c.composeService ?? '', created: formatAge(c.created, now),
    networks: c.networks.join(', '),
  };
  const text = template.replace(/\{(\w+)\}/g, (m, k: string) => (k in fields ? fields[k] : m));
  return text.replace(/(\s*·\s*)+/g, ' · ').replace(/^\s*·\s*|\s*·\s*$/g, '').trim();
}
