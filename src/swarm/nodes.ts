// The commands on swarm nodes: drain, activate, pause, promote, demote, labels, inspect.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { Swarm } from '../engine/swarm';
import { NodeSummary, parseLabel } from '../engine/swarmModel';
import { openJson } from '../ui/documents';
import { confirm, forEachTarget, reportFailures } from '../ui/pick';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { nodeTargets } from './targets';

const t = vscode.l10n.t;

export function nodeCommands({ ctx, docs }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  const nodeAction = (verb: string, act: (swarm: Swarm, n: NodeSummary) => Promise<void>, filter?: (n: NodeSummary) => boolean) => async (engine: Engine, ...args: unknown[]) => {
    const swarm = swarmOf(engine);
    const targets = await nodeTargets(swarm, args, verb, filter);
    const r = await forEachTarget(targets, (n) => n.hostname, (n) => act(swarm, n));
    reportFailures(ctx, verb, 'nodes', r.failed);
  };
  return {
    drain: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await nodeTargets(swarm, args, 'drain', (n) => n.availability !== 'drain');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Drain node {0}?', targets[0].hostname) : t('Drain {0} nodes?', targets.length), t('Its tasks are stopped and scheduled on other nodes; nothing new runs there until it is made active again.'), t('Drain')))) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm.setAvailability(n.id, 'drain'));
      reportFailures(ctx, 'drain', 'nodes', r.failed);
    },
    activate: nodeAction('activate', (swarm, n) => swarm.setAvailability(n.id, 'active'), (n) => n.availability !== 'active'),
    pause: nodeAction('pause', (swarm, n) => swarm.setAvailability(n.id, 'pause'), (n) => n.availability === 'active'),
    promote: nodeAction('promote', (swarm, n) => swarm.setRole(n.id, 'manager'), (n) => n.role === 'worker'),
    demote: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await nodeTargets(swarm, args, 'demote', (n) => n.role === 'manager');
      if (!targets.length) return;
      if (!(await confirm(ask(), t('Demote {0} to worker?', targets.map((n) => n.hostname).join(', ')), t('Fewer managers tolerate fewer failures: a swarm keeps working while more than half of its managers are up.'), t('Demote')))) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm.setRole(n.id, 'worker'));
      reportFailures(ctx, 'demote', 'nodes', r.failed);
    },
    addLabel: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await nodeTargets(swarm, args, 'label');
      if (!targets.length) return;
      const text = await vscode.window.showInputBox({ title: t('Label {0}', targets.map((n) => n.hostname).join(', ')), prompt: t('key=value (placement constraints read node.labels.key)'), validateInput: (v) => { const p = parseLabel(v); return 'reason' in p ? p.reason : undefined; } });
      if (!text) return;
      const p = parseLabel(text);
      if ('reason' in p) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm.setNodeLabels(n.id, { [p.key]: p.value }));
      reportFailures(ctx, 'label', 'nodes', r.failed);
    },
    removeLabel: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const [n] = await nodeTargets(swarm, args, 'remove a label from', (x) => Object.keys(x.labels).length > 0);
      if (!n) return;
      const keys = await vscode.window.showQuickPick(Object.entries(n.labels).map(([k, v]) => ({ label: k, description: v })), { title: t('Labels to remove from {0}', n.hostname), canPickMany: true });
      if (!keys?.length) return;
      await swarm.setNodeLabels(n.id, {}, keys.map((k) => k.label));
    },
    inspect: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const n of (await nodeTargets(swarm, args, 'inspect')).slice(0, 5)) await openJson(ctx, docs, `nodes/${n.hostname}`, () => swarm.inspectNode(n.id));
    },
  };
}
