// Docker Swarm on one engine: its swarm state, services, tasks, nodes, secrets and configs, and
// the operations on them. One Swarm per Engine (new Swarm(engine)), nothing global, so several
// engines can each have theirs. Errors leave as EngineError with what to do (not a manager,
// quorum lost, update paused). Secret data is never read back (the engine does not return it).
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { Engine, JsonObject } from './engine';
import { EngineError, toEngineError, withSubject } from './errors';
import {
  ConfigSummary, NodeSummary, SecretSummary, ServiceSummary, SwarmInfo, TaskSummary,
  toConfig, toNode, toSecret, toService, toSwarmInfo, toTask,
} from './swarmModel';
import { l10n } from '../shared/l10n';

export interface SwarmSnapshot {
  services: ServiceSummary[];
  tasks: TaskSummary[];
  nodes: NodeSummary[];
}

export interface ServiceLogsRequest {
  follow: boolean;
  tail: number | 'all';
  /** Unix seconds, the engine's form. */
  since?: string;
}

/** The message a person can act on, for the errors only swarm calls have. */
export function swarmError(e: unknown, host: string, what?: string): EngineError {
  const err = toEngineError(e, host, what);
  const m = err.message;
  if (/not a swarm manager|node is not part of a swarm|not part of a swarm|swarm is not initialized/i.test(m)) {
    return new EngineError('conflict', withSubject(what, l10n.t('this engine ({0}) is not a swarm manager — run Dockyard against a manager node, or initialize a swarm here (Dockyard: Initialize Swarm).', host)), err.statusCode, undefined, 'notSwarmManager');
  }
  if (/does not have a leader|too few managers are online|quorum/i.test(m)) {
    return new EngineError('conflict', withSubject(what, l10n.t('the swarm has lost quorum (no leader: too few managers online) — bring managers back online, or on a surviving manager run "docker swarm init --force-new-cluster".')), err.statusCode);
  }
  if (/DeadlineExceeded|context deadline exceeded/i.test(m)) {
    return new EngineError('timeout', withSubject(what, l10n.t('the swarm\'s managers did not answer in time — the swarm may have lost quorum (too few managers online): bring managers back online, or on a surviving manager run "docker swarm init --force-new-cluster".')), err.statusCode);
  }
  if (/update out of sequence/i.test(m)) {
    return new EngineError('conflict', withSubject(what, l10n.t('it changed while this update was sent (someone else updated it) — try again.')), err.statusCode);
  }
  if (/already part of a swarm/i.test(m)) {
    return new EngineError('conflict', l10n.t('This engine ({0}) is already part of a swarm — leave it first (Dockyard: Leave Swarm).', host), err.statusCode);
  }
  if (/You are attempting to leave the swarm on a node that is participating as a manager|leave.*manager.*force/i.test(m)) {
    return new EngineError('conflict', l10n.t('This engine is a swarm manager: leaving needs force, and the last manager leaving ends the swarm (its services, secrets and configs are lost).'), err.statusCode);
  }
  return err;
}

type ServiceSpec = JsonObject & {
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
  TaskTemplate?: JsonObject & { ContainerSpec?: JsonObject & { Image?: string }; ForceUpdate?: number };
};

type NodeSpec = JsonObject & { Role?: string; Availability?: string; Labels?: Record<string, string> };

export class Swarm {
  constructor(readonly engine: Engine) {}

  get host(): string {
    return this.engine.host;
  }

  private call<T>(what: string | undefined, fn: (d: Dockerode) => Promise<T>): Promise<T> {
    return this.engine.call(what, fn).catch((e: unknown) => { throw swarmError(e, this.host, what); });
  }

  /** GET /info's Swarm part: inactive, or a member; a manager when controlAvailable. */
  async info(): Promise<SwarmInfo> {
    return toSwarmInfo(await this.engine.info());
  }

  // ---- reading ---------------------------------------------------------------------------

