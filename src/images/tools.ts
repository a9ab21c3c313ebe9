// Tag, history, digests and "images since": image commands that read or name images.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { imageHistory, imagesSince } from '../engine/images';
import { ImageTagItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { imageTargets } from '../explorer/targets';
import { formatAge, formatBytes, textTable } from '../shared/format';
import { splitRepoTag, validateReference } from '../shared/reference';
import { ReadOnlyDocuments } from '../ui/documents';
import { matchesImageRef } from '../shared/refMatch';

export function imageToolHandlers(ctx: Ctx, docs: ReadOnlyDocuments, explorer: Explorer) {
  const askRef = async (title: string, value: string, prompt: string): Promise<string | undefined> =>
    (await vscode.window.showInputBox({ title, value, prompt, ignoreFocusOut: true, validateInput: (v) => validateReference(v.trim()) }))?.trim();
  return {
    tag: async (engine: Engine, ...args: unknown[]) => {
      const [t] = await imageTargets(engine, args, { title: vscode.l10n.t('Image to tag'), none: vscode.l10n.t('No image to tag.') }, false);
      if (!t) return;
      const ref = await askRef(vscode.l10n.t('Tag {0}', t.image.dangling ? t.image.id.slice(7, 19) : t.ref), t.image.dangling ? '' : t.ref, vscode.l10n.t('New reference, e.g. registry.example.com:5000/team/app:1.2'));
      if (!ref) return;
      const { repo, tag } = splitRepoTag(ref);
      await engine.tagImage(t.image.id, repo, tag);
      void explorer.trees.images.reveal((i) => i instanceof ImageTagItem && matchesImageRef(`${repo}:${tag}`, i), { engine });
    },

    history: async (engine: Engine, ...args: unknown[]) => {
      for (const t of await imageTargets(engine, args, { title: vscode.l10n.t('Image whose history to show'), none: vscode.l10n.t('No image whose history to show.') }, false)) {
        await docs.open(`images/${t.ref.replace(/[/:@]/g, '_')}.history.txt`, async () => {
          const h = await imageHistory(engine, t.image.id);
          const rows = h.map((x) => [x.id === '<missing>' ? '<missing>' : x.id.replace(/^sha256:/, '').slice(0, 12), formatAge(x.created), formatBytes(x.size), x.comment, x.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/\s+/g, ' ')]);
          return `${vscode.l10n.t('History of {0} ({1})', t.ref, t.image.id)}\n\n${textTable(['IMAGE', 'CREATED', 'SIZE', 'COMMENT', 'CREATED BY'], rows)}`;
        });
      }
    },

    digests: async (engine: Engine, ...args: unknown[]) => {
      const fromTree = args[0] instanceof ImageTagItem;
      const images = fromTree ? (await imageTargets(engine, args, { title: vscode.l10n.t('Image whose digests to show'), none: vscode.l10n.t('No image whose digests to show.') }, true)).map((t) => t.image) : await engine.listImages();
      await docs.open(fromTree ? `images/digests-${images[0]?.id.slice(7, 19)}.txt` : 'images/digests.txt', async () => {
        const fresh = fromTree ? (await engine.listImages()).filter((i) => images.some((x) => x.id === i.id)) : await engine.listImages();
        const rows = fresh.flatMap((i) => {
          const tags = i.repoTags.length ? i.repoTags : ['<none>:<none>'];
          return tags.map((rt) => {
            const [repo, tag] = [rt.slice(0, rt.lastIndexOf(':')), rt.slice(rt.lastIndexOf(':') + 1)];
            const digest = i.repoDigests.find((d) => d.startsWith(`${repo}@`))?.split('@')[1] ?? '<none>';
            return [repo, tag, digest, i.id, formatAge(i.created), formatBytes(i.size)];
          });
        });
        return textTable(['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'], rows);
      });
    },

    since: async (engine: Engine, ...args: unknown[]) => {
      const [t] = await imageTargets(engine, args, { title: vscode.l10n.t('Image to compare with'), none: vscode.l10n.t('No image to compare with.') }, false);
      if (!t) return;
      const newer = await imagesSince(engine, t.image.id);
      if (!newer.length) { void vscode.window.showInformationMessage(vscode.l10n.t('No image was created after {0}.', t.ref)); return; }
      const pick = await vscode.window.showQuickPick(newer.flatMap((i) => (i.repoTags.length ? i.repoTags : [i.id]).map((r) => ({
        label: r.startsWith('sha256:') ? `<none> ${r.slice(7, 19)}` : r, description: `${formatAge(i.created)} · ${formatBytes(i.size)}`, value: r,
      }))), { title: vscode.l10n.t('Images created since {0} ({1})', t.ref, newer.length), placeHolder: vscode.l10n.t('Pick one to reveal it in the Images view') });
      if (pick) void explorer.trees.images.reveal((i) => i instanceof ImageTagItem && matchesImageRef(pick.value, i), { engine });
    },
  };
}
