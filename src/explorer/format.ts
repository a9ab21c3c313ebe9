// Text for tree items: sizes, ages, ports, descriptions, tooltips. Pure (no vscode).
import { formatAge, formatBytes } from '../shared/format';
import { ContainerSummary, ImageSummary, NetworkSummary, PortBinding, VolumeSummary } from '../engine/models';
import { l10n } from '../shared/l10n';
import { mdCode, mdText } from '../shared/markdown';

/** "127.0.0.1:8080→80/tcp", unpublished ports as "80/tcp"; duplicates (IPv4+IPv6) folded. */
export function formatPorts(ports: PortBinding[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  const sorted = [...ports].sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
  for (const p of sorted) {
    const text = p.publicPort
      ? `${p.ip && p.ip !== '0.0.0.0' && p.ip !== '::' ? `${p.ip.includes(':') ? `[${p.ip}]` : p.ip}:` : ''}${p.publicPort}→${p.privatePort}/${p.type}`
      : `${p.privatePort}/${p.type}`;
    const key = text.replace(/^\[?::\]?:/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out.join(', ');
}

export function containerDescription(c: ContainerSummary): string {
  const parts = [c.image, c.status];
  const ports = formatPorts(c.ports);
  if (ports) parts.push(ports);
  return parts.join(' · ');
}

/** The codicon id and theme colour for a container's state. */
export function containerIcon(c: ContainerSummary): { id: string; color?: string } {
  if (c.state === 'running') {
    if (c.health === 'unhealthy') return { id: 'warning', color: 'testing.iconFailed' };
    if (c.health === 'starting') return { id: 'pulse', color: 'charts.yellow' };
    return { id: c.health === 'healthy' ? 'pass-filled' : 'vm-running', color: 'testing.iconPassed' };
  }
  switch (c.state) {
    case 'paused': return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting': return { id: 'sync', color: 'charts.orange' };
    case 'dead': return { id: 'error', color: 'testing.iconFailed' };
    case 'removing': return { id: 'trash' };
    case 'created': return { id: 'circle-outline' };
    default: return { id: 'vm-outline' };
  }
}

/** The contextValue for a container: menus match it with regexes. */
export function containerContextValue(c: ContainerSummary): string {
  return `container.${c.state}${c.composeProject ? '.compose' : ''}`;
}

export function containerTooltip(c: ContainerSummary): string {
  const lines = [
    `**${mdText(c.name)}** — ${mdText(c.state)}${c.health ? ` (${mdText(c.health)})` : ''}`,
    '',
    l10n.t('- ID: {0}', mdCode(c.id.slice(0, 12))),
    l10n.t('- Image: {0}', mdText(c.image)),
    l10n.t('- Command: {0}', mdCode(c.command)),
    l10n.t('- Created: {0} ({1})', new Date(c.created).toLocaleString(), formatAge(c.created)),
    l10n.t('- Status: {0}', mdText(c.status)),
  ];
  const ports = formatPorts(c.ports);
  if (ports) lines.push(l10n.t('- Ports: {0}', mdText(ports)));
  if (c.mounts.length) lines.push(l10n.t('- Mounts: {0}', c.mounts.map((m) => mdText(`${m.name ?? m.source} → ${m.destination}${m.rw ? '' : ' (ro)'}`)).join(', ')));
  if (c.networks.length) lines.push(l10n.t('- Networks: {0}', c.networks.map(mdText).join(', ')));
  if (c.composeProject) lines.push(l10n.t('- Compose: {0} / {1}', mdText(c.composeProject), mdText(c.composeService ?? '?')));
  return lines.join('\n');
}

/** "repo:tag" → ["repo", "tag"], aware of registry ports ("host:5000/app:1"). */
export function splitTag(repoTag: string): [string, string] {
  const at = repoTag.indexOf('@');
  const ref = at >= 0 ? repoTag.slice(0, at) : repoTag;
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return [ref.slice(0, colon), ref.slice(colon + 1)];
  return [ref, 'latest'];
}

export interface ImageGroup {
  repository: string;   // "<none>" for dangling images
  tags: { tag: string; ref: string; image: ImageSummary }[];
}

/** Groups images by repository; a dangling image becomes one "<none>" entry. */
export function groupImages(images: ImageSummary[]): ImageGroup[] {
  const groups = new Map<string, ImageGroup>();
  const add = (repository: string, tag: string, ref: string, image: ImageSummary) => {
    let g = groups.get(repository);
    if (!g) { g = { repository, tags: [] }; groups.set(repository, g); }
    g.tags.push({ tag, ref, image });
  };
  for (const img of images) {
    if (img.dangling) add('<none>', img.id.replace(/^sha256:/, '').slice(0, 12), img.id, img);
    else for (const t of img.repoTags) { const [repo, tag] = splitTag(t); add(repo, tag, t, img); }
  }
  const list = [...groups.values()];
  for (const g of list) g.tags.sort((a, b) => b.image.created - a.image.created || a.tag.localeCompare(b.tag));
  return list.sort((a, b) => (a.repository === '<none>' ? 1 : b.repository === '<none>' ? -1 : a.repository.localeCompare(b.repository)));
}

export function imageDescription(img: ImageSummary): string {
  return `${formatBytes(img.size)} · ${formatAge(img.created)}`;
}

export function imageTooltip(ref: string, img: ImageSummary): string {
  const lines = [
    `**${mdText(ref)}**`,
    '',
    l10n.t('- ID: {0}', mdCode(img.id.replace(/^sha256:/, '').slice(0, 12))),
    l10n.t('- Size: {0}', formatBytes(img.size)),
    l10n.t('- Created: {0} ({1})', new Date(img.created).toLocaleString(), formatAge(img.created)),
  ];
  if (img.repoTags.length > 1) lines.push(l10n.t('- Tags: {0}', img.repoTags.map(mdText).join(', ')));
  if (img.repoDigests.length) lines.push(l10n.t('- Digest: {0}', mdCode(img.repoDigests[0].split('@')[1] ?? img.repoDigests[0])));
  if (img.containers >= 0) lines.push(l10n.t('- Containers: {0}', img.containers));
  return lines.join('\n');
}

export function volumeTooltip(volume: VolumeSummary, now = Date.now()): string {
  return [
    `**${mdText(volume.name)}**`, '',
    l10n.t('- Driver: {0}', mdText(volume.driver)),
    l10n.t('- Mountpoint: {0}', mdCode(volume.mountpoint)),
    volume.created ? l10n.t('- Created: {0} ({1})', new Date(volume.created).toLocaleString(), formatAge(volume.created, now)) : '',
    l10n.t('- In use by: {0}', volume.usedBy.length ? volume.usedBy.map(mdText).join(', ') : l10n.t('no container')),
  ].filter(Boolean).join('\n');
}

export function networkTooltip(network: NetworkSummary): string {
  return [
    `**${mdText(network.name)}**${network.builtIn ? l10n.t(' (built-in)') : ''}`, '',
    l10n.t('- ID: {0}', mdCode(network.id.slice(0, 12))),
    l10n.t('- Driver: {0}, scope: {1}{2}', mdText(network.driver), mdText(network.scope), network.internal ? l10n.t(', internal') : ''),
    l10n.t('- Containers: {0}', network.containers.length ? network.containers.map(mdText).join(', ') : l10n.t('none')),
  ].join('\n');
}

export function volumeDescription(v: VolumeSummary): string {
  return `${v.driver}${v.usedBy.length ? l10n.t(' · in use by {0}', v.usedBy.join(', ')) : l10n.t(' · unused')}`;
}

export function networkDescription(n: NetworkSummary): string {
  const parts = [n.driver, n.scope];
  if (n.builtIn) parts.push(l10n.t('built-in'));
  if (n.internal) parts.push(l10n.t('internal'));
  if (n.containers.length) parts.push(n.containers.length === 1 ? l10n.t('1 container') : l10n.t('{0} containers', n.containers.length));
  return parts.join(' · ');
}

/** Case-insensitive substring match over the given fields. */
export function matchesFilter(filter: string, ...fields: (string | undefined)[]): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  return fields.some((x) => x?.toLowerCase().includes(f));
}
