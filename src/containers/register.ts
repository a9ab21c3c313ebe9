// Container commands: the lifecycle, rename, remove, inspect, copy, prune, commit, top and copying
// files in and out. (Terminals on containers are in src/terminals/.)
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ContainerState } from '../engine/models';
import { formatBytes } from '../shared/format';
import type { Explorer } from '../explorer/register';
import { containerTargets } from '../explorer/targets';
import { commitHandlers } from './commit';
import { containerToolHandlers } from './tools';
import { ReadOnlyDocuments, openJson } from '../ui/documents';
import { confirm, forEachTarget, reportFailures } from '../ui/pick';
import { validateContainerName } from '../shared/validate';

function report(ctx: Ctx, verb: string, result: { failed: string[] }): void {
  reportFailures(ctx, verb, vscode.l10n.t('containers'), result.failed);
}

function lifecycle(ctx: Ctx, verb: string, states: ContainerState[], act: (engine: Engine, id: string) => Promise<void>) {
  return async (engine: Engine, ...args: unknown[]) => {
    const targets = await containerTargets(engine, args, verb, states);
    if (!targets.length) return;
    await vscode.window.withProgress(
      { location: { viewId: 'dockyard.containers' }, title: targets.length === 1 ? vscode.l10n.t('{0} {1}', verb, targets[0].name) : vscode.l10n.t('{0} {1} containers', verb, targets.length) },
      async () => report(ctx, verb, await forEachTarget(targets, (c) => c.name, (c) => act(engine, c.id))),
    );
  };
}

export function registerContainers(ctx: Ctx, docs: ReadOnlyDocuments, explorer: Explorer): void {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  const commit = commitHandlers(ctx, explorer);
  const tools = containerToolHandlers(docs);
  ctx.registerEngineCommands({
    'dockyard.container.start': lifecycle(ctx, vscode.l10n.t('start'), ['created', 'exited', 'dead'], (engine, id) => engine.startContainer(id)),
    'dockyard.container.stop': lifecycle(ctx, vscode.l10n.t('stop'), ['running', 'paused', 'restarting'], (engine, id) => engine.stopContainer(id)),
    'dockyard.container.restart': lifecycle(ctx, vscode.l10n.t('restart'), ['running', 'exited', 'restarting', 'created'], (engine, id) => engine.restartContainer(id)),
    'dockyard.container.pause': lifecycle(ctx, vscode.l10n.t('pause'), ['running'], (engine, id) => engine.pauseContainer(id)),
    'dockyard.container.unpause': lifecycle(ctx, vscode.l10n.t('unpause'), ['paused'], (engine, id) => engine.unpauseContainer(id)),
    'dockyard.container.kill': lifecycle(ctx, vscode.l10n.t('kill'), ['running', 'paused', 'restarting'], (engine, id) => engine.killContainer(id)),

    'dockyard.container.rename': async (engine: Engine, ...args: unknown[]) => {
      const [target] = await containerTargets(engine, args, vscode.l10n.t('rename'), undefined, false);
      if (!target) return;
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename {0}', target.name),
        value: target.name,
        valueSelection: [0, target.name.length],
        validateInput: (v) => (v === target.name ? vscode.l10n.t('Type a new name.') : validateContainerName(v)),
      });
      if (!name) return;
      await engine.renameContainer(target.id, name);
    },

    'dockyard.container.remove': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, vscode.l10n.t('remove'));
      if (!targets.length) return;
      const running = targets.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
      const names = targets.map((c) => c.name).join(', ');
      const message = targets.length === 1 ? vscode.l10n.t('Remove container {0}?', names) : vscode.l10n.t('Remove {0} containers?', targets.length);
      const detail = [
        targets.length > 1 ? names : undefined,
        running.length ? (running.length === targets.length && targets.length === 1 ? vscode.l10n.t('It is running and will be killed (force).') : running.length === 1 ? vscode.l10n.t('{0} is running and will be killed (force).', running[0].name) : vscode.l10n.t('{0} are running and will be killed (force).', running.map((c) => c.name).join(', '))) : undefined,
        vscode.l10n.t('Its writable layer is deleted; named volumes are kept.'),
      ].filter(Boolean).join('\n');
      if (!(await confirm(ask(), message, detail, running.length ? vscode.l10n.t('Force Remove') : vscode.l10n.t('Remove')))) return;
      report(ctx, vscode.l10n.t('remove'), await forEachTarget(targets, (c) => c.name, (c) => engine.removeContainer(c.id, { force: running.includes(c) })));
    },

    'dockyard.container.inspect': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, vscode.l10n.t('inspect'), undefined, false);
      for (const c of targets) await openJson(ctx, docs, `containers/${c.name}`, () => engine.inspectContainer(c.id));
    },

    'dockyard.container.copyId': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, vscode.l10n.t('copy the ID of'));
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((c) => c.id).join('\n'));
    },

    'dockyard.container.copyName': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, vscode.l10n.t('copy the name of'));
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((c) => c.name).join('\n'));
    },

    'dockyard.containers.prune': async (engine: Engine) => {
      const stopped = (await engine.listContainers()).filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead');
      if (!stopped.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('There are no stopped containers to prune.'));
        return;
      }
      const names = stopped.slice(0, 10).map((c) => c.name).join(', ') + (stopped.length > 10 ? `, and ${stopped.length - 10} more` : '');
      const message = stopped.length === 1 ? vscode.l10n.t('Remove the stopped container {0}?', stopped[0].name) : vscode.l10n.t('Remove all {0} stopped containers?', stopped.length);
      if (!(await confirm(ask(), message, stopped.length === 1 ? undefined : names, vscode.l10n.t('Prune')))) return;
      const r = await engine.pruneContainers();
      void vscode.window.showInformationMessage(r.deleted.length === 1 ? vscode.l10n.t('Removed 1 container, reclaimed {0}.', formatBytes(r.spaceReclaimed)) : vscode.l10n.t('Removed {0} containers, reclaimed {1}.', r.deleted.length, formatBytes(r.spaceReclaimed)));
    },

    'dockyard.container.commit': commit.commit,
    'dockyard.container.top': tools.top,
    'dockyard.container.copyFrom': tools.copyFrom,
    'dockyard.container.copyTo': tools.copyTo,
  });
}