  async services(): Promise<ServiceSummary[]> {
    return this.call(undefined, async (d) => ((await d.listServices({})) as unknown as JsonObject[]).map(toService));
  }

  async tasks(serviceId?: string): Promise<TaskSummary[]> {
    const opts = serviceId ? { filters: { service: [serviceId] } } : {};
    return this.call(undefined, async (d) => ((await d.listTasks(opts)) as unknown as JsonObject[]).map(toTask));
  }

  async nodes(): Promise<NodeSummary[]> {
    return this.call(undefined, async (d) => ((await d.listNodes({})) as unknown as JsonObject[]).map(toNode));
  }

  /** Services, tasks and nodes read together (what the Services view needs). */
  async snapshot(): Promise<SwarmSnapshot> {
    const [services, tasks, nodes] = await Promise.all([this.services(), this.tasks(), this.nodes()]);
    return { services, tasks, nodes };
  }

  async secrets(): Promise<SecretSummary[]> {
    return this.call(undefined, async (d) => ((await d.listSecrets({})) as unknown as JsonObject[]).map(toSecret));
  }

  async configs(): Promise<ConfigSummary[]> {
    return this.call(undefined, async (d) => ((await d.listConfigs({})) as unknown as JsonObject[]).map(toConfig));
  }

  inspectService(id: string): Promise<JsonObject> {
    return this.call(l10n.t('Service {0}', id), (d) => d.getService(id).inspect() as Promise<JsonObject>);
  }

  async service(id: string): Promise<ServiceSummary> {
    return toService(await this.inspectService(id));
  }

  inspectTask(id: string): Promise<JsonObject> {
    return this.call(l10n.t('Task {0}', id), (d) => d.getTask(id).inspect() as Promise<JsonObject>);
  }

  inspectNode(id: string): Promise<JsonObject> {
    return this.call(l10n.t('Node {0}', id), (d) => d.getNode(id).inspect() as Promise<JsonObject>);
  }

  /** A secret's metadata only: the engine never returns secret data. */
  inspectSecret(id: string): Promise<JsonObject> {
    return this.call(l10n.t('Secret {0}', id), async (d) => {
      const s = (await d.getSecret(id).inspect()) as unknown as JsonObject & { Spec?: JsonObject };
      if (s.Spec) delete s.Spec.Data; // never present; never shown even if an engine sent it
      return s;
    });
  }

  /** A config with its data decoded (configs are not secret). */
  async inspectConfig(id: string): Promise<{ raw: JsonObject; data: string }> {
    const raw = await this.call(l10n.t('Config {0}', id), (d) => d.getConfig(id).inspect() as unknown as Promise<JsonObject>);
    const spec = (raw.Spec ?? {}) as { Data?: string };
    return { raw, data: spec.Data ? Buffer.from(spec.Data, 'base64').toString('utf8') : '' };
  }

  // ---- services --------------------------------------------------------------------------

  /**
   * Reads the service, lets `change` edit its spec, and sends it back with the version read
   * (the engine refuses an update based on an older version: "update out of sequence").
   */
  private async updateService(id: string, what: string, change: (spec: ServiceSpec) => void, query: JsonObject = {}): Promise<string[]> {
    const raw = (await this.inspectService(id)) as JsonObject & { Spec: ServiceSpec; Version?: { Index?: number } };
    const spec = raw.Spec;
    change(spec);
    const r = await this.call(what, (d) => d.getService(id).update({ _query: { version: raw.Version?.Index ?? 0, ...query }, _body: spec }) as Promise<{ Warnings?: string[] | null }>);
    return r?.Warnings ?? [];
  }

