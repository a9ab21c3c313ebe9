// Swarm objects as plain data, and the pure logic over them: converting the Engine API's JSON,
// counting replicas from tasks, grouping services into stacks, reading service log lines, and
// which swarm views an event touches. No dockerode, no vscode: unit-tested directly.
import type { DockerEvent } from './models';
import { l10n } from '../shared/l10n';

export type SwarmNodeState = 'inactive' | 'pending' | 'active' | 'error' | 'locked';

/** Whether this engine is in a swarm, and whether it can manage it (a manager with a leader). */
export interface SwarmInfo {
  nodeState: SwarmNodeState;
  /** True on a manager: only managers answer /services, /nodes, /secrets, /configs. */
  controlAvailable: boolean;
  nodeId: string;
  nodeAddr: string;
  clusterId?: string;
  nodes?: number;
  managers?: number;
  error?: string;
}

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface PublishedPort {
  published?: number;
  target: number;
  protocol: string;
  mode: string;
}

export interface UpdateStatus {
  /** updating, paused, completed, rollback_started, rollback_paused, rollback_completed */
  state: string;
  message: string;
  startedAt?: string;
  completedAt?: string;
}

export interface ServiceSummary {
  id: string;
  name: string;
  mode: ServiceMode;
  /** Replicated services: the replicas asked for. */
  replicas?: number;
  /** The image without its pinned digest ("app:1.2"), and the full reference as stored. */
  image: string;
  imageRef: string;
  /** The tasks' containers have a TTY: their logs are not multiplexed. */
  tty: boolean;
  ports: PublishedPort[];
  labels: Record<string, string>;
  /** com.docker.stack.namespace: the stack the service was deployed with. */
  stack?: string;
  updateStatus?: UpdateStatus;
  /**
   * How long the engine watches a new task before counting it healthy (UpdateConfig.Monitor, or
   * RollbackConfig.Monitor while rolling back); default 5 s. The engine sends no event when an
   * update completes: a view re-reads the service this long after the last change.
   */
  updateMonitorMs: number;
  /** True when the service has a previous spec to roll back to. */
  hasPrevious: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TaskSummary {
  id: string;
  serviceId: string;
  slot?: number;
  nodeId: string;
  desiredState: string;
  /** new, pending, assigned, accepted, preparing, starting, running, complete, shutdown, failed, rejected, remove, orphaned */
  state: string;
  message: string;
  error?: string;
  containerId?: string;
  exitCode?: number;
  timestamp: string;
  image: string;
}

export interface NodeSummary {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain';
  /** unknown, down, ready, disconnected */
  state: string;
  addr: string;
  engineVersion: string;
  labels: Record<string, string>;
  leader: boolean;
  /** Managers: reachable, unreachable, unknown. */
  reachability?: string;
  version: number;
}

/** A secret's metadata: the engine never returns secret data, and neither does this. */
export interface SecretSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  driver?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConfigSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export const STACK_LABEL = 'com.docker.stack.namespace';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? v as Json : {});
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const labelsOf = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
};

export function toSwarmInfo(info: Json): SwarmInfo {
  const s = obj(info.Swarm);
  const state = str(s.LocalNodeState, 'inactive') as SwarmNodeState;
  return {
    nodeState: state,
    controlAvailable: s.ControlAvailable === true,
    nodeId: str(s.NodeID),
    nodeAddr: str(s.NodeAddr),
    clusterId: str(obj(s.Cluster).ID) || undefined,
    nodes: num(s.Nodes),
    managers: num(s.Managers),
    error: str(s.Error) || undefined,
  };
}

/** "app:1.2@sha256:…" → "app:1.2" (what the user typed; swarm pins digests it could resolve). */
export function withoutDigest(ref: string): string {
  const at = ref.indexOf('@');
  return at > 0 ? ref.slice(0, at) : ref;
}

