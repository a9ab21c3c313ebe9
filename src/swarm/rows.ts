// What the swarm views show, as plain rows (label, description, icon, context value, children):
// stacks → services → tasks, nodes, secrets, configs. Pure (no vscode): items.ts turns rows into
// tree items; unit tests and the swarm-event-to-tree benchmark read rows directly.
import type { SwarmSnapshot } from '../engine/swarm';
import {
  ConfigSummary, currentTasks, describeUpdate, formatReplicas, groupByStack, nameInStack, NodeSummary,
  replicaCount, SecretSummary, ServiceSummary, taskName, TaskSummary,
} from '../engine/swarmModel';
import { formatAge } from '../shared/format';
import { l10n } from '../shared/l10n';

export interface Icon {
  id: string;
  /** A theme colour id, for state. */
  color?: string;
}

export interface Row {
  kind: 'stack' | 'service' | 'task' | 'node' | 'secret' | 'config';
  /** Unique in its view (tree item id). */
  key: string;
  label: string;
  description: string;
  tooltip: string;
  icon: Icon;
  contextValue: string;
  children?: Row[];
  service?: ServiceSummary;
  task?: TaskSummary;
  node?: NodeSummary;
  secret?: SecretSummary;
  config?: ConfigSummary;
  stack?: { name: string; services: ServiceSummary[] };
}

const OK = 'testing.iconPassed';
const BAD = 'testing.iconFailed';
const WARN = 'list.warningForeground';

export function portsText(s: ServiceSummary): string {
  return s.ports.map((p) => `${p.published ?? '?'}→${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}${p.mode === 'host' ? ' (host)' : ''}`).join(', ');
}

/** "2/2 · replicated · app:1.2 · 8080→80 · updating…" */
export function serviceDescription(s: ServiceSummary, running: string): string {
  const update = describeUpdate(s.updateStatus);
  return [running, s.mode, s.image, portsText(s), update?.label].filter(Boolean).join(' · ');
}

/** The service's context value: "service" plus ";replicated" (scalable) and ";previous" (can roll back). */
export function serviceContextValue(s: ServiceSummary): string {
  return ['service', s.mode === 'replicated' ? 'replicated' : undefined, s.hasPrevious ? 'previous' : undefined, s.stack ? 'stack' : undefined].filter(Boolean).join(';');
}

function taskIcon(t: TaskSummary): Icon {
  if (t.state === 'running') return { id: 'circle-filled', color: t.desiredState === 'running' ? OK : undefined };
  if (t.state === 'failed' || t.state === 'rejected' || t.error) return { id: 'error', color: BAD };
  if (t.state === 'complete') return { id: 'pass' };
  if (['new', 'pending', 'assigned', 'accepted', 'preparing', 'starting', 'ready'].includes(t.state)) return { id: 'loading~spin' };
  return { id: 'circle-outline' };
}

export function taskDescription(t: TaskSummary, nodeName: string, now = Date.now()): string {
  const when = t.timestamp ? formatAge(Date.parse(t.timestamp), now) : '';
  const state = t.desiredState && t.desiredState !== t.state && t.desiredState !== 'running' ? `${t.state} (→ ${t.desiredState})` : t.state;
  return [state, nodeName, when, t.error].filter(Boolean).join(' · ');
}

function serviceIcon(s: ServiceSummary, running: number, desired: number): Icon {
  const update = describeUpdate(s.updateStatus);
  if (update?.problem) return { id: 'warning', color: WARN };
  if (desired > 0 && running === 0) return { id: 'server-process', color: BAD };
  if (running < desired) return { id: 'server-process', color: WARN };
  return { id: 'server-process', color: desired > 0 ? OK : undefined };
}

/**
 * The Services view: stacks (services grouped by com.docker.stack.namespace), then loose
 * services; tasks under each. `selfNodeId` marks tasks whose container is on this engine
 * (";local": logs and shell reach it).
 */
