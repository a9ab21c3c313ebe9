import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ContainerState, ContainerSummary } from '../engine/models';
import { formatBytes } from '../shared/format';
import { ComposeProjectItem, ContainerItem } from '../explorer/items';
import { ReadOnlyDocuments, openJson } from '../ui/documents';
import { confirm, forEachTarget, reportFailures, targetsOrPick } from '../ui/pick';
import { validateContainerName } from '../shared/validate';

const isContainerItem = (x: unknown): x is ContainerItem => x instanceof ContainerItem;

/** The containers a command acts on: tree selection, or a quick pick of those in `states`. */
export async function containerTargets(ctx: Ctx, args: unknown[], verb: string, states?: ContainerState[], many = true): Promise<ContainerSummary[]> {
  const [clicked] = args;
  if (clicked instanceof ComposeProjectItem) return clicked.containers.map((c) => c.container);
  return targetsOrPick(args, isContainerItem, (i) => i.container, async () => (await ctx.engine.engine.listContainers())
    .filter((c) => !states || states.includes(c.state))
    .map((c) => ({ label: c.name, description: `${c.image} · ${c.status}`, value: c })), 'Container', verb, many);
}

function report(ctx: Ctx, verb: string, result: { failed: string[] }): void {
  reportFailures(ctx, verb, 'containers', result.failed);
}

function lifecycle(ctx: Ctx, verb: string, states: ContainerState[], act: (id: string) => Promise<void>) {
  return async (...args: unknown[]) => {
    const targets = await containerTargets(ctx, args, verb, states);
    if (!targets.length) return;
    await vscode.window.withProgress(
      { location: { viewId: 'dockyard.containers' }, title: `${verb} ${targets.length === 1 ? targets[0].name : `${targets.length} containers`}` },
      async () => report(ctx, verb, await forEachTarget(targets, (c) => c.name, (c) => act(c.id))),
    );
  };
}

export function containerCommands(ctx: Ctx, docs: ReadOnlyDocuments): Record<string, (...args: unknown[]) => unknown> {
  const e = () => ctx.engine.engine;
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  return {
    'dockyard.container.start': lifecycle(ctx, 'start', ['created', 'exited', 'dead'], (id) => e().startContainer(id)),
    'dockyard.container.stop': lifecycle(ctx, 'stop', ['running', 'paused', 'restarting'], (id) => e().stopContainer(id)),
    'dockyard.container.restart': lifecycle(ctx, 'restart', ['running', 'exited', 'restarting', 'created'], (id) => e().restartContainer(id)),
    'dockyard.container.pause': lifecycle(ctx, 'pause', ['running'], (id) => e().pauseContainer(id)),
    'dockyard.container.unpause': lifecycle(ctx, 'unpause', ['paused'], (id) => e().unpauseContainer(id)),
    'dockyard.container.kill': lifecycle(ctx, 'kill', ['running', 'paused', 'restarting'], (id) => e().killContainer(id)),

    'dockyard.container.rename': async (...args: unknown[]) => {
      const [target] = await containerTargets(ctx, args, 'rename', undefined, false);
      if (!target) return;
      const name = await vscode.window.showInputBox({
        title: `Rename ${target.name}`,
        value: target.name,
        valueSelection: [0, target.name.length],
        validateInput: (v) => (v === target.name ? 'Type a new name.' : validateContainerName(v)),
      });
      if (!name) return;
      await e().renameContainer(target.id, name);
    },

    'dockyard.container.remove': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'remove');
      if (!targets.length) return;
      const running = targets.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
      const names = targets.map((c) => c.name).join(', ');
      const message = targets.length === 1 ? `Remove container ${names}?` : `Remove ${targets.length} containers?`;
      const detail = [
        targets.length > 1 ? names : undefined,
        running.length ? `${running.length === targets.length && targets.length === 1 ? 'It is' : `${running.map((c) => c.name).join(', ')} ${running.length === 1 ? 'is' : 'are'}`} running and will be killed (force).` : undefined,
        'Its writable layer is deleted; named volumes are kept.',
      ].filter(Boolean).join('\n');
      if (!(await confirm(ask(), message, detail, running.length ? 'Force Remove' : 'Remove'))) return;
      report(ctx, 'remove', await forEachTarget(targets, (c) => c.name, (c) => e().removeContainer(c.id, { force: running.includes(c) })));
    },

    'dockyard.container.inspect': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'inspect', undefined, false);
      for (const c of targets) await openJson(ctx, docs, `containers/${c.name}`, () => e().inspectContainer(c.id));
    },

    'dockyard.container.copyId': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'copy the ID of');
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((c) => c.id).join('\n'));
    },

    'dockyard.container.copyName': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'copy the name of');
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((c) => c.name).join('\n'));
    },

    'dockyard.containers.prune': async () => {
      const stopped = (await e().listContainers()).filter((c) => c.state === 'exited' || c.state === 'created' || c.state === 'dead');
      if (!stopped.length) {
        void vscode.window.showInformationMessage('There are no stopped containers to prune.');
        return;
      }
      const names = stopped.slice(0, 10).map((c) => c.name).join(', ') + (stopped.length > 10 ? `, and ${stopped.length - 10} more` : '');
      const message = stopped.length === 1 ? `Remove the stopped container ${stopped[0].name}?` : `Remove all ${stopped.length} stopped containers?`;
      if (!(await confirm(ask(), message, stopped.length === 1 ? undefined : names, 'Prune'))) return;
      const r = await e().pruneContainers();
      void vscode.window.showInformationMessage(`Removed ${r.deleted.length} container${r.deleted.length === 1 ? '' : 's'}, reclaimed ${formatBytes(r.spaceReclaimed)}.`);
    },
  };
}
