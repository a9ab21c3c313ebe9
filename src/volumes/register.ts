import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { VolumeSummary } from '../engine/models';
import { formatBytes } from '../shared/format';
import { volumeDescription } from '../explorer/format';
import { VolumeItem } from '../explorer/items';
import { ReadOnlyDocuments, openJson } from '../ui/documents';
import { askNewName, confirmEach, confirmPrune, listNames, PickTexts, targetsOrPick } from '../ui/pick';
import { validateVolumeName } from '../shared/validate';

const isVolumeItem = (x: unknown): x is VolumeItem => x instanceof VolumeItem;

async function volumeTargets(engine: Engine, args: unknown[], texts: PickTexts, many = true): Promise<VolumeSummary[]> {
  return targetsOrPick(args, isVolumeItem, (i) => i.volume,
    async () => (await engine.listVolumes()).map((v) => ({ label: v.name, description: volumeDescription(v), value: v })), texts, many);
}

export function registerVolumes(ctx: Ctx, docs: ReadOnlyDocuments): void {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  ctx.registerEngineCommands({
    'dockyard.volume.create': async (engine: Engine) => {
      const name = await askNewName({
        title: vscode.l10n.t('Create volume'),
        prompt: vscode.l10n.t('Volume name'),
        validate: validateVolumeName,
        taken: (await engine.listVolumes()).map((v) => v.name),
        exists: (v) => vscode.l10n.t('Volume {0} already exists.', v),
      });
      if (!name) return;
      await engine.createVolume(name);
    },

    'dockyard.volume.remove': async (engine: Engine, ...args: unknown[]) => {
      const targets = await volumeTargets(engine, args, { title: vscode.l10n.t('Volume to remove'), none: vscode.l10n.t('No volume to remove.') });
      if (!targets.length) return;
      const inUse = targets.filter((v) => v.usedBy.length);
      if (inUse.length === targets.length) {
        void vscode.window.showErrorMessage(inUse.map((v) => (v.usedBy.length > 1 ? vscode.l10n.t('Volume {0} is in use by {1} — remove those containers first.', v.name, v.usedBy.join(', ')) : vscode.l10n.t('Volume {0} is in use by {1} — remove that container first.', v.name, v.usedBy.join(', ')))).join(' '));
        return;
      }
      const free = targets.filter((v) => !v.usedBy.length);
      const detail = [
        vscode.l10n.t('Its data is deleted and cannot be recovered.'),
        inUse.length ? vscode.l10n.t('Skipped, in use: {0}.', inUse.map((v) => vscode.l10n.t('{0} (by {1})', v.name, v.usedBy.join(', '))).join(', ')) : undefined,
      ].filter(Boolean).join('\n');
      const message = free.length === 1 ? vscode.l10n.t('Remove volume {0}?', free[0].name) : vscode.l10n.t('Remove {0} volumes?', free.length);
      await confirmEach(ctx, ask(), free, {
        question: message, detail, button: vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} volumes: {1}', count, ds) },
      }, (v) => v.name, (v) => engine.removeVolume(v.name));
    },

    'dockyard.volume.inspect': async (engine: Engine, ...args: unknown[]) => {
      for (const v of await volumeTargets(engine, args, { title: vscode.l10n.t('Volume to inspect'), none: vscode.l10n.t('No volume to inspect.') }, false)) await openJson(ctx, docs, `volumes/${v.name}`, () => engine.inspectVolume(v.name));
    },

    'dockyard.volumes.prune': async (engine: Engine) => {
      const unused = (await engine.listVolumes()).filter((v) => !v.usedBy.length);
      await confirmPrune(ask(), unused, {
        none: vscode.l10n.t('There are no unused volumes to prune.'),
        question: (list) => (list.length === 1 ? vscode.l10n.t('Remove 1 unused volume? Its data is deleted.') : vscode.l10n.t('Remove {0} unused volumes? Their data is deleted.', list.length)),
        detail: (list) => listNames(list.map((v) => v.name)),
        done: (r) => (r.deleted.length === 1 ? vscode.l10n.t('Removed 1 volume, reclaimed {0}.', formatBytes(r.spaceReclaimed)) : vscode.l10n.t('Removed {0} volumes, reclaimed {1}.', r.deleted.length, formatBytes(r.spaceReclaimed))),
      }, () => engine.pruneVolumes());
    },
  });
}
