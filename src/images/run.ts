// Run an image: the form, or one click with defaults; -it opens a terminal attached to it.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { createContainer, imageRunDefaults } from '../engine/run';
import { ContainerItem } from '../explorer/items';
import { runForm } from './runForm';
import { buildCreateSpec, CreateSpec, RunChoices, storableRunChoices } from '../engine/runOptions';
import type { Explorer } from '../explorer/register';
import { imageTargets } from '../explorer/targets';
import { openAttach } from '../terminals/open';

const SHELLS = /(^|\/)(sh|bash|ash|zsh|dash|fish)$/;

function lastKey(ref: string): string {
  return `dockyard.run.last.${ref}`;
}

/** Creates and starts (or attaches and starts) the container, then reveals it. */
export async function runSpec(ctx: Ctx, engine: Engine, explorer: Explorer, spec: CreateSpec, detached: boolean): Promise<{ id: string; name: string }> {
  const created = await createContainer(engine, spec);
  if (detached) {
    await engine.startContainer(created.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('Started {0} from {1}.', created.name, spec.Image));
  } else {
    openAttach(ctx, engine, created, { startAfterAttach: true });
  }
  void explorer.trees.containers.reveal((i) => i instanceof ContainerItem && i.container.id === created.id, { engine });
  return created;
}

/** "Run with defaults": the last choices for this image, else -it --rm for a shell image, else -d. */
export function defaultChoices(ref: string, last: RunChoices | undefined, cmd: string[], entrypoint: string[]): RunChoices {
  if (last) return { ...last, image: ref, name: undefined };
  const interactive = !entrypoint.length && cmd.length > 0 && SHELLS.test(cmd[0]);
  return { image: ref, detached: !interactive, remove: interactive, ports: [], publishAll: !interactive, volumes: [], volumesFrom: [], env: [] };
}

export function runHandlers(ctx: Ctx, explorer: Explorer) {
  const state = ctx.extension.globalState;
  // Read through storableRunChoices too: scrubs what an earlier version stored.
  const lastOf = (ref: string): RunChoices | undefined => {
    const l = state.get<RunChoices>(lastKey(ref));
    return l ? storableRunChoices(l) : undefined;
  };
  const refOf = (t: { ref: string; image: { id: string; dangling: boolean } }) => (t.image.dangling ? t.image.id : t.ref);
  return {
    run: async (engine: Engine, ...args: unknown[]) => {
      const [t] = await imageTargets(engine, args, { title: vscode.l10n.t('Image to run'), none: vscode.l10n.t('No image to run.') }, false);
      if (!t) return;
      const ref = refOf(t);
      const defaults = await imageRunDefaults(engine, ref);
      const answered = await runForm(ref, lastOf(ref), [...defaults.entrypoint, ...defaults.cmd]);
      if (!answered) return;
      await state.update(lastKey(ref), storableRunChoices(answered.choices));
      await runSpec(ctx, engine, explorer, answered.spec, answered.choices.detached);
    },

    runWithDefaults: async (engine: Engine, ...args: unknown[]) => {
      const [t] = await imageTargets(engine, args, { title: vscode.l10n.t('Image to run'), none: vscode.l10n.t('No image to run.') }, false);
      if (!t) return;
      const ref = refOf(t);
      const d = await imageRunDefaults(engine, ref);
      const choices = defaultChoices(ref, lastOf(ref), d.cmd, d.entrypoint);
      const built = buildCreateSpec(choices);
      if (!built.ok) throw new Error(built.reason);
      await runSpec(ctx, engine, explorer, built.value, choices.detached);
    },

    runInteractive: async (engine: Engine, ...args: unknown[]) => {
      const [t] = await imageTargets(engine, args, { title: vscode.l10n.t('Image to run'), none: vscode.l10n.t('No image to run.') }, false);
      if (!t) return;
      const built = buildCreateSpec({ image: refOf(t), detached: false, remove: true, ports: [], publishAll: false, volumes: [], volumesFrom: [], env: [] });
      if (!built.ok) throw new Error(built.reason);
      await runSpec(ctx, engine, explorer, built.value, false);
    },
  };
}