  /** `docker service scale id=n`. Only replicated services have a replica count. */
  async scale(id: string, replicas: number): Promise<void> {
    if (!Number.isInteger(replicas) || replicas < 0) throw new EngineError('badRequest', l10n.t('Replicas must be a whole number of at least 0 (not {0}).', replicas));
    await this.updateService(id, l10n.t('Service {0}', id), (spec) => {
      if (!spec.Mode?.Replicated) throw new EngineError('badRequest', spec.Mode?.Global
        ? l10n.t('Service {0} is not replicated (global: one task per node) — it cannot be scaled.', String(spec.Name ?? id))
        : l10n.t('Service {0} is not replicated (a job) — it cannot be scaled.', String(spec.Name ?? id)));
      spec.Mode.Replicated.Replicas = replicas;
    });
  }

  /** A rolling update to another image (the service's update config sets the pace); returns the engine's warnings. */
  async updateImage(id: string, image: string): Promise<string[]> {
    if (!image.trim()) throw new EngineError('badRequest', l10n.t('Name the image to update to.'));
    return this.updateService(id, l10n.t('Service {0}', id), (spec) => {
      spec.TaskTemplate = spec.TaskTemplate ?? {};
      spec.TaskTemplate.ContainerSpec = spec.TaskTemplate.ContainerSpec ?? {};
      spec.TaskTemplate.ContainerSpec.Image = image.trim();
    });
  }

  /** `docker service update --force`: replaces every task (a restart) without changing the spec. */
  async forceUpdate(id: string): Promise<void> {
    await this.updateService(id, l10n.t('Service {0}', id), (spec) => {
      spec.TaskTemplate = spec.TaskTemplate ?? {};
      spec.TaskTemplate.ForceUpdate = (spec.TaskTemplate.ForceUpdate ?? 0) + 1;
    });
  }

  /** `docker service rollback`: back to the previous spec. */
  async rollback(id: string): Promise<void> {
    const raw = (await this.inspectService(id)) as JsonObject & { PreviousSpec?: object; Spec?: { Name?: string }; Version?: { Index?: number } };
    if (!raw.PreviousSpec) throw new EngineError('conflict', l10n.t('Service {0} has no previous version to roll back to.', raw.Spec?.Name ?? id));
    await this.call(l10n.t('Service {0}', raw.Spec?.Name ?? id), (d) => d.getService(id).update({ _query: { version: raw.Version?.Index ?? 0, rollback: 'previous' }, _body: raw.Spec }));
  }

  async removeService(id: string): Promise<void> {
    await this.call(l10n.t('Service {0}', id), (d) => d.getService(id).remove());
  }

  /**
   * `docker service logs`: every task's output merged, each line "<ts> <task attributes> text"
   * (details and timestamps on), multiplexed unless the service has a TTY.
   */
  async openServiceLogs(id: string, req: ServiceLogsRequest): Promise<Readable> {
    const opts = {
      stdout: true, stderr: true, timestamps: true, details: true, follow: req.follow,
      tail: req.tail === 'all' ? 'all' : String(req.tail),
      ...(req.since ? { since: req.since } : {}),
    };
    const r = await this.call(l10n.t('Service {0}', id), (d) => d.getService(id).logs(opts as unknown as Dockerode.ContainerLogsOptions) as Promise<unknown>);
    if (r instanceof Readable) return r;
    return Readable.from([Buffer.isBuffer(r) ? r : Buffer.from(String(r ?? ''))]);
  }

  /** The engine's events about one service (update, remove), as a raw /events stream. */
  async serviceEvents(id: string): Promise<Readable> {
    return (await this.call(undefined, (d) => d.getEvents({ filters: { type: ['service'], service: [id] } }))) as unknown as Readable;
  }

  // ---- nodes -----------------------------------------------------------------------------

  private async updateNode(id: string, change: (spec: NodeSpec) => void): Promise<void> {
    const raw = (await this.inspectNode(id)) as JsonObject & { Spec: NodeSpec; Version?: { Index?: number }; Description?: { Hostname?: string } };
    change(raw.Spec);
    await this.call(l10n.t('Node {0}', raw.Description?.Hostname ?? id), (d) => d.getNode(id).update({ _query: { version: raw.Version?.Index ?? 0 }, _body: raw.Spec }));
  }

