// What a swarm command acts on: the tree selection (a stack means its services), or a quick
// pick from the palette.
import * as vscode from 'vscode';
import type { Swarm } from '../engine/swarm';
import type { ConfigSummary, NodeSummary, SecretSummary, ServiceSummary } from '../engine/swarmModel';
import { PickEntry, PickTexts, targetsOrPick, treeTargets } from '../ui/pick';
import { isSwarmItem, SwarmItem } from './items';
import type { SwarmState } from './state';

async function serviceEntries(swarm: Swarm, filter: (s: ServiceSummary) => boolean = () => true): Promise<PickEntry<ServiceSummary>[]> {
  return (await swarm.services()).filter(filter).sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ label: s.name, description: `${s.mode} · ${s.image}`, value: s }));
}

export async function serviceTargets(swarm: Swarm, args: unknown[], texts: PickTexts, many = true, filter?: (s: ServiceSummary) => boolean): Promise<ServiceSummary[]> {
  const [clicked] = args;
  if (clicked instanceof SwarmItem && clicked.row.kind === 'stack') return clicked.row.stack!.services.filter(filter ?? (() => true));
  return targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'service', (i) => i.row.service!, () => serviceEntries(swarm, filter), texts, many);
}

export async function nodeTargets(swarm: Swarm, args: unknown[], texts: PickTexts, filter: (n: NodeSummary) => boolean = () => true): Promise<NodeSummary[]> {
  return targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'node', (i) => i.row.node!, async () => (await swarm.nodes()).filter(filter)
    .map((n) => ({ label: n.hostname, description: `${n.role} · ${n.availability} · ${n.state}`, value: n })), texts, true);
}

export async function secretTargets(swarm: Swarm, args: unknown[], texts: PickTexts): Promise<SecretSummary[]> {
  return targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'secret', (i) => i.row.secret!, async () => (await swarm.secrets())
    .map((s) => ({ label: s.name, value: s })), texts, true);
}

export async function configTargets(swarm: Swarm, args: unknown[], texts: PickTexts): Promise<ConfigSummary[]> {
  return targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'config', (i) => i.row.config!, async () => (await swarm.configs())
    .map((c) => ({ label: c.name, value: c })), texts, true);
}

/** Tasks whose container runs on this engine (the others' containers are on other nodes). */
export function localTasks(state: SwarmState, args: unknown[]): SwarmItem[] {
  const tasks = treeTargets(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'task');
  const local = tasks.filter((i) => i.row.task?.containerId && i.row.task.nodeId === state.info?.nodeId);
  if (tasks.length && !local.length) throw new Error(vscode.l10n.t('The container of {0} runs on another node: connect Dockyard to that node\'s engine to reach it.', tasks[0].row.label));
  return local;
}