export function toService(raw: Json): ServiceSummary {
  const spec = obj(raw.Spec);
  const mode = obj(spec.Mode);
  const kind: ServiceMode = 'Global' in mode ? 'global' : 'ReplicatedJob' in mode ? 'replicated-job' : 'GlobalJob' in mode ? 'global-job' : 'replicated';
  const replicas = kind === 'replicated' ? num(obj(mode.Replicated).Replicas) ?? 1 : kind === 'replicated-job' ? num(obj(mode.ReplicatedJob).TotalCompletions) : undefined;
  const imageRef = str(obj(obj(spec.TaskTemplate).ContainerSpec).Image);
  const endpoint = obj(raw.Endpoint);
  const portsRaw = Array.isArray(endpoint.Ports) ? endpoint.Ports : Array.isArray(obj(spec.EndpointSpec).Ports) ? obj(spec.EndpointSpec).Ports as unknown[] : [];
  const ports = (portsRaw as unknown[]).map(obj).map((p) => ({
    published: num(p.PublishedPort),
    target: num(p.TargetPort) ?? 0,
    protocol: str(p.Protocol, 'tcp'),
    mode: str(p.PublishMode, 'ingress'),
  }));
  const labels = labelsOf(spec.Labels);
  const u = raw.UpdateStatus ? obj(raw.UpdateStatus) : undefined;
  return {
    id: str(raw.ID),
    name: str(spec.Name),
    mode: kind,
    replicas,
    image: withoutDigest(imageRef),
    imageRef,
    tty: obj(obj(spec.TaskTemplate).ContainerSpec).TTY === true,
    ports,
    labels,
    stack: labels[STACK_LABEL] || undefined,
    updateStatus: u && str(u.State) ? { state: str(u.State), message: str(u.Message), startedAt: str(u.StartedAt) || undefined, completedAt: str(u.CompletedAt) || undefined } : undefined,
    updateMonitorMs: Math.round((num(obj(u && str(u.State).startsWith('rollback') ? spec.RollbackConfig : spec.UpdateConfig).Monitor) ?? 5e9) / 1e6),
    hasPrevious: !!raw.PreviousSpec,
    version: num(obj(raw.Version).Index) ?? 0,
    createdAt: str(raw.CreatedAt),
    updatedAt: str(raw.UpdatedAt),
  };
}

export function toTask(raw: Json): TaskSummary {
  const status = obj(raw.Status);
  const cs = obj(status.ContainerStatus);
  const err = str(status.Err);
  return {
    id: str(raw.ID),
    serviceId: str(raw.ServiceID),
    slot: num(raw.Slot),
    nodeId: str(raw.NodeID),
    desiredState: str(raw.DesiredState),
    state: str(status.State, 'unknown'),
    message: str(status.Message),
    error: err || undefined,
    containerId: str(cs.ContainerID) || undefined,
    exitCode: num(cs.ExitCode),
    timestamp: str(status.Timestamp),
    image: withoutDigest(str(obj(obj(raw.Spec).ContainerSpec).Image)),
  };
}

export function toNode(raw: Json): NodeSummary {
  const spec = obj(raw.Spec);
  const desc = obj(raw.Description);
  const status = obj(raw.Status);
  const manager = raw.ManagerStatus ? obj(raw.ManagerStatus) : undefined;
  return {
    id: str(raw.ID),
    hostname: str(desc.Hostname, str(raw.ID).slice(0, 12)),
    role: str(spec.Role) === 'manager' ? 'manager' : 'worker',
    availability: (['active', 'pause', 'drain'].includes(str(spec.Availability)) ? str(spec.Availability) : 'active') as NodeSummary['availability'],
    state: str(status.State, 'unknown'),
    addr: str(status.Addr),
    engineVersion: str(obj(desc.Engine).EngineVersion),
    labels: labelsOf(spec.Labels),
    leader: manager?.Leader === true,
    reachability: manager ? str(manager.Reachability) || undefined : undefined,
    version: num(obj(raw.Version).Index) ?? 0,
  };
}

export function toSecret(raw: Json): SecretSummary {
  const spec = obj(raw.Spec);
  return {
    id: str(raw.ID),
    name: str(spec.Name),
    labels: labelsOf(spec.Labels),
    driver: str(obj(spec.Driver).Name) || undefined,
    createdAt: str(raw.CreatedAt),
    updatedAt: str(raw.UpdatedAt),
  };
}

export function toConfig(raw: Json): ConfigSummary {
  const spec = obj(raw.Spec);
  return { id: str(raw.ID), name: str(spec.Name), labels: labelsOf(spec.Labels), createdAt: str(raw.CreatedAt), updatedAt: str(raw.UpdatedAt) };
}

export interface ReplicaCount {
  running: number;
  /** Replicas asked for (replicated) or tasks meant to run (global: one per eligible node). */
  desired: number;
}

/**
 * Running/desired replicas the way `docker service ls` counts them: running tasks whose desired
 * state is running; desired = the spec's replicas, or for global services the tasks the
 * orchestrator wants running (one per eligible node). Tasks on nodes that are down do not count
 * as running.
 */
