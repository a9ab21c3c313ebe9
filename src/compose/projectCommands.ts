// Start / Stop / Restart / Down / Logs on a compose project group in the Containers tree (or a
// project picked among those with containers).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ComposeProjectItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { openSessionTerminal } from '../terminals/pty';
import { failureMessage, FailureTexts, forEachTarget } from '../ui/pick';
import { ProjectLogsSession } from './projectLogs';
import { ComposeRunner, requireComposeTrust } from './runner';

export function composeProjectCommands(ctx: Ctx, runner: ComposeRunner, explorer: Explorer) {
  /** A project group in the Containers tree, or a pick among the running projects. */
  const projectTarget = async (args: unknown[]): Promise<ComposeProjectItem | undefined> => {
    const [first] = args;
    if (first instanceof ComposeProjectItem) return first;
    const groups = (explorer.trees.containers.items()).filter((i): i is ComposeProjectItem => i instanceof ComposeProjectItem);
    if (!groups.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No compose project has containers on this engine.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(groups.map((g) => ({ label: g.project, description: String(g.description ?? ''), g })), { title: vscode.l10n.t('Compose project') });
    return picked?.g;
  };

  const each = async (item: ComposeProjectItem, failed: FailureTexts, act: (id: string) => Promise<void>) => {
    const r = await forEachTarget(item.containers, (c) => c.container.name, (c) => act(c.container.id));
    const message = failureMessage(failed, r.failed);
    if (message) throw new Error(message);
  };

  return {
    start: async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (item) await each(item, { one: (d) => vscode.l10n.t('Could not start {0}', d), many: (count, ds) => vscode.l10n.t('Could not start {0} containers: {1}', count, ds) }, (id) => engine.startContainer(id));
    },
    stop: async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (item) await each(item, { one: (d) => vscode.l10n.t('Could not stop {0}', d), many: (count, ds) => vscode.l10n.t('Could not stop {0} containers: {1}', count, ds) }, (id) => engine.stopContainer(id));
    },
    restart: async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (item) await each(item, { one: (d) => vscode.l10n.t('Could not restart {0}', d), many: (count, ds) => vscode.l10n.t('Could not restart {0} containers: {1}', count, ds) }, (id) => engine.restartContainer(id));
    },
    down: async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (!item) return;
      requireComposeTrust();
      if (ctx.setting('confirmDestructiveActions', true)) {
        const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Take compose project {0} down?', item.project), { modal: true, detail: item.containers.length === 1 ? vscode.l10n.t('Stops and removes its container and its networks.') : vscode.l10n.t('Stops and removes its {0} containers and its networks.', item.containers.length) }, vscode.l10n.t('Down'));
        if (ok !== vscode.l10n.t('Down')) return;
      }
      if (await runner.projectCli(engine, item, 'down', { verb: 'down' })) return;
      // The files are not here (another machine, moved): remove the containers through the API.
      await each(item, { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} containers: {1}', count, ds) }, (id) => engine.removeContainer(id, { force: true }));
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed the containers of {0} (its compose files are not on this machine, so its networks stay).', item.project));
    },
    logs: async (engine: Engine, ...args: unknown[]) => {
      // Over the Engine API: no compose CLI, no files needed, works in untrusted workspaces.
      const item = await projectTarget(args);
      if (!item) return;
      const session = new ProjectLogsSession(engine, item.project, { tail: ctx.setting('compose.logsTail', 200), timestamps: ctx.setting('logs.timestamps', false) });
      openSessionTerminal(ctx, vscode.l10n.t('Logs {0}', item.project), session, { icon: 'layers' });
    },
  };
}
