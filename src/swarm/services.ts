// The commands on services and their tasks: scale, update, roll back, restart, remove, logs,
// inspect; a task's logs, shell and inspect.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { openExecShell, openLogs } from '../terminals/open';
import { openSessionTerminal } from '../terminals/pty';
import { introBanner } from '../terminals/session/banner';
import { ServiceLogsSession } from '../terminals/session/serviceLogs';
import { openJson, ReadOnlyDocuments } from '../ui/documents';
import { confirm, confirmEach, treeTargets } from '../ui/pick';
import { validateReference } from '../shared/reference';
import { isSwarmItem, SwarmItem } from './items';
import { swarmOf, SwarmState } from './state';
import { localTasks, serviceTargets } from './targets';
import { followUpdate } from './update';
import { validateReplicas } from './validate';

/** What the swarm commands share: the Ctx, the read-only documents and the swarm state. */
export interface SwarmDeps {
  ctx: Ctx;
  docs: ReadOnlyDocuments;
  state: SwarmState;
  /** Asks before the docker CLI runs against an engine the workspace chose (it sends that engine the CLI's registry logins). */
  confirmCliEngine: (engineHost: string | undefined, tool: string) => Promise<void>;
}

export function serviceCommands({ ctx, docs, state }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  return {
    scale: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const [s] = await serviceTargets(swarm, args, { title: vscode.l10n.t('Service to scale'), none: vscode.l10n.t('No replicated service to scale.') }, false, (x) => x.mode === 'replicated');
      if (!s) return;
      if (s.mode !== 'replicated') throw new Error(vscode.l10n.t('Service {0} is {1}: only replicated services have a replica count.', s.name, s.mode));
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Scale {0}', s.name), prompt: vscode.l10n.t('Replicas (now {0})', s.replicas ?? 0), value: String(s.replicas ?? 1), validateInput: validateReplicas });
      if (text === undefined) return;
      await swarm.scale(s.id, Number(text.trim()));
    },
    updateImage: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const [s] = await serviceTargets(swarm, args, { title: vscode.l10n.t('Service to update'), none: vscode.l10n.t('No service to update.') }, false);
      if (!s) return;
      const image = await vscode.window.showInputBox({ title: vscode.l10n.t('Update {0} to image', s.name), value: s.image, prompt: vscode.l10n.t('Tasks are replaced one batch at a time (the service\'s update settings); a failure pauses the update.'), validateInput: (v) => validateReference(v.trim(), { allowDigest: true }) });
      if (!image || image.trim() === s.image) return;
      const warnings = await swarm.updateImage(s.id, image.trim());
      for (const w of warnings) ctx.log.warn(`Service ${s.name}: ${w}`);
      await followUpdate(ctx, state, s, vscode.l10n.t('Updating {0} to {1}', s.name, image.trim()));
    },
    rollback: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const [s] = await serviceTargets(swarm, args, { title: vscode.l10n.t('Service to roll back'), none: vscode.l10n.t('No service to roll back.') }, false, (x) => x.hasPrevious);
      if (!s) return;
      if (!(await confirm(ask(), vscode.l10n.t('Roll {0} back to its previous version?', s.name), vscode.l10n.t('Its tasks are replaced with the previous image and settings.'), vscode.l10n.t('Roll Back')))) return;
      await swarm.rollback(s.id);
      await followUpdate(ctx, state, s, vscode.l10n.t('Rolling back {0}', s.name));
    },
    restart: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await serviceTargets(swarm, args, { title: vscode.l10n.t('Service to restart'), none: vscode.l10n.t('No service to restart.') });
      await confirmEach(ctx, ask(), targets, {
        question: targets.length === 1 ? vscode.l10n.t('Restart every task of {0}?', targets[0].name) : vscode.l10n.t('Restart the tasks of {0} services?', targets.length),
        detail: vscode.l10n.t('A forced update replaces the tasks one batch at a time.'),
        button: vscode.l10n.t('Restart'),
        failed: { one: (d) => vscode.l10n.t('Could not restart {0}', d), many: (count, ds) => vscode.l10n.t('Could not restart {0} services: {1}', count, ds) },
      }, (s) => s.name, (s) => swarm.forceUpdate(s.id));
    },
    remove: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await serviceTargets(swarm, args, { title: vscode.l10n.t('Service to remove'), none: vscode.l10n.t('No service to remove.') });
      await confirmEach(ctx, ask(), targets, {
        question: targets.length === 1 ? vscode.l10n.t('Remove service {0}?', targets[0].name) : vscode.l10n.t('Remove {0} services?', targets.length),
        detail: vscode.l10n.t('Its tasks are stopped and removed: {0}', targets.map((s) => s.name).join(', ')),
        button: vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} services: {1}', count, ds) },
      }, (s) => s.name, (s) => swarm.removeService(s.id));
    },
    logs: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const s of await serviceTargets(swarm, args, { title: vscode.l10n.t('Service whose logs to show'), none: vscode.l10n.t('No service whose logs to show.') }, false)) {
        const session = new ServiceLogsSession(swarm, s.id, { tail: ctx.setting<number>('logs.tail', 1000), timestamps: ctx.setting('logs.timestamps', false) });
        openSessionTerminal(ctx, vscode.l10n.t('logs: {0}', s.name), session, { icon: 'output', intro: introBanner([vscode.l10n.t('docker service logs -f {0} (all tasks, merged)', s.name)]) });
      }
    },
    inspect: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const s of await serviceTargets(swarm, args, { title: vscode.l10n.t('Service to inspect'), none: vscode.l10n.t('No service to inspect.') }, false)) await openJson(ctx, docs, `services/${s.name}`, () => swarm.inspectService(s.id));
    },
    taskLogs: async (engine: Engine, ...args: unknown[]) => {
      for (const i of localTasks(state, args)) openLogs(ctx, engine, { id: i.row.task!.containerId!, name: i.row.label });
    },
    taskShell: async (engine: Engine, ...args: unknown[]) => {
      for (const i of localTasks(state, args)) await openExecShell(ctx, engine, { id: i.row.task!.containerId!, name: i.row.label });
    },
    taskInspect: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const i of treeTargets(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'task')) await openJson(ctx, docs, `tasks/${i.row.label}`, () => swarm.inspectTask(i.row.task!.id));
    },
  };
}