  /** drain moves its tasks elsewhere; pause keeps them but schedules nothing new; active is normal. */
  setAvailability(id: string, availability: 'active' | 'pause' | 'drain'): Promise<void> {
    return this.updateNode(id, (spec) => { spec.Availability = availability; });
  }

  /** Promote to manager or demote to worker. */
  setRole(id: string, role: 'manager' | 'worker'): Promise<void> {
    return this.updateNode(id, (spec) => { spec.Role = role; });
  }

  /** Adds/replaces the labels in `add` and removes the keys in `remove`. */
  setNodeLabels(id: string, add: Record<string, string>, remove: string[] = []): Promise<void> {
    return this.updateNode(id, (spec) => {
      const labels = { ...(spec.Labels ?? {}), ...add };
      for (const k of remove) delete labels[k];
      spec.Labels = labels;
    });
  }

  // ---- secrets and configs ---------------------------------------------------------------

  async createSecret(name: string, data: Buffer | string, labels: Record<string, string> = {}): Promise<string> {
    const body = { Name: name, Labels: labels, Data: Buffer.from(data).toString('base64') };
    return this.call(l10n.t('Secret {0}', name), async (d) => ((await d.createSecret(body)) as { id?: string; ID?: string }).id ?? '');
  }

  async removeSecret(id: string): Promise<void> {
    await this.call(l10n.t('Secret {0}', id), (d) => d.getSecret(id).remove());
  }

  async createConfig(name: string, data: Buffer | string, labels: Record<string, string> = {}): Promise<string> {
    const body = { Name: name, Labels: labels, Data: Buffer.from(data).toString('base64') };
    return this.call(l10n.t('Config {0}', name), async (d) => ((await d.createConfig(body)) as { id?: string; ID?: string }).id ?? '');
  }

  async removeConfig(id: string): Promise<void> {
    await this.call(l10n.t('Config {0}', id), (d) => d.getConfig(id).remove());
  }

  // ---- the swarm itself ------------------------------------------------------------------

  /**
   * `docker swarm init --advertise-addr A [--listen-addr L]`: this engine becomes a one-node
   * swarm's manager. Returns the node id.
   */
  async init(opts: { advertiseAddr: string; listenAddr?: string; dataPathPort?: number }): Promise<string> {
    const body: JsonObject = { AdvertiseAddr: opts.advertiseAddr, ListenAddr: opts.listenAddr ?? '0.0.0.0:2377', ForceNewCluster: false };
    if (opts.dataPathPort) body.DataPathPort = opts.dataPathPort;
    return this.call('Swarm init', async (d) => String(await d.swarmInit(body)).replace(/^"|"\s*$/g, '').trim());
  }

  /** `docker swarm join-token -q worker|manager` (managers only). */
  async joinToken(role: 'worker' | 'manager'): Promise<string> {
    const r = (await this.call('Swarm', (d) => d.swarmInspect() as Promise<unknown>)) as { JoinTokens?: { Worker?: string; Manager?: string } };
    const token = role === 'worker' ? r.JoinTokens?.Worker : r.JoinTokens?.Manager;
    if (!token) throw new EngineError('unknown', l10n.t('The swarm returned no join token.'));
    return token;
  }

  /** `docker swarm join --token T --advertise-addr A [--listen-addr L] REMOTE`. */
  async join(opts: { remoteAddr: string; token: string; advertiseAddr: string; listenAddr?: string }): Promise<void> {
    const body: JsonObject = { RemoteAddrs: [opts.remoteAddr], JoinToken: opts.token, AdvertiseAddr: opts.advertiseAddr, ListenAddr: opts.listenAddr ?? '0.0.0.0:2377' };
    await this.call('Swarm join', (d) => d.swarmJoin(body));
  }

  /** `docker swarm leave [--force]` (force is needed on a manager). */
  async leave(force: boolean): Promise<void> {
    await this.call('Swarm leave', (d) => d.swarmLeave({ force }));
  }
}
