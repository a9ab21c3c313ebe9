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
import { confirmEach, confirmPrune, FailureTexts, forEachTarget, listNames, PickTexts, reportFailures } from '../ui/pick';
import { validateContainerName } from '../shared/validate';

/** The sentences of a lifecycle action (start, stop, …), each whole so that it translates as written. */
interface LifecycleTexts {
  pick: PickTexts;
  /** The progress title for one container ("Starting web") and for several ("Starting 3 containers"). */
  progressOne(name: string): string;
  progressMany(count: number): string;
  failed: FailureTexts;
}

function lifecycle(ctx: Ctx, texts: LifecycleTexts, states: ContainerState[], act: (engine: Engine, id: string) => Promise<void>) {
  return async (engine: Engine, ...args: unknown[]) => {
    const targets = await containerTargets(engine, args, texts.pick, states);
    if (!targets.length) return;
    await vscode.window.withProgress(
      { location: { viewId: 'dockyard.containers' }, title: targets.length === 1 ? texts.progressOne(targets[0].name) : texts.progressMany(targets.length) },
      async () => reportFailures(ctx, texts.failed, (await forEachTarget(targets, (c) => c.name, (c) => act(engine, c.id))).failed),
    );
  };
}

/** Each lifecycle action's sentences. */
function lifecycleTexts(): Record<'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill', LifecycleTexts> {
  return {
    start: {
      pick: { title: vscode.l10n.t('Container to start'), none: vscode.l10n.t('No container to start.') },
      progressOne: (name) => vscode.l10n.t('Starting {0}', name),
      progressMany: (count) => vscode.l10n.t('Starting {0} containers', count),
      failed: { one: (d) => vscode.l10n.t('Could not start {0}', d), many: (count, ds) => vscode.l10n.t('Could not start {0} containers: {1}', count, ds) },
    },
    stop: {
      pick: { title: vscode.l10n.t('Container to stop'), none: vscode.l10n.t('No container to stop.') },
      progressOne: (name) => vscode.l10n.t('Stopping {0}', name),
      progressMany: (count) => vscode.l10n.t('Stopping {0} containers', count),
      failed: { one: (d) => vscode.l10n.t('Could not stop {0}', d), many: (count, ds) => vscode.l10n.t('Could not stop {0} containers: {1}', count, ds) },
    },
    restart: {
      pick: { title: vscode.l10n.t('Container to restart'), none: vscode.l10n.t('No container to restart.') },
      progressOne: (name) => vscode.l10n.t('Restarting {0}', name),
      progressMany: (count) => vscode.l10n.t('Restarting {0} containers', count),
      failed: { one: (d) => vscode.l10n.t('Could not restart {0}', d), many: (count, ds) => vscode.l10n.t('Could not restart {0} containers: {1}', count, ds) },
    },
    pause: {
      pick: { title: vscode.l10n.t('Container to pause'), none: vscode.l10n.t('No container to pause.') },
      progressOne: (name) => vscode.l10n.t('Pausing {0}', name),
      progressMany: (count) => vscode.l10n.t('Pausing {0} containers', count),
      failed: { one: (d) => vscode.l10n.t('Could not pause {0}', d), many: (count, ds) => vscode.l10n.t('Could not pause {0} containers: {1}', count, ds) },
    },
    unpause: {
      pick: { title: vscode.l10n.t('Container to unpause'), none: vscode.l10n.t('No container to unpause.') },
      progressOne: (name) => vscode.l10n.t('Unpausing {0}', name),
      progressMany: (count) => vscode.l10n.t('Unpausing {0} containers', count),
      failed: { one: (d) => vscode.l10n.t('Could not unpause {0}', d), many: (count, ds) => vscode.l10n.t('Could not unpause {0} containers: {1}', count, ds) },
    },
    kill: {
      pick: { title: vscode.l10n.t('Container to kill'), none: vscode.l10n.t('No container to kill.') },
      progressOne: (name) => vscode.l10n.t('Killing {0}', name),
      progressMany: (count) => vscode.l10n.t('Killing {0} containers', count),
      failed: { one: (d) => vscode.l10n.t('Could not kill {0}', d), many: (count, ds) => vscode.l10n.t('Could not kill {0} containers: {1}', count, ds) },
    },
  };
}

