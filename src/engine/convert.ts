// Raw Engine API JSON -> plain models. Pure.
import type Dockerode from 'dockerode';
import {
  ContainerState, ContainerSummary, DiskUsage, EngineVersion, Health, ImageSummary, NetworkSummary, VolumeSummary,
} from './models';

const STATES: ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function healthOf(status: string): Health {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return undefined;
}

export function toContainer(c: Dockerode.ContainerInfo): ContainerSummary {
  const labels = c.Labels ?? {};
  const state = (STATES as string[]).includes(c.State) ? (c.State as ContainerState) : 'dead';
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    created: c.Created * 1000,
    state,
    status: c.Status,
    health: healthOf(c.Status ?? ''),
    ports: (c.Ports ?? []).map((p) => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort || undefined, ip: p.IP || undefined, type: p.Type })),
    labels,
    composeProject: labels['com.docker.compose.project'],
    composeService: labels['com.docker.compose.service'],
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type, name: m.Name || undefined, source: m.Source, destination: m.Destination, rw: m.RW })),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
  };
}

export function toImage(i: Dockerode.ImageInfo): ImageSummary {
  const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  return {
    id: i.Id,
    repoTags: tags,
    repoDigests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
    created: i.Created * 1000,
    size: i.Size,
    containers: i.Containers ?? -1,
    labels: i.Labels ?? {},
    dangling: tags.length === 0,
  };
}

interface RawVolume { Name: string; Driver: string; Mountpoint: string; Scope?: string; CreatedAt?: string; Labels?: Record<string, string> | null }

export function toVolume(v: RawVolume, containers: ContainerSummary[]): VolumeSummary {
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    scope: v.Scope ?? 'local',
    created: v.CreatedAt ? Date.parse(v.CreatedAt) || undefined : undefined,
    labels: v.Labels ?? {},
    usedBy: containers.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name === v.Name)).map((c) => c.name),
  };
}

const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

interface RawNetwork { Id: string; Name: string; Driver: string; Scope: string; Internal?: boolean; Created?: string; Labels?: Record<string, string> | null }

export function toNetwork(n: RawNetwork, containers: ContainerSummary[]): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: !!n.Internal,
    builtIn: BUILT_IN_NETWORKS.has(n.Name),
    created: n.Created ? Date.parse(n.Created) || undefined : undefined,
    labels: n.Labels ?? {},
    containers: containers.filter((c) => c.networks.includes(n.Name)).map((c) => c.name),
  };
}

interface RawVersion {
  Version?: string; ApiVersion?: string; MinAPIVersion?: string; Os?: string; Arch?: string;
  KernelVersion?: string; GitCommit?: string; GoVersion?: string;
  Components?: { Name: string; Version: string }[] | null;
}

export function toVersion(raw: unknown): EngineVersion {
  const v = raw as RawVersion;
  return {
    version: v.Version ?? '?',
    apiVersion: v.ApiVersion ?? '?',
    minApiVersion: v.MinAPIVersion,
    os: v.Os ?? '?',
    arch: v.Arch ?? '?',
    kernelVersion: v.KernelVersion,
    gitCommit: v.GitCommit,
    goVersion: v.GoVersion,
    components: (v.Components ?? []).map((c) => ({ name: c.Name, version: c.Version })),
  };
}

interface RawDf {
  LayersSize?: number;
  Images?: { Size?: number; SharedSize?: number; Containers?: number }[] | null;
  Containers?: { SizeRw?: number; State?: string }[] | null;
  Volumes?: { UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?: { Size?: number; InUse?: boolean; Shared?: boolean }[] | null;
}

export function toDiskUsage(raw: unknown): DiskUsage {
  const df = raw as RawDf;
  const images = df.Images ?? [];
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  const imgActive = images.filter((i) => (i.Containers ?? 0) > 0);
  const imgSize = df.LayersSize ?? images.reduce((s, i) => s + (i.Size ?? 0) - (i.SharedSize ?? 0), 0);
  const imgActiveSize = imgActive.reduce((s, i) => s + (i.Size ?? 0) - Math.max(0, i.SharedSize ?? 0), 0);
  const ctrSize = containers.reduce((s, c) => s + (c.SizeRw ?? 0), 0);
  const ctrActive = containers.filter((c) => c.State === 'running');
  const volSize = volumes.reduce((s, v) => s + Math.max(0, v.UsageData?.Size ?? 0), 0);
  const volActive = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0);
  const cacheSize = cache.reduce((s, c) => s + (c.Size ?? 0), 0);
  return {
    images: { count: images.length, active: imgActive.length, size: imgSize, reclaimable: Math.max(0, imgSize - imgActiveSize) },
    containers: { count: containers.length, active: ctrActive.length, size: ctrSize, reclaimable: containers.filter((c) => c.State !== 'running').reduce((s, c) => s + (c.SizeRw ?? 0), 0) },
    volumes: { count: volumes.length, active: volActive.length, size: volSize, reclaimable: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((s, v) => s + Math.max(0, v.UsageData?.Size ?? 0), 0) },
    buildCache: { count: cache.length, active: cache.filter((c) => c.InUse).length, size: cacheSize, reclaimable: cache.filter((c) => !c.InUse && !c.Shared).reduce((s, c) => s + (c.Size ?? 0), 0) },
  };
}
