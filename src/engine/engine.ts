// Typed operations on one Docker engine. The only place (with its siblings in src/engine/)
// that touches dockerode; every error leaves as an EngineError.
import Dockerode from 'dockerode';
import { dockerodeOptions, negotiateApiVersion } from './hosts/client';
import { ResolvedHost } from './hosts/resolve';
import type { SshConnection } from './hosts/sshTransport';
import type { Duplex } from 'node:stream';
import { EngineError, toEngineError } from './errors';
import {
  ContainerSummary, DiskUsage, EngineVersion, ImageSummary, NetworkSummary, PruneResult, VolumeSummary,
} from './models';
import { toContainer, toImage, toNetwork, toVolume, toDiskUsage, toVersion } from './convert';
import { l10n } from '../shared/l10n';

export type JsonObject = Record<string, unknown>;

export class Engine {
  /** The dockerode client: only call() hands it out, to src/engine/ siblings. */
  private readonly docker: Dockerode;
  private negotiated = false;

  constructor(readonly resolved: ResolvedHost, /** The environment the host was dialed with (HOME, SSH_AUTH_SOCK, DOCKER_CERT_PATH…). */ readonly env: Record<string, string | undefined> = process.env) {
    this.docker = new Dockerode(dockerodeOptions(resolved, env));
  }

  get host(): string {
    return this.resolved.host;
  }

  /** Wraps an engine call: negotiates the API version once, normalises errors. */
  async call<T>(what: string | undefined, fn: (d: Dockerode) => Promise<T>): Promise<T> {
    try {
      if (!this.negotiated) await this.negotiate();
      return await fn(this.docker);
    } catch (e) {
      throw toEngineError(e, this.host, what);
    }
  }

  private async negotiate(): Promise<void> {
    const v = (await this.docker.version()) as { ApiVersion?: string };
    const version = negotiateApiVersion(v.ApiVersion);
    if (version) (this.docker.modem as { version?: string }).version = `v${version}`;
    this.negotiated = true;
  }

