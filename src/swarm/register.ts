// Docker Swarm: the Services, Nodes, Secrets and Configs views (shown while the engine is a swarm
// manager, live from its events) and every swarm command, each id written out beside its handler.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { needsTaskSettle, swarmViewsAffectedBy, SwarmViewKind, TASK_SETTLE_MS } from '../engine/swarmModel';
import { Debouncer } from '../explorer/refresh';
import { ResourceTree } from '../explorer/resourceTree';
import { ReadOnlyDocuments } from '../ui/documents';
import { membershipCommands } from './membership';
import { nodeCommands } from './nodes';
import { secretAndConfigCommands } from './objects';
import { serviceCommands, SwarmDeps } from './services';
import { stackCommands } from './stacks';
import { SwarmState } from './state';
import { ConfigsTree, NodesTree, SecretsTree, ServicesTree } from './trees';

export interface SwarmViews {
  readonly state: SwarmState;
  readonly trees: Record<SwarmViewKind, ResourceTree>;
}

export function registerSwarm(ctx: Ctx, docs: ReadOnlyDocuments, confirmCliEngine: SwarmDeps['confirmCliEngine']): SwarmViews {
  const state = ctx.own(new SwarmState(ctx.connection, ctx.log));
  const trees: Record<SwarmViewKind, ResourceTree> = {
    services: ctx.own(new ServicesTree(ctx, 'services', state)),
    nodes: ctx.own(new NodesTree(ctx, 'nodes', state)),
    secrets: ctx.own(new SecretsTree(ctx, 'secrets', state)),
    configs: ctx.own(new ConfigsTree(ctx, 'configs', state)),
  };
  // Live from the engine's events (service/node/secret/config, and task containers); a view
  // that is hidden (not a manager, collapsed) is not read at all.
  const debounce = new Debouncer<SwarmViewKind>(() => ctx.setting('explorer.refreshDebounceMs', 50), (kind) => trees[kind].refresh());
  ctx.own({ dispose: () => debounce.dispose() });
  const settles = new Set<NodeJS.Timeout>();
  ctx.own({ dispose: () => { for (const s of settles) clearTimeout(s); } });
  ctx.own(ctx.connection.onDidEvent((ev) => {
    if (!state.isManager) return;
    for (const kind of swarmViewsAffectedBy(ev)) debounce.trigger(kind);
    if (needsTaskSettle(ev)) {
      const timer = setTimeout(() => { settles.delete(timer); debounce.trigger('services'); }, TASK_SETTLE_MS);
      settles.add(timer);
    }
  }));
  ctx.own(ctx.connection.onDidRequestRefresh(() => { for (const tree of Object.values(trees)) tree.refresh(); }));
  ctx.own(state.onDidChange(() => { for (const tree of Object.values(trees)) tree.refresh(); }));

  const deps: SwarmDeps = { ctx, docs, state, confirmCliEngine };
  const services = serviceCommands(deps);
  const nodes = nodeCommands(deps);
  const objects = secretAndConfigCommands(deps);
  const stacks = stackCommands(deps);
  const membership = membershipCommands(deps);

  ctx.registerCommands({
    'dockyard.services.refresh': () => trees.services.refresh(),
    'dockyard.services.filter': async () => {
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter services'), prompt: vscode.l10n.t('Show services whose name, image or stack contains…'), value: trees.services.filter });
      if (text !== undefined) trees.services.setFilter(text);
    },
    'dockyard.services.clearFilter': () => trees.services.setFilter(''),
    'dockyard.nodes.refresh': () => trees.nodes.refresh(),
    'dockyard.secrets.refresh': () => trees.secrets.refresh(),
    'dockyard.configs.refresh': () => trees.configs.refresh(),
  });

  // The swarm views follow the active engine: from the palette, commands act on it.
  ctx.registerEngineCommands({
    'dockyard.service.scale': services.scale,
    'dockyard.service.updateImage': services.updateImage,
    'dockyard.service.rollback': services.rollback,
    'dockyard.service.restart': services.restart,
    'dockyard.service.remove': services.remove,
    'dockyard.service.logs': services.logs,
    'dockyard.service.inspect': services.inspect,
    'dockyard.task.logs': services.taskLogs,
    'dockyard.task.shell': services.taskShell,
    'dockyard.task.inspect': services.taskInspect,

    'dockyard.node.drain': nodes.drain,
    'dockyard.node.activate': nodes.activate,
    'dockyard.node.pause': nodes.pause,
    'dockyard.node.promote': nodes.promote,
    'dockyard.node.demote': nodes.demote,
    'dockyard.node.addLabel': nodes.addLabel,
    'dockyard.node.removeLabel': nodes.removeLabel,
    'dockyard.node.inspect': nodes.inspect,

    'dockyard.secret.create': objects.createSecret,
    'dockyard.secret.remove': objects.removeSecret,
    'dockyard.secret.inspect': objects.inspectSecret,
    'dockyard.config.create': objects.createConfig,
    'dockyard.config.remove': objects.removeConfig,
    'dockyard.config.inspect': objects.inspectConfig,

    'dockyard.stack.deploy': stacks.deploy,
    'dockyard.stack.remove': stacks.remove,

    'dockyard.swarm.init': membership.init,
    'dockyard.swarm.leave': membership.leave,
  }, 'active');

  return { state, trees };
}