export function replicaCount(service: ServiceSummary, tasks: TaskSummary[], downNodes: ReadonlySet<string> = new Set()): ReplicaCount {
  const own = tasks.filter((t) => t.serviceId === service.id);
  const running = own.filter((t) => t.state === 'running' && t.desiredState === 'running' && !downNodes.has(t.nodeId)).length;
  if (service.mode === 'replicated') return { running, desired: service.replicas ?? 0 };
  if (service.mode === 'global') return { running, desired: own.filter((t) => t.desiredState === 'running' && !downNodes.has(t.nodeId)).length };
  // Jobs: completed tasks are the progress.
  const completed = own.filter((t) => t.state === 'complete').length;
  return { running: completed, desired: service.mode === 'replicated-job' ? service.replicas ?? 0 : own.length };
}

/** "2/2" */
export function formatReplicas(c: ReplicaCount): string {
  return `${c.running}/${c.desired}`;
}

/**
 * The tasks a view shows under a service: the current ones (desired running, or the newest per
 * slot/node), newest first, then up to `history` older ones per slot (the failures that explain).
 */
export function currentTasks(tasks: TaskSummary[], history = 1): TaskSummary[] {
  const bySlot = new Map<string, TaskSummary[]>();
  for (const t of tasks) {
    const key = t.slot !== undefined ? `slot:${t.slot}` : `node:${t.nodeId}`;
    const list = bySlot.get(key) ?? [];
    list.push(t);
    bySlot.set(key, list);
  }
  const out: TaskSummary[] = [];
  const keys = [...bySlot.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  for (const k of keys) {
    const list = bySlot.get(k)!.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    out.push(...list.slice(0, 1 + history));
  }
  return out;
}

export interface StackGroups {
  /** Stack name → its services, names sorted. */
  stacks: Map<string, ServiceSummary[]>;
  /** Services not deployed as part of a stack. */
  loose: ServiceSummary[];
}

/** Groups services by com.docker.stack.namespace; everything sorted by name. */
export function groupByStack(services: ServiceSummary[]): StackGroups {
  const stacks = new Map<string, ServiceSummary[]>();
  const loose: ServiceSummary[] = [];
  for (const s of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    if (s.stack) {
      const list = stacks.get(s.stack) ?? [];
      list.push(s);
      stacks.set(s.stack, list);
    } else loose.push(s);
  }
  return { stacks: new Map([...stacks.entries()].sort(([a], [b]) => a.localeCompare(b))), loose };
}

/** Inside a stack, "web" rather than "mystack_web". */
export function nameInStack(service: ServiceSummary): string {
  return service.stack && service.name.startsWith(`${service.stack}_`) ? service.name.slice(service.stack.length + 1) : service.name;
}

/** "web.2" (replicated) or "web.<node>" (global): how `docker service ps` names a task. */
export function taskName(service: Pick<ServiceSummary, 'name'>, task: Pick<TaskSummary, 'slot' | 'nodeId'>, nodeName?: string): string {
  return task.slot !== undefined && task.slot > 0 ? `${service.name}.${task.slot}` : `${service.name}.${nodeName ?? task.nodeId.slice(0, 12)}`;
}

/** One line of `/services/{id}/logs?details=1&timestamps=1`: timestamp, the task's attributes, the text. */
export interface ServiceLogLine {
  ts?: string;
  taskId?: string;
  nodeId?: string;
  serviceId?: string;
  text: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Splits "<ts> com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… text". */
export function parseServiceLogLine(line: string): ServiceLogLine {
  let rest = line;
  let ts: string | undefined;
  const sp = rest.indexOf(' ');
  if (sp > 0 && RFC3339.test(rest.slice(0, sp))) {
    ts = rest.slice(0, sp);
    rest = rest.slice(sp + 1);
  }
  const out: ServiceLogLine = { ts, text: rest };
  const sp2 = rest.indexOf(' ');
  const head = sp2 >= 0 ? rest.slice(0, sp2) : rest;
  if (/^[a-z0-9._-]+=/i.test(head)) {
    const attrs = new Map<string, string>();
    for (const pair of head.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      let v = pair.slice(eq + 1);
      try { v = decodeURIComponent(v.replace(/\+/g, ' ')); } catch { /* keep as is */ }
      attrs.set(pair.slice(0, eq), v);
    }
    if (attrs.has('com.docker.swarm.task.id') || attrs.has('com.docker.swarm.node.id')) {
      out.taskId = attrs.get('com.docker.swarm.task.id');
      out.nodeId = attrs.get('com.docker.swarm.node.id');
      out.serviceId = attrs.get('com.docker.swarm.service.id');
      out.text = sp2 >= 0 ? rest.slice(sp2 + 1) : '';
    }
  }
  return out;
}

export type SwarmViewKind = 'services' | 'nodes' | 'secrets' | 'configs';

/**
 * Which swarm views an engine event changes. Task state changes have no event of their own:
 * on this engine's node they show as container events carrying com.docker.swarm.task.id.
 */
/**
 * Whether an event may change the engine's swarm membership (so the swarm views may appear or
 * go): a node joining, leaving, promoted or demoted, or the ingress/gateway network appearing or
 * going (docker swarm init/leave outside Dockyard). Which of these an init sends depends on what
 * the engine kept from an earlier swarm; a node event always comes.
 */
export function mayChangeSwarmMembership(ev: DockerEvent): boolean {
  return ev.type === 'node' || (ev.type === 'network' && (ev.attributes.name === 'ingress' || ev.attributes.name === 'docker_gwbridge'));
}

export function swarmViewsAffectedBy(ev: DockerEvent): SwarmViewKind[] {
  switch (ev.type) {
    case 'service': return ['services'];
    // A node going down or drained changes which tasks run, and the names tasks show.
    case 'node': return ['nodes', 'services'];
    case 'secret': return ['secrets'];
    case 'config': return ['configs'];
    case 'container':
      if (!ev.attributes['com.docker.swarm.task.id'] && !ev.attributes['com.docker.swarm.service.id']) return [];
      return ['create', 'start', 'die', 'kill', 'stop', 'destroy', 'oom', 'health_status', 'pause', 'unpause'].includes(ev.action) ? ['services'] : [];
    default:
      return [];
  }
}

/** True while a rolling update or rollback is in progress (its end comes with no event). */
export function isUpdating(s: Pick<ServiceSummary, 'updateStatus'>): boolean {
  return s.updateStatus?.state === 'updating' || s.updateStatus?.state === 'rollback_started';
}

/**
 * A task container's event reaches the engine's event stream before the swarm manager records
 * the task's new state; a view reads once more this long after such an event to show it.
 */
export const TASK_SETTLE_MS = 150;

/** True for a task container event after which a second read is due (see TASK_SETTLE_MS). */
export function needsTaskSettle(ev: DockerEvent): boolean {
  return ev.type === 'container' && swarmViewsAffectedBy(ev).includes('services');
}

/** What a service's update state means for the user, or undefined when there is nothing to say. */
export function describeUpdate(u: UpdateStatus | undefined): { label: string; problem: boolean } | undefined {
  if (!u) return undefined;
  switch (u.state) {
    case 'updating': return { label: l10n.t('updating…'), problem: false };
    case 'paused': return { label: l10n.t('update paused: {0} — fix the image or settings and update again, or roll back', u.message || l10n.t('a task failed')), problem: true };
    case 'completed': return undefined;
    case 'rollback_started': return { label: l10n.t('rolling back…'), problem: false };
    case 'rollback_paused': return { label: l10n.t('rollback paused: {0} — update the service to a working image', u.message || l10n.t('a task failed')), problem: true };
    case 'rollback_completed': return { label: l10n.t('rolled back'), problem: false };
    default: return { label: u.state, problem: false };
  }
}

/** Secret and config names: what the engine accepts ([a-zA-Z0-9] first, then [a-zA-Z0-9_.-], ≤ 64). */
export function validateSwarmObjectName(name: string, kind: 'secret' | 'config'): string | undefined {
  if (!name) return kind === 'secret' ? l10n.t('A secret needs a name.') : l10n.t('A config needs a name.');
  if (name.length > 64) return kind === 'secret' ? l10n.t('Secret names are at most 64 characters.') : l10n.t('Config names are at most 64 characters.');
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/.test(name)) return l10n.t('Use letters, digits, "_", "." and "-", starting and ending with a letter or digit.');
  return undefined;
}

/** Parses "key=value" (add) or "key" (for removal); undefined with a reason when invalid. */
export function parseLabel(text: string): { key: string; value: string } | { reason: string } {
  const t = text.trim();
  const eq = t.indexOf('=');
  const key = (eq >= 0 ? t.slice(0, eq) : t).trim();
  const value = eq >= 0 ? t.slice(eq + 1).trim() : '';
  if (!key) return { reason: 'Write a label as key=value.' };
  if (/\s/.test(key)) return { reason: 'A label key has no spaces.' };
  return { key, value };
}