  /** Resolves when the engine answers /_ping within timeoutMs. */
  async ping(timeoutMs = 3000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.docker.ping(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(Object.assign(new Error(l10n.t('timed out')), { code: 'ETIMEDOUT' })), timeoutMs); }),
      ]);
    } catch (e) {
      throw toEngineError(e, this.host);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * For ssh:// engines: a TCP connection to host:port as the engine's machine sees it, through
   * the engine's SSH connection. Other engines have no such channel (an EngineError says so).
   */
  async forwardOut(host: string, port: number): Promise<Duplex> {
    const ssh = (this.docker.modem as { agent?: { ssh?: SshConnection } }).agent?.ssh;
    if (!ssh) throw new EngineError('badRequest', l10n.t('{0} is not an ssh:// engine: its ports are not forwarded.', this.host));
    try {
      return await ssh.forward(host, port);
    } catch (e) {
      throw toEngineError(e, this.host, `${host}:${port}`);
    }
  }

  /** GET /events, unfiltered: the raw stream for an EventStream (events.ts). */
  openEvents(): Promise<NodeJS.ReadableStream> {
    return this.call(undefined, (d) => d.getEvents({}));
  }

  // ---- system ---------------------------------------------------------------------------

  version(): Promise<EngineVersion> {
    return this.call(undefined, async (d) => toVersion(await d.version()));
  }

  info(): Promise<JsonObject> {
    return this.call(undefined, (d) => d.info() as Promise<JsonObject>);
  }

  diskUsage(): Promise<DiskUsage> {
    return this.call(undefined, async (d) => toDiskUsage(await d.df()));
  }

  // ---- containers ------------------------------------------------------------------------

  /** All containers, or only those with the given full ids (cheap: the engine serialises just those). */
  async listContainers(ids?: string[]): Promise<ContainerSummary[]> {
    const opts = ids ? { all: true, filters: { id: ids } } : { all: true };
    return this.call(undefined, async (d) => (await d.listContainers(opts)).map(toContainer));
  }

  inspectContainer(id: string): Promise<JsonObject> {
    return this.call(l10n.t('Container {0}', short(id)), (d) => d.getContainer(id).inspect() as unknown as Promise<JsonObject>);
  }

  startContainer(id: string): Promise<void> {
    return this.containerAction(id, (c) => c.start());
  }

  stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    return this.containerAction(id, (c) => c.stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }));
  }

  restartContainer(id: string): Promise<void> {
    return this.containerAction(id, (c) => c.restart());
  }

  pauseContainer(id: string): Promise<void> {
    return this.containerAction(id, (c) => c.pause());
  }

  unpauseContainer(id: string): Promise<void> {
    return this.containerAction(id, (c) => c.unpause());
  }

  killContainer(id: string, signal = 'SIGKILL'): Promise<void> {
    return this.containerAction(id, (c) => c.kill({ signal }));
  }

  renameContainer(id: string, name: string): Promise<void> {
    return this.containerAction(id, (c) => c.rename({ name }));
  }

  removeContainer(id: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return this.containerAction(id, (c) => c.remove({ force: !!opts.force, v: !!opts.volumes }));
  }

  private async containerAction(id: string, fn: (c: Dockerode.Container) => Promise<unknown>): Promise<void> {
    try {
      await this.call(l10n.t('Container {0}', short(id)), (d) => fn(d.getContainer(id)));
    } catch (e) {
      // 304 "already started/stopped" is the state the user asked for: not an error.
      if (e instanceof EngineError && e.statusCode === 304) return;
      throw e;
    }
  }

  pruneContainers(): Promise<PruneResult> {
    return this.call(undefined, async (d) => {
      const r = (await d.pruneContainers()) as { ContainersDeleted?: string[] | null; SpaceReclaimed?: number };
      return { deleted: r.ContainersDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
    });
  }

  // ---- images ----------------------------------------------------------------------------

  listImages(): Promise<ImageSummary[]> {
    return this.call(undefined, async (d) => (await d.listImages({ all: false })).map(toImage));
  }

  inspectImage(ref: string): Promise<JsonObject> {
    return this.call(l10n.t('Image {0}', short(ref)), (d) => d.getImage(ref).inspect() as unknown as Promise<JsonObject>);
  }

  /** Removes an image reference (a tag untags; an id deletes). */
  removeImage(ref: string, opts: { force?: boolean } = {}): Promise<void> {
    return this.call(l10n.t('Image {0}', short(ref)), async (d) => { await d.getImage(ref).remove({ force: !!opts.force }); });
  }

  tagImage(ref: string, repo: string, tag: string): Promise<void> {
    return this.call(l10n.t('Image {0}', short(ref)), async (d) => { await d.getImage(ref).tag({ repo, tag }); });
  }

  /** Dangling images only (like `docker image prune`); `all` also removes unused tagged images. */
  pruneImages(all = false): Promise<PruneResult> {
    return this.call(undefined, async (d) => {
      const r = (await d.pruneImages({ filters: { dangling: [all ? 'false' : 'true'] } })) as {
        ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null; SpaceReclaimed?: number;
      };
      return {
        deleted: (r.ImagesDeleted ?? []).map((x) => x.Deleted ?? x.Untagged ?? '').filter(Boolean),
        spaceReclaimed: r.SpaceReclaimed ?? 0,
      };
    });
  }

  // ---- volumes ---------------------------------------------------------------------------

  async listVolumes(containers?: ContainerSummary[]): Promise<VolumeSummary[]> {
    const [vols, ctrs] = await Promise.all([
      this.call(undefined, (d) => d.listVolumes()),
      containers ?? this.listContainers(),
    ]);
    return (vols.Volumes ?? []).map((v) => toVolume(v, ctrs));
  }

  inspectVolume(name: string): Promise<JsonObject> {
    return this.call(l10n.t('Volume {0}', name), (d) => d.getVolume(name).inspect() as unknown as Promise<JsonObject>);
  }

  createVolume(name: string, labels: Record<string, string> = {}, driver = 'local'): Promise<void> {
    return this.call(l10n.t('Volume {0}', name), async (d) => { await d.createVolume({ Name: name, Driver: driver, Labels: labels }); });
  }

  async removeVolume(name: string, opts: { force?: boolean } = {}): Promise<void> {
    try {
      await this.call(l10n.t('Volume {0}', name), async (d) => { await d.getVolume(name).remove({ force: !!opts.force }); });
    } catch (e) {
      if (e instanceof EngineError && e.kind === 'conflict') {
        const users = (await this.listContainers().catch(() => [] as ContainerSummary[]))
          .filter((c) => c.mounts.some((m) => m.name === name)).map((c) => c.name);
        throw new EngineError('conflict', l10n.t('Volume {0} is in use by {1} — remove {2} first.', name, users.length ? users.join(', ') : 'a container', users.length > 1 ? 'those containers' : 'that container'), 409);
      }
      throw e;
    }
  }

  pruneVolumes(): Promise<PruneResult> {
    return this.call(undefined, async (d) => {
      const r = (await d.pruneVolumes()) as { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };
      return { deleted: r.VolumesDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
    });
  }

  // ---- networks --------------------------------------------------------------------------

  async listNetworks(containers?: ContainerSummary[]): Promise<NetworkSummary[]> {
    const [nets, ctrs] = await Promise.all([
      this.call(undefined, (d) => d.listNetworks()),
      containers ?? this.listContainers(),
    ]);
    return nets.map((n) => toNetwork(n, ctrs));
  }

  inspectNetwork(id: string): Promise<JsonObject> {
    return this.call(l10n.t('Network {0}', short(id)), (d) => d.getNetwork(id).inspect() as unknown as Promise<JsonObject>);
  }

  createNetwork(name: string, opts: { driver?: string; internal?: boolean; labels?: Record<string, string> } = {}): Promise<string> {
    return this.call(l10n.t('Network {0}', name), async (d) => {
      const n = await d.createNetwork({ Name: name, Driver: opts.driver ?? 'bridge', Internal: !!opts.internal, Labels: opts.labels ?? {}, CheckDuplicate: true });
      return n.id;
    });
  }

  removeNetwork(id: string): Promise<void> {
    return this.call(l10n.t('Network {0}', short(id)), async (d) => { await d.getNetwork(id).remove(); });
  }

  pruneNetworks(): Promise<PruneResult> {
    return this.call(undefined, async (d) => {
      const r = (await d.pruneNetworks()) as { NetworksDeleted?: string[] | null };
      return { deleted: r.NetworksDeleted ?? [], spaceReclaimed: 0 };
    });
  }
}

/** A 12-character id, or the reference itself when it is a name. */
export function short(idOrName: string): string {
  const m = /^(?:sha256:)?([0-9a-f]{64})$/.exec(idOrName);
  return m ? m[1].slice(0, 12) : idOrName;
}