export function registerContainers(ctx: Ctx, docs: ReadOnlyDocuments, explorer: Explorer): void {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  const commit = commitHandlers(ctx, explorer);
  const tools = containerToolHandlers(docs);
  const life = lifecycleTexts();
  ctx.registerEngineCommands({
    'dockyard.container.start': lifecycle(ctx, life.start, ['created', 'exited', 'dead'], (engine, id) => engine.startContainer(id)),
    'dockyard.container.stop': lifecycle(ctx, life.stop, ['running', 'paused', 'restarting'], (engine, id) => engine.stopContainer(id)),
    'dockyard.container.restart': lifecycle(ctx, life.restart, ['running', 'exited', 'restarting', 'created'], (engine, id) => engine.restartContainer(id)),
    'dockyard.container.pause': lifecycle(ctx, life.pause, ['running'], (engine, id) => engine.pauseContainer(id)),
    'dockyard.container.unpause': lifecycle(ctx, life.unpause, ['paused'], (engine, id) => engine.unpauseContainer(id)),
    'dockyard.container.kill': lifecycle(ctx, life.kill, ['running', 'paused', 'restarting'], (engine, id) => engine.killContainer(id)),

    'dockyard.container.rename': async (engine: Engine, ...args: unknown[]) => {
      const [target] = await containerTargets(engine, args, { title: vscode.l10n.t('Container to rename'), none: vscode.l10n.t('No container to rename.') }, undefined, false);
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
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container to remove'), none: vscode.l10n.t('No container to remove.') });
      if (!targets.length) return;
      const running = targets.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
      const names = targets.map((c) => c.name).join(', ');
      const message = targets.length === 1 ? vscode.l10n.t('Remove container {0}?', names) : vscode.l10n.t('Remove {0} containers?', targets.length);
      const detail = [
        targets.length > 1 ? names : undefined,
        running.length ? (running.length === targets.length && targets.length === 1 ? vscode.l10n.t('It is running and will be killed (force).') : running.length === 1 ? vscode.l10n.t('{0} is running and will be killed (force).', running[0].name) : vscode.l10n.t('{0} are running and will be killed (force).', running.map((c) => c.name).join(', '))) : undefined,
        vscode.l10n.t('Its writable layer is deleted; named volumes are kept.'),
      ].filter(Boolean).join('\n');
      await confirmEach(ctx, ask(), targets, {
        question: message, detail, button: running.length ? vscode.l10n.t('Force Remove') : vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} containers: {1}', count, ds) },
      }, (c) => c.name, (c) => engine.removeContainer(c.id, { force: running.includes(c) }));
    },

    'dockyard.container.inspect': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container to inspect'), none: vscode.l10n.t('No container to inspect.') }, undefined, false);
      for (const c of targets) await openJson(ctx, docs, `containers/${c.name}`, () => engine.inspectContainer(c.id));
    },

    'dockyard.container.copyId': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container whose ID to copy'), none: vscode.l10n.t('No container whose ID to copy.') });
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((c) => c.id).join('\n'));
    },

    'dockyard.container.copyName': async (engine: Engine, ...args: unknown[]) => {
      const targets = await containerTargets(engine, args, { title: vscode.l10n.t('Container whose name to copy'), none: vscode.l10n.t('No container whose name to copy.') });
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((c) => c.name).join('\n'));
    },

    'dockyard.containers.prune': async (engine: Engine) => {
      const stopped = (await engine.listContainers()).filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead');
      await confirmPrune(ask(), stopped, {
        none: vscode.l10n.t('There are no stopped containers to prune.'),
        question: (list) => (list.length === 1 ? vscode.l10n.t('Remove the stopped container {0}?', list[0].name) : vscode.l10n.t('Remove all {0} stopped containers?', list.length)),
        detail: (list) => (list.length === 1 ? undefined : listNames(list.map((c) => c.name))),
        done: (r) => (r.deleted.length === 1 ? vscode.l10n.t('Removed 1 container, reclaimed {0}.', formatBytes(r.spaceReclaimed)) : vscode.l10n.t('Removed {0} containers, reclaimed {1}.', r.deleted.length, formatBytes(r.spaceReclaimed))),
      }, () => engine.pruneContainers());
    },

    'dockyard.container.commit': commit.commit,
    'dockyard.container.top': tools.top,
    'dockyard.container.copyFrom': tools.copyFrom,
    'dockyard.container.copyTo': tools.copyTo,
  });
}
