// The commands on swarm nodes: drain, activate, pause, promote, demote, labels, inspect.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { Swarm } from '../engine/swarm';
import { NodeSummary, parseLabel } from '../engine/swarmModel';
import { openJson } from '../ui/documents';
import { confirmEach, FailureTexts, forEachTarget, PickTexts, reportFailures } from '../ui/pick';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { nodeTargets } from './targets';

export function nodeCommands({ ctx, docs }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  const nodeAction = (pick: PickTexts, failed: FailureTexts, act: (swarm: Swarm, n: NodeSummary) => Promise<void>, filter?: (n: NodeSummary) => boolean) => async (engine: Engine, ...args: unknown[]) => {
    const swarm = swarmOf(engine);
    const targets = await nodeTargets(swarm, args, pick, filter);
    const r = await forEachTarget(targets, (n) => n.hostname, (n) => act(swarm, n));
    reportFailures(ctx, failed, r.failed);
  };
  return {
    drain: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await nodeTargets(swarm, args, { title: vscode.l10n.t('Node to drain'), none: vscode.l10n.t('No node to drain.') }, (n) => n.availability !== 'drain');
      await confirmEach(ctx, ask(), targets, {
        question: targets.length === 1 ? vscode.l10n.t('Drain node {0}?', targets[0].hostname) : vscode.l10n.t('Drain {0} nodes?', targets.length),
        detail: vscode.l10n.t('Its tasks are stopped and scheduled on other nodes; nothing new runs there until it is made active again.'),
        button: vscode.l10n.t('Drain'),
        failed: { one: (d) => vscode.l10n.t('Could not drain {0}', d), many: (count, ds) => vscode.l10n.t('Could not drain {0} nodes: {1}', count, ds) },
      }, (n) => n.hostname, (n) => swarm.setAvailability(n.id, 'drain'));
    },
    activate: nodeAction({ title: vscode.l10n.t('Node to make active'), none: vscode.l10n.t('No node to make active.') }, { one: (d) => vscode.l10n.t('Could not activate {0}', d), many: (count, ds) => vscode.l10n.t('Could not activate {0} nodes: {1}', count, ds) }, (swarm, n) => swarm.setAvailability(n.id, 'active'), (n) => n.availability !== 'active'),
    pause: nodeAction({ title: vscode.l10n.t('Node to pause'), none: vscode.l10n.t('No active node to pause.') }, { one: (d) => vscode.l10n.t('Could not pause {0}', d), many: (count, ds) => vscode.l10n.t('Could not pause {0} nodes: {1}', count, ds) }, (swarm, n) => swarm.setAvailability(n.id, 'pause'), (n) => n.availability === 'active'),
    promote: nodeAction({ title: vscode.l10n.t('Node to promote'), none: vscode.l10n.t('No worker node to promote.') }, { one: (d) => vscode.l10n.t('Could not promote {0}', d), many: (count, ds) => vscode.l10n.t('Could not promote {0} nodes: {1}', count, ds) }, (swarm, n) => swarm.setRole(n.id, 'manager'), (n) => n.role === 'worker'),
    demote: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await nodeTargets(swarm, args, { title: vscode.l10n.t('Node to demote'), none: vscode.l10n.t('No manager node to demote.') }, (n) => n.role === 'manager');
      await confirmEach(ctx, ask(), targets, {
        question: vscode.l10n.t('Demote {0} to worker?', targets.map((n) => n.hostname).join(', ')),
        detail: vscode.l10n.t('Fewer managers tolerate fewer failures: a swarm keeps working while more than half of its managers are up.'),
        button: vscode.l10n.t('Demote'),
        failed: { one: (d) => vscode.l10n.t('Could not demote {0}', d), many: (count, ds) => vscode.l10n.t('Could not demote {0} nodes: {1}', count, ds) },
      }, (n) => n.hostname, (n) => swarm.setRole(n.id, 'worker'));
    },
    addLabel: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await nodeTargets(swarm, args, { title: vscode.l10n.t('Node to label'), none: vscode.l10n.t('No node to label.') });
      if (!targets.length) return;
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Label {0}', targets.map((n) => n.hostname).join(', ')), prompt: vscode.l10n.t('key=value (placement constraints read node.labels.key)'), validateInput: (v) => { const p = parseLabel(v); return 'reason' in p ? p.reason : undefined; } });
      if (!text) return;
      const p = parseLabel(text);
      if ('reason' in p) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm.setNodeLabels(n.id, { [p.key]: p.value }));
      reportFailures(ctx, { one: (d) => vscode.l10n.t('Could not label {0}', d), many: (count, ds) => vscode.l10n.t('Could not label {0} nodes: {1}', count, ds) }, r.failed);
    },
    removeLabel: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const [n] = await nodeTargets(swarm, args, { title: vscode.l10n.t('Node to remove a label from'), none: vscode.l10n.t('No node has a label to remove.') }, (x) => Object.keys(x.labels).length > 0);
      if (!n) return;
      const keys = await vscode.window.showQuickPick(Object.entries(n.labels).map(([k, v]) => ({ label: k, description: v })), { title: vscode.l10n.t('Labels to remove from {0}', n.hostname), canPickMany: true });
      if (!keys?.length) return;
      await swarm.setNodeLabels(n.id, {}, keys.map((k) => k.label));
    },
    inspect: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const n of (await nodeTargets(swarm, args, { title: vscode.l10n.t('Node to inspect'), none: vscode.l10n.t('No node to inspect.') })).slice(0, 5)) await openJson(ctx, docs, `nodes/${n.hostname}`, () => swarm.inspectNode(n.id));
    },
  };
}
