// Image commands: remove, inspect, copy, prune, run, tag, history, digests, images since.
// (Push and pull are in src/registries/, builds in src/imagebuild/.)
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { formatBytes } from '../shared/format';
import type { Explorer } from '../explorer/register';
import { ImageTarget, imageTargets } from '../explorer/targets';
import { runHandlers } from './run';
import { imageToolHandlers } from './tools';
import { ReadOnlyDocuments, openJson } from '../ui/documents';
import { confirmEach, confirmPrune } from '../ui/pick';

export function registerImages(ctx: Ctx, docs: ReadOnlyDocuments, explorer: Explorer): void {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  const run = runHandlers(ctx, explorer);
  const tools = imageToolHandlers(ctx, docs, explorer);
  ctx.registerEngineCommands({
    'dockyard.image.remove': async (engine: Engine, ...args: unknown[]) => {
      const targets = await imageTargets(engine, args, { title: vscode.l10n.t('Image to remove'), none: vscode.l10n.t('No image to remove.') });
      if (!targets.length) return;
      const containers = await engine.listContainers();
      const users = (t: ImageTarget) => containers.filter((c) => c.imageId === t.image.id);
      const inUse = targets.filter((t) => users(t).length > 0 && t.image.repoTags.length <= 1);
      const refs = targets.map((t) => t.ref).join(', ');
      const detail = [
        targets.length > 1 ? refs : undefined,
        inUse.length ? (inUse.flatMap(users).length === 1 ? vscode.l10n.t('Used by container {0}: the image is removed by force (the container keeps running from its layers).', [...new Set(inUse.flatMap(users).map((c) => c.name))].join(', ')) : vscode.l10n.t('Used by containers {0}: the image is removed by force (the containers keep running from its layers).', [...new Set(inUse.flatMap(users).map((c) => c.name))].join(', '))) : undefined,
        targets.some((t) => t.image.repoTags.length > 1) ? vscode.l10n.t('An image with other tags is only untagged.') : undefined,
      ].filter(Boolean).join('\n') || undefined;
      const message = targets.length === 1 ? vscode.l10n.t('Remove image {0}?', targets[0].image.dangling ? targets[0].ref.replace(/^sha256:/, '').slice(0, 12) : targets[0].ref) : vscode.l10n.t('Remove {0} images?', targets.length);
      await confirmEach(ctx, ask(), targets, {
        question: message, detail, button: inUse.length ? vscode.l10n.t('Force Remove') : vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} images: {1}', count, ds) },
      }, (t) => t.ref, (t) => engine.removeImage(t.ref, { force: inUse.includes(t) }));
    },

    'dockyard.image.inspect': async (engine: Engine, ...args: unknown[]) => {
      for (const t of await imageTargets(engine, args, { title: vscode.l10n.t('Image to inspect'), none: vscode.l10n.t('No image to inspect.') }, false)) {
        await openJson(ctx, docs, `images/${t.ref.replace(/[/:@]/g, '_')}`, () => engine.inspectImage(t.image.id));
      }
    },

    'dockyard.image.copyTag': async (engine: Engine, ...args: unknown[]) => {
      const targets = (await imageTargets(engine, args, { title: vscode.l10n.t('Image whose tag to copy'), none: vscode.l10n.t('No image whose tag to copy.') })).filter((t) => !t.image.dangling);
      if (targets.length) await vscode.env.clipboard.writeText(targets.map((t) => t.ref).join('\n'));
    },

    'dockyard.images.prune': async (engine: Engine) => {
      const dangling = (await engine.listImages()).filter((i) => i.dangling);
      const size = formatBytes(dangling.reduce((s, i) => s + i.size, 0));
      await confirmPrune(ask(), dangling, {
        none: vscode.l10n.t('There are no dangling images to prune.'),
        question: (list) => (list.length === 1 ? vscode.l10n.t('Remove 1 dangling image ({0})?', size) : vscode.l10n.t('Remove {0} dangling images ({1})?', list.length, size)),
        detail: () => vscode.l10n.t('Dangling images have no tag and are not used by any container.'),
        done: (r) => (r.deleted.length === 1 ? vscode.l10n.t('Removed 1 image, reclaimed {0}.', formatBytes(r.spaceReclaimed)) : vscode.l10n.t('Removed {0} images, reclaimed {1}.', r.deleted.length, formatBytes(r.spaceReclaimed))),
      }, () => engine.pruneImages());
    },

    'dockyard.image.run': run.run,
    'dockyard.image.runWithDefaults': run.runWithDefaults,
    'dockyard.image.runInteractive': run.runInteractive,
    'dockyard.image.tag': tools.tag,
    'dockyard.image.history': tools.history,
    'dockyard.image.digests': tools.digests,
    'dockyard.images.since': tools.since,
  });
}