export function serviceRows(snap: SwarmSnapshot, filter = '', now = Date.now(), selfNodeId?: string): Row[] {
  const down = new Set(snap.nodes.filter((n) => n.state === 'down').map((n) => n.id));
  const hostnames = new Map(snap.nodes.map((n) => [n.id, n.hostname]));
  const tasksBy = new Map<string, TaskSummary[]>();
  for (const t of snap.tasks) {
    const list = tasksBy.get(t.serviceId) ?? [];
    list.push(t);
    tasksBy.set(t.serviceId, list);
  }
  const f = filter.trim().toLowerCase();
  const matches = (s: ServiceSummary) => !f || [s.name, s.image, s.stack ?? ''].some((x) => x.toLowerCase().includes(f));
  const serviceRow = (s: ServiceSummary, inStack: boolean): Row => {
    const tasks = tasksBy.get(s.id) ?? [];
    const count = replicaCount(s, tasks, down);
    const running = formatReplicas(count);
    const update = describeUpdate(s.updateStatus);
    const children = currentTasks(tasks, 1).map((t): Row => {
      const node = hostnames.get(t.nodeId) ?? t.nodeId.slice(0, 12);
      return {
        kind: 'task',
        key: `task:${t.id}`,
        label: taskName(s, t, node),
        description: taskDescription(t, node, now),
        tooltip: [
          l10n.t('Task {0}', t.id), l10n.t('State: {0} (desired {1})', t.state, t.desiredState), l10n.t('Node: {0}', node), t.message && l10n.t('Message: {0}', t.message),
          t.error && l10n.t('Error: {0}', t.error), t.containerId && l10n.t('Container: {0}', t.containerId.slice(0, 12)), l10n.t('Image: {0}', t.image),
        ].filter(Boolean).join('\n'),
        icon: taskIcon(t),
        contextValue: ['task', t.containerId ? 'container' : undefined, t.containerId && selfNodeId && t.nodeId === selfNodeId ? 'local' : undefined, t.state === 'running' ? 'running' : undefined].filter(Boolean).join(';'),
        task: t,
        service: s,
      };
    });
    return {
      kind: 'service',
      key: `service:${s.id}`,
      label: inStack ? nameInStack(s) : s.name,
      description: serviceDescription(s, running),
      tooltip: [
        l10n.t('Service {0}', s.name), l10n.t('Mode: {0}', s.mode), l10n.t('Replicas: {0} running', running), l10n.t('Image: {0}', s.imageRef), s.ports.length ? l10n.t('Ports: {0}', portsText(s)) : '',
        s.stack ? l10n.t('Stack: {0}', s.stack) : '', update ? l10n.t('Update: {0}', update.label) : '', s.updateStatus?.message && !update?.problem ? `(${s.updateStatus.message})` : '',
      ].filter(Boolean).join('\n'),
      icon: serviceIcon(s, count.running, count.desired),
      contextValue: serviceContextValue(s),
      children,
      service: s,
    };
  };
  const groups = groupByStack(snap.services.filter(matches));
  const rows: Row[] = [];
  for (const [name, services] of groups.stacks) {
    const children = services.map((s) => serviceRow(s, true));
    const healthy = children.filter((c) => c.icon.color === OK).length;
    rows.push({
      kind: 'stack',
      key: `stack:${name}`,
      label: name,
      description: [
        l10n.t('stack'), services.length === 1 ? l10n.t('1 service') : l10n.t('{0} services', services.length),
        healthy < services.length ? l10n.t('{0} not fully running', services.length - healthy) : undefined,
      ].filter(Boolean).join(' · '),
      tooltip: l10n.t('Stack {0}: {1}', name, services.map((s) => s.name).join(', ')),
      icon: { id: 'layers', color: healthy === services.length ? OK : WARN },
      contextValue: 'stack',
      children,
      stack: { name, services },
    });
  }
  for (const s of groups.loose) rows.push(serviceRow(s, false));
  return rows;
}

export function nodeDescription(n: NodeSummary): string {
  const role = n.role === 'manager' ? (n.leader ? l10n.t('manager (leader)') : `manager${n.reachability && n.reachability !== 'reachable' ? `, ${n.reachability}` : ''}`) : 'worker';
  const labels = Object.entries(n.labels).map(([k, v]) => (v ? `${k}=${v}` : k)).join(', ');
  return [role, n.availability, n.state, n.engineVersion && l10n.t('engine {0}', n.engineVersion), labels].filter(Boolean).join(' · ');
}

/** A tooltip's label lines: "Label: key=value". */
function labelLines(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => l10n.t('Label: {0}={1}', k, v));
}

/** "created 3 days ago" of a secret or config. */
function createdText(createdAt: string, now: number): string {
  return l10n.t('created {0}', formatAge(Date.parse(createdAt), now));
}

export function nodeRows(nodes: NodeSummary[], selfId: string): Row[] {
  return [...nodes].sort((a, b) => (a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'manager' ? -1 : 1)).map((n) => ({
    kind: 'node',
    key: `node:${n.id}`,
    label: n.id === selfId ? l10n.t('{0} (this engine)', n.hostname) : n.hostname,
    description: nodeDescription(n),
    tooltip: [
      l10n.t('Node {0}', n.id), n.leader ? l10n.t('Role: {0} (leader)', n.role) : l10n.t('Role: {0}', n.role), l10n.t('Availability: {0}', n.availability), l10n.t('State: {0}', n.state),
      n.addr && l10n.t('Address: {0}', n.addr), l10n.t('Engine: {0}', n.engineVersion), ...labelLines(n.labels),
    ].filter(Boolean).join('\n'),
    icon: n.state !== 'ready' ? { id: 'vm-outline', color: BAD } : n.availability !== 'active' ? { id: 'vm', color: WARN } : { id: n.role === 'manager' ? 'vm-active' : 'vm', color: OK },
    contextValue: ['node', n.role, n.availability, Object.keys(n.labels).length ? 'labels' : undefined].filter(Boolean).join(';'),
    node: n,
  }));
}

export function secretRows(secrets: SecretSummary[], now = Date.now()): Row[] {
  return [...secrets].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({
    kind: 'secret',
    key: `secret:${s.id}`,
    label: s.name,
    description: [s.driver, s.createdAt && createdText(s.createdAt, now)].filter(Boolean).join(' · '),
    tooltip: [l10n.t('Secret {0} ({1})', s.name, s.id), l10n.t('Its value is never shown: the engine does not return it.'), ...labelLines(s.labels)].join('\n'),
    icon: { id: 'lock' },
    contextValue: 'secret',
    secret: s,
  }));
}

export function configRows(configs: ConfigSummary[], now = Date.now()): Row[] {
  return [...configs].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({
    kind: 'config',
    key: `config:${c.id}`,
    label: c.name,
    description: c.createdAt ? createdText(c.createdAt, now) : '',
    tooltip: [l10n.t('Config {0} ({1})', c.name, c.id), ...labelLines(c.labels)].join('\n'),
    icon: { id: 'file-code' },
    contextValue: 'config',
    config: c,
  }));
}
